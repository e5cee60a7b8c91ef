package report

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
)

// Fleet is a set of projects assessed against one catalog: a platform team's
// portfolio.
type Fleet struct {
	Catalog *maturity.Catalog
	// Projects each carry their name (Input.Project, unique) and optional
	// minimum level; their Catalog field is ignored.
	Projects []Input
}

// Summary is the fleet rolled up.
type Summary struct {
	// Levels maps each project to its current level.
	Levels map[string]int
	// Histogram counts the projects at each level, 0..max.
	Histogram []int
	// BelowMinimum are the projects under their minimum level, sorted.
	BelowMinimum []string
	// DimensionScores is, per dimension in catalog order, the average of the
	// projects' dimension scores; empty for an empty fleet.
	DimensionScores []float64
	// Order lists the projects' indices sorted by level, lowest first (they
	// need attention first), then by name.
	Order []int
}

// Summarize rolls the fleet up.
func (f Fleet) Summarize() (Summary, error) {
	if f.Catalog == nil {
		return Summary{}, fmt.Errorf("report: no catalog")
	}
	c := f.Catalog
	s := Summary{
		Levels:       make(map[string]int, len(f.Projects)),
		Histogram:    make([]int, c.MaxLevel()+1),
		BelowMinimum: []string{},
		Order:        make([]int, len(f.Projects)),
	}
	if len(f.Projects) > 0 {
		s.DimensionScores = make([]float64, len(c.Dimensions))
	}
	for i, p := range f.Projects {
		p.Catalog = c
		if err := p.validate(); err != nil {
			return Summary{}, fmt.Errorf("project %q: %w", p.Project, err)
		}
		if _, dup := s.Levels[p.Project]; dup {
			return Summary{}, fmt.Errorf("report: project %q is listed twice", p.Project)
		}
		s.Levels[p.Project] = p.Assessment.Current
		s.Histogram[p.Assessment.Current]++
		if p.belowMinimum() {
			s.BelowMinimum = append(s.BelowMinimum, p.Project)
		}
		for d, score := range c.DimensionScores(p.Assessment) {
			s.DimensionScores[d] += score / float64(len(f.Projects))
		}
		s.Order[i] = i
	}
	sort.Strings(s.BelowMinimum)
	sort.Slice(s.Order, func(i, j int) bool {
		a, b := f.Projects[s.Order[i]], f.Projects[s.Order[j]]
		if a.Assessment.Current != b.Assessment.Current {
			return a.Assessment.Current < b.Assessment.Current
		}
		return a.Project < b.Project
	})
	return s, nil
}

// FleetDocument is the JSON report of a fleet. Its field names are a stable
// contract, like Document's.
type FleetDocument struct {
	SchemaVersion int `json:"schema_version"`
	ProjectCount  int `json:"project_count"`
	MaxLevel      int `json:"max_level"`
	// Levels maps each project to its current level.
	Levels map[string]int `json:"levels"`
	// LevelHistogram maps each level ("0".."max") to its number of projects.
	LevelHistogram map[string]int `json:"level_histogram"`
	// BelowMinimum are the projects under their minimum level, sorted.
	BelowMinimum []string `json:"below_minimum"`
	// DimensionScores is the fleet average of each dimension's score.
	DimensionScores map[string]float64 `json:"dimension_scores"`
	// Projects are the projects, lowest level first, then by name.
	Projects []FleetProject `json:"projects"`
}

// FleetProject is one project of a FleetDocument: a Document without the
// per-capability list, which a fleet of hundreds would make too long.
type FleetProject struct {
	Project         string             `json:"project"`
	CurrentLevel    int                `json:"current_level"`
	TargetLevel     int                `json:"target_level"`
	TargetMet       bool               `json:"target_met"`
	MinimumLevel    *int               `json:"minimum_level,omitempty"`
	BelowMinimum    bool               `json:"below_minimum"`
	Gaps            []string           `json:"gaps"`
	NextLevelGaps   []string           `json:"next_level_gaps"`
	DimensionScores map[string]float64 `json:"dimension_scores"`
	Exemptions      map[string]string  `json:"exemptions"`
}

