package ast

// CreateCatalog is CREATE CATALOG [IF NOT EXISTS] name [COMMENT '...']
// WITH (...).
type CreateCatalog struct {
	Pos
	IfNotExists bool
	Name        string
	Comment     string
	Options     []Option
}

// DropCatalog is DROP CATALOG [IF EXISTS] name.
type DropCatalog struct {
	Pos
	IfExists bool
	Name     string
}

// UseCatalog is USE CATALOG name.
type UseCatalog struct {
	Pos
	Name string
}

// UseDatabase is USE [catalog.]database.
type UseDatabase struct {
	Pos
	Name Name
}

// CreateDatabase is CREATE DATABASE [IF NOT EXISTS] [cat.]db [COMMENT '...']
// [WITH (...)].
type CreateDatabase struct {
	Pos
	IfNotExists bool
	Name        Name
	Comment     string
	Options     []Option
}

// DropDatabase is DROP DATABASE [IF EXISTS] [cat.]db [RESTRICT|CASCADE].
type DropDatabase struct {
	Pos
	IfExists bool
	Name     Name
	Cascade  bool
}

// AlterDatabase is ALTER DATABASE [cat.]db SET (...).
type AlterDatabase struct {
	Pos
	Name    Name
	Options []Option
}

// ColumnKind tells physical, computed and metadata columns apart.
type ColumnKind uint8

const (
	// PhysicalColumn is name type.
	PhysicalColumn ColumnKind = iota
	// ComputedColumn is name AS expr.
	ComputedColumn
	// MetadataColumn is name type METADATA [FROM 'key'] [VIRTUAL].
	MetadataColumn
)

// ColumnDef is one column of CREATE TABLE or ALTER TABLE ADD/MODIFY.
type ColumnDef struct {
	Pos
	Name        string
	Kind        ColumnKind
	Type        *TypeName // nil for computed columns; NOT NULL is in the type
	Expr        Expr      // computed columns
	MetadataKey string    // METADATA FROM 'key'; "" means the column name
	Virtual     bool      // METADATA ... VIRTUAL
	PrimaryKey  bool      // column-level PRIMARY KEY NOT ENFORCED
	Constraint  string    // CONSTRAINT name of the column-level key
	Comment     string
	Position    *ColumnPosition // ALTER TABLE ADD/MODIFY only: FIRST or AFTER c
}

// ColumnPosition is FIRST or AFTER column in ALTER TABLE.
type ColumnPosition struct {
	First bool
	After string
}

// PrimaryKey is [CONSTRAINT name] PRIMARY KEY (cols) NOT ENFORCED. Flink only
// has non-enforced keys; the parser rejects ENFORCED.
type PrimaryKey struct {
	Pos
	Name    string
	Columns []string
}

// Watermark is WATERMARK FOR column AS expr.
type Watermark struct {
	Pos
	Column Name
	Expr   Expr
}

// LikeOption is one INCLUDING|EXCLUDING|OVERWRITING feature of a LIKE clause.
// Strategy and Feature are upper-case keywords (e.g. "EXCLUDING",
// "OPTIONS").
type LikeOption struct {
	Strategy string
	Feature  string
}

// LikeClause is LIKE source [(options)] in CREATE TABLE.
type LikeClause struct {
	Pos
	Source  Name
	Options []LikeOption
}

// CreateTable is CREATE [TEMPORARY] TABLE [IF NOT EXISTS] name (...) ... and
// CREATE TABLE ... AS query (then Query is set).
type CreateTable struct {
	Pos
	Temporary   bool
	OrReplace   bool // CREATE OR REPLACE TABLE ... AS
	IfNotExists bool
	Name        Name
	Columns     []*ColumnDef
	PrimaryKey  *PrimaryKey // table-level key; a column-level key stays on its column
	Watermarks  []*Watermark
	Comment     string
	PartitionBy []string
	Options     []Option
	Like        *LikeClause
	Query       *Query // CREATE TABLE ... AS query
}

// DropTable is DROP [TEMPORARY] TABLE [IF EXISTS] name.
type DropTable struct {
	Pos
	Temporary bool
	IfExists  bool
	Name      Name
}

