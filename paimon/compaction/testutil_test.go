package compaction

import (
	"fmt"
	"testing"

	"github.com/weir-data/weir/paimon/binaryrow"
	"github.com/weir-data/weir/paimon/manifest"
	"github.com/weir-data/weir/types"
)

var intKeyTypes = []types.DataType{types.NewInt()}

func intKey(tb testing.TB, v int32) []byte {
	tb.Helper()
	row, err := binaryrow.Encode(intKeyTypes, []any{v})
	if err != nil {
		tb.Fatal(err)
	}
	return binaryrow.Serialize(1, row)
}

func newCmp(tb testing.TB) *KeyComparator {
	tb.Helper()
	k, err := NewKeyComparator(intKeyTypes)
	if err != nil {
		tb.Fatal(err)
	}
	return k
}

// kf builds a file with INT keys [lo, hi].
func kf(tb testing.TB, name string, level int32, lo, hi int32, size, seq int64) manifest.DataFileMeta {
	tb.Helper()
	zero := int64(0)
	return manifest.DataFileMeta{
		FileName: name, FileSize: size, RowCount: 1,
		MinKey: intKey(tb, lo), MaxKey: intKey(tb, hi),
		MinSequenceNumber: seq, MaxSequenceNumber: seq,
		Level: level, DeleteRowCount: &zero,
	}
}

var runSeq int

// lr is Java's UniversalCompactionTest.level(level, size): a run of one file
// of the given size (keys are irrelevant to the pickers).
func lr(level int, size int64) LevelSortedRun {
	runSeq++
	return LevelSortedRun{Level: level, Run: SortedRun{Files: []manifest.DataFileMeta{{
		FileName: fmt.Sprintf("f%d", runSeq), FileSize: size, Level: int32(level),
	}}}}
}

// level0 is Java's UniversalCompactionTest.level0(sizes...).
func level0(sizes ...int64) []LevelSortedRun {
	var out []LevelSortedRun
	for _, s := range sizes {
		out = append(out, lr(0, s))
	}
	return out
}

func runs(rs ...LevelSortedRun) []LevelSortedRun { return rs }

func unitSizes(u *Unit) []int64 {
	if u == nil {
		return nil
	}
	out := []int64{}
	for _, f := range u.Files {
		out = append(out, f.FileSize)
	}
	return out
}

func names(files []manifest.DataFileMeta) []string {
	out := []string{}
	for _, f := range files {
		out = append(out, f.FileName)
	}
	return out
}
