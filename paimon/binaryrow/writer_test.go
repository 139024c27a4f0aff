package binaryrow

import (
	"bytes"
	"encoding/hex"
	"math/big"
	"strings"
	"testing"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		t.Fatalf("bad hex %q: %v", s, err)
	}
	return b
}

func dec(t *testing.T, s string, p, sc int) types.Decimal {
	t.Helper()
	d, err := types.ParseDecimal(s, p, sc)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Rows whose bytes are known from Java-written manifests (paimon-format.md §5).
func TestEncodeKnownBytes(t *testing.T) {
	long104 := strings.Repeat("x", 104)
	tests := []struct {
		name   string
		types  []types.DataType
		values []any
		want   string // hex of the row (no arity prefix)
	}{
		{"partition f1=10", []types.DataType{types.NewInt()}, []any{int32(10)},
			"0000000000000000 0a00000000000000"},
		{"min key Alice,1", []types.DataType{types.NewString().NotNull(), types.NewInt().NotNull()}, []any{"Alice", int32(1)},
			"0000000000000000 416c696365000085 0100000000000000"},
		{"max key long string", []types.DataType{types.NewString(), types.NewInt()}, []any{long104, int32(2)},
			"0000000000000000 6800000018000000 0200000000000000" + strings.Repeat("78", 104)},
		{"inline 7 bytes", []types.DataType{types.NewBytes()}, []any{[]byte("abcdefg")},
			"0000000000000000 6162636465666787"},
		{"out of line 9 bytes padded", []types.DataType{types.NewString()}, []any{"abcdefghi"},
			"0000000000000000 0900000010000000 6162636465666768 6900000000000000"},
		{"empty string", []types.DataType{types.NewString()}, []any{""},
			"0000000000000000 0000000000000080"},
		{"null int", []types.DataType{types.NewInt(), types.NewInt()}, []any{nil, int32(-1)},
			"0001000000000000 0000000000000000 ffffffff00000000"},
		{"row of all scalars", []types.DataType{types.NewBoolean(), types.NewTinyInt(), types.NewSmallInt(), types.NewBigInt(), types.NewFloat(), types.NewDouble()},
			[]any{true, int8(-2), int16(-3), int64(-4), float32(1.5), float64(-2.5)},
			"0000000000000000 0100000000000000 fe00000000000000 fdff000000000000 fcffffffffffffff 0000c03f00000000 00000000000004c0"},
		{"compact decimal and timestamp", []types.DataType{types.NewDecimal(10, 2), types.NewTimestamp(3)},
			[]any{types.DecimalFromInt64(-12345), types.Timestamp{Millis: 1000, NanoOfMilli: 5}},
			"0000000000000000 c7cfffffffffffff e803000000000000"},
		{"wide decimal 16 reserved bytes", []types.DataType{types.NewDecimal(20, 0)}, []any{types.DecimalFromInt64(-129)},
			"0000000000000000 0200000010000000 ff7f000000000000 0000000000000000"},
		{"wide timestamp", []types.DataType{types.NewTimestampLTZ(6)}, []any{types.Timestamp{Millis: -1, NanoOfMilli: 999000}},
			"0000000000000000 583e0f0010000000 ffffffffffffffff"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Encode(tc.types, tc.values)
			if err != nil {
				t.Fatal(err)
			}
			if want := unhex(t, tc.want); !bytes.Equal(got, want) {
				t.Fatalf("encode:\n got %x\nwant %x", got, want)
			}
			back, err := Decode(tc.types, got)
			if err != nil {
				t.Fatal(err)
			}
			for i := range back {
				want := tc.values[i]
				if x, ok := want.(types.Timestamp); ok && tc.types[i].IsCompactTimestamp() {
					want = types.Timestamp{Millis: x.Millis} // compact drops the nanos
				}
				if !equalValue(back[i], want, tc.types[i]) {
					t.Errorf("field %d: decoded %#v, want %#v", i, back[i], want)
				}
			}
		})
	}
}

