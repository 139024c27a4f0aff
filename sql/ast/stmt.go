package ast

// PartitionValue is one column = value of a static PARTITION (...) spec.
type PartitionValue struct {
	Column string
	Value  Expr
}

// Insert is INSERT INTO|OVERWRITE table [PARTITION (...)] [(cols)] query.
// VALUES sources are a Query whose Body is *Values.
type Insert struct {
	Pos
	Overwrite bool
	Table     Name
	Hints     []*Hint
	Partition []PartitionValue
	Columns   []string
	Source    *Query
}

// Delete is DELETE FROM table [WHERE cond].
type Delete struct {
	Pos
	Table Name
	Where Expr
}

// Assignment is column = value in UPDATE ... SET.
type Assignment struct {
	Column Name
	Value  Expr
}

// Update is UPDATE table SET c = e, ... [WHERE cond].
type Update struct {
	Pos
	Table Name
	Set   []Assignment
	Where Expr
}

// Truncate is TRUNCATE TABLE name.
type Truncate struct {
	Pos
	Table Name
}

// StatementSet is EXECUTE STATEMENT SET BEGIN insert; ... END, or the older
// script form BEGIN STATEMENT SET; insert; ... END; (Legacy).
type StatementSet struct {
	Pos
	Legacy  bool
	Inserts []*Insert
}

// Execute is EXECUTE stmt for a single INSERT or query.
type Execute struct {
	Pos
	Stmt Statement
}

// ShowKind says what a SHOW statement lists.
type ShowKind uint8

const (
	ShowCatalogs ShowKind = iota + 1
	ShowDatabases
	ShowTables
	ShowViews
	ShowFunctions
	ShowUserFunctions
	ShowCreateTable
	ShowCreateView
	ShowColumns
	ShowJobs
	ShowCurrentCatalog
	ShowCurrentDatabase
	ShowPartitions
	ShowModules
	ShowFullModules
)

var showKindText = [...]string{
	ShowCatalogs:        "CATALOGS",
	ShowDatabases:       "DATABASES",
	ShowTables:          "TABLES",
	ShowViews:           "VIEWS",
	ShowFunctions:       "FUNCTIONS",
	ShowUserFunctions:   "USER FUNCTIONS",
	ShowCreateTable:     "CREATE TABLE",
	ShowCreateView:      "CREATE VIEW",
	ShowColumns:         "COLUMNS",
	ShowJobs:            "JOBS",
	ShowCurrentCatalog:  "CURRENT CATALOG",
	ShowCurrentDatabase: "CURRENT DATABASE",
	ShowPartitions:      "PARTITIONS",
	ShowModules:         "MODULES",
	ShowFullModules:     "FULL MODULES",
}

func (k ShowKind) String() string {
	if int(k) < len(showKindText) && showKindText[k] != "" {
		return showKindText[k]
	}
	return "SHOW?"
}

// Show is a SHOW statement. Object is the table/view of SHOW CREATE TABLE,
// SHOW CREATE VIEW, SHOW COLUMNS FROM and SHOW PARTITIONS; From is the
// database of SHOW TABLES|VIEWS|FUNCTIONS FROM|IN db (or the catalog of SHOW
// DATABASES FROM cat). Like is the pattern of [NOT] LIKE|ILIKE 'p'.
type Show struct {
	Pos
	Kind      ShowKind
	Object    Name
	From      Name
	Like      *string
	NotLike   bool
	ILike     bool
	Partition []PartitionValue // SHOW PARTITIONS t PARTITION (...)
}

// Describe is DESCRIBE|DESC [EXTENDED] name.
type Describe struct {
	Pos
	Extended bool
	Name     Name
}

// Explain is EXPLAIN [details] stmt or EXPLAIN PLAN FOR stmt. Details are
// upper-case words such as ESTIMATED_COST, CHANGELOG_MODE, PLAN_ADVICE and
// JSON_EXECUTION_PLAN.
type Explain struct {
	Pos
	PlanFor bool
	Details []string
	Stmt    Statement
}

// Set is SET (list all) or SET 'key' = 'value'.
type Set struct {
	Pos
	Key   *string // nil for a bare SET
	Value string
}

// Reset is RESET (all) or RESET 'key'.
type Reset struct {
	Pos
	Key *string // nil for a bare RESET
}

// Call is CALL procedure(args), e.g. Paimon's CALL sys.compact('db.t').
type Call struct {
	Pos
	Procedure Name
	Args      []Expr
}

func (*Insert) stmt()       {}
func (*Delete) stmt()       {}
func (*Update) stmt()       {}
func (*Truncate) stmt()     {}
func (*StatementSet) stmt() {}
func (*Execute) stmt()      {}
func (*Show) stmt()         {}
func (*Describe) stmt()     {}
func (*Explain) stmt()      {}
func (*Set) stmt()          {}
func (*Reset) stmt()        {}
func (*Call) stmt()         {}
