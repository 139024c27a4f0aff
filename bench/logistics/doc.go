// Package logistics generates the logistics data set of seed 000 (a freight
// forwarder's streaming warehouse on Paimon): the ODS tables that Flink CDC
// fills from three source systems, the enterprise (customer) table and the
// user dimension, and holds queries modelled on the seed's DWD, DWM and DWS
// layers (the wide-table join with UNION ALL, the SUM of count_order by the
// DWM's twelve group keys, the DWS roll-up by operator) plus joins, window
// functions, grouping sets and distinct counts over the same tables.
//
// Tables (lower-case names and columns, so that the same SQL text runs on
// PostgreSQL and Flink):
//
//	ods_shy_jh_doc_hdworkdochd       SHY documents (PostgreSQL source), PK (o_year, doccode), partitioned by o_year
//	ods_shy_base_enterprise          customers, PK (entguid, entorgcode); a few rows with an empty entorgcode
//	ods_bondexsea_doc_order          sea orders (MySQL source), PK (o_year, id), partitioned by o_year
//	ods_airsea_airfreight_orderhawb  air house bills (SQL Server source), PK (o_year, hblindex), partitioned by o_year
//	dim_hhl_user_code                sales and operations staff, PK (user_guid)
//
// Distributions: documents dated uniformly over 2023-01-01 … 2024-12-31 with
// business hours more likely; customers Zipf-like (a few large customers place
// most orders; a tenth of them place none); routes drawn from 24 ports with a
// skew to Chinese ports of loading; 60 % without a transshipment port (empty pot_code);
// about 3 % of documents logically deleted (is_deleted = 1, count_order 0 in
// the DWD); 5 % of SHY documents without a salesperson and 2 % with an operator
// unknown to the dimension (LEFT JOIN misses), 2 % referencing an enterprise
// that does not exist (dropped by the DWD's inner join). Income and cost are
// DECIMAL(18,2). Values are a pure function of (seed, table, row), as in
// package tpch.
package logistics
