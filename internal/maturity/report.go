package maturity

import (
	"fmt"
	"sort"
	"strings"
)

// Report renders an assessment as Markdown: the level, the gaps per level and
// dimension, the exemptions, and (when given) what the next apply writes.
func (c *Catalog) Report(a Assessment, exemptions map[string]string, writes []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# MLOps maturity: level %d (%s)\n\n", a.Current, c.LevelName(a.Current))
	status := "not met"
	if a.TargetMet {
		status = "met"
	}
	fmt.Fprintf(&b, "- Target: level %d (%s), %s\n", a.Target, c.LevelName(a.Target), status)
	if a.Current < c.MaxLevel() {
		fmt.Fprintf(&b, "- Next level: %d (%s), %d missing\n", a.Next, c.LevelName(a.Next), a.NextGaps.Len())
	} else {
		b.WriteString("- Next level: none, the top level is reached\n")
	}
	c.writeGaps(&b, a.Gaps)
	writeExemptions(&b, exemptions)
	if len(writes) > 0 {
		b.WriteString("\n## Next apply writes\n\n")
		for _, w := range writes {
			fmt.Fprintf(&b, "- %s\n", w)
		}
	}
	return b.String()
}

func (c *Catalog) writeGaps(b *strings.Builder, gaps Set) {
	if gaps == 0 {
		b.WriteString("\nNo gaps up to the target level.\n")
		return
	}
	b.WriteString("\n## Gaps\n")
	level, dim := -1, -1
	for _, cp := range c.CapabilitiesOf(gaps) {
		if cp.Level != level {
			level, dim = cp.Level, -1
			fmt.Fprintf(b, "\n### Level %d: %s\n", cp.Level, c.LevelName(cp.Level))
		}
		if cp.dimIndex != dim {
			dim = cp.dimIndex
			fmt.Fprintf(b, "\n%s:\n", cp.Dimension)
		}
		fmt.Fprintf(b, "- `%s`: %s\n", cp.ID, cp.Title)
	}
}

func writeExemptions(b *strings.Builder, exemptions map[string]string) {
	if len(exemptions) == 0 {
		return
	}
	ids := make([]string, 0, len(exemptions))
	for id := range exemptions {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	b.WriteString("\n## Exemptions\n\n")
	for _, id := range ids {
		fmt.Fprintf(b, "- `%s`: %s\n", id, exemptions[id])
	}
}
