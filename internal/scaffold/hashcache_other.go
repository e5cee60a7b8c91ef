//go:build !linux

package scaffold

import "io/fs"

// stampOf has no portable change time outside Linux: nothing is cached.
func stampOf(fs.FileInfo) (fileStamp, bool) { return fileStamp{}, false }
