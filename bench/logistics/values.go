package logistics

// Value lists of the generated columns.
var (
	surnames   = [...]string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"}
	givenNames = [...]string{"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛"}
	depts      = [...]string{"海运事业部", "空运事业部", "铁运事业部", "关务中心", "仓储中心", "陆运中心"}
	natures    = [...]string{"直客", "同行", "海外代理"}
	cities     = [...]string{"青岛", "上海", "深圳", "宁波", "天津", "大连", "厦门", "广州"}
	industries = [...]string{"海洋科技", "国际贸易", "电子", "机械", "纺织", "化工", "食品", "汽车配件"}
	statuses   = [...]string{"DRAFT", "BOOKED", "BOOKED", "SHIPPED", "SHIPPED", "SHIPPED", "SHIPPED", "CLOSED", "CLOSED", "CLOSED"}

	// Ports of loading with their region (大区), Chinese ports first and
	// weighted by repetition.
	seaPOL = [...]struct{ code, region string }{
		{"CNTAO", "华北大区"}, {"CNTAO", "华北大区"}, {"CNTAO", "华北大区"}, {"CNTSN", "华北大区"},
		{"CNSHA", "华东大区"}, {"CNSHA", "华东大区"}, {"CNNGB", "华东大区"}, {"CNSZX", "华南大区"},
		{"CNXMN", "华南大区"}, {"CNCAN", "华南大区"}, {"CNDLC", "东北大区"}, {"CNDLC", "东北大区"},
	}
	seaPOD = [...]string{"USLAX", "USNYC", "DEHAM", "NLRTM", "SGSIN", "JPTYO", "KRPUS", "AEJEA",
		"GBFXT", "AUSYD", "BRSSZ", "INNSA", "VNSGN", "THLCH", "MYPKG", "BEANR"}
	seaPOT = [...]string{"SGSIN", "KRPUS", "HKHKG", "MYPKG", "LKCMB"}

	airCN = [...]struct{ code, region string }{
		{"CNPVG", "华东大区"}, {"CNPVG", "华东大区"}, {"CNPEK", "华北大区"}, {"CNTAO", "华北大区"},
		{"CNCAN", "华南大区"}, {"CNSZX", "华南大区"}, {"CNSHE", "东北大区"},
	}
	airAbroad   = [...]string{"USORD", "USLAX", "DEFRA", "NLAMS", "JPNRT", "KRICN", "GBLHR", "SGSIN", "AEDXB"}
	airTransfer = [...]string{"HKHKG", "KRICN", "AEDXB"}

	// SHY business types with their business model and transport type.
	shyTypes = [...]struct{ typ, model, transport string }{
		{"海运出口", "FCL", "SEA"}, {"海运出口", "FCL", "SEA"}, {"海运出口", "LCL", "SEA"}, {"海运出口", "FCL", "SEA"},
		{"海运进口", "FCL", "SEA"}, {"海运进口", "LCL", "SEA"}, {"空运出口", "AIR", "AIR"}, {"铁运", "RAIL", "RAIL"},
		{"关务", "CUSTOMS", "ROAD"}, {"仓储", "WAREHOUSE", "ROAD"}, {"陆运", "TRUCKING", "ROAD"},
	}
)
