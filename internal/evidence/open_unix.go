//go:build unix

package evidence

import (
	"os"
	"syscall"
)

// openNoFollow opens a file for reading, failing on a symbolic link, and
// without blocking on a FIFO that replaced a regular file.
func openNoFollow(p string) (*os.File, error) {
	return os.OpenFile(p, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
}
