package logistics

import (
	"context"
	"fmt"
	"time"

	"github.com/weir-data/weir/bench/dataset"
	"github.com/weir-data/weir/bench/internal/crand"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// DefaultDocuments is the data set size when Options.Documents is 0.
const DefaultDocuments = 10_000

// Options configure a generation run.
type Options struct {
	// Documents is the number of business documents over the three source
	// systems (40 % SHY, 40 % sea orders, 20 % air house bills); customers
	// number Documents/100 (at least 20), staff Documents/500 (at least 10).
	Documents int
	// Seed selects the data set.
	Seed uint64
	// BatchSize is the maximum rows per batch (4096 when 0).
	BatchSize int
}

// Sizes are the row counts of a run.
type Sizes struct {
	Users, Enterprises, ShyDocs, SeaOrders, AirHAWBs int64
}

// SizesFor returns the row counts for o (Enterprises counts distinct
// customers; their table has a few extra rows with an empty entorgcode).
func SizesFor(o Options) Sizes {
	d := int64(o.Documents)
	if d == 0 {
		d = DefaultDocuments
	}
	return Sizes{
		Users:       max(10, d/500),
		Enterprises: max(20, d/100),
		ShyDocs:     d * 2 / 5,
		SeaOrders:   d * 2 / 5,
		AirHAWBs:    d - 2*(d*2/5),
	}
}

// emptyOrgEvery: every 33rd customer also has a row with entorgcode ”.
const emptyOrgEvery = 33

func (s Sizes) rows(table string) int64 {
	switch table {
	case Users:
		return s.Users
	case Enterprise:
		return s.Enterprises + (s.Enterprises+emptyOrgEvery-1)/emptyOrgEvery
	case ShyDoc:
		return s.ShyDocs
	case SeaOrder:
		return s.SeaOrders
	case AirHAWB:
		return s.AirHAWBs
	}
	return 0
}

// Rows returns the number of rows of the named table.
func (s Sizes) Rows(table string) int64 { return s.rows(table) }

// Table returns the definition of the named table.
func Table(name string) (dataset.Table, error) {
	t, ok := tables[name]
	if !ok {
		return dataset.Table{}, fmt.Errorf("logistics: unknown table %q", name)
	}
	return t, nil
}

// Sources returns the five tables as data set sources, in TableNames order.
func Sources(o Options) []dataset.Source {
	var out []dataset.Source
	for _, name := range TableNames {
		name := name
		out = append(out, dataset.Source{Table: tables[name], Rows: func(ctx context.Context, emit dataset.Emit) error {
			return Generate(ctx, name, o, emit)
		}})
	}
	return out
}

// Streams of the random draws.
const (
	sUserDept uint64 = iota + 1
	sDocDate
	sDocTime
	sCustomer
	sMissing
	sSales
	sOp
	sType
	sPOL
	sPOT
	sPOD
	sDeleted
	sStatus
	sIncome
	sCostRatio
	sLag
	sNullIncome
	sSpaces
	sImport
	sNature
)

var (
	firstDay = int64(time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC).Unix() / 86400)
	numDays  = int64(731) // 2023-01-01 … 2024-12-31
)

type generator struct {
	r     crand.Source
	sizes Sizes
	// stream offsets per source table, so the three document tables draw
	// independently
	table uint64
}

