package filesystem

import (
	"bytes"
	"strings"
	"testing"
)

// TestDecodeAllocations checks that decoding reuses its buffers: once warm,
// decoding more rows allocates nothing per row.
func TestDecodeAllocations(t *testing.T) {
	csvLine := "12,hello world,1.250,2024-01-01 10:00:00.5Z,AAE=,2024-02-29,true\n"
	jsonLine := `{"a":12,"s":"hello \"w\"","d":"1.25","ts":"2024-01-01 10:00:00.5Z","b":"AAE=","dt":"2024-02-29","x":true,"extra":[1,2]}` + "\n"
	for _, tc := range []struct {
		name string
		line string
		dec  func(*testing.T, *bytes.Reader) func() int
	}{
		{"csv", csvLine, func(t *testing.T, r *bytes.Reader) func() int {
			b, outs, names := fuzzBatch(t)
			d := &csvDecoder{rd: newCSVReader(r, &csvOptions{delim: ',', quote: '"'}), names: names, outs: outs, file: "f"}
			return func() int { b.Reset(); n, _ := d.decode(b, 100); return n }
		}},
		{"json", jsonLine, func(t *testing.T, r *bytes.Reader) func() int {
			b, outs, names := fuzzBatch(t)
			d := newJSONDecoder(r, &jsonOptions{}, "f", names, outs)
			return func() int { b.Reset(); n, _ := d.decode(b, 100); return n }
		}},
	} {
		r := bytes.NewReader([]byte(strings.Repeat(tc.line, 100*60)))
		next := tc.dec(t, r)
		next() // warm up
		allocs := testing.AllocsPerRun(50, func() {
			if n := next(); n != 100 {
				t.Fatalf("%s: decoded %d rows", tc.name, n)
			}
		})
		if allocs > 0 {
			t.Errorf("%s: %.0f allocations per 100 rows", tc.name, allocs)
		}
	}
}
