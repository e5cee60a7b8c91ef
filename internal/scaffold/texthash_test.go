package scaffold

import (
	"bytes"
	"strings"
	"testing"
)

// TestContentHash: text hashes the same with LF and CRLF line endings;
// binary content and exact kinds (CSV) hash their bytes; the streamed hash
// of the disk agrees with ContentHash whatever the read size, also when a
// CRLF straddles two reads.
func TestContentHash(t *testing.T) {
	lf := "a: 1\nb: 2\n"
	tests := []struct {
		name, rel, content string
		sameAsLF           bool
	}{
		{"LF text", "x.yml", lf, true},
		{"CRLF text", "x.yml", strings.ReplaceAll(lf, "\n", "\r\n"), true},
		{"lone CR is content", "x.yml", "a: 1\rb: 2\n", false},
		{"CSV keeps its bytes", "data/sample.csv", strings.ReplaceAll(lf, "\n", "\r\n"), false},
		{"binary keeps its bytes", "x.bin", "a: 1\r\nb: 2\r\n\x00", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ContentHash(tt.rel, []byte(tt.content))
			if (got == ContentHash(tt.rel, []byte(lf))) != tt.sameAsLF {
				t.Fatalf("hash equal to the LF text: %v, want %v", !tt.sameAsLF, tt.sameAsLF)
			}
			for _, size := range []int{1, 2, 3, 7, 32 << 10} {
				buf := make([]byte, size)
				streamed, err := hashStream(tt.rel, bytes.NewReader([]byte(tt.content)), buf)
				if err != nil {
					t.Fatal(err)
				}
				if streamed != got {
					t.Fatalf("streamed with %d-byte reads: %s, want %s", size, streamed, got)
				}
			}
		})
	}
	if ContentHash("a.txt", []byte(lf)) != HashBytes([]byte(lf)) {
		t.Fatal("content without CRLF must hash as its bytes, as the data source and old manifests record it")
	}
}
