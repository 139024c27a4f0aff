package fn

import (
	"encoding/base64"
	"math/rand/v2"

	"github.com/google/uuid"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Encodings and random values:
//
//	TO_BASE64(s)     STRING, standard alphabet with padding
//	FROM_BASE64(s)   STRING, NULL when s is not valid base64
//	HEX(s)           STRING, upper-case hex of the UTF-8 bytes (Flink's HEX(string))
//	UUID()           STRING NOT NULL, a random (version 4) UUID; not deterministic
//	RAND()           DOUBLE NOT NULL in [0, 1); not deterministic (RAND(seed) is not supported)

func init() {
	strRegisterMap("TO_BASE64", func(dst, src []byte) []byte { return base64.StdEncoding.AppendEncode(dst, src) })
	strRegisterMap("HEX", func(dst, src []byte) []byte {
		const digits = "0123456789ABCDEF"
		for _, c := range src {
			dst = append(dst, digits[c>>4], digits[c&15])
		}
		return dst
	})
	RegisterScalar("FROM_BASE64", func(args []Arg) (*Scalar, error) {
		return rowsResolveSig("FROM_BASE64", args, "s", 1, types.NewString(), true, func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			s := args[0]
			return rowsEachString("FROM_BASE64", args, sel, n, out, func(i int32) (bool, error) {
				d, err := base64.StdEncoding.AppendDecode(out.Data, rowsBytesAt(s, i))
				if err != nil {
					return false, nil
				}
				out.Data = d
				return true, nil
			})
		})
	})
	RegisterScalar("UUID", func(args []Arg) (*Scalar, error) {
		if err := rowsArgCount("UUID", args, 0, 0); err != nil {
			return nil, err
		}
		return &Scalar{Name: "UUID", Result: types.NewString().NotNull(), Deterministic: false,
			Kernel: func(_ *Context, _ []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
				rowsStartBytes(out)
				for _, i := range rowsOf(sel, n) {
					rowsPadBytes(out, int(i))
					u, err := uuid.NewRandom()
					if err != nil {
						return err
					}
					var buf [36]byte
					encodeUUIDHex(buf[:], u)
					out.Data = append(out.Data, buf[:]...)
					if err := rowsEndBytes("UUID", out); err != nil {
						return err
					}
				}
				rowsPadBytes(out, n)
				return nil
			}}, nil
	})
	RegisterScalar("RAND", func(args []Arg) (*Scalar, error) {
		if err := rowsArgCount("RAND", args, 0, 0); err != nil {
			return nil, err
		}
		return &Scalar{Name: "RAND", Result: types.NewDouble().NotNull(), Deterministic: false,
			Kernel: func(_ *Context, _ []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
				rowsStartFixed(out, n)
				for _, i := range rowsOf(sel, n) {
					out.F64[i] = rand.Float64()
				}
				return nil
			}}, nil
	})
}

// encodeUUIDHex writes u in its 8-4-4-4-12 form without allocating.
func encodeUUIDHex(dst []byte, u uuid.UUID) {
	const digits = "0123456789abcdef"
	j := 0
	for k, c := range u {
		if k == 4 || k == 6 || k == 8 || k == 10 {
			dst[j] = '-'
			j++
		}
		dst[j], dst[j+1] = digits[c>>4], digits[c&15]
		j += 2
	}
}
