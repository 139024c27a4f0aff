// Package session runs SQL statements the way Flink's SQL client and
// TableEnvironment do: it keeps the session's catalogs (Paimon warehouses,
// the in-memory default_catalog with its temporary and connector tables),
// the current catalog and database and the SET options, executes DDL, SHOW
// and DESCRIBE itself, and hands queries and DML to the planner (sql/plan)
// and the batch operators (engine/batch).
package session
