package tpch

import (
	"fmt"

	"github.com/weir-data/weir/bench/dataset"
	"github.com/weir-data/weir/types"
)

// Table names.
const (
	Region   = "region"
	Nation   = "nation"
	Supplier = "supplier"
	Part     = "part"
	PartSupp = "partsupp"
	Customer = "customer"
	Orders   = "orders"
	LineItem = "lineitem"
)

// TableNames lists the eight tables in load order (referenced before referencing).
var TableNames = []string{Region, Nation, Supplier, Part, PartSupp, Customer, Orders, LineItem}

func col(name string, t types.DataType) dataset.Column {
	return dataset.Column{Name: name, Type: t.NotNull()}
}

var (
	identifier = types.NewBigInt()
	integer    = types.NewInt()
	money      = types.NewDecimal(15, 2)
	date       = types.NewDate()
)

// tables holds the definitions. Secondary indexes are on foreign keys only
// (which clause 1.5.7 allows); PostgreSQL needs them for the correlated
// subqueries of Q17 and Q20, which it does not decorrelate.
var tables = map[string]dataset.Table{
	Region: {Name: Region, PrimaryKey: []string{"r_regionkey"}, Columns: []dataset.Column{
		col("r_regionkey", integer),
		col("r_name", types.NewVarChar(25)),
		col("r_comment", types.NewVarChar(152)),
	}},
	Nation: {Name: Nation, PrimaryKey: []string{"n_nationkey"}, Columns: []dataset.Column{
		col("n_nationkey", integer),
		col("n_name", types.NewVarChar(25)),
		col("n_regionkey", integer),
		col("n_comment", types.NewVarChar(152)),
	}},
	Supplier: {Name: Supplier, PrimaryKey: []string{"s_suppkey"}, Columns: []dataset.Column{
		col("s_suppkey", identifier),
		col("s_name", types.NewVarChar(25)),
		col("s_address", types.NewVarChar(40)),
		col("s_nationkey", integer),
		col("s_phone", types.NewChar(15)),
		col("s_acctbal", money),
		col("s_comment", types.NewVarChar(101)),
	}},
	Part: {Name: Part, PrimaryKey: []string{"p_partkey"}, Columns: []dataset.Column{
		col("p_partkey", identifier),
		col("p_name", types.NewVarChar(55)),
		col("p_mfgr", types.NewVarChar(25)),
		col("p_brand", types.NewVarChar(10)),
		col("p_type", types.NewVarChar(25)),
		col("p_size", integer),
		col("p_container", types.NewVarChar(10)),
		col("p_retailprice", money),
		col("p_comment", types.NewVarChar(23)),
	}},
	PartSupp: {Name: PartSupp, PrimaryKey: []string{"ps_partkey", "ps_suppkey"}, Indexes: [][]string{{"ps_suppkey"}}, Columns: []dataset.Column{
		col("ps_partkey", identifier),
		col("ps_suppkey", identifier),
		col("ps_availqty", integer),
		col("ps_supplycost", money),
		col("ps_comment", types.NewVarChar(199)),
	}},
	Customer: {Name: Customer, PrimaryKey: []string{"c_custkey"}, Columns: []dataset.Column{
		col("c_custkey", identifier),
		col("c_name", types.NewVarChar(25)),
		col("c_address", types.NewVarChar(40)),
		col("c_nationkey", integer),
		col("c_phone", types.NewChar(15)),
		col("c_acctbal", money),
		col("c_mktsegment", types.NewVarChar(10)),
		col("c_comment", types.NewVarChar(117)),
	}},
	Orders: {Name: Orders, PrimaryKey: []string{"o_orderkey"}, Indexes: [][]string{{"o_custkey"}}, Columns: []dataset.Column{
		col("o_orderkey", identifier),
		col("o_custkey", identifier),
		col("o_orderstatus", types.NewChar(1)),
		col("o_totalprice", money),
		col("o_orderdate", date),
		col("o_orderpriority", types.NewVarChar(15)),
		col("o_clerk", types.NewVarChar(15)),
		col("o_shippriority", integer),
		col("o_comment", types.NewVarChar(79)),
	}},
	LineItem: {Name: LineItem, PrimaryKey: []string{"l_orderkey", "l_linenumber"}, Indexes: [][]string{{"l_partkey", "l_suppkey"}, {"l_suppkey"}}, Columns: []dataset.Column{
		col("l_orderkey", identifier),
		col("l_partkey", identifier),
		col("l_suppkey", identifier),
		col("l_linenumber", integer),
		col("l_quantity", money),
		col("l_extendedprice", money),
		col("l_discount", money),
		col("l_tax", money),
		col("l_returnflag", types.NewChar(1)),
		col("l_linestatus", types.NewChar(1)),
		col("l_shipdate", date),
		col("l_commitdate", date),
		col("l_receiptdate", date),
		col("l_shipinstruct", types.NewVarChar(25)),
		col("l_shipmode", types.NewVarChar(10)),
		col("l_comment", types.NewVarChar(44)),
	}},
}

// Table returns the definition of the named TPC-H table.
func Table(name string) (dataset.Table, error) {
	t, ok := tables[name]
	if !ok {
		return dataset.Table{}, fmt.Errorf("tpch: unknown table %q", name)
	}
	return t, nil
}
