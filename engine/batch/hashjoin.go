package batch

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/weir-data/weir/engine/hashtab"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// JoinType is the kind of a join, seen from the probe (left) side.
type JoinType uint8

const (
	InnerJoin JoinType = iota + 1
	// LeftJoin keeps probe rows without a match (build columns NULL).
	LeftJoin
	// RightJoin keeps build rows without a match (probe columns NULL).
	RightJoin
	// FullJoin keeps both.
	FullJoin
	// SemiJoin yields probe rows that have a match (EXISTS, IN), once.
	SemiJoin
	// AntiJoin yields probe rows without a match (NOT EXISTS).
	AntiJoin
	// NullAwareAntiJoin is NOT IN: like AntiJoin, but no row qualifies when
	// the build side holds a NULL key, and a probe row with a NULL key
	// qualifies only when the build side is empty.
	NullAwareAntiJoin
)

func (t JoinType) String() string {
	switch t {
	case InnerJoin:
		return "INNER"
	case LeftJoin:
		return "LEFT"
	case RightJoin:
		return "RIGHT"
	case FullJoin:
		return "FULL"
	case SemiJoin:
		return "SEMI"
	case AntiJoin:
		return "ANTI"
	case NullAwareAntiJoin:
		return "NULL-AWARE ANTI"
	}
	return fmt.Sprintf("JoinType(%d)", t)
}

// keepsBuild reports whether unmatched build rows are output.
func (t JoinType) keepsBuild() bool { return t == RightJoin || t == FullJoin }

// keepsProbe reports whether unmatched probe rows are output with NULLs.
func (t JoinType) keepsProbe() bool { return t == LeftJoin || t == FullJoin }

// projectsBuild reports whether the output has the build side's columns.
func (t JoinType) projectsBuild() bool { return t <= FullJoin }

// HashJoin joins a probe input with a build input on equal keys, plus an
// optional residual condition over the joined row (probe columns, then build
// columns). The build side is held in memory (within the query's budget);
// the probe side streams. Output columns: probe columns, then build columns
// (semi and anti joins: probe columns only).
type HashJoin struct {
	env          *Env
	probe, build Operator
	typ          JoinType
	pkeys, bkeys *evaluator
	residual     Expr
	resEv        *evaluator
	ts           []types.DataType
	np, nb       int

	// build side
	table    *hashtab.Table
	chunks   []*vec.Batch
	head     []int64 // per key id: first build row (chunk<<32 | row), -1 none
	next     [][]int64
	matched  [][]bool // per build row, for RIGHT/FULL
	buildNul bool     // a build row has a NULL key (NOT IN)
	nbuild   int64
	mem      reservation

	// probe state
	in          *vec.Batch
	ids         []uint32
	row         int   // next probe row to expand
	cur         int64 // next build row in the current chain, -1 none
	rowMatch    []bool
	kv          []*vec.Vector
	probeDone   bool
	tailPending bool
	emitBuild   int64 // next build row to scan for RIGHT/FULL unmatched output
	scanChunk   int
	scanBase    int64

	// output assembly
	pr      []int32 // probe rows of pairs
	bc, br  []int32 // build chunk and row of pairs
	pairOut *vec.Batch
	out     *vec.Batch
	srcs    [][]*vec.Vector // per build column: the chunk vectors
	resV    []*vec.Vector
	keep    []int32

	// Grace mode: when the build side outgrows the memory budget, both
	// sides are partitioned by key hash into files and each partition pair
	// is joined by a child join one level deeper.
	level        int
	grace        bool
	bparts       *partitionWriter
	pparts       *partitionWriter
	child        *HashJoin
	nextPart     int
	hashes       []uint64
	scatterRows  []int32
	scatterParts []int
	spills       int
}

