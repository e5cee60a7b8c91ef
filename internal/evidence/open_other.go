//go:build !unix

package evidence

import (
	"fmt"
	"io/fs"
	"os"
)

// openNoFollow opens a file for reading after checking it is not a link.
func openNoFollow(p string) (*os.File, error) {
	info, err := os.Lstat(p)
	if err != nil {
		return nil, err
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		return nil, fmt.Errorf("%s is a symbolic link", p)
	}
	return os.Open(p)
}
