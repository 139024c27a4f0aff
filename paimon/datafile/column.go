package datafile

import (
	"github.com/weir-data/weir/types"
)

// Paimon's system field ids and names for KeyValue files
// (SpecialFields.java, KeyValue.createKeyValueFields).
const (
	// KeyFieldIDStart is added to a primary-key field's id to get the id of its
	// _KEY_ column (Integer.MAX_VALUE / 2).
	KeyFieldIDStart = 1073741823
	// KeyFieldPrefix prefixes the name of a key column.
	KeyFieldPrefix = "_KEY_"
	// SequenceNumberID is the field id of _SEQUENCE_NUMBER.
	SequenceNumberID = 2147483646
	// SequenceNumberName is the name of the sequence number column.
	SequenceNumberName = "_SEQUENCE_NUMBER"
	// ValueKindID is the field id of _VALUE_KIND.
	ValueKindID = 2147483645
	// ValueKindName is the name of the row kind column.
	ValueKindName = "_VALUE_KIND"
)

// Column is one physical column of a data file: its name, its Paimon field id
// (written as the Parquet field_id) and its logical type. A NOT NULL type
// (Nullable false) becomes a REQUIRED Parquet column.
type Column struct {
	ID   int
	Name string
	Type types.DataType
}

// KeyValueColumns returns the columns of a primary-key (KeyValue) data file:
//
//	_KEY_<k> for each trimmed primary-key field (id + KeyFieldIDStart, NOT NULL),
//	_SEQUENCE_NUMBER (BIGINT NOT NULL), _VALUE_KIND (TINYINT NOT NULL),
//	then every value field unchanged.
//
// trimmedKey must be the primary key minus the partition keys, in declared
// primary-key order (not schema order). Paimon forces primary-key fields to be
// NOT NULL, so the key columns are NOT NULL regardless of the passed type.
func KeyValueColumns(trimmedKey []types.Field, value []types.Field) []Column {
	cols := make([]Column, 0, len(trimmedKey)+2+len(value))
	for _, f := range trimmedKey {
		cols = append(cols, Column{ID: f.ID + KeyFieldIDStart, Name: KeyFieldPrefix + f.Name, Type: f.Type.NotNull()})
	}
	cols = append(cols,
		Column{ID: SequenceNumberID, Name: SequenceNumberName, Type: types.NewBigInt().NotNull()},
		Column{ID: ValueKindID, Name: ValueKindName, Type: types.NewTinyInt().NotNull()},
	)
	return append(cols, AppendColumns(value)...)
}

// AppendColumns returns the columns of an append-table data file: exactly the
// given fields, in order.
func AppendColumns(fields []types.Field) []Column {
	cols := make([]Column, len(fields))
	for i, f := range fields {
		cols[i] = Column{ID: f.ID, Name: f.Name, Type: f.Type}
	}
	return cols
}
