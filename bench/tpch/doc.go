// Package tpch generates the TPC-H data set and holds the 22 TPC-H queries.
//
// The generator is our own, written from the TPC-H specification (revision
// 3.0): the eight tables with the specification's columns, cardinalities
// (SUPPLIER 10,000×SF, PART 200,000×SF, PARTSUPP 4 per part, CUSTOMER
// 150,000×SF, ORDERS 1,500,000×SF with the sparse order-key scheme, LINEITEM 1–7
// per order, NATION 25, REGION 5), value domains and the correlations the
// queries depend on (ship, commit and receipt dates from the order date, line
// status and return flag from the dates against CURRENTDATE 1995-06-17,
// o_orderstatus from the line statuses, o_totalprice from the lines, PS_SUPPKEY's
// supplier formula shared by LINEITEM, phone country codes from the nation key,
// customers with c_custkey divisible by 3 placing no orders, comment text from
// the specification's grammar and word lists, "Customer…Complaints" and
// "Customer…Recommends" in 5 of every 10,000 supplier comments). It is not
// byte-identical to dbgen.
//
// Every value is a pure function of (seed, table, column, row): random draws
// come from a counter-based generator (SplitMix64 of seed, stream and row), so
// any row range can be produced independently. Options.Part and Options.Parts
// split a table into contiguous row ranges (for ORDERS and LINEITEM, ranges of
// orders) that concatenate, in part order, to exactly the rows of a single run;
// run the parts on separate goroutines to generate in parallel.
//
// Generation is columnar: values are appended straight into the vec.Batch
// column slices, comment text is cut from a shared text pool, and no memory is
// allocated per row once a batch has grown to its size.
//
// CHAR(n) columns whose values always have exactly n characters (flags,
// phone numbers) are CHAR(n); the specification's other CHAR(n) columns hold
// shorter values and are VARCHAR(n), because CHAR's blank padding differs
// between engines (PostgreSQL returns padded values, Flink compares unpadded).
package tpch
