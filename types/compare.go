package types

import "math"

// CompareFloat orders floats as Java's Double.compare (and Paimon's key and
// statistics comparisons) do: -0.0 below 0.0, NaN above +Inf, NaN equal to NaN.
func CompareFloat(a, b float64) int {
	an, bn := math.IsNaN(a), math.IsNaN(b)
	switch {
	case an && bn:
		return 0
	case an:
		return 1
	case bn:
		return -1
	case a < b:
		return -1
	case a > b:
		return 1
	}
	sa, sb := math.Signbit(a), math.Signbit(b)
	switch {
	case sa == sb:
		return 0
	case sa:
		return -1
	}
	return 1
}
