package datagen

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"github.com/weir-data/weir/connector"
	"github.com/weir-data/weir/engine/batch"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Name is the connector's name.
const Name = "datagen"

func init() { connector.Register(&Factory{}) }

// Factory makes datagen sources. Now, when set, replaces the clock that
// random DATE, TIME and TIMESTAMP values derive from (tests).
type Factory struct {
	Now func() time.Time
}

// Name returns "datagen".
func (*Factory) Name() string { return Name }

// OptionKeys lists Flink's datagen options and weir.seed.
func (*Factory) OptionKeys() []connector.OptionSpec { return optionSpecs }

// Validate checks the table's options against its columns.
func (*Factory) Validate(t connector.TableInfo) error {
	_, err := parseConfig(t)
	return err
}

// NewSink fails: datagen is a source only.
func (*Factory) NewSink(_ context.Context, t connector.TableInfo, _ connector.SinkRequest) (connector.Sink, error) {
	return nil, fmt.Errorf("table %s: connector datagen cannot be written to: %w", t.Name, connector.ErrNotSink)
}

// NewSource returns the generating operator for split req.Split of
// req.Splits. A bounded request over an unbounded table fails.
func (f *Factory) NewSource(_ context.Context, t connector.TableInfo, req connector.SourceRequest) (batch.Operator, error) {
	c, err := parseConfig(t)
	if err != nil {
		return nil, err
	}
	total := c.totalRows()
	if req.Bounded && total < 0 {
		return nil, fmt.Errorf("datagen table %s is unbounded, so a batch query cannot read it: set 'number-of-rows' (or give a field 'kind' = 'sequence' with 'start' and 'end')", t.Name)
	}
	split, splits := int64(req.Split), int64(max(req.Splits, 1))
	if split < 0 || split >= splits {
		return nil, fmt.Errorf("datagen table %s: split %d of %d does not exist", t.Name, req.Split, req.Splits)
	}
	proj := req.Projection
	if proj == nil {
		proj = make([]int, len(t.Columns))
		for i := range proj {
			proj[i] = i
		}
	}
	s := &Source{table: t.Name, cfg: c, now: time.Now, remaining: -1}
	if f.Now != nil {
		s.now = f.Now
	}
	if total >= 0 {
		s.remaining = share(total, split, splits)
	}
	for _, p := range proj {
		if p < 0 || p >= len(c.fields) {
			return nil, fmt.Errorf("datagen table %s: projection names column %d of %d", t.Name, p, len(c.fields))
		}
		fc := c.fields[p]
		s.fields = append(s.fields, fc)
		s.types = append(s.types, fc.typ)
		// This split's sequence elements start at its share's offset.
		s.offsets = append(s.offsets, offset(fc.count, split, splits))
	}
	// Sequences not projected still end the read.
	for _, fc := range c.fields {
		if fc.kind == sequence {
			if n := share(fc.count, split, splits); s.remaining < 0 || n < s.remaining {
				s.remaining = n
			}
		}
	}
	s.seed = c.seed ^ uint64(split)*0x9e3779b97f4a7c15
	if !c.seeded {
		s.seed = rand.Uint64()
	}
	if !req.Bounded {
		s.limiter = newLimiter(c.rowsPerSecond)
	}
	return s, nil
}

// offset is the first index of split k's share of n items.
func offset(n, k, splits int64) int64 {
	q, r := n/splits, n%splits
	return k*q + min(k, r)
}

// share is the size of split k's share of n items (the first n%splits
// splits get one more).
func share(n, k, splits int64) int64 {
	q := n / splits
	if k < n%splits {
		q++
	}
	return q
}

// Source generates the rows of one split of a datagen table. It is not
// safe for concurrent use.
type Source struct {
	table   string
	cfg     *config
	fields  []fieldConfig
	types   []types.DataType
	offsets []int64
	now     func() time.Time
	seed    uint64
	limiter *limiter

	remaining int64 // rows left (-1: unbounded)
	produced  int64
	gens      []*generator
	rng       *rand.Rand
	out       *vec.Batch
}

// Types returns the projected column types.
func (s *Source) Types() []types.DataType { return s.types }

// Open starts generation; DATE, TIME and TIMESTAMP values derive from the
// time of Open.
func (s *Source) Open(context.Context) error {
	now := s.now()
	s.gens = s.gens[:0]
	for _, f := range s.fields {
		s.gens = append(s.gens, newGenerator(f, now))
	}
	s.rng = rand.New(rand.NewPCG(s.seed, 0x5eed))
	s.produced = 0
	out, err := vec.NewBatch(s.types, batch.BatchRows)
	if err != nil {
		return fmt.Errorf("datagen table %s: %w", s.table, err)
	}
	s.out = out
	return nil
}

// Next returns the next batch of at most batch.BatchRows rows (fewer when
// paced at under BatchRows rows per second), or io.EOF at the end.
func (s *Source) Next(ctx context.Context) (*vec.Batch, error) {
	if s.out == nil {
		return nil, fmt.Errorf("datagen table %s: Next before Open", s.table)
	}
	n := int64(batch.BatchRows)
	if s.limiter != nil {
		n = min(n, s.cfg.rowsPerSecond)
	}
	if s.remaining >= 0 {
		n = min(n, s.remaining-s.produced)
	}
	if n <= 0 {
		return nil, io.EOF
	}
	if s.limiter != nil {
		if err := s.limiter.wait(ctx, int(n)); err != nil {
			return nil, err
		}
	} else if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.out.Reset()
	for i, g := range s.gens {
		g.fill(s.out.Cols[i], int(n), s.offsets[i]+s.produced, s.rng)
	}
	s.out.Len = int(n)
	s.produced += n
	return s.out, nil
}

// Close releases the batch.
func (s *Source) Close() error {
	s.out = nil
	return nil
}