// NewHashJoin returns a hash join. probeKeys and buildKeys are evaluated over
// the probe and build inputs and must have pairwise equal types (the planner
// casts them first); residual may be nil.
func NewHashJoin(env *Env, typ JoinType, probe, build Operator, probeKeys, buildKeys []Expr, residual Expr) (*HashJoin, error) {
	if len(probeKeys) != len(buildKeys) {
		return nil, fmt.Errorf("hash join: %d probe keys but %d build keys", len(probeKeys), len(buildKeys))
	}
	if typ == NullAwareAntiJoin && len(probeKeys) != 1 {
		return nil, fmt.Errorf("NOT IN join with %d keys: only one key is supported", len(probeKeys))
	}
	j := &HashJoin{env: env, probe: probe, build: build, typ: typ, residual: residual}
	var err error
	if j.pkeys, err = newEvaluator(probeKeys); err != nil {
		return nil, err
	}
	if j.bkeys, err = newEvaluator(buildKeys); err != nil {
		return nil, err
	}
	for i := range probeKeys {
		pt, bt := probeKeys[i].Type(), buildKeys[i].Type()
		pk, _ := vec.KindOf(pt)
		bk, _ := vec.KindOf(bt)
		if pk != bk || pt.Root != bt.Root && !(isString(pt) && isString(bt)) {
			return nil, fmt.Errorf("hash join key %d: %s = %s compares %s with %s; cast one side", i+1, probeKeys[i], buildKeys[i], pt, bt)
		}
	}
	pts, bts := probe.Types(), build.Types()
	j.np, j.nb = len(pts), len(bts)
	j.ts = append(j.ts, pts...)
	if typ.projectsBuild() {
		j.ts = append(j.ts, bts...)
	}
	// Outer joins make the other side's columns nullable.
	if typ == RightJoin || typ == FullJoin {
		for i := 0; i < j.np; i++ {
			j.ts[i].Nullable = true
		}
	}
	if typ == LeftJoin || typ == FullJoin {
		for i := j.np; i < len(j.ts); i++ {
			j.ts[i].Nullable = true
		}
	}
	if residual != nil {
		if residual.Type().Root != types.Boolean {
			return nil, fmt.Errorf("join condition %s is not BOOLEAN", residual)
		}
		if j.resEv, err = newEvaluator([]Expr{residual}); err != nil {
			return nil, err
		}
	}
	return j, nil
}

func isString(t types.DataType) bool { return t.Root == types.Char || t.Root == types.VarChar }

func (j *HashJoin) Types() []types.DataType { return j.ts }

func (j *HashJoin) Open(ctx context.Context) error {
	j.mem = reservation{budget: j.env.Memory, op: "hash join build side"}
	if err := j.build.Open(ctx); err != nil {
		return err
	}
	if err := j.loadBuild(ctx); err != nil {
		return err
	}
	if err := j.probe.Open(ctx); err != nil {
		return err
	}
	if j.grace {
		return j.spillProbe(ctx)
	}
	all := append(append([]types.DataType(nil), j.probe.Types()...), j.build.Types()...)
	j.pairOut = newBatch(all, BatchRows)
	j.out = newBatch(j.ts, BatchRows)
	j.srcs = make([][]*vec.Vector, j.nb)
	for c := range j.srcs {
		for _, ch := range j.chunks {
			j.srcs[c] = append(j.srcs[c], ch.Cols[c])
		}
	}
	j.in, j.probeDone, j.tailPending, j.emitBuild, j.scanChunk, j.scanBase = nil, false, false, 0, 0, 0
	return nil
}

func (j *HashJoin) loadBuild(ctx context.Context) error {
	var err error
	if j.table, err = hashtab.New(j.bkeys.types()); err != nil {
		return err
	}
	var kv []*vec.Vector
	var ids []uint32
	var sel []int32
	var bytes int64
	for {
		b, err := j.build.Next(ctx)
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		b = b.Clone()
		c := len(j.chunks)
		j.chunks = append(j.chunks, b)
		j.next = append(j.next, make([]int64, b.Len))
		if j.typ.keepsBuild() {
			j.matched = append(j.matched, make([]bool, b.Len))
		}
		j.nbuild += int64(b.Len)
		if kv, err = j.bkeys.eval(j.env.Fn, b, nil, kv); err != nil {
			return fmt.Errorf("evaluate join keys of the build side: %w", err)
		}
		sel = nonNullRows(kv, b.Len, sel[:0])
		if len(sel) < b.Len {
			j.buildNul = true
		}
		ids = j.table.FindOrInsert(kv, b.Len, sel, ids)
		for len(j.head) < j.table.Len() {
			j.head = append(j.head, -1)
		}
		nx := j.next[c]
		for i := range nx {
			nx[i] = -1
		}
		// Chains keep build order: walk rows backwards, pushing on the head.
		for k := len(sel) - 1; k >= 0; k-- {
			r := sel[k]
			id := ids[r]
			nx[r] = j.head[id]
			j.head[id] = int64(c)<<32 | int64(r)
		}
		bytes += batchBytes(b) + int64(b.Len)*9
		if err := j.mem.resize(bytes + j.table.MemoryBytes() + int64(len(j.head))*8); err != nil {
			if !spillable(j.env, err) || j.typ == NullAwareAntiJoin {
				return err
			}
			if j.level >= maxSpillLevel {
				return fmt.Errorf("hash join spilled %d levels deep and its build side still does not fit: %w", j.level, err)
			}
			return j.spillBuild(ctx)
		}
	}
	return nil
}