// The non-compact null rule, as in append_complex_data's manifest: f4
// TIMESTAMP(9) null keeps offset 56 and reserves 8 bytes, f5 DECIMAL(23,5)
// follows at offset 64 with 16 reserved bytes, f6 BYTES null is all zero.
func TestNonCompactNullsReserveSpace(t *testing.T) {
	ts := []types.DataType{types.NewInt(), types.NewInt(), types.NewDate(), types.NewTimestamp(9), types.NewDecimal(23, 5), types.NewBytes()}
	d := dec(t, "999999999999999999.99999", 23, 5) // 10 bytes unscaled
	got, err := Encode(ts, []any{int32(10), int32(1), int32(19000), nil, d, nil})
	if err != nil {
		t.Fatal(err)
	}
	if got[1] != 0x28 {
		t.Errorf("null bits byte 1 = %#x, want 0x28", got[1])
	}
	if want := unhex(t, "0000000038000000"); !bytes.Equal(got[8+3*8:8+4*8], want) {
		t.Errorf("f4 slot %x, want %x", got[8+3*8:8+4*8], want)
	}
	if want := unhex(t, "0a00000040000000"); !bytes.Equal(got[8+4*8:8+5*8], want) {
		t.Errorf("f5 slot %x, want %x", got[8+4*8:8+5*8], want)
	}
	if len(got) != 56+8+16 {
		t.Fatalf("row length %d, want 80", len(got))
	}
	if !bytes.Equal(got[56:64], make([]byte, 8)) {
		t.Errorf("reserved timestamp bytes not zero: %x", got[56:64])
	}
	if !bytes.Equal(got[64:74], d.BigEndianBytes()) || !bytes.Equal(got[74:80], make([]byte, 6)) {
		t.Errorf("decimal bytes %x", got[64:80])
	}
	vals, err := Decode(ts, got)
	if err != nil {
		t.Fatal(err)
	}
	if vals[3] != nil || vals[5] != nil || vals[4].(types.Decimal) != d {
		t.Errorf("decoded %v", vals)
	}
}

func TestRoundTripAllTypes(t *testing.T) {
	ts := []types.DataType{
		types.NewBoolean(), types.NewTinyInt(), types.NewSmallInt(), types.NewInt(), types.NewBigInt(),
		types.NewFloat(), types.NewDouble(), types.NewDecimal(18, 4), types.NewDecimal(38, 10),
		types.NewChar(3), types.NewVarChar(100), types.NewBinary(2), types.NewVarBinary(50),
		types.NewDate(), types.NewTime(3), types.NewTimestamp(3), types.NewTimestamp(9), types.NewTimestampLTZ(0), types.NewTimestampLTZ(6),
	}
	maxDec, _ := types.DecimalFromBig(new(big.Int).Sub(new(big.Int).Exp(big.NewInt(10), big.NewInt(38), nil), big.NewInt(1)))
	minDec, _ := types.DecimalFromBig(new(big.Int).Neg(maxDec.Big()))
	rows := [][]any{
		{true, int8(127), int16(-32768), int32(-2147483648), int64(9223372036854775807),
			float32(-0.0), 3.141592653589793, types.DecimalFromInt64(-999999999999999999), maxDec,
			"abc", "héllo wörld, longer than seven", []byte{0, 1}, bytes.Repeat([]byte{0xff}, 50),
			int32(-719528), int32(86399999), types.Timestamp{Millis: -1}, types.Timestamp{Millis: -86399999999, NanoOfMilli: 500000},
			types.Timestamp{Millis: 0}, types.Timestamp{Millis: 1700000000123, NanoOfMilli: 456000}},
		{false, int8(-128), nil, nil, int64(0), nil, nil, nil, minDec, nil, "", nil, []byte{}, nil, nil, nil, nil, nil, nil},
		make([]any, len(ts)),
	}
	w := NewWriter(ts)
	for ri, vals := range rows {
		w.Reset()
		for i, v := range vals {
			if err := w.WriteValue(i, v); err != nil {
				t.Fatalf("row %d: %v", ri, err)
			}
		}
		data := w.Bytes()
		if len(data)%8 != 0 {
			t.Errorf("row %d: length %d not a multiple of 8", ri, len(data))
		}
		enc, err := Encode(ts, vals)
		if err != nil || !bytes.Equal(enc, data) {
			t.Fatalf("row %d: reused writer and Encode differ (%v):\n%x\n%x", ri, err, data, enc)
		}
		got, err := Decode(ts, data)
		if err != nil {
			t.Fatalf("row %d: %v", ri, err)
		}
		for i := range vals {
			want := vals[i]
			if ts[i].IsCompactTimestamp() && want != nil {
				x := want.(types.Timestamp)
				want = types.Timestamp{Millis: x.Millis}
			}
			if !equalValue(got[i], want, ts[i]) {
				t.Errorf("row %d field %d (%s): got %#v, want %#v", ri, i, ts[i], got[i], want)
			}
		}
	}
}

