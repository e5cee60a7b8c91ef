package evidence

import (
	"fmt"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
)

// Mode says what evidence does to the level.
type Mode string

const (
	// ModeReport counts declared capabilities and shows the evidence beside them.
	ModeReport Mode = "report"
	// ModeRequire counts only declared capabilities with evidence (and exemptions).
	ModeRequire Mode = "require"
)

// Modes lists the valid modes, default first.
var Modes = []Mode{ModeReport, ModeRequire}

// ParseMode turns "", "report" or "require" into a Mode ("" is ModeReport).
func ParseMode(s string) (Mode, error) {
	switch Mode(s) {
	case "", ModeReport:
		return ModeReport, nil
	case ModeRequire:
		return ModeRequire, nil
	}
	return "", fmt.Errorf("evidence mode %q: allowed values are %q and %q", s, ModeReport, ModeRequire)
}

// Comparison sets what a team declares against what the repository shows.
// Every list holds capability ids in catalog order.
type Comparison struct {
	Detected []string
	// DeclaredWithoutEvidence: declared, not exempted, not detected.
	DeclaredWithoutEvidence []string
	// DetectedNotDeclared: detected but neither declared nor exempted.
	DetectedNotDeclared []string
	// Effective is the declaration the evaluator should score: unchanged in
	// ModeReport; in ModeRequire its capabilities are those declared and
	// detected (exemptions are kept and count as before). Ids the catalog does
	// not know are kept, so the evaluator still reports them.
	Effective maturity.Declaration
}

// Compare sets a declaration against a scan of the same catalog.
func Compare(cat *maturity.Catalog, d maturity.Declaration, res *Result, mode Mode) Comparison {
	detected := map[string]bool{}
	for _, f := range res.Findings {
		if f.Detected {
			detected[f.ID] = true
		}
	}
	declared := make(map[string]bool, len(d.Capabilities))
	for _, id := range d.Capabilities {
		declared[id] = true
	}
	cmp := Comparison{Detected: res.Detected(), Effective: d}
	for i := range cat.Capabilities {
		id := cat.Capabilities[i].ID
		_, exempt := d.Exemptions[id]
		switch {
		case declared[id] && !detected[id] && !exempt:
			cmp.DeclaredWithoutEvidence = append(cmp.DeclaredWithoutEvidence, id)
		case detected[id] && !declared[id] && !exempt:
			cmp.DetectedNotDeclared = append(cmp.DetectedNotDeclared, id)
		}
	}
	if mode == ModeRequire {
		kept := make([]string, 0, len(d.Capabilities))
		for _, id := range d.Capabilities {
			if _, known := cat.Lookup(id); detected[id] || !known {
				kept = append(kept, id)
			}
		}
		cmp.Effective.Capabilities = kept
	}
	return cmp
}
