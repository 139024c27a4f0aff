package tpch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"github.com/weir-data/weir/bench/dataset"
	"github.com/weir-data/weir/internal/resultcmp"
	"github.com/weir-data/weir/vec"
)

const testScale = 0.01

// generated collects every table at testScale once per test binary.
func generated(t *testing.T) map[string]*vec.Batch {
	t.Helper()
	out := map[string]*vec.Batch{}
	for _, src := range Sources(Options{Scale: testScale}) {
		bs, err := dataset.Collect(context.Background(), src)
		if err != nil {
			t.Fatal(err)
		}
		all := src.Table.NewBatch(0)
		for _, b := range bs {
			for c, v := range all.Cols {
				v.AppendVector(b.Cols[c])
			}
			all.Len += b.Len
		}
		out[src.Table.Name] = all
	}
	return out
}

func str(v *vec.Vector, i int) string { return string(v.Bytes(i)) }

func TestCardinalitiesAndKeys(t *testing.T) {
	g := generated(t)
	c := CountsFor(testScale)
	for _, name := range TableNames {
		if want := c.Rows(name); want >= 0 && int64(g[name].Len) != want {
			t.Errorf("%s: %d rows, want %d", name, g[name].Len, want)
		}
	}
	li, ord := g[LineItem], g[Orders]
	if n := li.Len; n < ord.Len || n > 7*ord.Len {
		t.Errorf("lineitem: %d rows for %d orders, want 1..7 per order", n, ord.Len)
	}
	// Primary keys are unique.
	for _, name := range TableNames {
		tbl, _ := Table(name)
		b := g[name]
		seen := make(map[string]bool, b.Len)
		for i := 0; i < b.Len; i++ {
			var k strings.Builder
			for _, col := range tbl.PrimaryKey {
				fmt.Fprint(&k, b.Cols[tbl.ColumnIndex(col)].Value(i), "|")
			}
			if seen[k.String()] {
				t.Fatalf("%s: duplicate primary key %s", name, k.String())
			}
			seen[k.String()] = true
		}
	}
	// Sparse order keys: the first 8 of every 32.
	for i := 0; i < ord.Len; i++ {
		if k := ord.Cols[0].I64[i]; (k-1)%32 >= 8 {
			t.Fatalf("order key %d is not in the sparse key space", k)
		}
	}
}

func TestForeignKeysResolve(t *testing.T) {
	g := generated(t)
	c := CountsFor(testScale)
	keys := func(name string, col int) map[int64]bool {
		m := map[int64]bool{}
		v := g[name].Cols[col]
		for i := 0; i < v.Len; i++ {
			if v.Kind == vec.KindI32 {
				m[int64(v.I32[i])] = true
			} else {
				m[v.I64[i]] = true
			}
		}
		return m
	}
	ps := map[[2]int64]bool{}
	for i := 0; i < g[PartSupp].Len; i++ {
		ps[[2]int64{g[PartSupp].Cols[0].I64[i], g[PartSupp].Cols[1].I64[i]}] = true
	}
	tests := []struct {
		child  string
		col    int
		parent string
		pcol   int
	}{
		{Nation, 2, Region, 0},
		{Supplier, 3, Nation, 0},
		{Customer, 3, Nation, 0},
		{PartSupp, 0, Part, 0},
		{PartSupp, 1, Supplier, 0},
		{Orders, 1, Customer, 0},
		{LineItem, 0, Orders, 0},
		{LineItem, 1, Part, 0},
		{LineItem, 2, Supplier, 0},
	}
	for _, tt := range tests {
		parent := keys(tt.parent, tt.pcol)
		for k := range keys(tt.child, tt.col) {
			if !parent[k] {
				t.Errorf("%s.%s = %d has no %s", tt.child, tables[tt.child].Columns[tt.col].Name, k, tt.parent)
				break
			}
		}
	}
	li := g[LineItem]
	for i := 0; i < li.Len; i++ {
		if !ps[[2]int64{li.Cols[1].I64[i], li.Cols[2].I64[i]}] {
			t.Fatalf("lineitem (part %d, supplier %d) is not in partsupp", li.Cols[1].I64[i], li.Cols[2].I64[i])
		}
	}
	// A third of the customers (keys divisible by 3) place no orders.
	withOrders := keys(Orders, 1)
	for k := range withOrders {
		if k%3 == 0 {
			t.Fatalf("customer %d (divisible by 3) has orders", k)
		}
	}
	if n := int64(len(withOrders)); n < c.Customers*2/3*9/10 {
		t.Errorf("only %d of %d customers have orders", n, c.Customers)
	}
}

