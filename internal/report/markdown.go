package report

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
)

// Marks of a capability in the Markdown grid.
var statusMarks = map[Status]string{
	StatusMet:      "✅",
	StatusExempted: "➖",
	StatusGap:      "❌",
	StatusBeyond:   "⬜",
}

const markdownLegend = "✅ met · ❌ gap (at or below the target) · ➖ exempted · ⬜ above the target, not needed yet"

// images are pictures a Markdown report shows at its top, by relative path.
type images struct {
	badge, scorecard string
}

// Markdown renders a project's report: the level and the target, the model's
// levels x dimensions grid with every capability's status, what to do next
// for each gap, the exemptions with their reasons, and (when given) what the
// next apply writes.
func Markdown(in Input) (string, error) {
	if err := in.validate(); err != nil {
		return "", err
	}
	return markdown(in, images{}), nil
}

func markdown(in Input, img images) string {
	c, a := in.Catalog, in.Assessment
	var b strings.Builder
	if in.Project != "" {
		fmt.Fprintf(&b, "# MLOps maturity of %s: level %d (%s)\n\n", mdEscape(in.Project), a.Current, c.LevelName(a.Current))
	} else {
		fmt.Fprintf(&b, "# MLOps maturity: level %d (%s)\n\n", a.Current, c.LevelName(a.Current))
	}
	if img.badge != "" {
		fmt.Fprintf(&b, "![MLOps level %d/%d](%s)\n\n", a.Current, c.MaxLevel(), img.badge)
	}
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
	if img.scorecard != "" {
		fmt.Fprintf(&b, "\n![Scorecard: levels by dimensions, level %d, target %d](%s)\n", a.Current, a.Target, img.scorecard)
	}
	writeGrid(&b, in)
	writeNextSteps(&b, c, a)
	writeExemptions(&b, in.Exemptions)
	writeEvidence(&b, in)
	if len(in.Writes) > 0 {
		b.WriteString("\n## Next apply writes\n\n")
		for _, w := range in.Writes {
			fmt.Fprintf(&b, "- %s\n", w)
		}
	}
	return b.String()
}

