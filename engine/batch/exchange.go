package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/weir-data/weir/engine/hashtab"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Exchange repartitions the rows of several inputs by the hash of key
// expressions into n outputs, so that n operators (aggregations, joins) can
// run in parallel on disjoint key sets. Every input runs in its own
// goroutine; bounded channels carry the batches, so a slow consumer holds
// the producers back.
//
// The outputs must be consumed concurrently (see Gather): an output that is
// not read blocks the producers once its channel is full.
type Exchange struct {
	env    *Env
	inputs []Operator
	keys   []Expr
	outs   []*exchangeOutput
	ts     []types.DataType

	once    sync.Once
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	errOnce sync.Once
	err     error
	opened  int
	mu      sync.Mutex
}

type exchangeOutput struct {
	x  *Exchange
	i  int
	ch chan *vec.Batch
	b  *vec.Batch
}

// NewExchange returns an exchange of inputs (equal column types) into n
// outputs by the hash of keys.
func NewExchange(env *Env, inputs []Operator, keys []Expr, n int) (*Exchange, error) {
	if len(inputs) == 0 || n < 1 {
		return nil, errors.New("exchange needs at least one input and one output")
	}
	x := &Exchange{env: env, inputs: inputs, keys: keys, ts: inputs[0].Types()}
	for i := 0; i < n; i++ {
		x.outs = append(x.outs, &exchangeOutput{x: x, i: i, ch: make(chan *vec.Batch, 4)})
	}
	return x, nil
}

// Output returns output i, an Operator.
func (x *Exchange) Output(i int) Operator { return x.outs[i] }

func (x *Exchange) fail(err error) {
	x.errOnce.Do(func() {
		x.err = err
		x.cancel()
	})
}

// start opens the inputs and runs one producer per input.
func (x *Exchange) start(ctx context.Context) error {
	var startErr error
	x.once.Do(func() {
		ctx, x.cancel = context.WithCancel(ctx)
		for _, in := range x.inputs {
			if err := in.Open(ctx); err != nil {
				startErr = err
				x.cancel()
				return
			}
		}
		for _, in := range x.inputs {
			x.wg.Add(1)
			go x.produce(ctx, in)
		}
		go func() {
			x.wg.Wait()
			for _, o := range x.outs {
				close(o.ch)
			}
		}()
	})
	return startErr
}

func (x *Exchange) produce(ctx context.Context, in Operator) {
	defer x.wg.Done()
	ev, err := newEvaluator(x.keys)
	if err != nil {
		x.fail(err)
		return
	}
	n := len(x.outs)
	pending := make([]*vec.Batch, n)
	for i := range pending {
		pending[i] = newBatch(x.ts, BatchRows)
	}
	rows := make([][]int32, n)
	var kv []*vec.Vector
	var hashes []uint64
	send := func(i int) bool {
		b := pending[i]
		pending[i] = newBatch(x.ts, BatchRows)
		select {
		case x.outs[i].ch <- b:
			return true
		case <-ctx.Done():
			return false
		}
	}
	for {
		b, err := in.Next(ctx)
		if err == io.EOF {
			break
		}
		if err != nil {
			x.fail(err)
			return
		}
		if kv, err = ev.eval(x.env.Fn, b, nil, kv); err != nil {
			x.fail(fmt.Errorf("evaluate exchange keys: %w", err))
			return
		}
		hashes = hashtab.Hash(kv, b.Len, hashes)
		for i := range rows {
			rows[i] = rows[i][:0]
		}
		for r := 0; r < b.Len; r++ {
			// Low bits: spilling operators below use the high bits.
			i := int(hashes[r] % uint64(n))
			rows[i] = append(rows[i], int32(r))
		}
		for i, rs := range rows {
			if len(rs) == 0 {
				continue
			}
			p := pending[i]
			for c, v := range b.Cols {
				p.Cols[c].AppendRows(v, rs)
			}
			if b.Kinds != nil {
				for _, r := range rs {
					p.Kinds = append(p.Kinds, b.Kinds[r])
				}
			}
			p.Len += len(rs)
			if p.Len >= BatchRows && !send(i) {
				return
			}
		}
	}
	for i, p := range pending {
		if p.Len > 0 && !send(i) {
			return
		}
	}
}

