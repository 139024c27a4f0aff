package hashindex

import (
	"bytes"
	"errors"
	"slices"
	"testing"
)

func TestEncodeDecode(t *testing.T) {
	for _, tc := range []struct {
		name   string
		hashes []int32
		bytes  []byte
	}{
		{"empty", nil, nil},
		// pk_09's keys 0 and 1 hash to -300363099 and 1465514398 (paimon-format.md §7).
		{"java-order", []int32{-300363099, 1465514398}, []byte{0xee, 0x18, 0xd2, 0xa5, 0x57, 0x59, 0xf9, 0x9e}},
		{"extremes", []int32{-1 << 31, -1, 0, 1<<31 - 1}, []byte{0x80, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0x7f, 0xff, 0xff, 0xff}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Encode(nil, tc.hashes)
			if !bytes.Equal(got, tc.bytes) {
				t.Fatalf("Encode = % x, want % x", got, tc.bytes)
			}
			back, err := Decode(nil, got)
			if err != nil || !slices.Equal(back, tc.hashes) {
				t.Fatalf("Decode = %v, %v; want %v", back, err, tc.hashes)
			}
		})
	}
}

func TestDecodeTruncated(t *testing.T) {
	for _, n := range []int{1, 2, 3, 5, 7} {
		if _, err := Decode(nil, make([]byte, n)); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("%d bytes: err = %v, want ErrCorrupt", n, err)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0xee, 0x18, 0xd2, 0xa5, 0x57, 0x59, 0xf9, 0x9e})
	f.Add([]byte{1, 2, 3})
	f.Fuzz(func(t *testing.T, data []byte) {
		hs, err := Decode(nil, data)
		if err != nil {
			if len(data)%4 == 0 {
				t.Fatalf("whole file rejected: %v", err)
			}
			return
		}
		if !bytes.Equal(Encode(nil, hs), data) {
			t.Fatal("decode/encode is not the identity")
		}
	})
}