// spillBuild switches to grace mode: the build rows read so far and the rest
// of the build input go to partition files.
func (j *HashJoin) spillBuild(ctx context.Context) error {
	var err error
	if j.bparts, err = newPartitionWriter(j.env, "hash join", j.build.Types()); err != nil {
		return err
	}
	j.grace = true
	j.spills++
	var kv []*vec.Vector
	for _, ch := range j.chunks {
		if kv, err = j.scatter(j.bparts, j.bkeys, ch, kv); err != nil {
			return err
		}
	}
	j.chunks, j.next, j.matched, j.head, j.table = nil, nil, nil, nil, nil
	j.mem.release()
	for {
		b, err := j.build.Next(ctx)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if kv, err = j.scatter(j.bparts, j.bkeys, b, kv); err != nil {
			return err
		}
	}
}

// scatter writes the rows of b to the partitions of their key hashes.
func (j *HashJoin) scatter(pw *partitionWriter, keys *evaluator, b *vec.Batch, kv []*vec.Vector) ([]*vec.Vector, error) {
	kv, err := keys.eval(j.env.Fn, b, nil, kv)
	if err != nil {
		return nil, fmt.Errorf("evaluate join keys: %w", err)
	}
	j.hashes = hashtab.Hash(kv, b.Len, j.hashes)
	j.scatterRows, j.scatterParts = j.scatterRows[:0], j.scatterParts[:0]
	for r := 0; r < b.Len; r++ {
		j.scatterRows = append(j.scatterRows, int32(r))
		j.scatterParts = append(j.scatterParts, partitionOf(j.hashes[r], j.level))
	}
	return kv, pw.write(b, j.scatterRows, j.scatterParts)
}

// spillProbe partitions the whole probe input like the build side.
func (j *HashJoin) spillProbe(ctx context.Context) error {
	var err error
	if j.pparts, err = newPartitionWriter(j.env, "hash join", j.probe.Types()); err != nil {
		return err
	}
	var kv []*vec.Vector
	for {
		b, err := j.probe.Next(ctx)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if kv, err = j.scatter(j.pparts, j.pkeys, b, kv); err != nil {
			return err
		}
	}
}

// nextGrace yields the joins of the partition pairs.
func (j *HashJoin) nextGrace(ctx context.Context) (*vec.Batch, error) {
	for {
		if j.child != nil {
			b, err := j.child.Next(ctx)
			if err != io.EOF {
				return b, err
			}
			err = j.child.Close()
			j.child = nil
			if err != nil {
				return nil, err
			}
			continue
		}
		if j.nextPart >= spillPartitions {
			return nil, io.EOF
		}
		i := j.nextPart
		j.nextPart++
		pf, bf := j.pparts.files[i], j.bparts.files[i]
		j.pparts.files[i], j.bparts.files[i] = nil, nil
		if pf.rows == 0 && (bf.rows == 0 || !j.typ.keepsBuild()) {
			if err := errors.Join(pf.remove(), bf.remove()); err != nil {
				return nil, err
			}
			continue
		}
		child, err := NewHashJoin(j.env, j.typ, &fileSource{f: pf}, &fileSource{f: bf}, j.pkeys.exprs, j.bkeys.exprs, j.residual)
		if err != nil {
			pf.remove()
			bf.remove()
			return nil, err
		}
		child.level = j.level + 1
		if err := child.Open(ctx); err != nil {
			child.Close()
			return nil, err
		}
		j.child = child
	}
}

// nonNullRows appends the rows where no key is NULL.
func nonNullRows(keys []*vec.Vector, n int, dst []int32) []int32 {
	anyNull := false
	for _, k := range keys {
		if k.Nulls.Any() {
			anyNull = true
		}
	}
	for i := 0; i < n; i++ {
		if anyNull {
			null := false
			for _, k := range keys {
				if k.Nulls.Get(i) {
					null = true
					break
				}
			}
			if null {
				continue
			}
		}
		dst = append(dst, int32(i))
	}
	return dst
}

