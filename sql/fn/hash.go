package fn

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Message digests of a string's UTF-8 bytes as lower-case hex STRING (as
// Flink): MD5, SHA1, SHA224, SHA256, SHA384, SHA512, and SHA2(s, bits) with
// bits a constant 224, 256, 384 or 512 (0 means 256; other values give
// NULL, as Flink).

func init() {
	for name, newHash := range map[string]func() hash.Hash{
		"MD5": md5.New, "SHA1": sha1.New, "SHA224": sha256.New224, "SHA256": sha256.New,
		"SHA384": sha512.New384, "SHA512": sha512.New,
	} {
		RegisterScalar(name, func(args []Arg) (*Scalar, error) {
			return rowsResolveSig(name, args, "s", 1, types.NewString(), false, hashKernel(name, newHash))
		})
	}
	RegisterScalar("SHA2", func(args []Arg) (*Scalar, error) {
		if err := rowsArgCount("SHA2", args, 2, 2); err != nil {
			return nil, err
		}
		bits, ok := rowsConstInt(args[1])
		if !ok {
			return nil, fmt.Errorf("SHA2: the bit length (argument 2) must be a constant integer, got %s", args[1].Type)
		}
		var newHash func() hash.Hash
		switch bits {
		case 224:
			newHash = sha256.New224
		case 0, 256:
			newHash = sha256.New
		case 384:
			newHash = sha512.New384
		case 512:
			newHash = sha512.New
		}
		k := hashKernel("SHA2", newHash)
		if newHash == nil {
			k = func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
				return rowsEachString("SHA2", args, sel, n, out, func(int32) (bool, error) { return false, nil })
			}
		}
		return rowsResolveSig("SHA2", args, "si", 2, types.NewString(), newHash == nil, k)
	})
}

// hashKernel hashes each row with one reused hash state.
func hashKernel(name string, newHash func() hash.Hash) Kernel {
	return func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
		h := newHash()
		var sum [64]byte
		s := args[0]
		return rowsEachString(name, args, sel, n, out, func(i int32) (bool, error) {
			h.Reset()
			h.Write(rowsBytesAt(s, i))
			d := h.Sum(sum[:0])
			out.Data = hex.AppendEncode(out.Data, d)
			return true, nil
		})
	}
}
