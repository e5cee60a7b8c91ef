// Package report turns a maturity assessment into what people and CI systems
// read: Markdown, a scorecard SVG, a shields.io badge and endpoint JSON,
// SARIF 2.1.0 and JSON; and a fleet of assessments into a portfolio view. It
// knows nothing of Terraform and does no IO.
package report

import (
	"fmt"
	"slices"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
)

// Input is one project's assessment with what the reports need around it.
type Input struct {
	Catalog    *maturity.Catalog
	Assessment maturity.Assessment
	// Project is the project's name; it heads every report. Optional.
	Project string
	// Exemptions maps an exempted capability id to its reason.
	Exemptions map[string]string
	// Evidence maps a capability id to where it was found ("path:line").
	// Optional; shown beside met capabilities when present.
	Evidence map[string][]string
	// Scan explains the evidence of a scanned folder. Optional: nil when no
	// folder was scanned.
	Scan *Scan
	// Source is the file that declares the project; SARIF results point at
	// it. Optional.
	Source *Location
	// Writes lists what the next apply writes, one line each. Optional.
	Writes []string
	// Minimum is the level the project must not fall below. Optional.
	Minimum *int
}

func (in Input) belowMinimum() bool {
	return in.Minimum != nil && in.Assessment.Current < *in.Minimum
}

// Scan is what the scan of a folder found, explained.
type Scan struct {
	// Detections lists every piece of evidence with the rule that decided
	// it, in catalog order.
	Detections []Detection
	// DeclaredWithoutEvidence lists the declared capabilities the scan found
	// no evidence of.
	DeclaredWithoutEvidence []string
	// Require is set in evidence_mode "require": a declared capability
	// without evidence is then a gap, not met.
	Require bool
}

// Detection is one piece of evidence: where a capability was found and why.
type Detection struct {
	Capability string `json:"capability"`
	// Rule is the id of the catalog's evidence rule that decided.
	Rule string `json:"rule"`
	// Path and Line are the deciding line, relative to the scanned folder.
	Path string `json:"path"`
	Line int    `json:"line"`
	// Reason says in words what the rule shows.
	Reason string `json:"reason"`
	// Scaffolded is set when the file is this provider's scaffold (planned
	// or written and not edited since), not yet the team's own work.
	Scaffolded bool `json:"scaffolded,omitempty"`
}

// noEvidence reports whether a scan found no evidence of a declared id.
func (in Input) noEvidence(id string) bool {
	return in.Scan != nil && slices.Contains(in.Scan.DeclaredWithoutEvidence, id)
}

// Location is a place in a repository: a path relative to its root and, when
// known, a line (1-based; 0 when unknown).
type Location struct {
	Path string
	Line int
}

// Status of one capability in an assessment.
type Status string

// The statuses a capability can have.
const (
	StatusMet      Status = "met"           // declared by the project
	StatusExempted Status = "exempted"      // does not apply, with a reason
	StatusGap      Status = "gap"           // unmet, at or below the target level
	StatusBeyond   Status = "beyond_target" // unmet, above the target level
)

// statusOf says where capability i stands in the assessment.
func statusOf(a maturity.Assessment, i int) Status {
	switch {
	case a.Declared.Has(i):
		return StatusMet
	case a.Exempted.Has(i):
		return StatusExempted
	case a.Gaps.Has(i):
		return StatusGap
	default:
		return StatusBeyond
	}
}

// cell is one level x dimension square of the model's grid.
type cell struct {
	caps     []*maturity.Capability
	statuses []Status
}

func (c cell) count(s Status) int {
	n := 0
	for _, st := range c.statuses {
		if st == s {
			n++
		}
	}
	return n
}

// met is how many capabilities of the cell count as met (declared or exempted).
func (c cell) met() int { return c.count(StatusMet) + c.count(StatusExempted) }

// grid returns the cells of levels 1..max (index level-1) by dimension, each
// with its capabilities in gap order.
func grid(c *maturity.Catalog, a maturity.Assessment) [][]cell {
	dims := dimensionIndex(c)
	g := make([][]cell, c.MaxLevel())
	for l := range g {
		g[l] = make([]cell, len(c.Dimensions))
	}
	for i := range c.Capabilities {
		cp := &c.Capabilities[i]
		cl := &g[cp.Level-1][dims[cp.Dimension]]
		cl.caps = append(cl.caps, cp)
		cl.statuses = append(cl.statuses, statusOf(a, i))
	}
	return g
}

func dimensionIndex(c *maturity.Catalog) map[string]int {
	m := make(map[string]int, len(c.Dimensions))
	for i, d := range c.Dimensions {
		m[d] = i
	}
	return m
}

// validate rejects an input the reports cannot describe.
func (in Input) validate() error {
	if in.Catalog == nil {
		return fmt.Errorf("report: no catalog")
	}
	a := in.Assessment
	if a.Current < 0 || a.Current > in.Catalog.MaxLevel() || a.Target < 0 || a.Target > in.Catalog.MaxLevel() {
		return fmt.Errorf("report: levels out of range 0..%d (current %d, target %d)", in.Catalog.MaxLevel(), a.Current, a.Target)
	}
	return nil
}

// title is the project's name, or a neutral stand-in.
func (in Input) title() string {
	if in.Project != "" {
		return in.Project
	}
	return "MLOps maturity"
}
