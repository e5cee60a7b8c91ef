package scaffold

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io"
	"path"
	"strings"
)

// Line endings are not edits: a checkout with core.autocrlf = true turns
// every LF of a text file into CRLF, and the same file must not then count
// as edited (or stop getting updates, or flip modified_files between the
// machines that share a state). Edit detection therefore hashes text files
// with CRLF read as LF. Files whose bytes matter stay exact: anything with
// a NUL byte near its start (binary) and the kinds listed in exactKinds.

// sniffLen is how much of a file decides whether it is binary, as git does.
const sniffLen = 8000

// exactKinds are file extensions hashed byte for byte even though they are
// text: data whose bytes are the content (the sample CSV feeds a model and
// its digest), and pictures.
var exactKinds = map[string]bool{
	".csv": true, ".tsv": true, ".parquet": true, ".png": true, ".jpg": true, ".gif": true, ".ico": true,
}

// normalizesEOL reports whether the content of rel, whose first bytes are
// head, is hashed with CRLF read as LF.
func normalizesEOL(rel string, head []byte) bool {
	if exactKinds[strings.ToLower(path.Ext(rel))] {
		return false
	}
	if len(head) > sniffLen {
		head = head[:sniffLen]
	}
	return bytes.IndexByte(head, 0) < 0
}

// ContentHash is the sha256 hex that edit detection compares for the file
// rel with content b: of the bytes as they are for binary and exact kinds,
// with every CRLF read as LF for text. For content without CRLF it is the
// plain sha256 of the bytes.
func ContentHash(rel string, b []byte) string {
	if !normalizesEOL(rel, b) || !bytes.Contains(b, []byte("\r\n")) {
		return HashBytes(b)
	}
	return HashBytes(bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")))
}

// crlfWriter feeds h with CRLF written as LF, across write boundaries.
type crlfWriter struct {
	h       hash.Hash
	pending bool // the last byte written was a CR not yet passed on
}

func (w *crlfWriter) Write(p []byte) (int, error) {
	n := len(p)
	if w.pending {
		w.pending = false
		if len(p) > 0 && p[0] == '\n' {
			_, _ = w.h.Write(p[:1])
			p = p[1:]
		} else {
			_, _ = w.h.Write([]byte{'\r'})
		}
	}
	for len(p) > 0 {
		i := bytes.Index(p, []byte("\r\n"))
		if i < 0 {
			if p[len(p)-1] == '\r' {
				_, _ = w.h.Write(p[:len(p)-1])
				w.pending = true
			} else {
				_, _ = w.h.Write(p)
			}
			return n, nil
		}
		_, _ = w.h.Write(p[:i])
		p = p[i+1:] // drop the CR, keep the LF
	}
	return n, nil
}

// flush passes on a trailing CR.
func (w *crlfWriter) flush() {
	if w.pending {
		_, _ = w.h.Write([]byte{'\r'})
		w.pending = false
	}
}

// hashStream is ContentHash over a reader, streamed through buf: the first
// read decides whether CRLF is normalised.
func hashStream(rel string, r io.Reader, buf []byte) (string, error) {
	h := sha256.New()
	head := buf
	if len(head) < sniffLen {
		head = make([]byte, sniffLen)
	}
	n, err := io.ReadFull(r, head[:sniffLen])
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return "", err
	}
	head = head[:n]
	if !normalizesEOL(rel, head) {
		_, _ = h.Write(head)
		if _, err := io.CopyBuffer(struct{ io.Writer }{h}, struct{ io.Reader }{r}, buf); err != nil {
			return "", err
		}
	} else {
		w := &crlfWriter{h: h}
		_, _ = w.Write(head)
		if _, err := io.CopyBuffer(struct{ io.Writer }{w}, struct{ io.Reader }{r}, buf); err != nil {
			return "", err
		}
		w.flush()
	}
	var sum [sha256.Size]byte
	return hex.EncodeToString(h.Sum(sum[:0])), nil
}
