package schema

import (
	"fmt"
	"sort"
	"time"

	"github.com/weir-data/weir/types"
)

// NewTable builds schema 0 of a new table as Java's Schema/TableSchema do:
// field ids are assigned from 0 in column order, each column before the
// fields nested inside it (depth first), HighestFieldID is the last id given;
// primary-key columns become NOT NULL. It checks that column names are unique
// (also inside ROW types), that partition keys, primary keys and bucket-key
// columns exist and are not repeated, that the primary key is not made of
// partition columns only, and that bucket-key columns are not partition
// columns and, on a primary-key table, are primary-key columns. Options are
// recorded in sorted key order.
func NewTable(fields []types.Field, partitionKeys, primaryKeys []string, options map[string]string, comment string) (*TableSchema, error) {
	if len(fields) == 0 {
		return nil, fmt.Errorf("a table needs at least one column")
	}
	next := 0
	out := make([]types.Field, len(fields))
	for i, f := range fields {
		f.ID = next
		next++
		f.Type = reassign(f.Type, &next)
		out[i] = f
	}
	if err := checkUnique(out, ""); err != nil {
		return nil, err
	}
	s := &TableSchema{
		Version:        CurrentVersion,
		Fields:         out,
		HighestFieldID: next - 1,
		PartitionKeys:  append([]string{}, partitionKeys...),
		PrimaryKeys:    append([]string{}, primaryKeys...),
		Options:        map[string]string{},
		Comment:        comment,
		TimeMillis:     time.Now().UnixMilli(),
	}
	if err := checkKeys("partition key", s.PartitionKeys, s); err != nil {
		return nil, err
	}
	if err := checkKeys("primary key", s.PrimaryKeys, s); err != nil {
		return nil, err
	}
	if len(s.PrimaryKeys) > 0 && len(s.TrimmedPrimaryKeys()) == 0 {
		return nil, fmt.Errorf("primary key %v must not consist of partition columns %v only: each partition would hold a single row", s.PrimaryKeys, s.PartitionKeys)
	}
	for i := range s.Fields {
		if contains(s.PrimaryKeys, s.Fields[i].Name) {
			s.Fields[i].Type = s.Fields[i].Type.NotNull()
		}
	}
	keys := make([]string, 0, len(options))
	for k := range options {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		s.SetOption(k, options[k])
	}
	if v, ok := s.Options["bucket-key"]; ok {
		bk := splitList(v)
		if err := checkKeys("bucket key", bk, s); err != nil {
			return nil, err
		}
		for _, k := range bk {
			if contains(s.PartitionKeys, k) {
				return nil, fmt.Errorf("bucket key %q must not be a partition key", k)
			}
			if len(s.PrimaryKeys) > 0 && !contains(s.PrimaryKeys, k) {
				return nil, fmt.Errorf("bucket key %q must be one of the primary keys %v", k, s.PrimaryKeys)
			}
		}
	}
	return s, nil
}

// reassign gives the ROW fields nested in t fresh ids from *next, depth first.
func reassign(t types.DataType, next *int) types.DataType {
	switch t.Root {
	case types.Array, types.Multiset:
		if t.Elem != nil {
			e := reassign(*t.Elem, next)
			t.Elem = &e
		}
	case types.Map:
		if t.Key != nil {
			k := reassign(*t.Key, next)
			t.Key = &k
		}
		if t.Value != nil {
			v := reassign(*t.Value, next)
			t.Value = &v
		}
	case types.Row:
		fs := make([]types.Field, len(t.Fields))
		for i, f := range t.Fields {
			f.ID = *next
			*next++
			f.Type = reassign(f.Type, next)
			fs[i] = f
		}
		t.Fields = fs
	}
	return t
}

// checkUnique rejects empty or repeated names among fields and inside nested ROWs.
func checkUnique(fields []types.Field, where string) error {
	seen := map[string]bool{}
	for _, f := range fields {
		if f.Name == "" {
			return fmt.Errorf("%scolumn with an empty name", where)
		}
		if seen[f.Name] {
			return fmt.Errorf("duplicate %scolumn name %q", where, f.Name)
		}
		seen[f.Name] = true
		if err := checkNested(f.Type, f.Name); err != nil {
			return err
		}
	}
	return nil
}

func checkNested(t types.DataType, path string) error {
	switch t.Root {
	case types.Array, types.Multiset:
		if t.Elem != nil {
			return checkNested(*t.Elem, path)
		}
	case types.Map:
		if t.Key != nil {
			if err := checkNested(*t.Key, path); err != nil {
				return err
			}
		}
		if t.Value != nil {
			return checkNested(*t.Value, path)
		}
	case types.Row:
		return checkUnique(t.Fields, "ROW "+path+": ")
	}
	return nil
}

func checkKeys(what string, keys []string, s *TableSchema) error {
	seen := map[string]bool{}
	for _, k := range keys {
		if _, ok := s.Field(k); !ok {
			return fmt.Errorf("%s %q is not a column of the table (columns: %v)", what, k, s.FieldNames())
		}
		if seen[k] {
			return fmt.Errorf("%s %q is listed twice", what, k)
		}
		seen[k] = true
	}
	return nil
}
