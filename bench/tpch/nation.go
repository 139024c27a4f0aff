package tpch

import "github.com/weir-data/weir/vec"

// region fills REGION rows [lo, hi): the five fixed regions.
func (g *generator) region(b *vec.Batch, lo, hi int64) {
	key, name, comment := b.Cols[0], b.Cols[1], b.Cols[2]
	for i := lo; i < hi; i++ {
		key.I32 = append(key.I32, int32(i))
		appendString(name, regionNames[i])
		appendString(comment, g.r.text(sRegionComment, sRegionComment+1000, uint64(i), 31, 115))
	}
}

// nation fills NATION rows [lo, hi): the 25 fixed nations with their regions.
func (g *generator) nation(b *vec.Batch, lo, hi int64) {
	key, name, region, comment := b.Cols[0], b.Cols[1], b.Cols[2], b.Cols[3]
	for i := lo; i < hi; i++ {
		key.I32 = append(key.I32, int32(i))
		appendString(name, nations[i].name)
		region.I32 = append(region.I32, nations[i].region)
		appendString(comment, g.r.text(sNationComment, sNationComment+1000, uint64(i), 31, 114))
	}
}

// appendPhone appends a phone number "CC-ddd-ddd-dddd" whose country code is
// the nation key + 10 (clause 4.2.2.9) to v.
func (g *generator) appendPhone(v *vec.Vector, stream, n uint64, nation int32) {
	x := g.r.u64(stream, n)
	d := append(v.Data, byte('0'+(nation+10)/10), byte('0'+(nation+10)%10), '-')
	d = appendPadded(d, int64(100+x%900), 3)
	d = append(d, '-')
	d = appendPadded(d, int64(100+(x/900)%900), 3)
	d = append(d, '-')
	d = appendPadded(d, int64(1000+(x/810_000)%9000), 4)
	v.Data = d
	endString(v)
}
