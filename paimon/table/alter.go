package table

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/weir-data/weir/paimon/options"
	"github.com/weir-data/weir/paimon/schema"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// ChangeKind is the kind of a SchemaChange.
type ChangeKind uint8

const (
	SetOption ChangeKind = iota + 1
	RemoveOption
	AddColumn
	RenameColumn
	DropColumn
	UpdateColumnType
	UpdateColumnComment
	MoveColumn
	UpdateComment
)

// SchemaChange is one ALTER TABLE change, applied at the storage level as a
// new schema version (schema-N); files written under older schemas keep being
// read through the field-id mapping.
type SchemaChange struct {
	Kind ChangeKind
	// Key and Value of SetOption / RemoveOption.
	Key, Value string
	// Column is the column changed; NewName the target of RenameColumn.
	Column, NewName string
	// Type is the type of AddColumn and UpdateColumnType.
	Type types.DataType
	// Comment of AddColumn, UpdateColumnComment and UpdateComment.
	Comment string
	// First / After place AddColumn and MoveColumn (neither: last).
	First bool
	After string
}

// immutableOptions cannot change after creation (Paimon's @Immutable options).
var immutableOptions = []string{"bucket-key", "merge-engine", "ignore-delete", "sequence.field",
	"partial-update.remove-record-on-delete", "rowkind.field", "primary-key", "partition"}

// Alter applies changes to the latest schema and commits it as the next
// schema version, as Paimon's SchemaManager does, and returns the table at the
// new schema. Invalid changes fail before anything is written, with an error
// naming the change; a concurrent ALTER that took the same schema id is
// retried on top of it.
func (t *Table) Alter(ctx context.Context, changes ...SchemaChange) (*Table, error) {
	for attempt := 0; attempt < 5; attempt++ {
		latest, err := t.schemas.Latest(ctx)
		if err != nil {
			return nil, fmt.Errorf("alter table %s: %w", t.name, err)
		}
		data, err := latest.Marshal()
		if err != nil {
			return nil, err
		}
		s, err := schema.Parse(data) // a private copy
		if err != nil {
			return nil, err
		}
		for _, c := range changes {
			if err := applyChange(s, c); err != nil {
				return nil, fmt.Errorf("alter table %s: %w", t.name, err)
			}
		}
		if err := options.Validate(t.name, s.Options, s.FieldNames()); err != nil {
			return nil, err
		}
		s.ID = latest.ID + 1
		s.TimeMillis = time.Now().UnixMilli()
		ok, err := t.schemas.Commit(ctx, s)
		if err != nil {
			return nil, fmt.Errorf("alter table %s: %w", t.name, err)
		}
		if ok {
			return Open(ctx, t.fio, t.path, t.name)
		}
	}
	return nil, fmt.Errorf("alter table %s: other schema changes keep landing first; retry", t.name)
}

