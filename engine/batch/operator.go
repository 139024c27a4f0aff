package batch

import (
	"context"
	"fmt"
	"io"

	"github.com/weir-data/weir/sql/fn"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Operator is a pull-based batch operator.
type Operator interface {
	// Types are the types of the output columns.
	Types() []types.DataType
	// Open prepares the operator and opens its inputs.
	Open(ctx context.Context) error
	// Next returns the next non-empty batch, or io.EOF after the last. The
	// batch belongs to the operator and is valid until the next call.
	Next(ctx context.Context) (*vec.Batch, error)
	// Close releases the operator's resources and closes its inputs. It is
	// safe to call after a failed Open and more than once.
	Close() error
}

// Expr is a bound expression evaluated a batch at a time (sql/expr.Expr).
type Expr interface {
	Type() types.DataType
	Eval(ctx *fn.Context, in *vec.Batch, sel []int32, out *vec.Vector) error
	String() string
}

// columnRef is implemented by expressions that only read an input column;
// operators pass such columns through without copying.
type columnRef interface {
	ColumnIndex() int
}

// Env is what every operator of one query shares.
type Env struct {
	Fn     *fn.Context
	Memory *Budget
	// TempDir is where operators spill (empty: os.TempDir()).
	TempDir string
	// Parallelism is how many goroutines the query's joins and aggregations
	// may run on (≤ 1: one).
	Parallelism int
}

// evaluator evaluates a list of expressions over batches, reusing its
// output vectors; column references are returned without a copy.
type evaluator struct {
	exprs []Expr
	outs  []*vec.Vector
	cols  []int // input column of a pass-through expression, or -1
}

func newEvaluator(exprs []Expr) (*evaluator, error) {
	e := &evaluator{exprs: exprs, outs: make([]*vec.Vector, len(exprs)), cols: make([]int, len(exprs))}
	for i, x := range exprs {
		e.cols[i] = -1
		if c, ok := x.(columnRef); ok {
			e.cols[i] = c.ColumnIndex()
			continue
		}
		v, err := vec.New(x.Type(), 0)
		if err != nil {
			return nil, fmt.Errorf("evaluate %s: %w", x, err)
		}
		e.outs[i] = v
	}
	return e, nil
}

// eval returns one vector per expression for the rows of in (all rows are
// computed when sel is nil, else at least the rows in sel). The vectors are
// valid until the next call.
func (e *evaluator) eval(ctx *fn.Context, in *vec.Batch, sel []int32, dst []*vec.Vector) ([]*vec.Vector, error) {
	dst = dst[:0]
	for i, x := range e.exprs {
		if c := e.cols[i]; c >= 0 {
			dst = append(dst, in.Cols[c])
			continue
		}
		out := e.outs[i]
		out.Reset()
		if err := x.Eval(ctx, in, sel, out); err != nil {
			return nil, err
		}
		dst = append(dst, out)
	}
	return dst, nil
}

func (e *evaluator) types() []types.DataType {
	ts := make([]types.DataType, len(e.exprs))
	for i, x := range e.exprs {
		ts[i] = x.Type()
	}
	return ts
}

// Collect runs op to the end and returns copies of all its batches.
func Collect(ctx context.Context, op Operator) (out []*vec.Batch, err error) {
	if err := op.Open(ctx); err != nil {
		op.Close()
		return nil, err
	}
	defer func() {
		if cerr := op.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	for {
		b, err := op.Next(ctx)
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, b.Clone())
	}
}

// newBatch returns an empty batch for ts; the types were checked when the
// operator was built.
func newBatch(ts []types.DataType, capacity int) *vec.Batch {
	b, err := vec.NewBatch(ts, capacity)
	if err != nil {
		panic(fmt.Sprintf("batch: unsupported type reached an operator: %v", err))
	}
	return b
}

// checkTypes reports an error for a type vectors cannot hold.
func checkTypes(op string, ts []types.DataType) error {
	for _, t := range ts {
		if _, err := vec.KindOf(t); err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
	}
	return nil
}

// BatchRows is the row count operators aim for in the batches they build.
const BatchRows = 4096
