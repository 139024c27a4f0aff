package logistics

import (
	"github.com/weir-data/weir/bench/dataset"
	"github.com/weir-data/weir/types"
)

// Table names.
const (
	ShyDoc     = "ods_shy_jh_doc_hdworkdochd"
	Enterprise = "ods_shy_base_enterprise"
	SeaOrder   = "ods_bondexsea_doc_order"
	AirHAWB    = "ods_airsea_airfreight_orderhawb"
	Users      = "dim_hhl_user_code"
)

// TableNames lists the tables in load order.
var TableNames = []string{Users, Enterprise, ShyDoc, SeaOrder, AirHAWB}

func notNull(name string, t types.DataType) dataset.Column {
	return dataset.Column{Name: name, Type: t.NotNull()}
}

func null(name string, t types.DataType) dataset.Column {
	return dataset.Column{Name: name, Type: t}
}

var (
	vc50    = types.NewVarChar(50)
	vc100   = types.NewVarChar(100)
	vc200   = types.NewVarChar(200)
	vc450   = types.NewVarChar(450)
	amount  = types.NewDecimal(18, 2)
	ts3     = types.NewTimestamp(3)
	bigint  = types.NewBigInt()
	integer = types.NewInt()
)

var tables = map[string]dataset.Table{
	Users: {Name: Users, PrimaryKey: []string{"user_guid"}, Columns: []dataset.Column{
		notNull("user_guid", vc50),
		notNull("user_code", types.NewVarChar(32)),
		notNull("user_name", vc200),
		null("dept_name", vc100),
	}},
	Enterprise: {Name: Enterprise, PrimaryKey: []string{"entguid", "entorgcode"}, Columns: []dataset.Column{
		notNull("entguid", vc50),
		notNull("entorgcode", vc450),
		null("entnature", vc450),
		null("entfullname", vc50),
		notNull("create_date", ts3),
	}},
	ShyDoc: {Name: ShyDoc, PrimaryKey: []string{"o_year", "doccode"}, PartitionKeys: []string{"o_year"}, Columns: []dataset.Column{
		notNull("doccode", vc50),
		null("businessmodel", vc450),
		null("businesstype", vc450),
		null("transporttype", vc50),
		null("docdate", ts3),
		null("businessguid", vc50),
		null("salesguid", vc50),
		null("bookingguid", vc50),
		null("region_name", vc50),
		null("pol_code", vc100),
		null("pot_code", vc100),
		null("pod_code", vc100),
		null("is_deleted", integer),
		null("order_status", types.NewVarChar(8)),
		null("amount_income", amount),
		null("amount_cost", amount),
		notNull("o_year", bigint),
		notNull("create_date", ts3),
	}},
	SeaOrder: {Name: SeaOrder, PrimaryKey: []string{"o_year", "id"}, PartitionKeys: []string{"o_year"}, Columns: []dataset.Column{
		notNull("id", bigint),
		notNull("order_no", vc50),
		null("business_no", vc50),
		null("customer_code", vc50),
		null("customer_name", vc200),
		null("sales_code", vc50),
		null("sales_name", vc200),
		null("op_code", vc50),
		null("op_name", vc200),
		null("order_type_name", vc50),
		null("region_name", vc50),
		null("pol_code", vc100),
		null("pot_code", vc100),
		null("pod_code", vc100),
		null("is_deleted", integer),
		null("order_status", types.NewVarChar(8)),
		null("amount_income", amount),
		null("amount_cost", amount),
		null("gmt_create", ts3),
		notNull("o_year", bigint),
		notNull("create_date", ts3),
	}},
	AirHAWB: {Name: AirHAWB, PrimaryKey: []string{"o_year", "hblindex"}, PartitionKeys: []string{"o_year"}, Columns: []dataset.Column{
		notNull("hblindex", vc50),
		null("customerno", vc50),
		null("customername", vc200),
		null("salescode", vc50),
		null("salesname", vc200),
		null("opcode", vc50),
		null("opname", vc200),
		null("region_name", vc50),
		null("departurecode", vc100),
		null("transfercode", vc100),
		null("destinationcode", vc100),
		null("isvoid", integer),
		null("status", types.NewVarChar(8)),
		null("amount_income", amount),
		null("amount_cost", amount),
		null("createopdate", ts3),
		notNull("o_year", bigint),
		notNull("create_date", ts3),
	}},
}
