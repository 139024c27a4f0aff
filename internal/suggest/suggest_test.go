package suggest

import "testing"

func TestNearest(t *testing.T) {
	cands := []string{"rows-per-second", "number-of-rows", "fields.id.kind", "warehouse"}
	for _, c := range []struct {
		s, want string
		ok      bool
	}{
		{"rows-per-sec0", "rows-per-second", true},
		{"warehous", "warehouse", true},
		{"numbr-of-rows", "number-of-rows", true},
		{"something-else", "", false},
		{"", "", false},
	} {
		got, ok := Nearest(c.s, cands)
		if got != c.want || ok != c.ok {
			t.Errorf("Nearest(%q) = %q %v, want %q %v", c.s, got, ok, c.want, c.ok)
		}
	}
	if Distance("kitten", "sitting") != 3 || Distance("", "abc") != 3 || Distance("same", "same") != 0 {
		t.Error("Distance")
	}
}