func TestDateAndStatusRules(t *testing.T) {
	g := generated(t)
	ord, li := g[Orders], g[LineItem]
	type agg struct {
		date        int32
		total       int64
		nF, nO      int
		status      string
		linesTotals int64
	}
	orders := map[int64]*agg{}
	for i := 0; i < ord.Len; i++ {
		d := ord.Cols[4].I32[i]
		if d < startDate || d > lastOrderDate {
			t.Fatalf("order date %s outside [1992-01-01, 1998-08-02]", fmtDate(d))
		}
		orders[ord.Cols[0].I64[i]] = &agg{date: d, total: ord.Cols[3].I64[i], status: str(ord.Cols[2], i)}
	}
	for i := 0; i < li.Len; i++ {
		o := orders[li.Cols[0].I64[i]]
		ship, commit, receipt := li.Cols[10].I32[i], li.Cols[11].I32[i], li.Cols[12].I32[i]
		switch {
		case ship < o.date+1 || ship > o.date+121:
			t.Fatalf("line %d: ship date %s not 1..121 days after order date %s", i, fmtDate(ship), fmtDate(o.date))
		case commit < o.date+30 || commit > o.date+90:
			t.Fatalf("line %d: commit date not 30..90 days after the order date", i)
		case receipt < ship+1 || receipt > ship+30:
			t.Fatalf("line %d: receipt date not 1..30 days after the ship date", i)
		}
		flag, status := str(li.Cols[8], i), str(li.Cols[9], i)
		if (status == "O") != (ship > currentDate) {
			t.Fatalf("line %d: status %s with ship date %s", i, status, fmtDate(ship))
		}
		if (flag == "N") != (receipt > currentDate) || !strings.Contains("RAN", flag) {
			t.Fatalf("line %d: return flag %s with receipt date %s", i, flag, fmtDate(receipt))
		}
		if status == "F" {
			o.nF++
		} else {
			o.nO++
		}
		qty, price, disc, tax := li.Cols[4].I64[i], li.Cols[5].I64[i], li.Cols[6].I64[i], li.Cols[7].I64[i]
		if price != qty/100*RetailPriceCents(li.Cols[1].I64[i]) {
			t.Fatalf("line %d: extended price %d is not quantity × retail price", i, price)
		}
		if qty < 100 || qty > 5000 || disc < 0 || disc > 10 || tax < 0 || tax > 8 {
			t.Fatalf("line %d: quantity %d, discount %d, tax %d out of domain", i, qty, disc, tax)
		}
		o.linesTotals += LineTotalCents(price, disc, tax)
	}
	for k, o := range orders {
		want := "P"
		if o.nO == 0 {
			want = "F"
		} else if o.nF == 0 {
			want = "O"
		}
		if o.status != want {
			t.Fatalf("order %d: status %s, lines say %s", k, o.status, want)
		}
		if o.total != o.linesTotals {
			t.Fatalf("order %d: total price %d, lines sum to %d", k, o.total, o.linesTotals)
		}
	}
}