// writeGrid writes the levels x dimensions table: one row per level, one
// column per dimension, every capability of a cell with its mark.
func writeGrid(b *strings.Builder, in Input) {
	c, a := in.Catalog, in.Assessment
	b.WriteString("\n## Levels and dimensions\n\n| Level |")
	for _, d := range c.Dimensions {
		fmt.Fprintf(b, " %s |", dimensionLabel(d))
	}
	b.WriteString("\n|---|")
	b.WriteString(strings.Repeat("---|", len(c.Dimensions)))
	b.WriteString("\n")
	for l, row := range grid(c, a) {
		level := l + 1
		fmt.Fprintf(b, "| **%d** %s%s |", level, mdEscape(c.LevelName(level)), levelMarks(a, level))
		for _, cl := range row {
			b.WriteString(" " + cellMarkdown(cl, in) + " |")
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(b, "\n%s\n", markdownLegend)
}

// levelMarks says, after a level's name, whether it is the current level or
// the target.
func levelMarks(a maturity.Assessment, level int) string {
	var marks []string
	if level == a.Current {
		marks = append(marks, "current")
	}
	if level == a.Target {
		marks = append(marks, "target")
	}
	if len(marks) == 0 {
		return ""
	}
	return " (" + strings.Join(marks, ", ") + ")"
}

func cellMarkdown(cl cell, in Input) string {
	if len(cl.caps) == 0 {
		return "·"
	}
	parts := make([]string, len(cl.caps))
	for i, cp := range cl.caps {
		parts[i] = statusMarks[cl.statuses[i]] + " " + mdEscape(cp.Title)
		switch {
		case cl.statuses[i] == StatusExempted:
			parts[i] += " (exempted: " + mdEscape(in.Exemptions[cp.ID]) + ")"
		case cl.statuses[i] == StatusMet && in.noEvidence(cp.ID):
			parts[i] += " (declared, no evidence found)"
		}
	}
	return strings.Join(parts, "<br>")
}

// writeNextSteps lists the gaps up to the target, level by level, each with
// what the capability asks for.
func writeNextSteps(b *strings.Builder, c *maturity.Catalog, a maturity.Assessment) {
	if a.Gaps == 0 {
		b.WriteString("\nNo gaps up to the target level.\n")
		return
	}
	fmt.Fprintf(b, "\n## Gaps: what to do next\n\n%d capabilities are missing up to level %d. "+
		"Start with level %d: a level counts only when every level below it is complete. "+
		"Once the project has a capability, add its id to `capabilities`; if one does not apply, "+
		"add it to `exemptions` with the reason.\n", a.Gaps.Len(), a.Target, a.Current+1)
	level := -1
	for _, cp := range c.CapabilitiesOf(a.Gaps) {
		if cp.Level != level {
			level = cp.Level
			fmt.Fprintf(b, "\n### Level %d: %s\n\n", cp.Level, c.LevelName(cp.Level))
		}
		fmt.Fprintf(b, "- [ ] **%s** (`%s`, %s): %s\n", mdEscape(cp.Title), cp.ID, dimensionLabel(cp.Dimension), mdEscape(cp.Description))
	}
}

func writeExemptions(b *strings.Builder, exemptions map[string]string) {
	if len(exemptions) == 0 {
		return
	}
	b.WriteString("\n## Exemptions\n\n")
	for _, id := range slices.Sorted(maps.Keys(exemptions)) {
		fmt.Fprintf(b, "- `%s`: %s\n", id, mdEscape(exemptions[id]))
	}
}

// writeEvidence lists where each capability was found and by which rule,
// and the declared capabilities the scan found nothing of. Without an
// explained scan it lists the path:line entries it is given.
func writeEvidence(b *strings.Builder, in Input) {
	if in.Scan == nil {
		if len(in.Evidence) == 0 {
			return
		}
		b.WriteString("\n## Evidence\n\n")
		for _, id := range slices.Sorted(maps.Keys(in.Evidence)) {
			fmt.Fprintf(b, "- `%s`: %s\n", id, strings.Join(in.Evidence[id], ", "))
		}
		return
	}
	b.WriteString("\n## Evidence\n\n")
	if len(in.Scan.Detections) == 0 {
		b.WriteString("The scan found no evidence of any capability.\n")
	} else {
		b.WriteString("| Capability | Where | Rule | Why |\n|---|---|---|---|\n")
		for _, d := range in.Scan.Detections {
			why := mdEscape(d.Reason)
			if d.Scaffolded {
				why += " *(scaffolded by this provider, not yet adopted)*"
			}
			fmt.Fprintf(b, "| `%s` | `%s:%d` | `%s` | %s |\n", d.Capability, mdEscape(d.Path), d.Line, d.Rule, why)
		}
	}
	if len(in.Scan.DeclaredWithoutEvidence) > 0 {
		counted := "they count as met only because they are declared (evidence_mode \"report\")"
		if in.Scan.Require {
			counted = "they count as gaps (evidence_mode \"require\")"
		}
		fmt.Fprintf(b, "\nDeclared without evidence, %s: %s.\n", counted,
			"`"+strings.Join(in.Scan.DeclaredWithoutEvidence, "`, `")+"`")
	}
}

// dimensionLabel turns a dimension id into words: model_creation -> Model creation.
func dimensionLabel(d string) string {
	s := strings.ReplaceAll(d, "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// mdEscape keeps user text (titles, reasons) on one line and inside its
// table cell.
var mdReplacer = strings.NewReplacer("|", `\|`, "\r\n", " ", "\n", " ", "\r", " ", "<", "&lt;", ">", "&gt;")

func mdEscape(s string) string { return mdReplacer.Replace(s) }