func equalValue(got, want any, t types.DataType) bool {
	switch w := want.(type) {
	case []byte:
		g, ok := got.([]byte)
		return ok && bytes.Equal(g, w)
	case float32:
		g, ok := got.(float32)
		return ok && (g == w || g != g && w != w)
	case float64:
		g, ok := got.(float64)
		return ok && (g == w || g != g && w != w)
	case string:
		if t.IsBinary() {
			g, ok := got.([]byte)
			return ok && string(g) == w
		}
	}
	return got == want
}

func TestWriteValueErrors(t *testing.T) {
	ts := []types.DataType{types.NewInt(), types.NewDecimal(10, 2), types.NewTimestamp(6), types.RowType()}
	w := NewWriter(ts)
	big20, _ := types.DecimalFromBig(new(big.Int).Lsh(big.NewInt(1), 70))
	for _, tc := range []struct {
		pos int
		v   any
	}{
		{0, int64(1)}, {0, "x"}, {1, big20}, {2, types.Timestamp{NanoOfMilli: 1_000_000}}, {3, int32(1)}, {4, int32(1)}, {-1, nil},
	} {
		if err := w.WriteValue(tc.pos, tc.v); err == nil {
			t.Errorf("WriteValue(%d, %#v) succeeded", tc.pos, tc.v)
		}
	}
	if _, err := Encode(ts[:1], nil); err == nil {
		t.Error("Encode with missing values succeeded")
	}
}

func TestWriteFromVectorMatchesWriteValue(t *testing.T) {
	ts := []types.DataType{types.NewBoolean(), types.NewTinyInt(), types.NewSmallInt(), types.NewDate(), types.NewBigInt(),
		types.NewFloat(), types.NewDouble(), types.NewDecimal(9, 2), types.NewDecimal(30, 2), types.NewString(), types.NewBytes(),
		types.NewTimestamp(3), types.NewTimestamp(9)}
	b, err := vec.NewBatch(ts, 4)
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{true, int8(1), int16(2), int32(3), int64(4), float32(5), float64(6), types.DecimalFromInt64(7), types.DecimalFromInt64(-8),
			"a string longer than 7", []byte("bin"), types.Timestamp{Millis: 9}, types.Timestamp{Millis: 10, NanoOfMilli: 11}},
		make([]any, len(ts)),
	}
	for _, r := range rows {
		if err := b.AppendRow(types.Insert, r...); err != nil {
			t.Fatal(err)
		}
	}
	w := NewWriter(ts)
	for ri, r := range rows {
		w.Reset()
		for c := range ts {
			if err := w.WriteFromVector(c, b.Cols[c], ri); err != nil {
				t.Fatal(err)
			}
		}
		want, err := Encode(ts, r)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(w.Bytes(), want) {
			t.Errorf("row %d:\n got %x\nwant %x", ri, w.Bytes(), want)
		}
	}
	if err := w.WriteFromVector(0, b.Cols[1], 0); err == nil {
		t.Error("kind mismatch accepted")
	}
	if err := w.WriteFromVector(0, b.Cols[0], 5); err == nil {
		t.Error("row out of range accepted")
	}
}

func TestWriterReuseDoesNotAllocate(t *testing.T) {
	ts := []types.DataType{types.NewInt(), types.NewString(), types.NewDecimal(30, 2), types.NewTimestamp(9), types.NewBytes()}
	w := NewWriter(ts)
	long := []byte("a value long enough for the variable part")
	d := types.DecimalFromInt64(-123456789)
	write := func() {
		w.Reset()
		w.WriteInt32(0, 7)
		w.WriteString(1, "also longer than seven bytes")
		w.WriteDecimal(2, d)
		w.SetNull(3)
		w.WriteBytes(4, long)
		_ = Hash(w.Bytes())
	}
	write()
	if n := testing.AllocsPerRun(100, write); n != 0 {
		t.Errorf("%v allocations per row, want 0", n)
	}
}

func TestRowKind(t *testing.T) {
	ts := []types.DataType{types.NewInt()}
	w := NewWriter(ts)
	w.SetRowKind(types.Delete)
	w.WriteInt32(0, 1)
	r, err := NewRow(ts, w.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if k, err := r.Kind(); err != nil || k != types.Delete {
		t.Errorf("kind %v, %v", k, err)
	}
	w.Reset()
	if w.Bytes()[0] != 0 {
		t.Error("Reset kept the row kind")
	}
}
