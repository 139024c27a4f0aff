package tpch

// random is a counter-based random source: every draw is a pure function of
// (seed, stream, counter), so rows can be generated in any order and in
// parallel with identical results. Each column has its own stream; the
// counter is the row number (times the number of draws a row needs).
type random struct{ seed uint64 }

// mix is SplitMix64's finalizer.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

func (r random) u64(stream, n uint64) uint64 {
	return mix(mix(r.seed^(stream*0xd1b54a32d192ed03)) + n)
}

// between draws uniformly from [lo, hi]. The modulo bias is below 2^-40 for
// the ranges used here.
func (r random) between(stream, n uint64, lo, hi int64) int64 {
	return lo + int64(r.u64(stream, n)%uint64(hi-lo+1))
}

// Streams: one per random column (or per draw kind of a column).
const (
	sRegionComment uint64 = iota + 1
	sNationComment
	sSuppAddress
	sSuppAddressLen
	sSuppNation
	sSuppPhone
	sSuppAcctbal
	sSuppComment
	sSuppCommentLen
	sSuppSpecial
	sPartName
	sPartMfgr
	sPartBrand
	sPartType
	sPartSize
	sPartContainer
	sPartComment
	sPartCommentLen
	sPSAvailQty
	sPSSupplyCost
	sPSComment
	sPSCommentLen
	sCustAddress
	sCustAddressLen
	sCustNation
	sCustPhone
	sCustAcctbal
	sCustSegment
	sCustComment
	sCustCommentLen
	sOrderCust
	sOrderDate
	sOrderPriority
	sOrderClerk
	sOrderComment
	sOrderCommentLen
	sOrderLines
	sLinePart
	sLineSuppIdx
	sLineQuantity
	sLineDiscount
	sLineTax
	sLineShipDays
	sLineCommitDays
	sLineReceiptDays
	sLineReturnFlag
	sLineInstruct
	sLineMode
	sLineComment
	sLineCommentLen
	sTextPool
)