func TestValueDomains(t *testing.T) {
	g := generated(t)
	s, c, p := g[Supplier], g[Customer], g[Part]
	for i := 0; i < c.Len; i++ {
		if phone, nk := str(c.Cols[4], i), c.Cols[3].I32[i]; len(phone) != 15 || phone[:2] != fmt.Sprint(nk+10) {
			t.Fatalf("customer phone %q for nation %d", phone, nk)
		}
	}
	complaints := 0
	for i := 0; i < s.Len; i++ {
		cm := str(s.Cols[6], i)
		if a, b := strings.Index(cm, "Customer"), strings.Index(cm, "Complaints"); a >= 0 && b > a {
			complaints++
		}
		if len(cm) < 25 || len(cm) > 100 {
			t.Fatalf("supplier comment of %d characters", len(cm))
		}
	}
	if complaints == 0 {
		t.Error("no supplier comment matches Q16's '%Customer%Complaints%'")
	}
	for i := 0; i < p.Len; i++ {
		words := strings.Fields(str(p.Cols[1], i))
		if len(words) != 5 {
			t.Fatalf("part name %q has not 5 words", str(p.Cols[1], i))
		}
		if ty := strings.Fields(str(p.Cols[4], i)); len(ty) != 3 {
			t.Fatalf("part type %q", str(p.Cols[4], i))
		}
	}
	special := 0
	o := g[Orders]
	for i := 0; i < o.Len; i++ {
		cm := str(o.Cols[8], i)
		if a := strings.Index(cm, "special"); a >= 0 && strings.Contains(cm[a:], "requests") {
			special++
		}
	}
	// dbgen's rate is about 1%; anything between 0.2% and 5% keeps Q13 meaningful.
	if r := float64(special) / float64(o.Len); r < 0.002 || r > 0.05 {
		t.Errorf("%.2f%% of order comments match '%%special%%requests%%'", 100*r)
	}
}

func fmtDate(d int32) string { return fmt.Sprintf("day %d", d) }

// hashTable hashes the canonical rows of a table generated with o.
func hashTable(t *testing.T, name string, o Options) string {
	t.Helper()
	h := sha256.New()
	err := Generate(context.Background(), name, o, func(b *vec.Batch) error {
		for i := 0; i < b.Len; i++ {
			for _, v := range b.Cols {
				fmt.Fprint(h, resultcmp.Canonical(v, i), "\x1f")
			}
			h.Write([]byte{'\n'})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestDeterministicAndPartitionable(t *testing.T) {
	for _, name := range []string{Supplier, PartSupp, Orders, LineItem} {
		base := Options{Scale: testScale, Seed: 7}
		want := hashTable(t, name, base)
		if again := hashTable(t, name, base); again != want {
			t.Errorf("%s: same seed, different rows", name)
		}
		small := base
		small.BatchSize = 333
		if got := hashTable(t, name, small); got != want {
			t.Errorf("%s: batch size changes the rows", name)
		}
		other := base
		other.Seed = 8
		if got := hashTable(t, name, other); got == want {
			t.Errorf("%s: another seed gives the same rows", name)
		}
		// Parts generated separately concatenate to the whole table.
		h := sha256.New()
		for part := 0; part < 3; part++ {
			o := base
			o.Part, o.Parts = part, 3
			if err := Generate(context.Background(), name, o, func(b *vec.Batch) error {
				for i := 0; i < b.Len; i++ {
					for _, v := range b.Cols {
						fmt.Fprint(h, resultcmp.Canonical(v, i), "\x1f")
					}
					h.Write([]byte{'\n'})
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		}
		if got := hex.EncodeToString(h.Sum(nil)); got != want {
			t.Errorf("%s: 3 parts do not concatenate to the whole table", name)
		}
	}
}

func TestOptionsValidation(t *testing.T) {
	for _, o := range []Options{{}, {Scale: -1}, {Scale: 1, Part: 1}, {Scale: 1, Part: 2, Parts: 2}, {Scale: 1, BatchSize: -1}} {
		if err := Generate(context.Background(), Region, o, func(*vec.Batch) error { return nil }); err == nil {
			t.Errorf("options %+v accepted", o)
		}
	}
	if err := Generate(context.Background(), "nope", Options{Scale: 1}, func(*vec.Batch) error { return nil }); err == nil {
		t.Error("unknown table accepted")
	}
}

func BenchmarkGenerateLineItem(b *testing.B) {
	var rows int64
	for b.Loop() {
		if err := Generate(context.Background(), LineItem, Options{Scale: 0.01}, func(bt *vec.Batch) error {
			rows += int64(bt.Len)
			return nil
		}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}
