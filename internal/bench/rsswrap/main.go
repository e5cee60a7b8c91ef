// Command rsswrap measures the peak RSS of a Terraform provider process. It is
// installed under the provider's executable name (terraform-provider-<type>);
// the real provider lies beside it as real-terraform-provider-<type>. It runs
// the real binary as a child with the same arguments, environment and stdio,
// waits for it, appends "<name> <ru_maxrss KiB>" to the file named by
// BENCH_RSS_FILE (when set) and exits with the child's exit code.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
)

func main() {
	self, err := os.Executable()
	if err != nil {
		fail(err)
	}
	name := filepath.Base(self)
	realPath := filepath.Join(filepath.Dir(self), "real-"+name)

	// go-plugin servers ignore interrupts and are stopped over gRPC (or
	// killed); do the same and forward termination to the child.
	signal.Ignore(os.Interrupt)
	term := make(chan os.Signal, 1)
	signal.Notify(term, syscall.SIGTERM)

	cmd := exec.Command(realPath, os.Args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = os.Environ()
	if err := cmd.Start(); err != nil {
		fail(err)
	}
	go func() {
		for s := range term {
			_ = cmd.Process.Signal(s)
		}
	}()
	waitErr := cmd.Wait()
	var exitErr *exec.ExitError
	if waitErr != nil && !errors.As(waitErr, &exitErr) {
		fail(waitErr)
	}
	if out := os.Getenv("BENCH_RSS_FILE"); out != "" {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			f, err := os.OpenFile(out, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
			if err == nil {
				// One short write with O_APPEND: concurrent wrappers do not interleave.
				_, _ = fmt.Fprintf(f, "%s %d\n", name, ru.Maxrss)
				_ = f.Close()
			}
		}
	}
	code := cmd.ProcessState.ExitCode()
	if code < 0 { // killed by a signal
		code = 1
	}
	os.Exit(code)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "rsswrap:", err)
	os.Exit(1)
}
