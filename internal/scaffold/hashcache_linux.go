package scaffold

import (
	"io/fs"
	"syscall"
)

func stampOf(info fs.FileInfo) (fileStamp, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return fileStamp{}, false
	}
	return fileStamp{
		dev: uint64(st.Dev), ino: st.Ino, size: st.Size, //nolint:unconvert // Dev is not 64 bits everywhere
		mtime: st.Mtim.Nano(), ctime: st.Ctim.Nano(),
	}, true
}