// Generate streams the rows of the named table to emit. The batch is reused:
// it is valid until emit returns.
func Generate(ctx context.Context, name string, o Options, emit dataset.Emit) error {
	t, err := Table(name)
	if err != nil {
		return err
	}
	if o.Documents < 0 || o.BatchSize < 0 {
		return fmt.Errorf("logistics: documents %d and batch size %d must not be negative", o.Documents, o.BatchSize)
	}
	bs := o.BatchSize
	if bs == 0 {
		bs = 4096
	}
	g := &generator{r: crand.Source{Seed: o.Seed}, sizes: SizesFor(o)}
	var fill func(w *rows, lo, hi int64)
	switch name {
	case Users:
		fill = g.users
	case Enterprise:
		fill = g.enterprises
	case ShyDoc:
		g.table, fill = 1000, g.shyDocs
	case SeaOrder:
		g.table, fill = 2000, g.seaOrders
	case AirHAWB:
		g.table, fill = 3000, g.airHAWBs
	}
	total := g.sizes.rows(name)
	b := t.NewBatch(bs)
	for lo := int64(0); lo < total; lo += int64(bs) {
		if err := ctx.Err(); err != nil {
			return err
		}
		b.Reset()
		hi := min(lo+int64(bs), total)
		fill(&rows{b: b}, lo, hi)
		for _, v := range b.Cols {
			v.Len = int(hi - lo)
		}
		b.Len = int(hi - lo)
		if err := emit(b); err != nil {
			return err
		}
	}
	return nil
}

// rows appends column values to a batch; row is the batch-local row index
// that nulls are recorded at.
type rows struct {
	b   *vec.Batch
	row int
}

func (w *rows) str(c int, s string) {
	v := w.b.Cols[c]
	v.Data = append(v.Data, s...)
	v.Offsets = append(v.Offsets, int32(len(v.Data)))
}

func (w *rows) strf(c int, prefix string, n int64, width int) {
	v := w.b.Cols[c]
	v.Data = append(v.Data, prefix...)
	var tmp [20]byte
	i := len(tmp)
	for n > 0 || i > len(tmp)-width {
		i--
		tmp[i] = byte('0' + n%10)
		n /= 10
	}
	v.Data = append(v.Data, tmp[i:]...)
	v.Offsets = append(v.Offsets, int32(len(v.Data)))
}

func (w *rows) null(c int) {
	v := w.b.Cols[c]
	v.Nulls.Set(w.row)
	switch v.Kind {
	case vec.KindBytes:
		v.Offsets = append(v.Offsets, int32(len(v.Data)))
	case vec.KindI64:
		v.I64 = append(v.I64, 0)
	case vec.KindI32:
		v.I32 = append(v.I32, 0)
	case vec.KindTimestamp:
		v.TS = append(v.TS, types.Timestamp{})
	}
}

func (w *rows) i64(c int, x int64) { w.b.Cols[c].I64 = append(w.b.Cols[c].I64, x) }
func (w *rows) i32(c int, x int32) { w.b.Cols[c].I32 = append(w.b.Cols[c].I32, x) }
func (w *rows) ts(c int, ms int64) {
	w.b.Cols[c].TS = append(w.b.Cols[c].TS, types.Timestamp{Millis: ms})
}

func (g *generator) pick(stream, n uint64, count int) int {
	return int(g.r.U64(g.table+stream, n) % uint64(count))
}

func (g *generator) chance(stream, n uint64, p float64) bool {
	return g.r.Float(g.table+stream, n) < p
}

func (g *generator) users(w *rows, lo, hi int64) {
	for i := lo; i < hi; i++ {
		w.strf(0, "usr-", i, 8)
		w.strf(1, "S", i, 5)
		w.str(2, surnames[i%10]+givenNames[(i/10)%15])
		if g.r.Float(sUserDept, uint64(i)) < 0.1 {
			w.null(3)
		} else {
			w.str(3, depts[g.r.U64(sUserDept+100, uint64(i))%uint64(len(depts))])
		}
		w.row++
	}
}

// enterprises writes customer k at row k + k/emptyOrgEvery, preceded (for k
// divisible by emptyOrgEvery) by its row with an empty entorgcode.
func (g *generator) enterprises(w *rows, lo, hi int64) {
	created := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
	for i := lo; i < hi; i++ {
		// Rows come in groups of emptyOrgEvery+1: the empty-code row of
		// customer k (k divisible by emptyOrgEvery), then customers k…k+32.
		grp, off := i/(emptyOrgEvery+1), i%(emptyOrgEvery+1)
		k := grp * emptyOrgEvery
		empty := off == 0
		if !empty {
			k += off - 1
		}
		w.strf(0, "ent-", k, 8)
		if empty {
			w.str(1, "")
		} else {
			w.strf(1, "C", k, 6)
		}
		w.str(2, natures[g.r.U64(sNature, uint64(k))%3])
		name := cities[k%8] + industries[(k/8)%8] + "有限公司"
		if k >= 64 {
			w.strf(3, name, k/64, 1)
		} else {
			w.str(3, name)
		}
		w.ts(4, created+k*60_000)
		w.row++
	}
}