func applyChange(s *schema.TableSchema, c SchemaChange) error {
	isPart := func(n string) bool { return slices.Contains(s.PartitionKeys, n) }
	isPK := func(n string) bool { return slices.Contains(s.PrimaryKeys, n) }
	find := func(n string) (int, error) {
		for i, f := range s.Fields {
			if f.Name == n {
				return i, nil
			}
		}
		return -1, fmt.Errorf("column %s does not exist", n)
	}
	exists := func(n string) bool { i, _ := find(n); return i >= 0 }
	switch c.Kind {
	case SetOption, RemoveOption:
		if slices.Contains(immutableOptions, c.Key) {
			return fmt.Errorf("change '%s' is not supported yet: the option is fixed when the table is created", c.Key)
		}
		if c.Key == "bucket" {
			old := s.Options["bucket"]
			if old == "" || old == "-1" || c.Value == "-1" || c.Kind == RemoveOption {
				return fmt.Errorf("cannot change 'bucket' from or to -1 (dynamic bucket mode)")
			}
			if c.Value != old {
				return fmt.Errorf("changing 'bucket' from %s to %s needs a rescale of the existing data, which is not supported yet", old, c.Value)
			}
		}
		if c.Kind == SetOption {
			s.SetOption(c.Key, c.Value)
		} else {
			s.RemoveOption(c.Key)
		}
	case AddColumn:
		if exists(c.Column) {
			return fmt.Errorf("column %s already exists", c.Column)
		}
		if !c.Type.Nullable {
			return fmt.Errorf("column %s: an added column cannot be NOT NULL (existing rows have no value)", c.Column)
		}
		if _, err := vec.KindOf(c.Type); err != nil {
			return fmt.Errorf("column %s: %w", c.Column, err)
		}
		s.HighestFieldID++
		f := types.Field{ID: s.HighestFieldID, Name: c.Column, Type: c.Type, Description: c.Comment}
		pos, err := position(s, c, len(s.Fields))
		if err != nil {
			return err
		}
		s.Fields = slices.Insert(s.Fields, pos, f)
	case RenameColumn:
		i, err := find(c.Column)
		if err != nil {
			return err
		}
		if isPart(c.Column) {
			return fmt.Errorf("cannot rename partition column %s", c.Column)
		}
		if c.NewName == "" || exists(c.NewName) {
			return fmt.Errorf("cannot rename %s to %q: the name is empty or taken", c.Column, c.NewName)
		}
		s.Fields[i].Name = c.NewName
		for j, k := range s.PrimaryKeys {
			if k == c.Column {
				s.PrimaryKeys[j] = c.NewName
			}
		}
		renameInOptions(s, c.Column, c.NewName)
	case DropColumn:
		i, err := find(c.Column)
		if err != nil {
			return err
		}
		if isPart(c.Column) || isPK(c.Column) {
			return fmt.Errorf("cannot drop partition key or primary key %s", c.Column)
		}
		if len(s.Fields) == 1 {
			return fmt.Errorf("cannot drop %s, the only column", c.Column)
		}
		for _, k := range options.SplitList(s.Options["bucket-key"]) {
			if k == c.Column {
				return fmt.Errorf("cannot drop %s: it is in 'bucket-key'", c.Column)
			}
		}
		s.Fields = slices.Delete(s.Fields, i, i+1)
		for _, k := range s.OptionKeys() {
			if strings.HasPrefix(k, "fields."+c.Column+".") {
				s.RemoveOption(k)
			}
		}
	case UpdateColumnType:
		i, err := find(c.Column)
		if err != nil {
			return err
		}
		if isPart(c.Column) || isPK(c.Column) {
			return fmt.Errorf("cannot change the type of partition key or primary key %s", c.Column)
		}
		from := s.Fields[i].Type
		if from.Nullable && !c.Type.Nullable {
			return fmt.Errorf("cannot change column %s from nullable to NOT NULL", c.Column)
		}
		if !canEvolve(from, c.Type) {
			return fmt.Errorf("cannot change column %s from %s to %s: no cast between them", c.Column, from, c.Type)
		}
		s.Fields[i].Type = c.Type
	case UpdateColumnComment:
		i, err := find(c.Column)
		if err != nil {
			return err
		}
		s.Fields[i].Description = c.Comment
	case MoveColumn:
		i, err := find(c.Column)
		if err != nil {
			return err
		}
		f := s.Fields[i]
		s.Fields = slices.Delete(s.Fields, i, i+1)
		pos, err := position(s, c, len(s.Fields))
		if err != nil {
			return err
		}
		s.Fields = slices.Insert(s.Fields, pos, f)
	case UpdateComment:
		s.Comment = c.Comment
	default:
		return fmt.Errorf("unknown schema change %d", c.Kind)
	}
	return nil
}

// position returns where FIRST / AFTER x / last puts a column.
func position(s *schema.TableSchema, c SchemaChange, last int) (int, error) {
	switch {
	case c.First:
		return 0, nil
	case c.After != "":
		for i, f := range s.Fields {
			if f.Name == c.After {
				return i + 1, nil
			}
		}
		return 0, fmt.Errorf("column %s (AFTER) does not exist", c.After)
	}
	return last, nil
}

// renameInOptions follows a rename in options that name columns.
func renameInOptions(s *schema.TableSchema, from, to string) {
	for _, key := range []string{"bucket-key", "sequence.field"} {
		if v, ok := s.Options[key]; ok {
			parts := options.SplitList(v)
			for i, p := range parts {
				if p == from {
					parts[i] = to
				}
			}
			s.SetOption(key, strings.Join(parts, ","))
		}
	}
	for _, k := range s.OptionKeys() {
		if rest, ok := strings.CutPrefix(k, "fields."+from+"."); ok {
			v := s.Options[k]
			s.RemoveOption(k)
			s.SetOption("fields."+to+"."+rest, v)
		}
	}
}

// canEvolve reports whether files of type from can be read as type to (the
// casts castVector performs).
func canEvolve(from, to types.DataType) bool {
	if sameStorage(from, to) {
		return true
	}
	numeric := func(t types.DataType) bool {
		switch t.Root {
		case types.TinyInt, types.SmallInt, types.Int, types.BigInt, types.Float, types.Double, types.DecimalRoot:
			return true
		}
		return false
	}
	switch {
	case numeric(from) && numeric(to):
		return true
	case to.IsString() && from.IsAtomic() && !from.IsBinary():
		return true
	case from.IsString() && (numeric(to) || to.Root == types.Boolean || to.Root == types.Date):
		return true
	case from.IsTimestamp() && to.IsTimestamp() && from.Root == to.Root:
		return true
	case from.Root == types.Date && to.Root == types.TimestampRoot, from.Root == types.TimestampRoot && to.Root == types.Date:
		return true
	case from.IsBinary() && to.IsBinary(), from.IsString() && to.IsBinary():
		return true
	case from.Root == types.Time && to.Root == types.Time:
		return true
	}
	return false
}
