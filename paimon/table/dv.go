package table

import (
	"context"
	"fmt"

	"github.com/weir-data/weir/paimon/deletionvector"
)

// loadDeletionVector reads one deletion vector from its index file.
func (t *Table) loadDeletionVector(ctx context.Context, ref DVRef) (deletedFunc, error) {
	p := t.indexPath(ref.IndexFile)
	data, err := t.fio.ReadFile(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("read deletion vector index %s: %w", p, err)
	}
	dv, err := deletionvector.ReadVector(data, ref.Offset, ref.Length)
	if err != nil {
		return nil, fmt.Errorf("deletion vector index %s at offset %d: %w", p, ref.Offset, err)
	}
	return dv.IsDeleted, nil
}
