package manifest

import (
	"reflect"
	"strings"
	"testing"
)

// rewrap re-encodes a container's blocks with another codec.
func rewrap(t *testing.T, data []byte, codec string) []byte {
	t.Helper()
	c, err := readContainer(data)
	if err != nil {
		t.Fatal(err)
	}
	sync := []byte("0123456789abcdef")
	w := &binWriter{buf: []byte(ocfMagic)}
	w.long(-2) // negative block count: byte size follows
	w.long(int64(len(metaSchemaKey) + len(c.schema) + len(metaCodecKey) + len(codec) + 4))
	w.string(metaSchemaKey)
	w.bytes([]byte(c.schema))
	w.string(metaCodecKey)
	w.bytes([]byte(codec))
	w.long(0)
	w.buf = append(w.buf, sync...)
	for _, b := range c.blocks {
		z, err := compress(codec, b.data)
		if err != nil {
			t.Fatal(err)
		}
		w.long(b.count)
		w.long(int64(len(z)))
		w.buf = append(w.buf, z...)
		w.buf = append(w.buf, sync...)
	}
	return w.buf
}

// Every codec Avro defines that Paimon may have used decodes to the same rows.
func TestCodecs(t *testing.T) {
	files := [][]string{
		{"avro", "manifest", "avro_manifest_09"},
		{"avro", "manifest", "avro_manifest_11"},
		{"avro", "manifest", "avro_manifest_list_09"},
		{"parquet", "pk_09.db", "pk_09", "manifest", "index-manifest-03e2700b-8409-499b-8c27-a09ccee9348c-0"},
	}
	for _, path := range files {
		data := readFixture(t, path...)
		decode := func(d []byte) (any, error) {
			switch name := path[len(path)-1]; {
			case strings.Contains(name, "list"):
				return DecodeFileMetas(d)
			case strings.HasPrefix(name, "index"):
				return DecodeIndexEntries(d)
			default:
				return DecodeEntries(d)
			}
		}
		want, err := decode(data)
		if err != nil {
			t.Fatal(err)
		}
		for _, codec := range []string{"null", "deflate", "snappy", "zstandard"} {
			t.Run(path[len(path)-1]+"/"+codec, func(t *testing.T) {
				got, err := decode(rewrap(t, data, codec))
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("codec %s changed the rows", codec)
				}
			})
		}
	}
}

func TestContainerErrors(t *testing.T) {
	good := readFixture(t, "avro", "manifest", "avro_manifest_11")
	snappy := rewrap(t, good, "snappy")
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "bad magic"},
		{"not avro", []byte("hello world"), "bad magic"},
		{"header only magic", []byte(ocfMagic), "metadata"},
		{"truncated header", good[:40], "metadata"},
		{"truncated block", good[:len(good)-20], "block 0"},
		{"bad sync", append(append([]byte{}, good[:len(good)-1]...), good[len(good)-1]^1), "sync marker"},
		{"unknown codec", rewrapCodecName(t, good, "lzo"), "unsupported codec"},
		{"snappy checksum", flipByte(snappy, len(snappy)-17), "snappy"},
		{"no schema", noSchema(), "avro.schema"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeEntries(tt.data)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}

func flipByte(b []byte, i int) []byte {
	out := append([]byte(nil), b...)
	out[i] ^= 0xff
	return out
}

// rewrapCodecName writes the blocks unchanged under another codec name.
func rewrapCodecName(t *testing.T, data []byte, codec string) []byte {
	c, err := readContainer(data)
	if err != nil {
		t.Fatal(err)
	}
	w := &binWriter{buf: []byte(ocfMagic)}
	w.long(2)
	w.string(metaSchemaKey)
	w.bytes([]byte(c.schema))
	w.string(metaCodecKey)
	w.bytes([]byte(codec))
	w.long(0)
	w.buf = append(w.buf, make([]byte, 16)...)
	w.long(1)
	w.long(1)
	w.buf = append(w.buf, 0)
	w.buf = append(w.buf, make([]byte, 16)...)
	return w.buf
}

func noSchema() []byte {
	w := &binWriter{buf: []byte(ocfMagic)}
	w.long(0)
	w.buf = append(w.buf, make([]byte, 16)...)
	return w.buf
}

// Schema-level surprises: writer schemas that do not match Paimon's shapes
// give errors, not panics or silent garbage.
func TestSchemaMismatch(t *testing.T) {
	tests := []struct {
		name    string
		schema  string
		records [][]byte
		want    string
	}{
		{"file not a record", `{"type":"record","name":"r","fields":[{"name":"_FILE","type":"string"}]}`, [][]byte{{2, 'x'}}, "_FILE"},
		{"null file", `["null",{"type":"record","name":"r","fields":[{"name":"_KIND","type":"int"}]}]`, [][]byte{{2, 0}}, "_FILE"},
		{"null row", `["null",{"type":"record","name":"r","fields":[{"name":"_KIND","type":"int"}]}]`, [][]byte{{0}}, "is null"},
		{"bad kind", `{"type":"record","name":"r","fields":[{"name":"_KIND","type":"int"}]}`, [][]byte{{4}}, "_KIND"},
		{"wrong type", `{"type":"record","name":"r","fields":[{"name":"_BUCKET","type":"string"},{"name":"_FILE","type":{"type":"record","name":"f","fields":[]}}]}`, [][]byte{{2, 'x'}}, "_BUCKET"},
		{"future version", `{"type":"record","name":"r","fields":[{"name":"_VERSION","type":"int"}]}`, [][]byte{{6}}, "_VERSION"},
		{"trailing bytes", `{"type":"record","name":"r","fields":[{"name":"_VERSION","type":"int"}]}`, [][]byte{{4, 0}}, "trailing"},
		{"bad schema", `{"type":"nope"}`, nil, "schema"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := writeContainer(tt.schema, "null", tt.records)
			if err != nil {
				t.Fatal(err)
			}
			_, err = DecodeEntries(data)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one mentioning %q", err, tt.want)
			}
		})
	}
	// Missing fields read as zero values (a 0.5-era writer had no _FILE_SOURCE etc.).
	data, err := writeContainer(`{"type":"record","name":"r","fields":[{"name":"_FILE","type":{"type":"record","name":"f","fields":[{"name":"_FILE_NAME","type":"string"}]}},{"name":"_EXTRA","type":{"type":"map","values":"long"}}]}`,
		"null", [][]byte{{2, 'x', 2, 2, 'k', 4, 0}})
	if err != nil {
		t.Fatal(err)
	}
	es, err := DecodeEntries(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 1 || es[0].File.FileName != "x" || es[0].File.FileSource != nil || es[0].File.ExtraFiles == nil {
		t.Fatalf("entries = %+v", es)
	}
}

// Truncations and single-byte corruptions of real files never panic.
func TestCorruptionNeverPanics(t *testing.T) {
	for _, f := range fixtureFiles(t) {
		if f.orc {
			continue
		}
		data := readFixture(t, f.rel)
		for cut := 0; cut < len(data); cut += 7 {
			decodeAny(data[:cut])
		}
		for i := 0; i < len(data); i += 13 {
			decodeAny(flipByte(data, i))
		}
	}
}

func decodeAny(data []byte) {
	_, _ = DecodeEntries(data)
	_, _ = DecodeFileMetas(data)
	_, _ = DecodeIndexEntries(data)
}
