package table

import (
	"fmt"
	"path"
	"strconv"
	"sync/atomic"

	"github.com/google/uuid"

	"github.com/weir-data/weir/paimon/binaryrow"
	"github.com/weir-data/weir/paimon/partition"
)

// partitionDir returns the partition's directory ("k1=v1/k2=v2", "" when the
// table is not partitioned) from its serialized BinaryRow.
func (t *Table) partitionDir(serialized []byte) (string, error) {
	if len(t.partTypes) == 0 {
		return "", nil
	}
	vals, err := t.decodePartition(serialized)
	if err != nil {
		return "", err
	}
	return t.partitionDirOf(vals)
}

func (t *Table) partitionDirOf(vals []any) (string, error) {
	if len(t.partTypes) == 0 {
		return "", nil
	}
	p, err := partition.PathOf(t.schema.PartitionKeys, t.partTypes, vals, partition.Options{
		DefaultName: t.opts.PartitionDefaultName(),
		Legacy:      t.opts.PartitionLegacyName(),
	})
	if err != nil {
		return "", fmt.Errorf("table %s: partition path: %w", t.name, err)
	}
	return p, nil
}

// decodePartition decodes a serialized partition BinaryRow into values.
func (t *Table) decodePartition(serialized []byte) ([]any, error) {
	arity, raw, err := binaryrow.Deserialize(serialized)
	if err != nil {
		return nil, fmt.Errorf("table %s: partition row: %w", t.name, err)
	}
	if arity != len(t.partTypes) {
		return nil, fmt.Errorf("table %s: partition row has %d fields, table has %d partition keys", t.name, arity, len(t.partTypes))
	}
	return binaryrow.Decode(t.partTypes, raw)
}

// bucketDir returns the directory of a bucket's data files.
func (t *Table) bucketDir(partDir string, bucket int) string {
	b := "bucket-" + strconv.Itoa(bucket)
	if bucket == -2 {
		b = "bucket-postpone"
	}
	return path.Join(t.path, partDir, b)
}

func (t *Table) manifestPath(name string) string { return path.Join(t.path, "manifest", name) }
func (t *Table) indexPath(name string) string    { return path.Join(t.path, "index", name) }

// nameFactory makes file names the way Paimon's path factories do: a prefix,
// one UUID per factory, and a counter ("data-<uuid>-<n>.parquet").
type nameFactory struct {
	uuid string
	next atomic.Int64
}

func newNameFactory() *nameFactory { return &nameFactory{uuid: uuid.NewString()} }

func (f *nameFactory) name(prefix, suffix string) string {
	n := f.next.Add(1) - 1
	return prefix + f.uuid + "-" + strconv.FormatInt(n, 10) + suffix
}