func batchBytes(b *vec.Batch) int64 {
	var n int64
	for _, v := range b.Cols {
		n += int64(len(v.Data)) + int64(v.Len)*8
	}
	return n
}

func (j *HashJoin) Next(ctx context.Context) (*vec.Batch, error) {
	if j.grace {
		return j.nextGrace(ctx)
	}
	for {
		if j.tailPending {
			j.tailPending = false
			out := j.probeTail()
			j.in = nil
			if out != nil && out.Len > 0 {
				return out, nil
			}
			continue
		}
		if j.in == nil {
			if j.probeDone {
				if out := j.unmatchedBuild(); out != nil {
					return out, nil
				}
				return nil, io.EOF
			}
			in, err := j.probe.Next(ctx)
			if err == io.EOF {
				j.probeDone = true
				continue
			}
			if err != nil {
				return nil, err
			}
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if err := j.startProbe(in); err != nil {
				return nil, err
			}
		}
		out, err := j.expand()
		if err != nil {
			return nil, err
		}
		if j.row >= j.in.Len {
			j.tailPending = true
		}
		if out != nil && out.Len > 0 {
			return out, nil
		}
	}
}

func (j *HashJoin) startProbe(in *vec.Batch) error {
	j.in = in
	var err error
	if j.kv, err = j.pkeys.eval(j.env.Fn, in, nil, j.kv); err != nil {
		return fmt.Errorf("evaluate join keys of the probe side: %w", err)
	}
	sel := nonNullRows(j.kv, in.Len, nil)
	if len(sel) == in.Len {
		sel = nil
	}
	for i := range j.ids {
		j.ids[i] = hashtab.NotFound
	}
	j.ids = j.table.Find(j.kv, in.Len, sel, j.ids)
	if sel != nil {
		// Rows with NULL keys match nothing.
		k := 0
		for i := 0; i < in.Len; i++ {
			if k < len(sel) && int(sel[k]) == i {
				k++
				continue
			}
			j.ids[i] = hashtab.NotFound
		}
	}
	j.row, j.cur = 0, -1
	if j.row < in.Len {
		j.cur = j.chainHead(0)
	}
	j.rowMatch = j.rowMatch[:0]
	for i := 0; i < in.Len; i++ {
		j.rowMatch = append(j.rowMatch, false)
	}
	return nil
}

func (j *HashJoin) chainHead(row int) int64 {
	id := j.ids[row]
	if id == hashtab.NotFound {
		return -1
	}
	return j.head[id]
}

// expand produces the next batch of matched pairs of the current probe
// batch (nil for semi and anti joins, which only record matches).
func (j *HashJoin) expand() (*vec.Batch, error) {
	in := j.in
	j.pr, j.bc, j.br = j.pr[:0], j.bc[:0], j.br[:0]
	flagOnly := !j.typ.projectsBuild() && j.residual == nil
	for j.row < in.Len && len(j.pr) < BatchRows {
		if j.cur < 0 {
			j.row++
			if j.row < in.Len {
				j.cur = j.chainHead(j.row)
			}
			continue
		}
		if flagOnly {
			j.rowMatch[j.row] = true
			j.cur = -1
			continue
		}
		c, r := int32(j.cur>>32), int32(j.cur)
		j.pr = append(j.pr, int32(j.row))
		j.bc = append(j.bc, c)
		j.br = append(j.br, r)
		j.cur = j.next[c][r]
	}
	return j.emitPairs()
}

// probeTail returns the rows of the finished probe batch that the match flags
// decide: unmatched rows with NULL build columns (LEFT, FULL), matched rows
// (SEMI), unmatched rows (ANTI, NOT IN).
func (j *HashJoin) probeTail() *vec.Batch {
	in := j.in
	rows := j.keep[:0]
	switch j.typ {
	case LeftJoin, FullJoin, AntiJoin:
		for i := 0; i < in.Len; i++ {
			if !j.rowMatch[i] {
				rows = append(rows, int32(i))
			}
		}
	case SemiJoin:
		for i := 0; i < in.Len; i++ {
			if j.rowMatch[i] {
				rows = append(rows, int32(i))
			}
		}
	case NullAwareAntiJoin:
		switch {
		case j.nbuild == 0:
			for i := 0; i < in.Len; i++ {
				rows = append(rows, int32(i))
			}
		case j.buildNul:
		default:
			for i := 0; i < in.Len; i++ {
				if !j.rowMatch[i] && !j.kv[0].Nulls.Get(i) {
					rows = append(rows, int32(i))
				}
			}
		}
	default:
		return nil
	}
	j.keep = rows
	if len(rows) == 0 {
		return nil
	}
	out := j.out
	out.Reset()
	for c := 0; c < j.np; c++ {
		out.Cols[c].AppendRows(in.Cols[c], rows)
	}
	if j.typ.projectsBuild() {
		for c := 0; c < j.nb; c++ {
			appendNulls(out.Cols[j.np+c], len(rows))
		}
	}
	out.Len = len(rows)
	return out
}

