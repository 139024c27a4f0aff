package binaryrow

import (
	"testing"

	"github.com/weir-data/weir/types"
)

// pk_09 facts (paimon-format.md §7): the INT bucket key's row hash.
func TestHashKnownValues(t *testing.T) {
	tests := []struct {
		key  int32
		want int32
	}{
		{0, -300363099},
		{1, 1465514398},
	}
	for _, tc := range tests {
		row, err := Encode([]types.DataType{types.NewInt()}, []any{tc.key})
		if err != nil {
			t.Fatal(err)
		}
		if got := Hash(row); got != tc.want {
			t.Errorf("Hash(INT %d) = %d, want %d", tc.key, got, tc.want)
		}
	}
}

func TestHashTail(t *testing.T) {
	// A ragged tail hashes as zero-padded but with the true length.
	if Hash([]byte{1, 2, 3, 4, 5}) == Hash([]byte{1, 2, 3, 4, 5, 0, 0, 0}) {
		t.Error("length not mixed in")
	}
	_ = Hash(nil)
}
