package manifest

import (
	"reflect"
	"testing"
)

func addSeeds(f *testing.F, kind fileKind) {
	for _, ff := range fixtureFiles(f) {
		if ff.kind == kind && !ff.orc {
			f.Add(readFixture(f, ff.rel))
		}
	}
	f.Add([]byte("ORC"))
	f.Add([]byte(ocfMagic))
}

func FuzzDecodeEntries(f *testing.F) {
	addSeeds(f, kindManifest)
	f.Fuzz(func(t *testing.T, data []byte) {
		es, err := DecodeEntries(data)
		if err != nil {
			return
		}
		valid := true
		for _, e := range es {
			valid = valid && e.Partition != nil
		}
		if !valid {
			return // a writer schema without _PARTITION; not re-encodable
		}
		out, err := EncodeEntries(es)
		if err != nil {
			t.Fatalf("re-encoding decoded entries: %v", err)
		}
		again, err := DecodeEntries(out)
		if err != nil || !reflect.DeepEqual(normEntries(again), normEntries(es)) {
			t.Fatalf("round trip: %v", err)
		}
	})
}

func FuzzDecodeFileMetas(f *testing.F) {
	addSeeds(f, kindList)
	f.Fuzz(func(t *testing.T, data []byte) {
		ms, err := DecodeFileMetas(data)
		if err != nil {
			return
		}
		out, err := EncodeFileMetas(ms)
		if err != nil {
			t.Fatalf("re-encoding decoded metas: %v", err)
		}
		again, err := DecodeFileMetas(out)
		if err != nil || len(again) != len(ms) {
			t.Fatalf("round trip: %v", err)
		}
	})
}

func FuzzDecodeIndexEntries(f *testing.F) {
	addSeeds(f, kindIndex)
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = DecodeIndexEntries(data)
	})
}

// normEntries maps nil required byte fields to empty, as encoding does.
func normEntries(es []Entry) []Entry {
	out := make([]Entry, len(es))
	for i, e := range es {
		for _, b := range []*[]byte{&e.File.MinKey, &e.File.MaxKey, &e.File.KeyStats.MinValues, &e.File.KeyStats.MaxValues, &e.File.ValueStats.MinValues, &e.File.ValueStats.MaxValues} {
			if *b == nil {
				*b = []byte{}
			}
		}
		out[i] = e
	}
	return out
}
