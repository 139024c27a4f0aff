package tpch

import "github.com/weir-data/weir/vec"

// Suppliers whose comment carries Q16's complaint or recommendation: 5 of
// every 10,000 each (clause 4.2.3), at fixed positions of every 2,000.
const (
	complaintsEvery  = 2000
	complaintsAt     = 17
	recommendsAt     = 1017
	customerWord     = "Customer "
	complaintsWord   = "Complaints"
	recommendsWord   = "Recommends"
	specialWordsSize = len(customerWord) + len(complaintsWord)
)

// supplier fills SUPPLIER rows [lo, hi).
func (g *generator) supplier(b *vec.Batch, lo, hi int64) {
	key, name, addr, nation, phone, bal, comment := b.Cols[0], b.Cols[1], b.Cols[2], b.Cols[3], b.Cols[4], b.Cols[5], b.Cols[6]
	for i := lo; i < hi; i++ {
		k := i + 1
		n := uint64(i)
		key.I64 = append(key.I64, k)
		name.Data = appendPadded(append(name.Data, "Supplier#"...), k, 9)
		endString(name)
		addr.Data = g.r.appendVString(addr.Data, sSuppAddressLen, sSuppAddress, n, 10, 40)
		endString(addr)
		nk := g.supplierNation(i)
		nation.I32 = append(nation.I32, nk)
		g.appendPhone(phone, sSuppPhone, n, nk)
		bal.I64 = append(bal.I64, g.r.between(sSuppAcctbal, n, -99_999, 999_999))
		switch k % complaintsEvery {
		case complaintsAt:
			g.appendSpecialComment(comment, n, complaintsWord)
		case recommendsAt:
			g.appendSpecialComment(comment, n, recommendsWord)
		default:
			appendString(comment, g.r.text(sSuppCommentLen, sSuppComment, n, 25, 100))
		}
	}
}

// appendSpecialComment appends a supplier comment of 25–100 characters with
// "Customer " followed, later, by word (clause 4.2.3's S_COMMENT rule).
func (g *generator) appendSpecialComment(v *vec.Vector, n uint64, word string) {
	free := g.r.between(sSuppCommentLen, n, 25, 100) - int64(specialWordsSize)
	before := g.r.between(sSuppSpecial, n, 0, free)
	middle := g.r.between(sSuppSpecial, n+1<<40, 0, free-before)
	p := textPool()
	piece := func(off uint64, l int64) []byte {
		o := g.r.between(sSuppComment, off, 0, int64(len(p))-l)
		return p[o : o+l]
	}
	d := append(v.Data, piece(n, before)...)
	d = append(d, customerWord...)
	d = append(d, piece(n+1<<40, middle)...)
	d = append(d, word...)
	d = append(d, piece(n+2<<40, free-before-middle)...)
	v.Data = d
	endString(v)
}

// supplierNation returns S_NATIONKEY of supplier row i. The keys are uniform
// on [0, 24] as the specification asks, drawn without replacement in blocks
// of 25 suppliers (a seeded shuffle per block), so that every nation has
// suppliers even at small scale factors (at SF 0.01 a plain draw leaves some
// nation, and with it Q11's or Q20's answer, empty).
func (g *generator) supplierNation(i int64) int32 {
	var perm [25]int32
	for j := range perm {
		perm[j] = int32(j)
	}
	block := uint64(i / 25)
	for j := 24; j > 0; j-- {
		k := g.r.u64(sSuppNation, block*32+uint64(j)) % uint64(j+1)
		perm[j], perm[k] = perm[k], perm[j]
	}
	return perm[i%25]
}
