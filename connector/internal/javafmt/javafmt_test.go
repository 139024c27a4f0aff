package javafmt

import (
	"testing"

	"github.com/weir-data/weir/types"
)

func TestAppendBigDecimal(t *testing.T) {
	for _, tc := range []struct {
		unscaled int64
		scale    int
		want     string
	}{
		{12345, 2, "123.45"}, {-5, 8, "-5E-8"}, {0, 10, "0E-10"}, {0, 2, "0.00"}, {1, 6, "0.000001"},
		{1, 7, "1E-7"}, {15, 9, "1.5E-8"}, {-9223372036854775808, 0, "-9223372036854775808"}, {42, 0, "42"},
	} {
		if got := string(AppendBigDecimal(nil, types.DecimalFromInt64(tc.unscaled), tc.scale)); got != tc.want {
			t.Errorf("AppendBigDecimal(%d, %d) = %s, want %s", tc.unscaled, tc.scale, got, tc.want)
		}
	}
}
