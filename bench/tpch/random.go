package tpch

import "github.com/weir-data/weir/bench/internal/crand"

// random is the generator's counter-based random source.
type random struct{ crand.Source }

func (r random) u64(stream, n uint64) uint64 { return r.U64(stream, n) }

func (r random) between(stream, n uint64, lo, hi int64) int64 { return r.Between(stream, n, lo, hi) }

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
