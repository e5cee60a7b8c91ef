package maturity

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

var updateReadme = flag.Bool("update-readme", false, "rewrite the capability table of README.md from the catalog")

const (
	readmePath  = "../../README.md"
	tableStart  = "<!-- capabilities:start -->\n"
	tableEnd    = "<!-- capabilities:end -->"
	tableHeader = "| id | level | dimension | title |\n|---|---|---|---|\n"
)

func capabilityTable(c *Catalog) string {
	var b strings.Builder
	b.WriteString(tableHeader)
	for _, cp := range c.Capabilities {
		fmt.Fprintf(&b, "| `%s` | %d %s | %s | %s |\n", cp.ID, cp.Level, c.LevelName(cp.Level), cp.Dimension, cp.Title)
	}
	return b.String()
}

// TestReadmeCapabilityTable keeps README's table equal to the catalog; run
// `go test ./internal/maturity -run Readme -update-readme` to regenerate it.
func TestReadmeCapabilityTable(t *testing.T) {
	raw, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(raw)
	start := strings.Index(readme, tableStart)
	end := strings.Index(readme, tableEnd)
	if start < 0 || end < start {
		t.Fatalf("README.md needs the markers %q and %q", tableStart, tableEnd)
	}
	want := capabilityTable(MustDefault())
	got := readme[start+len(tableStart) : end]
	if got == want {
		return
	}
	if *updateReadme {
		updated := readme[:start+len(tableStart)] + want + readme[end:]
		if err := os.WriteFile(readmePath, []byte(updated), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatalf("README.md capability table is out of date; run go test ./internal/maturity -run Readme -update-readme\nwant:\n%s", want)
}