// customer draws a customer index, Zipf-like: u³ puts half of the documents
// on the first 12.5 % of the active customers. The last 10 % of the
// customers are registered but inactive (they place no orders).
func (g *generator) customer(n uint64) int64 {
	u := g.r.Float(g.table+sCustomer, n)
	return int64(u * u * u * float64(g.sizes.Enterprises*9/10))
}

func (g *generator) user(stream, n uint64) int64 {
	return int64(g.r.U64(g.table+stream, n) % uint64(g.sizes.Users))
}

// docTime returns a document's timestamp (ms): a uniform day in 2023–2024,
// 85 % within business hours.
func (g *generator) docTime(n uint64) int64 {
	day := firstDay + g.r.Between(g.table+sDocDate, n, 0, numDays-1)
	x := g.r.U64(g.table+sDocTime, n)
	var secs int64
	if x%100 < 85 {
		secs = 8*3600 + int64((x/100)%(10*3600))
	} else {
		secs = int64((x / 100) % 86400)
	}
	return day*86_400_000 + secs*1000 + int64((x>>40)%1000)
}

func yearOf(ms int64) int64 { return int64(time.UnixMilli(ms).UTC().Year()) }

// money writes income (1 % null) and cost (60–98 % of income) at c and c+1.
func (g *generator) money(w *rows, c int, n uint64) {
	if g.chance(sNullIncome, n, 0.01) {
		w.null(c)
		w.null(c + 1)
		return
	}
	u := g.r.Float(g.table+sIncome, n)
	income := 20_000 + int64(u*u*2_000_000)
	w.i64(c, income)
	w.i64(c+1, income*g.r.Between(g.table+sCostRatio, n, 60, 98)/100)
}

func (g *generator) shyDocs(w *rows, lo, hi int64) {
	for i := lo; i < hi; i++ {
		n := uint64(i)
		w.strf(0, "SHY", i+1, 10)
		ty := shyTypes[g.pick(sType, n, len(shyTypes))]
		w.str(1, ty.model)
		w.str(2, ty.typ)
		w.str(3, ty.transport)
		at := g.docTime(n)
		w.ts(4, at)
		if g.chance(sMissing, n, 0.02) {
			w.strf(5, "ent-9", i, 7) // no such enterprise
		} else {
			w.strf(5, "ent-", g.customer(n), 8)
		}
		if g.chance(sSales+50, n, 0.05) {
			w.null(6)
		} else {
			w.strf(6, "usr-", g.user(sSales, n), 8)
		}
		if g.chance(sOp+50, n, 0.02) {
			w.strf(7, "usr-9", i, 7) // unknown to the dimension
		} else {
			w.strf(7, "usr-", g.user(sOp, n), 8)
		}
		pol := seaPOL[g.pick(sPOL, n, len(seaPOL))]
		w.str(8, pol.region)
		w.str(9, pol.code)
		g.pot(w, 10, n)
		w.str(11, seaPOD[g.pick(sPOD, n, len(seaPOD))])
		w.i32(12, g.deleted(n))
		w.str(13, statuses[g.pick(sStatus, n, len(statuses))])
		g.money(w, 14, n)
		w.i64(16, yearOf(at))
		w.ts(17, at+g.r.Between(g.table+sLag, n, 1, 3600)*1000)
		w.row++
	}
}

func (g *generator) pot(w *rows, c int, n uint64) {
	if g.chance(sPOT, n, 0.6) {
		w.str(c, "")
	} else {
		w.str(c, seaPOT[g.pick(sPOT+50, n, len(seaPOT))])
	}
}

