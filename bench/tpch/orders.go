package tpch

import "github.com/weir-data/weir/vec"

// OrderKey is the sparse O_ORDERKEY of the i-th (0-based) order (clause
// 4.2.3): only the first 8 of every 32 keys are used.
func OrderKey(i int64) int64 {
	return i/8*32 + i%8 + 1
}

// line is one generated LINEITEM row (money in cents, dates in days).
type line struct {
	part, supp                 int64
	quantity, price, disc, tax int64
	ship, commit, receipt      int32
	returnFlag, lineStatus     byte
	instruct, mode             string
}

// order is one generated ORDERS row with its lines.
type order struct {
	key, cust  int64
	date       int32
	status     byte
	totalCents int64
	nLines     int
	lines      [7]line
}

// LineTotalCents is a line's contribution to O_TOTALPRICE:
// extendedprice × (1 + tax) × (1 − discount), rounded half up to cents.
func LineTotalCents(price, discountCents, taxCents int64) int64 {
	return (price*(100-discountCents)*(100+taxCents) + 5000) / 10_000
}

// makeOrder computes the i-th order and its lines.
func (g *generator) makeOrder(i int64, o *order) {
	n := uint64(i)
	r := g.r
	o.key = OrderKey(i)
	// Customers with keys divisible by 3 place no orders: draw among the
	// others (1, 2, 4, 5, 7, ...).
	c := g.counts.Customers
	j := r.between(sOrderCust, n, 0, c-c/3-1)
	o.cust = j/2*3 + j%2 + 1
	o.date = int32(r.between(sOrderDate, n, int64(startDate), int64(lastOrderDate)))
	o.nLines = int(r.between(sOrderLines, n, 1, 7))
	o.totalCents = 0
	nF, nO := 0, 0
	for l := 0; l < o.nLines; l++ {
		ln := &o.lines[l]
		m := n*8 + uint64(l)
		ln.part = r.between(sLinePart, m, 1, g.counts.Parts)
		ln.supp = PartSupplier(ln.part, r.between(sLineSuppIdx, m, 0, 3), g.counts.Suppliers)
		ln.quantity = r.between(sLineQuantity, m, 1, 50)
		ln.price = ln.quantity * RetailPriceCents(ln.part)
		ln.disc = r.between(sLineDiscount, m, 0, 10)
		ln.tax = r.between(sLineTax, m, 0, 8)
		ln.ship = o.date + int32(r.between(sLineShipDays, m, 1, 121))
		ln.commit = o.date + int32(r.between(sLineCommitDays, m, 30, 90))
		ln.receipt = ln.ship + int32(r.between(sLineReceiptDays, m, 1, 30))
		if ln.receipt <= currentDate {
			ln.returnFlag = "RA"[r.u64(sLineReturnFlag, m)%2]
		} else {
			ln.returnFlag = 'N'
		}
		if ln.ship > currentDate {
			ln.lineStatus = 'O'
			nO++
		} else {
			ln.lineStatus = 'F'
			nF++
		}
		ln.instruct = instructions[r.u64(sLineInstruct, m)%uint64(len(instructions))]
		ln.mode = modes[r.u64(sLineMode, m)%uint64(len(modes))]
		o.totalCents += LineTotalCents(ln.price, ln.disc, ln.tax)
	}
	switch {
	case nO == 0:
		o.status = 'F'
	case nF == 0:
		o.status = 'O'
	default:
		o.status = 'P'
	}
}

// orders fills ORDERS rows [lo, hi).
func (g *generator) orders(b *vec.Batch, lo, hi int64) {
	key, cust, status, total, date, prio, clerk, shipPrio, comment :=
		b.Cols[0], b.Cols[1], b.Cols[2], b.Cols[3], b.Cols[4], b.Cols[5], b.Cols[6], b.Cols[7], b.Cols[8]
	var o order
	for i := lo; i < hi; i++ {
		n := uint64(i)
		g.makeOrder(i, &o)
		key.I64 = append(key.I64, o.key)
		cust.I64 = append(cust.I64, o.cust)
		status.Data = append(status.Data, o.status)
		endString(status)
		total.I64 = append(total.I64, o.totalCents)
		date.I32 = append(date.I32, o.date)
		appendString(prio, priorities[g.r.u64(sOrderPriority, n)%uint64(len(priorities))])
		clerk.Data = appendPadded(append(clerk.Data, "Clerk#"...), g.r.between(sOrderClerk, n, 1, g.clerks), 9)
		endString(clerk)
		shipPrio.I32 = append(shipPrio.I32, 0)
		appendString(comment, g.r.text(sOrderCommentLen, sOrderComment, n, 19, 78))
	}
}

// lineItems fills the LINEITEM rows of orders [lo, hi).
func (g *generator) lineItems(b *vec.Batch, lo, hi int64) {
	c := b.Cols
	var o order
	for i := lo; i < hi; i++ {
		g.makeOrder(i, &o)
		for l := 0; l < o.nLines; l++ {
			ln := &o.lines[l]
			m := uint64(i)*8 + uint64(l)
			c[0].I64 = append(c[0].I64, o.key)
			c[1].I64 = append(c[1].I64, ln.part)
			c[2].I64 = append(c[2].I64, ln.supp)
			c[3].I32 = append(c[3].I32, int32(l+1))
			c[4].I64 = append(c[4].I64, ln.quantity*100)
			c[5].I64 = append(c[5].I64, ln.price)
			c[6].I64 = append(c[6].I64, ln.disc)
			c[7].I64 = append(c[7].I64, ln.tax)
			c[8].Data = append(c[8].Data, ln.returnFlag)
			endString(c[8])
			c[9].Data = append(c[9].Data, ln.lineStatus)
			endString(c[9])
			c[10].I32 = append(c[10].I32, ln.ship)
			c[11].I32 = append(c[11].I32, ln.commit)
			c[12].I32 = append(c[12].I32, ln.receipt)
			appendString(c[13], ln.instruct)
			appendString(c[14], ln.mode)
			appendString(c[15], g.r.text(sLineCommentLen, sLineComment, m, 10, 43))
		}
	}
}
