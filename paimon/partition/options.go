package partition

import "time"

// DefaultPartitionName is the default of partition.default-name.
const DefaultPartitionName = "__DEFAULT_PARTITION__"

// Options are the table options that affect partition names.
//
// Note that the zero Options is NOT Paimon's default: Legacy defaults to true
// in Paimon but is false here unless set. Start from DefaultOptions.
type Options struct {
	// DefaultName is partition.default-name, used for null and blank values;
	// empty means DefaultPartitionName.
	DefaultName string
	// Legacy is partition.legacy-name (Paimon default true).
	Legacy bool
	// Location is the JVM default time zone that non-legacy names of
	// TIMESTAMP_LTZ values are rendered in; nil means UTC.
	Location *time.Location
}

// DefaultOptions returns Paimon's defaults: default name
// __DEFAULT_PARTITION__, legacy names, UTC.
func DefaultOptions() Options {
	return Options{DefaultName: DefaultPartitionName, Legacy: true}
}

func (o Options) defaultName() string {
	if o.DefaultName == "" {
		return DefaultPartitionName
	}
	return o.DefaultName
}
