package binaryrow

import (
	"bytes"
	"testing"

	"github.com/weir-data/weir/types"
)

func TestSerializeKnownBytes(t *testing.T) {
	row, err := Encode([]types.DataType{types.NewString(), types.NewInt()}, []any{"Alice", int32(1)})
	if err != nil {
		t.Fatal(err)
	}
	want := unhex(t, "00000002 0000000000000000 416c696365000085 0100000000000000")
	got := Serialize(2, row)
	if !bytes.Equal(got, want) {
		t.Fatalf("got %x\nwant %x", got, want)
	}
	arity, back, err := Deserialize(got)
	if err != nil || arity != 2 || !bytes.Equal(back, row) {
		t.Fatalf("Deserialize = %d, %x, %v", arity, back, err)
	}
}

func TestEmptyRow(t *testing.T) {
	want := unhex(t, "00000000 0000000000000000")
	if got := EmptyRow(); !bytes.Equal(got, want) {
		t.Fatalf("EmptyRow = %x, want %x", got, want)
	}
	arity, row, err := Deserialize(EmptyRow())
	if err != nil || arity != 0 || len(row) != 8 {
		t.Fatalf("Deserialize(EmptyRow) = %d, %x, %v", arity, row, err)
	}
}

func TestDeserializeErrors(t *testing.T) {
	for _, b := range [][]byte{
		nil,
		{0, 0, 0},
		{0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0}, // arity 1 needs 16 bytes
		{0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0},             // negative arity
		{0x7f, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, // huge arity
		{0, 0, 0, 0}, // arity 0 without its 8 bytes
	} {
		if _, _, err := Deserialize(b); err == nil {
			t.Errorf("Deserialize(%x) succeeded", b)
		}
	}
}
