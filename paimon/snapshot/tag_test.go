package snapshot

import (
	"strings"
	"testing"
	"time"
)

func TestTagRoundTrip(t *testing.T) {
	created := time.Date(1969, 1, 1, 0, 0, 0, 123456789, time.UTC)
	keep := 5 * time.Second
	tag := &Tag{Snapshot: Snapshot{Version: 3, ID: 7, CommitKind: Append, CommitUser: "u", CommitIdentifier: 1,
		BaseManifestList: "b", DeltaManifestList: "d"}, CreateTime: &created, TimeRetained: &keep}
	data, err := tag.MarshalTag()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"tagCreateTime" : [ 1969, 1, 1, 0, 0, 0, 123456789 ]`, `"tagTimeRetained" : 5.000000000`} {
		if !strings.Contains(string(data), want) {
			t.Fatalf("tag JSON lacks %s:\n%s", want, data)
		}
	}
	back, err := ParseTag(data)
	if err != nil {
		t.Fatal(err)
	}
	if back.ID != 7 || !back.CreateTime.Equal(created) || *back.TimeRetained != keep {
		t.Fatalf("round trip: %+v", back)
	}
	// A plain snapshot file reads as a tag without the extras.
	plain, _ := tag.Snapshot.Marshal()
	if b, err := ParseTag(plain); err != nil || b.CreateTime != nil || b.TimeRetained != nil {
		t.Fatalf("plain snapshot as tag: %+v %v", b, err)
	}
}
