package datafile

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// parquet-go stores SchemaElement.field_id as a plain int32 and omits it when
// zero, so it cannot write Paimon's field id 0 (the first column of every
// table). Java writes it. patchFieldIDZero rewrites the Thrift-compact encoded
// FileMetaData and appends "field_id = 0" (field 9) to the schema elements that
// need it. The field is appended just before the element's STOP byte using the
// long field header form (absolute field id), so no other field's delta
// encoding changes.

// Thrift compact protocol type ids.
const (
	tcBoolTrue  = 1
	tcBoolFalse = 2
	tcByte      = 3
	tcI16       = 4
	tcI32       = 5
	tcI64       = 6
	tcDouble    = 7
	tcBinary    = 8
	tcList      = 9
	tcSet       = 10
	tcMap       = 11
	tcStruct    = 12
)

var errThrift = errors.New("malformed thrift footer")

type thriftScanner struct {
	b   []byte
	pos int
}

func (s *thriftScanner) byte() (byte, error) {
	if s.pos >= len(s.b) {
		return 0, errThrift
	}
	c := s.b[s.pos]
	s.pos++
	return c, nil
}

func (s *thriftScanner) uvarint() (uint64, error) {
	v, n := binary.Uvarint(s.b[s.pos:])
	if n <= 0 {
		return 0, errThrift
	}
	s.pos += n
	return v, nil
}

func (s *thriftScanner) skipN(n uint64) error {
	if n > uint64(len(s.b)-s.pos) {
		return errThrift
	}
	s.pos += int(n)
	return nil
}

// fieldHeader reads a field header; typ 0 means STOP.
func (s *thriftScanner) fieldHeader(last int16) (id int16, typ byte, err error) {
	h, err := s.byte()
	if err != nil || h == 0 {
		return 0, 0, err
	}
	typ = h & 0x0f
	if d := h >> 4; d != 0 {
		return last + int16(d), typ, nil
	}
	v, err := s.uvarint()
	if err != nil {
		return 0, 0, err
	}
	return int16(int64(v>>1) ^ -int64(v&1)), typ, nil
}

func (s *thriftScanner) skip(typ byte, depth int) error {
	if depth > 64 {
		return errThrift
	}
	switch typ {
	case tcBoolTrue, tcBoolFalse:
		return nil
	case tcByte:
		return s.skipN(1)
	case tcI16, tcI32, tcI64:
		_, err := s.uvarint()
		return err
	case tcDouble:
		return s.skipN(8)
	case tcBinary:
		n, err := s.uvarint()
		if err != nil {
			return err
		}
		return s.skipN(n)
	case tcList, tcSet:
		n, et, err := s.listHeader()
		if err != nil {
			return err
		}
		for i := uint64(0); i < n; i++ {
			if et == tcBoolTrue || et == tcBoolFalse {
				if err := s.skipN(1); err != nil {
					return err
				}
				continue
			}
			if err := s.skip(et, depth+1); err != nil {
				return err
			}
		}
		return nil
	case tcMap:
		n, err := s.uvarint()
		if err != nil || n == 0 {
			return err
		}
		kv, err := s.byte()
		if err != nil {
			return err
		}
		for i := uint64(0); i < n; i++ {
			if err := s.skip(kv>>4, depth+1); err != nil {
				return err
			}
			if err := s.skip(kv&0x0f, depth+1); err != nil {
				return err
			}
		}
		return nil
	case tcStruct:
		var last int16
		for {
			id, ft, err := s.fieldHeader(last)
			if err != nil {
				return err
			}
			if ft == 0 {
				return nil
			}
			if err := s.skip(ft, depth+1); err != nil {
				return err
			}
			last = id
		}
	}
	return fmt.Errorf("%w: unknown type %d", errThrift, typ)
}

func (s *thriftScanner) listHeader() (n uint64, elemType byte, err error) {
	h, err := s.byte()
	if err != nil {
		return 0, 0, err
	}
	n, elemType = uint64(h>>4), h&0x0f
	if n == 15 {
		n, err = s.uvarint()
	}
	return n, elemType, err
}

