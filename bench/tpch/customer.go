package tpch

import "github.com/weir-data/weir/vec"

// customer fills CUSTOMER rows [lo, hi).
func (g *generator) customer(b *vec.Batch, lo, hi int64) {
	key, name, addr, nation, phone, bal, segment, comment :=
		b.Cols[0], b.Cols[1], b.Cols[2], b.Cols[3], b.Cols[4], b.Cols[5], b.Cols[6], b.Cols[7]
	for i := lo; i < hi; i++ {
		k := i + 1
		n := uint64(i)
		key.I64 = append(key.I64, k)
		name.Data = appendPadded(append(name.Data, "Customer#"...), k, 9)
		endString(name)
		addr.Data = g.r.appendVString(addr.Data, sCustAddressLen, sCustAddress, n, 10, 40)
		endString(addr)
		nk := int32(g.r.between(sCustNation, n, 0, 24))
		nation.I32 = append(nation.I32, nk)
		g.appendPhone(phone, sCustPhone, n, nk)
		bal.I64 = append(bal.I64, g.r.between(sCustAcctbal, n, -99_999, 999_999))
		appendString(segment, segments[g.r.u64(sCustSegment, n)%uint64(len(segments))])
		appendString(comment, g.r.text(sCustCommentLen, sCustComment, n, 29, 116))
	}
}