// CreateView is CREATE [TEMPORARY] VIEW [IF NOT EXISTS] name [(cols)]
// [COMMENT '...'] AS query.
type CreateView struct {
	Pos
	Temporary   bool
	IfNotExists bool
	Name        Name
	Columns     []string
	Comment     string
	Query       *Query
}

// DropView is DROP [TEMPORARY] VIEW [IF EXISTS] name.
type DropView struct {
	Pos
	Temporary bool
	IfExists  bool
	Name      Name
}

// AlterView is ALTER VIEW name RENAME TO new_name (RenameTo set) or ALTER
// VIEW name AS query (Query set).
type AlterView struct {
	Pos
	Name     Name
	RenameTo Name
	Query    *Query
}

// CreateFunction is CREATE [TEMPORARY [SYSTEM]] FUNCTION [IF NOT EXISTS] name
// AS 'class' [LANGUAGE JAVA|SCALA|PYTHON] [USING JAR '...', ...].
type CreateFunction struct {
	Pos
	Temporary   bool
	System      bool
	IfNotExists bool
	Name        Name
	Class       string
	Language    string // "" if absent
	Jars        []string
}

// DropFunction is DROP [TEMPORARY [SYSTEM]] FUNCTION [IF EXISTS] name.
type DropFunction struct {
	Pos
	Temporary bool
	System    bool
	IfExists  bool
	Name      Name
}

// AlterTable is ALTER TABLE [IF EXISTS] name action.
type AlterTable struct {
	Pos
	IfExists bool
	Name     Name
	Action   AlterAction
}

// AlterAction is what an ALTER TABLE does: *AddColumns, *DropColumns,
// *RenameColumn, *RenameTable, *SetOptions, *ResetOptions, *DropPrimaryKey,
// *DropWatermark, *DropConstraint.
type AlterAction interface {
	Node
	alterAction()
}

// AddColumns is ADD ... / ADD (...), or MODIFY ... when Modify. Columns,
// PrimaryKey and Watermark hold what the list defines. Paren records the
// parenthesised form.
type AddColumns struct {
	Pos
	Modify     bool
	Paren      bool
	Columns    []*ColumnDef
	PrimaryKey *PrimaryKey
	Watermark  *Watermark
}

// DropColumns is DROP c or DROP (a, b).
type DropColumns struct {
	Pos
	Columns []Name
	Paren   bool
}

// DropPrimaryKey is DROP PRIMARY KEY.
type DropPrimaryKey struct{ Pos }

// DropWatermark is DROP WATERMARK.
type DropWatermark struct{ Pos }

// DropConstraint is DROP CONSTRAINT name.
type DropConstraint struct {
	Pos
	Name string
}

// RenameColumn is RENAME a TO b.
type RenameColumn struct {
	Pos
	From Name
	To   string
}

// RenameTable is RENAME TO new_name.
type RenameTable struct {
	Pos
	To Name
}

// SetOptions is SET ('k' = 'v', ...).
type SetOptions struct {
	Pos
	Options []Option
}

// ResetOptions is RESET ('k', ...).
type ResetOptions struct {
	Pos
	Keys []string
}

func (*AddColumns) alterAction()     {}
func (*DropColumns) alterAction()    {}
func (*DropPrimaryKey) alterAction() {}
func (*DropWatermark) alterAction()  {}
func (*DropConstraint) alterAction() {}
func (*RenameColumn) alterAction()   {}
func (*RenameTable) alterAction()    {}
func (*SetOptions) alterAction()     {}
func (*ResetOptions) alterAction()   {}

func (*CreateCatalog) stmt()  {}
func (*DropCatalog) stmt()    {}
func (*UseCatalog) stmt()     {}
func (*UseDatabase) stmt()    {}
func (*CreateDatabase) stmt() {}
func (*DropDatabase) stmt()   {}
func (*AlterDatabase) stmt()  {}
func (*CreateTable) stmt()    {}
func (*DropTable) stmt()      {}
func (*CreateView) stmt()     {}
func (*DropView) stmt()       {}
func (*AlterView) stmt()      {}
func (*CreateFunction) stmt() {}
func (*DropFunction) stmt()   {}
func (*AlterTable) stmt()     {}