func (g *generator) deleted(n uint64) int32 {
	if g.chance(sDeleted, n, 0.03) {
		return 1
	}
	return 0
}

// staff writes a user's code and name at c and c+1 (5 % null when nullable).
func (g *generator) staff(w *rows, c int, stream, n uint64, nullable bool) {
	if nullable && g.chance(stream+50, n, 0.05) {
		w.null(c)
		w.null(c + 1)
		return
	}
	u := g.user(stream, n)
	w.strf(c, "S", u, 5)
	w.str(c+1, surnames[u%10]+givenNames[(u/10)%15])
}

func (g *generator) customerCols(w *rows, c int, n uint64) {
	k := g.customer(n)
	w.strf(c, "C", k, 6)
	name := cities[k%8] + industries[(k/8)%8] + "有限公司"
	if k >= 64 {
		w.strf(c+1, name, k/64, 1)
	} else {
		w.str(c+1, name)
	}
}

func (g *generator) seaOrders(w *rows, lo, hi int64) {
	for i := lo; i < hi; i++ {
		n := uint64(i)
		w.i64(0, i+1)
		w.strf(1, "BDS", i+1, 8)
		w.strf(2, "OMS", i+1, 8)
		g.customerCols(w, 3, n)
		g.staff(w, 5, sSales, n, true)
		g.staff(w, 7, sOp, n, false)
		if g.chance(sType, n, 0.7) {
			w.str(9, "海运出口")
		} else {
			w.str(9, "海运进口")
		}
		pol := seaPOL[g.pick(sPOL, n, len(seaPOL))]
		w.str(10, pol.region)
		w.str(11, pol.code)
		g.pot(w, 12, n)
		w.str(13, seaPOD[g.pick(sPOD, n, len(seaPOD))])
		w.i32(14, g.deleted(n))
		w.str(15, statuses[g.pick(sStatus, n, len(statuses))])
		g.money(w, 16, n)
		at := g.docTime(n)
		w.ts(18, at)
		w.i64(19, yearOf(at))
		w.ts(20, at+g.r.Between(g.table+sLag, n, 1, 3600)*1000)
		w.row++
	}
}

func (g *generator) airHAWBs(w *rows, lo, hi int64) {
	for i := lo; i < hi; i++ {
		n := uint64(i)
		if g.chance(sSpaces, n, 0.1) { // SQL Server CHAR padding, RTRIMmed by the DWD
			w.strf(0, "HAWB", i+1, 8)
			v := w.b.Cols[0]
			v.Data = append(v.Data, "   "...)
			v.Offsets[len(v.Offsets)-1] = int32(len(v.Data))
		} else {
			w.strf(0, "HAWB", i+1, 8)
		}
		g.customerCols(w, 1, n)
		g.staff(w, 3, sSales, n, true)
		g.staff(w, 5, sOp, n, false)
		cn := airCN[g.pick(sPOL, n, len(airCN))]
		abroad := airAbroad[g.pick(sPOD, n, len(airAbroad))]
		w.str(7, cn.region)
		if g.chance(sImport, n, 0.2) {
			w.str(8, abroad)
			g.transfer(w, 9, n)
			w.str(10, cn.code)
		} else {
			w.str(8, cn.code)
			g.transfer(w, 9, n)
			w.str(10, abroad)
		}
		w.i32(11, g.deleted(n))
		w.str(12, statuses[g.pick(sStatus, n, len(statuses))])
		g.money(w, 13, n)
		at := g.docTime(n)
		w.ts(15, at)
		w.i64(16, yearOf(at))
		w.ts(17, at+g.r.Between(g.table+sLag, n, 1, 3600)*1000)
		w.row++
	}
}

func (g *generator) transfer(w *rows, c int, n uint64) {
	if g.chance(sPOT, n, 0.7) {
		w.str(c, "")
	} else {
		w.str(c, airTransfer[g.pick(sPOT+50, n, len(airTransfer))])
	}
}
