//go:build !unix

package evidence_test

import "time"

func cpuTime() (time.Duration, bool) { return 0, false }
