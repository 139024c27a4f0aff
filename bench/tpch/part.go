package tpch

import "github.com/weir-data/weir/vec"

// RetailPriceCents is P_RETAILPRICE of a part key in cents (clause 4.2.3):
// (90000 + ((key/10) mod 20001) + 100×(key mod 1000)) / 100.
func RetailPriceCents(partKey int64) int64 {
	return 90_000 + (partKey/10)%20_001 + 100*(partKey%1000)
}

// PartSupplier is the i-th (0..3) supplier of a part (clause 4.2.3's
// PS_SUPPKEY formula), given the number of suppliers s.
func PartSupplier(partKey, i, s int64) int64 {
	return (partKey+i*(s/4+(partKey-1)/s))%s + 1
}

// part fills PART rows [lo, hi).
func (g *generator) part(b *vec.Batch, lo, hi int64) {
	key, name, mfgr, brand, typ, size, container, price, comment :=
		b.Cols[0], b.Cols[1], b.Cols[2], b.Cols[3], b.Cols[4], b.Cols[5], b.Cols[6], b.Cols[7], b.Cols[8]
	for i := lo; i < hi; i++ {
		k := i + 1
		n := uint64(i)
		key.I64 = append(key.I64, k)
		g.appendPartName(name, n)
		m := g.r.between(sPartMfgr, n, 1, 5)
		mfgr.Data = append(append(mfgr.Data, "Manufacturer#"...), byte('0'+m))
		endString(mfgr)
		brand.Data = append(append(brand.Data, "Brand#"...), byte('0'+m), byte('0'+g.r.between(sPartBrand, n, 1, 5)))
		endString(brand)
		t := g.r.u64(sPartType, n)
		d := append(typ.Data, typeSyllable1[t%6]...)
		d = append(append(d, ' '), typeSyllable2[(t/6)%5]...)
		typ.Data = append(append(d, ' '), typeSyllable3[(t/30)%5]...)
		endString(typ)
		size.I32 = append(size.I32, int32(g.r.between(sPartSize, n, 1, 50)))
		c := g.r.u64(sPartContainer, n)
		container.Data = append(append(append(container.Data, containerSyllable1[c%5]...), ' '), containerSyllable2[(c/5)%8]...)
		endString(container)
		price.I64 = append(price.I64, RetailPriceCents(k))
		appendString(comment, g.r.text(sPartCommentLen, sPartComment, n, 5, 22))
	}
}

// appendPartName appends five distinct color words separated by spaces.
func (g *generator) appendPartName(v *vec.Vector, n uint64) {
	var picked [5]int
	d := v.Data
	for j := 0; j < 5; j++ {
		// Draw until distinct; the expected number of extra draws is tiny.
		for try := uint64(0); ; try++ {
			c := int(g.r.u64(sPartName, n*64+uint64(j)*8+try) % uint64(len(colors)))
			dup := false
			for _, p := range picked[:j] {
				dup = dup || p == c
			}
			if !dup || try == 7 {
				picked[j] = c
				break
			}
		}
		if j > 0 {
			d = append(d, ' ')
		}
		d = append(d, colors[picked[j]]...)
	}
	v.Data = d
	endString(v)
}

// partSupp fills PARTSUPP rows [lo, hi): row i is supplier i%4 of part i/4+1.
func (g *generator) partSupp(b *vec.Batch, lo, hi int64) {
	pk, sk, qty, cost, comment := b.Cols[0], b.Cols[1], b.Cols[2], b.Cols[3], b.Cols[4]
	for i := lo; i < hi; i++ {
		n := uint64(i)
		p := i/4 + 1
		pk.I64 = append(pk.I64, p)
		sk.I64 = append(sk.I64, PartSupplier(p, i%4, g.counts.Suppliers))
		qty.I32 = append(qty.I32, int32(g.r.between(sPSAvailQty, n, 1, 9999)))
		cost.I64 = append(cost.I64, g.r.between(sPSSupplyCost, n, 100, 100_000))
		appendString(comment, g.r.text(sPSCommentLen, sPSComment, n, 49, 198))
	}
}
