//go:build unix

package scaffold

import (
	"syscall"
	"testing"
	"time"
)

// cpuMeter reports the process CPU time (user + system) per operation of a
// benchmark: on a machine shared with other work, wall time swings with the
// load while CPU time stays close to the work done.
type cpuMeter struct{ start time.Duration }

func startCPU() cpuMeter { return cpuMeter{start: processCPU()} }

func (m cpuMeter) report(b *testing.B) {
	b.Helper()
	if b.N > 0 {
		b.ReportMetric(float64((processCPU()-m.start).Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
