package table

import (
	"context"
	"errors"
	"io"

	"github.com/weir-data/weir/vec"
)

// ErrStopScan, returned by a Scan callback, ends the scan early without error.
var ErrStopScan = errors.New("stop scan")

// Scan plans a batch scan and reads every split in order, calling fn with each
// batch. A batch is valid only during the call. fn may return ErrStopScan to
// end early; any other error ends the scan and is returned.
func (t *Table) Scan(ctx context.Context, opts ScanOptions, ropts ReadOptions, fn func(*vec.Batch) error) error {
	plan, err := t.Plan(ctx, opts)
	if err != nil {
		return err
	}
	for _, sp := range plan.Splits {
		if err := t.scanSplit(ctx, sp, ropts, fn); err != nil {
			if errors.Is(err, ErrStopScan) {
				return nil
			}
			return err
		}
	}
	return nil
}

func (t *Table) scanSplit(ctx context.Context, sp Split, ropts ReadOptions, fn func(*vec.Batch) error) (err error) {
	src, err := t.ReadSplit(ctx, sp, ropts)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, src.Close()) }()
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		b, err := src.Next(ctx)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(b); err != nil {
			return err
		}
	}
}