func (o *exchangeOutput) Types() []types.DataType { return o.x.ts }

func (o *exchangeOutput) Open(ctx context.Context) error {
	o.x.mu.Lock()
	o.x.opened++
	o.x.mu.Unlock()
	return o.x.start(ctx)
}

func (o *exchangeOutput) Next(ctx context.Context) (*vec.Batch, error) {
	select {
	case b, ok := <-o.ch:
		if !ok {
			if o.x.err != nil {
				return nil, o.x.err
			}
			return nil, io.EOF
		}
		o.b = b
		return b, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Close of the last output stops the producers and closes the inputs.
func (o *exchangeOutput) Close() error {
	x := o.x
	x.mu.Lock()
	x.opened--
	last := x.opened <= 0
	x.mu.Unlock()
	if !last {
		return nil
	}
	if x.cancel != nil {
		x.cancel()
		for _, out := range x.outs {
			for range out.ch {
			}
		}
		x.wg.Wait()
	}
	var errs []error
	for _, in := range x.inputs {
		errs = append(errs, in.Close())
	}
	return errors.Join(errs...)
}

// Gather runs several operators in parallel, one goroutine each, and yields
// all their batches (in no particular order) as one stream.
type Gather struct {
	inputs []Operator
	ch     chan gathered
	cancel context.CancelFunc
	wg     sync.WaitGroup
	free   chan struct{}
}

type gathered struct {
	b    *vec.Batch
	err  error
	done chan struct{}
}

// NewGather returns the union of inputs (equal column types) run in parallel.
func NewGather(inputs ...Operator) (*Gather, error) {
	if len(inputs) == 0 {
		return nil, errors.New("gather of no inputs")
	}
	return &Gather{inputs: inputs}, nil
}

func (g *Gather) Types() []types.DataType { return g.inputs[0].Types() }

func (g *Gather) Open(ctx context.Context) error {
	ctx, g.cancel = context.WithCancel(ctx)
	g.ch = make(chan gathered)
	for _, in := range g.inputs {
		g.wg.Add(1)
		go func(in Operator) {
			defer g.wg.Done()
			send := func(r gathered) bool {
				select {
				case g.ch <- r:
					return true
				case <-ctx.Done():
					return false
				}
			}
			if err := in.Open(ctx); err != nil {
				send(gathered{err: err})
				return
			}
			// A batch belongs to its operator until its next call: wait
			// for the consumer to be done with it before pulling again.
			done := make(chan struct{})
			for {
				b, err := in.Next(ctx)
				if err == io.EOF {
					return
				}
				if err != nil {
					send(gathered{err: err})
					return
				}
				if !send(gathered{b: b, done: done}) {
					return
				}
				select {
				case <-done:
				case <-ctx.Done():
					return
				}
			}
		}(in)
	}
	go func() {
		g.wg.Wait()
		close(g.ch)
	}()
	return nil
}

func (g *Gather) Next(ctx context.Context) (*vec.Batch, error) {
	if g.free != nil {
		g.free <- struct{}{}
		g.free = nil
	}
	select {
	case r, ok := <-g.ch:
		if !ok {
			return nil, io.EOF
		}
		if r.err != nil {
			g.cancel()
			return nil, r.err
		}
		g.free = r.done
		return r.b, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (g *Gather) Close() error {
	if g.cancel != nil {
		g.cancel()
		if g.free != nil {
			select {
			case g.free <- struct{}{}:
			default:
			}
			g.free = nil
		}
		for range g.ch {
		}
		g.wg.Wait()
	}
	var errs []error
	for _, in := range g.inputs {
		errs = append(errs, in.Close())
	}
	return errors.Join(errs...)
}