// unmatchedBuild returns the next batch of build rows no probe row matched
// (RIGHT, FULL), with NULL probe columns; nil when there are no more.
func (j *HashJoin) unmatchedBuild() *vec.Batch {
	if !j.typ.keepsBuild() {
		return nil
	}
	j.bc, j.br = j.bc[:0], j.br[:0]
	for j.emitBuild < j.nbuild && len(j.br) < BatchRows {
		// emitBuild counts rows; walk chunks to find (chunk, row).
		c, r := j.locateBuild(j.emitBuild)
		j.emitBuild++
		if !j.matched[c][r] {
			j.bc = append(j.bc, int32(c))
			j.br = append(j.br, int32(r))
		}
	}
	if len(j.br) == 0 {
		return nil
	}
	out := j.out
	out.Reset()
	for c := 0; c < j.np; c++ {
		appendNulls(out.Cols[c], len(j.br))
	}
	for c := 0; c < j.nb; c++ {
		out.Cols[j.np+c].AppendGather(j.srcs[c], j.bc, j.br)
	}
	out.Len = len(j.br)
	return out
}

// locateBuild maps a build row number to its chunk and row.
func (j *HashJoin) locateBuild(n int64) (int, int) {
	for j.scanChunk < len(j.chunks) && n >= j.scanBase+int64(j.chunks[j.scanChunk].Len) {
		j.scanBase += int64(j.chunks[j.scanChunk].Len)
		j.scanChunk++
	}
	return j.scanChunk, int(n - j.scanBase)
}

func appendNulls(v *vec.Vector, n int) {
	for i := 0; i < n; i++ {
		v.AppendNull()
	}
}

// emitPairs assembles the candidate pairs, applies the residual and records
// matches; it returns the inner part of the output (nil for semi/anti).
func (j *HashJoin) emitPairs() (*vec.Batch, error) {
	if len(j.pr) == 0 {
		return nil, nil
	}
	p := j.pairOut
	p.Reset()
	for c := 0; c < j.np; c++ {
		p.Cols[c].AppendRows(j.in.Cols[c], j.pr)
	}
	for c := 0; c < j.nb; c++ {
		p.Cols[j.np+c].AppendGather(j.srcs[c], j.bc, j.br)
	}
	p.Len = len(j.pr)
	keep := j.keep[:0]
	if j.resEv != nil {
		var err error
		if j.resV, err = j.resEv.eval(j.env.Fn, p, nil, j.resV); err != nil {
			return nil, fmt.Errorf("evaluate join condition %s: %w", j.residual, err)
		}
		keep = selectTrue(j.resV[0], p.Len, keep)
	} else {
		for i := 0; i < p.Len; i++ {
			keep = append(keep, int32(i))
		}
	}
	j.keep = keep
	for _, k := range keep {
		j.rowMatch[j.pr[k]] = true
		if j.typ.keepsBuild() {
			j.matched[j.bc[k]][j.br[k]] = true
		}
	}
	if !j.typ.projectsBuild() {
		return nil, nil
	}
	if len(keep) == p.Len {
		return p, nil
	}
	gatherInto(j.out, p, keep)
	return j.out, nil
}

func (j *HashJoin) Close() error {
	j.mem.release()
	j.chunks, j.next, j.matched, j.head, j.table = nil, nil, nil, nil, nil
	var errs []error
	if j.child != nil {
		errs = append(errs, j.child.Close())
		j.child = nil
	}
	for _, pw := range []*partitionWriter{j.bparts, j.pparts} {
		if pw != nil {
			errs = append(errs, pw.remove())
		}
	}
	j.bparts, j.pparts = nil, nil
	errs = append(errs, j.probe.Close(), j.build.Close())
	return errors.Join(errs...)
}
