package compaction

// OffPeakHours raises the size ratio during a daily window of hours (Java
// OffPeakHours; options compaction.offpeak.start.hour,
// compaction.offpeak.end.hour, compaction.offpeak-ratio).
type OffPeakHours struct {
	StartHour, EndHour int
	Ratio              int
}

// NewOffPeakHours returns nil (no off-peak window) when both hours are -1 or
// they are equal, as Java's OffPeakHours.create does.
func NewOffPeakHours(startHour, endHour, ratio int) *OffPeakHours {
	if (startHour == -1 && endHour == -1) || startHour == endHour {
		return nil
	}
	return &OffPeakHours{StartHour: startHour, EndHour: endHour, Ratio: ratio}
}

// CurrentRatio returns the extra size ratio for the hour of day (0..23):
// Ratio inside [StartHour, EndHour) (wrapping past midnight when
// StartHour > EndHour), else 0. A nil receiver returns 0.
func (o *OffPeakHours) CurrentRatio(hour int) int {
	if o == nil {
		return 0
	}
	var off bool
	if o.StartHour <= o.EndHour {
		off = o.StartHour <= hour && hour < o.EndHour
	} else {
		off = hour < o.EndHour || o.StartHour <= hour
	}
	if off {
		return o.Ratio
	}
	return 0
}
