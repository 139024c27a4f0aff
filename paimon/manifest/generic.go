package manifest

import (
	"errors"
	"fmt"
	"math"

	"github.com/hamba/avro/v2"
)

// maxNesting bounds schema recursion while decoding (manifest schemas nest
// four levels deep; recursive named types in a corrupt schema must not
// overflow the stack).
const maxNesting = 32

// maxZeroSizeItems bounds arrays/maps whose items encode to zero bytes (e.g.
// array<null>), which could otherwise claim billions of items for free.
const maxZeroSizeItems = 1 << 16

// parseWriterSchema parses the schema embedded in a container. A fresh
// cache per file keeps differently shaped records that share Paimon's fixed
// names ("org.apache.paimon.avro.generated.record") from colliding.
func parseWriterSchema(js string) (s avro.Schema, err error) {
	defer func() {
		// Defensive: the schema is untrusted input to a third-party parser.
		if p := recover(); p != nil {
			s, err = nil, fmt.Errorf("parsing writer schema: %v", p)
		}
	}()
	s, err = avro.ParseBytesWithCache([]byte(js), "", &avro.SchemaCache{})
	if err != nil {
		return nil, fmt.Errorf("parsing writer schema: %w", err)
	}
	return s, nil
}

// decodeRecords decodes every record of a container generically with its
// writer schema. Values are represented as:
//
//	null → nil, boolean → bool, int/long → int64 (logical types ignored,
//	so timestamp-millis stays epoch millis), float/double → float64,
//	bytes/fixed → []byte, string/enum → string, array → []any,
//	map → map[string]any, record → map[string]any by field name,
//	union → the value of the selected branch.
func decodeRecords(c *container) ([]any, avro.Schema, error) {
	schema, err := parseWriterSchema(c.schema)
	if err != nil {
		return nil, nil, err
	}
	var out []any
	for bi, b := range c.blocks {
		r := &binReader{buf: b.data}
		if min := minEncodedSize(schema, 0); min > 0 && b.count > int64(len(b.data))/int64(min) {
			return nil, nil, fmt.Errorf("block %d: %d records cannot fit in %d bytes", bi, b.count, len(b.data))
		} else if min == 0 && b.count > maxZeroSizeItems {
			return nil, nil, fmt.Errorf("block %d: too many records (%d)", bi, b.count)
		}
		for i := range b.count {
			v, err := decodeValue(r, schema, 0)
			if err != nil {
				return nil, nil, fmt.Errorf("block %d record %d: %w", bi, i, err)
			}
			out = append(out, v)
		}
		if r.remaining() != 0 {
			return nil, nil, fmt.Errorf("block %d: %d trailing bytes after %d records", bi, r.remaining(), b.count)
		}
	}
	return out, schema, nil
}

func decodeValue(r *binReader, s avro.Schema, depth int) (any, error) {
	if depth > maxNesting {
		return nil, errors.New("schema nesting too deep")
	}
	switch s := s.(type) {
	case *avro.RefSchema:
		return decodeValue(r, s.Schema(), depth+1)
	case *avro.NullSchema:
		return nil, nil
	case *avro.PrimitiveSchema:
		switch s.Type() {
		case avro.Null:
			return nil, nil
		case avro.Boolean:
			b, err := r.fixed(1)
			if err != nil {
				return nil, err
			}
			return b[0] != 0, nil
		case avro.Int, avro.Long:
			v, err := r.long()
			if err == nil && s.Type() == avro.Int && (v < math.MinInt32 || v > math.MaxInt32) {
				err = fmt.Errorf("int value %d out of range", v)
			}
			return v, err
		case avro.Float:
			b, err := r.fixed(4)
			if err != nil {
				return nil, err
			}
			return float64(math.Float32frombits(uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24)), nil
		case avro.Double:
			b, err := r.fixed(8)
			if err != nil {
				return nil, err
			}
			var u uint64
			for i := 7; i >= 0; i-- {
				u = u<<8 | uint64(b[i])
			}
			return math.Float64frombits(u), nil
		case avro.Bytes:
			return r.bytes()
		case avro.String:
			return r.string()
		}
	case *avro.FixedSchema:
		b, err := r.fixed(s.Size())
		if err != nil {
			return nil, err
		}
		return append([]byte(nil), b...), nil
	case *avro.EnumSchema:
		i, err := r.int()
		if err != nil {
			return nil, err
		}
		syms := s.Symbols()
		if i < 0 || int(i) >= len(syms) {
			return nil, fmt.Errorf("enum index %d out of range", i)
		}
		return syms[i], nil
	case *avro.UnionSchema:
		i, err := r.long()
		if err != nil {
			return nil, err
		}
		types := s.Types()
		if i < 0 || i >= int64(len(types)) {
			return nil, fmt.Errorf("union branch %d out of range", i)
		}
		return decodeValue(r, types[i], depth+1)
	case *avro.ArraySchema:
		items := []any{}
		err := readBlocks(r, s.Items(), depth, func() error {
			v, err := decodeValue(r, s.Items(), depth+1)
			items = append(items, v)
			return err
		})
		return items, err
	case *avro.MapSchema:
		m := map[string]any{}
		err := readBlocks(r, s.Values(), depth, func() error {
			k, err := r.string()
			if err != nil {
				return err
			}
			v, err := decodeValue(r, s.Values(), depth+1)
			m[k] = v
			return err
		})
		return m, err
	case *avro.RecordSchema:
		fields := s.Fields()
		m := make(map[string]any, len(fields))
		for _, f := range fields {
			v, err := decodeValue(r, f.Type(), depth+1)
			if err != nil {
				return nil, fmt.Errorf("field %s: %w", f.Name(), err)
			}
			m[f.Name()] = v
		}
		return m, nil
	}
	return nil, fmt.Errorf("unsupported Avro schema type %s", s.Type())
}

// readBlocks reads array/map blocks, calling item once per element.
func readBlocks(r *binReader, items avro.Schema, depth int, item func() error) error {
	min := minEncodedSize(items, 0)
	var total int64
	for {
		n, err := r.blockCount()
		if err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
		total += n
		if min > 0 && n > int64(r.remaining()/min) || min == 0 && total > maxZeroSizeItems {
			return fmt.Errorf("block of %d items cannot fit in %d bytes", n, r.remaining())
		}
		for range n {
			if err := item(); err != nil {
				return err
			}
		}
	}
}

// minEncodedSize is the fewest bytes a value of schema s can take.
func minEncodedSize(s avro.Schema, depth int) int {
	if depth > maxNesting {
		return 0
	}
	switch s := s.(type) {
	case *avro.RefSchema:
		// A lower bound is enough; not following references keeps recursive
		// named types from exploding.
		return 0
	case *avro.NullSchema:
		return 0
	case *avro.PrimitiveSchema:
		switch s.Type() {
		case avro.Null:
			return 0
		case avro.Float:
			return 4
		case avro.Double:
			return 8
		}
		return 1
	case *avro.FixedSchema:
		return s.Size()
	case *avro.RecordSchema:
		n := 0
		for _, f := range s.Fields() {
			n += minEncodedSize(f.Type(), depth+1)
		}
		return n
	}
	return 1 // enum, union index, array/map terminator
}
