package binaryrow

import (
	"bytes"
	"encoding/binary"
	"math/big"
	"os"
	"testing"

	"github.com/weir-data/weir/internal/fixture"
	"github.com/weir-data/weir/types"
)

// decimal_bytes.data holds 2000 DECIMAL(29,29) values as Java's DataOutput
// wrote them: a big-endian int32 length and the unscaled value in decimal
// digits, then a big-endian int32 length and BigInteger.toByteArray().
func TestJavaDecimalBytes(t *testing.T) {
	raw, err := os.ReadFile(fixture.Path(t, "decimal_bytes.data"))
	if err != nil {
		t.Fatal(err)
	}
	next := func() []byte {
		t.Helper()
		if len(raw) < 4 {
			t.Fatalf("truncated fixture")
		}
		n := int(binary.BigEndian.Uint32(raw))
		if n < 0 || len(raw)-4 < n {
			t.Fatalf("bad length %d", n)
		}
		b := raw[4 : 4+n]
		raw = raw[4+n:]
		return b
	}
	ts := []types.DataType{types.NewDecimal(29, 29)}
	count := 0
	for len(raw) > 0 {
		digits, want := string(next()), next()
		v, ok := new(big.Int).SetString(digits, 10)
		if !ok {
			t.Fatalf("value %d: bad digits %q", count, digits)
		}
		d, err := types.DecimalFromBig(v)
		if err != nil {
			t.Fatal(err)
		}
		var buf [16]byte
		if got := unscaledBytes(&buf, d); !bytes.Equal(got, want) {
			t.Errorf("%s: unscaledBytes %x, Java %x", digits, got, want)
		}
		if got := d.BigEndianBytes(); !bytes.Equal(got, want) {
			t.Errorf("%s: BigEndianBytes %x, Java %x", digits, got, want)
		}
		back, err := types.DecimalFromBigEndian(want)
		if err != nil || back != d {
			t.Errorf("%s: DecimalFromBigEndian = %v, %v", digits, back.Big(), err)
		}
		row, err := Encode(ts, []any{d})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(row[16:16+len(want)], want) || len(row) != 32 {
			t.Errorf("%s: row %x does not hold Java's bytes in 16 reserved bytes", digits, row)
		}
		count++
	}
	if count != 2000 {
		t.Errorf("read %d values, want 2000", count)
	}
}

func TestUnscaledBytesEdges(t *testing.T) {
	min128, _ := types.DecimalFromBig(new(big.Int).Neg(new(big.Int).Lsh(big.NewInt(1), 127)))
	tests := []struct {
		d    types.Decimal
		want string
	}{
		{types.DecimalFromInt64(0), "00"},
		{types.DecimalFromInt64(-1), "ff"},
		{types.DecimalFromInt64(127), "7f"},
		{types.DecimalFromInt64(128), "0080"},
		{types.DecimalFromInt64(-128), "80"},
		{types.DecimalFromInt64(-129), "ff7f"},
		{min128, "80000000000000000000000000000000"},
	}
	for _, tc := range tests {
		var buf [16]byte
		if got := unscaledBytes(&buf, tc.d); !bytes.Equal(got, unhex(t, tc.want)) {
			t.Errorf("%s: %x, want %s", tc.d.Big(), got, tc.want)
		}
	}
}