// NewFleetDocument builds the JSON document of a fleet.
func (f Fleet) NewFleetDocument() (FleetDocument, error) {
	s, err := f.Summarize()
	if err != nil {
		return FleetDocument{}, err
	}
	c := f.Catalog
	d := FleetDocument{
		SchemaVersion:   SchemaVersion,
		ProjectCount:    len(f.Projects),
		MaxLevel:        c.MaxLevel(),
		Levels:          s.Levels,
		LevelHistogram:  make(map[string]int, len(s.Histogram)),
		BelowMinimum:    s.BelowMinimum,
		DimensionScores: map[string]float64{},
		Projects:        make([]FleetProject, 0, len(f.Projects)),
	}
	for l, n := range s.Histogram {
		d.LevelHistogram[strconv.Itoa(l)] = n
	}
	for i, score := range s.DimensionScores {
		d.DimensionScores[c.Dimensions[i]] = score
	}
	for _, i := range s.Order {
		p := f.Projects[i]
		p.Catalog = c
		doc, err := NewDocument(p)
		if err != nil {
			return FleetDocument{}, err
		}
		d.Projects = append(d.Projects, FleetProject{
			Project: doc.Project, CurrentLevel: doc.CurrentLevel, TargetLevel: doc.TargetLevel, TargetMet: doc.TargetMet,
			MinimumLevel: doc.MinimumLevel, BelowMinimum: doc.BelowMinimum, Gaps: doc.Gaps, NextLevelGaps: doc.NextLevelGaps,
			DimensionScores: doc.DimensionScores, Exemptions: doc.Exemptions,
		})
	}
	return d, nil
}

// FleetJSON renders the fleet's FleetDocument, indented.
func FleetJSON(f Fleet) (string, error) {
	d, err := f.NewFleetDocument()
	if err != nil {
		return "", err
	}
	return marshal(d)
}

// FleetMarkdown renders the fleet: the level histogram, the projects below
// their minimum, the average per dimension, and a table of the projects
// sorted by level with their score per dimension.
func FleetMarkdown(f Fleet) (string, error) {
	s, err := f.Summarize()
	if err != nil {
		return "", err
	}
	c := f.Catalog
	var b strings.Builder
	fmt.Fprintf(&b, "# MLOps maturity portfolio: %s\n\n", plural(len(f.Projects), "project", "projects"))
	b.WriteString("| Level | Projects |\n|---|---|\n")
	for l, n := range s.Histogram {
		fmt.Fprintf(&b, "| %d %s | %d %s |\n", l, mdEscape(c.LevelName(l)), n, strings.Repeat("█", n*20/max(len(f.Projects), 1)))
	}
	if len(s.BelowMinimum) > 0 {
		fmt.Fprintf(&b, "\n**Below their minimum level (%d):** ", len(s.BelowMinimum))
		names := make([]string, len(s.BelowMinimum))
		for i, n := range s.BelowMinimum {
			names[i] = "`" + mdEscape(n) + "`"
		}
		b.WriteString(strings.Join(names, ", ") + "\n")
	} else if len(f.Projects) > 0 {
		b.WriteString("\nEvery project is at or above its minimum level.\n")
	}
	if len(s.DimensionScores) > 0 {
		b.WriteString("\nFleet average per dimension (capabilities met up to each project's target): ")
		parts := make([]string, len(c.Dimensions))
		for i, d := range c.Dimensions {
			parts[i] = fmt.Sprintf("%s %s", dimensionLabel(d), percent(s.DimensionScores[i]))
		}
		b.WriteString(strings.Join(parts, ", ") + ".\n")
	}
	if len(f.Projects) == 0 {
		return b.String(), nil
	}
	b.WriteString("\n## Projects, lowest level first\n\n| Project | Level | Target | Minimum |")
	for _, d := range c.Dimensions {
		fmt.Fprintf(&b, " %s |", dimensionLabel(d))
	}
	b.WriteString(" Gaps |\n|---|---|---|---|" + strings.Repeat("---:|", len(c.Dimensions)) + "---:|\n")
	for _, i := range s.Order {
		writeFleetRow(&b, c, f.Projects[i])
	}
	return b.String(), nil
}

func writeFleetRow(b *strings.Builder, c *maturity.Catalog, p Input) {
	a := p.Assessment
	minimum := "·"
	if p.Minimum != nil {
		minimum = strconv.Itoa(*p.Minimum)
		if p.belowMinimum() {
			minimum += " ⚠️ below"
		}
	}
	fmt.Fprintf(b, "| %s | %d %s | %d | %s |", mdEscape(p.Project), a.Current, mdEscape(c.LevelName(a.Current)), a.Target, minimum)
	for _, score := range c.DimensionScores(a) {
		fmt.Fprintf(b, " %s |", percent(score))
	}
	fmt.Fprintf(b, " %d |\n", a.Gaps.Len())
}

func percent(f float64) string { return fmt.Sprintf("%.0f%%", f*100) }
