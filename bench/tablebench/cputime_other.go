//go:build !unix

package tablebench

import "time"

// processCPU returns 0: the process CPU time is not measured on this platform.
func processCPU() time.Duration { return 0 }