// Schema element field ids (parquet.thrift SchemaElement).
const (
	seTypeLength  = 2
	seFieldID     = 9
	seLogicalType = 10
)

// elementFix says how to rewrite the schema element of one column.
type elementFix struct {
	fieldID         int32
	dropTypeLength  bool // parquet-go sets type_length on INT32/INT64/INT96; Java only on FIXED_LEN_BYTE_ARRAY
	dropLogicalType bool // parquet-go annotates plain INT32/INT64 as INT(32/64); Java does not
}

type rawField struct {
	id  int16
	typ byte
	val []byte // encoded value, position independent
}

// patchSchema returns the FileMetaData bytes meta with schema element i+1
// (element 0 is the root; the schema is flat) rewritten per fixes[i]: its
// field_id set (so that id 0, which parquet-go omits, is present) and the
// fields Java does not write dropped. Other bytes are copied unchanged.
func patchSchema(meta []byte, fixes []elementFix) ([]byte, error) {
	s := &thriftScanner{b: meta}
	out := make([]byte, 0, len(meta)+8*len(fixes))
	var last int16
	for {
		start := s.pos
		id, typ, err := s.fieldHeader(last)
		if err != nil {
			return nil, err
		}
		if typ == 0 {
			return nil, fmt.Errorf("%w: no schema list", errThrift)
		}
		last = id
		if id != 2 || typ != tcList {
			if err := s.skip(typ, 0); err != nil {
				return nil, err
			}
			out = append(out, meta[start:s.pos]...)
			continue
		}
		n, et, err := s.listHeader()
		if err != nil {
			return nil, err
		}
		if et != tcStruct {
			return nil, fmt.Errorf("%w: schema is not a list of structs", errThrift)
		}
		out = append(out, meta[start:s.pos]...)
		for i := uint64(0); i < n; i++ {
			var fields []rawField
			var flast int16
			for {
				fid, ft, err := s.fieldHeader(flast)
				if err != nil {
					return nil, err
				}
				if ft == 0 {
					break
				}
				vstart := s.pos
				if err := s.skip(ft, 0); err != nil {
					return nil, err
				}
				fields = append(fields, rawField{id: fid, typ: ft, val: meta[vstart:s.pos]})
				flast = fid
			}
			col := int(i) - 1
			if col >= 0 && col < len(fixes) {
				fields = fixElement(fields, fixes[col])
			}
			out = appendStruct(out, fields)
		}
		out = append(out, meta[s.pos:]...)
		return out, nil
	}
}

func fixElement(fields []rawField, fx elementFix) []rawField {
	kept := fields[:0:0]
	for _, f := range fields {
		switch {
		case f.id == seTypeLength && fx.dropTypeLength,
			f.id == seLogicalType && fx.dropLogicalType,
			f.id == seFieldID:
			continue
		}
		kept = append(kept, f)
	}
	id := binary.AppendUvarint(nil, uint64(uint32(fx.fieldID<<1)^uint32(fx.fieldID>>31)))
	f := rawField{id: seFieldID, typ: tcI32, val: id}
	// Keep fields in ascending id order.
	at := len(kept)
	for j, k := range kept {
		if k.id > seFieldID {
			at = j
			break
		}
	}
	return append(kept[:at], append([]rawField{f}, kept[at:]...)...)
}

// appendStruct encodes fields (ascending ids) and the STOP byte.
func appendStruct(out []byte, fields []rawField) []byte {
	var last int16
	for _, f := range fields {
		if d := f.id - last; d > 0 && d <= 15 {
			out = append(out, byte(d)<<4|f.typ)
		} else {
			out = append(out, f.typ)
			out = binary.AppendUvarint(out, uint64(uint16(f.id<<1)^uint16(f.id>>15)))
		}
		out = append(out, f.val...)
		last = f.id
	}
	return append(out, 0)
}
