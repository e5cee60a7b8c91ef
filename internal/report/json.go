package report

import (
	"encoding/json"
)

// SchemaVersion is the version of the JSON documents' shape. It changes only
// when a field is renamed, removed or changes meaning; new fields may be
// added within a version.
const SchemaVersion = 1

// Document is the JSON report of one project. Its field names are a stable
// contract for CI scripts and dashboards.
type Document struct {
	// SchemaVersion is the shape's version (SchemaVersion).
	SchemaVersion int `json:"schema_version"`
	// Project is the project's name ("" when none was given).
	Project string `json:"project"`
	// CurrentLevel is the highest level whose capabilities, and those of
	// every level below, are all met or exempted.
	CurrentLevel     int    `json:"current_level"`
	CurrentLevelName string `json:"current_level_name"`
	// NextLevel is min(current_level + 1, max_level).
	NextLevel       int    `json:"next_level"`
	TargetLevel     int    `json:"target_level"`
	TargetLevelName string `json:"target_level_name"`
	TargetMet       bool   `json:"target_met"`
	// MinimumLevel is the level the project must not fall below, when set.
	MinimumLevel *int `json:"minimum_level,omitempty"`
	// BelowMinimum is whether current_level is under minimum_level.
	BelowMinimum bool `json:"below_minimum"`
	// MaxLevel is the top level of the model.
	MaxLevel int `json:"max_level"`
	// Gaps are the ids of the unmet capabilities of levels 1..target_level,
	// in gap order (level, dimension, id).
	Gaps []string `json:"gaps"`
	// NextLevelGaps are the ids of the unmet capabilities of next_level.
	NextLevelGaps []string `json:"next_level_gaps"`
	// DimensionScores maps each dimension to the fraction (0 to 1) of its
	// capabilities of levels 1..target_level that are met or exempted; 1
	// where it has none.
	DimensionScores map[string]float64 `json:"dimension_scores"`
	// Exemptions maps each exempted id to its reason.
	Exemptions map[string]string `json:"exemptions"`
	// Capabilities lists every capability of the model in gap order.
	Capabilities []CapabilityStatus `json:"capabilities"`
	// Evidence explains each detection of a scanned folder: the capability,
	// the catalog rule that decided, the deciding path and line, and the
	// rule's reason. Absent when no folder was scanned.
	Evidence []Detection `json:"evidence,omitempty"`
	// DeclaredWithoutEvidence lists the declared capabilities the scan found
	// no evidence of. Absent when no folder was scanned.
	DeclaredWithoutEvidence []string `json:"declared_without_evidence,omitempty"`
}

// CapabilityStatus is one capability of the model and where the project
// stands on it.
type CapabilityStatus struct {
	ID        string `json:"id"`
	Level     int    `json:"level"`
	Dimension string `json:"dimension"`
	Title     string `json:"title"`
	// Status is met (declared), exempted, gap (unmet, at or below the
	// target) or beyond_target (unmet, above the target).
	Status Status `json:"status"`
	// ExemptionReason is set when status is exempted.
	ExemptionReason string `json:"exemption_reason,omitempty"`
	// Evidence lists where the capability was found ("path:line"), when known.
	Evidence []string `json:"evidence,omitempty"`
}

// NewDocument builds the JSON document of a project.
func NewDocument(in Input) (Document, error) {
	if err := in.validate(); err != nil {
		return Document{}, err
	}
	c, a := in.Catalog, in.Assessment
	d := Document{
		SchemaVersion:    SchemaVersion,
		Project:          in.Project,
		CurrentLevel:     a.Current,
		CurrentLevelName: c.LevelName(a.Current),
		NextLevel:        a.Next,
		TargetLevel:      a.Target,
		TargetLevelName:  c.LevelName(a.Target),
		TargetMet:        a.TargetMet,
		MinimumLevel:     in.Minimum,
		BelowMinimum:     in.belowMinimum(),
		MaxLevel:         c.MaxLevel(),
		Gaps:             c.IDsOf(a.Gaps),
		NextLevelGaps:    c.IDsOf(a.NextGaps),
		DimensionScores:  map[string]float64{},
		Exemptions:       map[string]string{},
		Capabilities:     make([]CapabilityStatus, len(c.Capabilities)),
	}
	for i, s := range c.DimensionScores(a) {
		d.DimensionScores[c.Dimensions[i]] = s
	}
	for id, reason := range in.Exemptions {
		d.Exemptions[id] = reason
	}
	for i := range c.Capabilities {
		cp := &c.Capabilities[i]
		st := CapabilityStatus{ID: cp.ID, Level: cp.Level, Dimension: cp.Dimension, Title: cp.Title, Status: statusOf(a, i)}
		if st.Status == StatusExempted {
			st.ExemptionReason = in.Exemptions[cp.ID]
		}
		if ev := in.Evidence[cp.ID]; len(ev) > 0 {
			st.Evidence = append([]string(nil), ev...)
		}
		d.Capabilities[i] = st
	}
	if in.Scan != nil {
		d.Evidence = append([]Detection{}, in.Scan.Detections...)
		d.DeclaredWithoutEvidence = append([]string(nil), in.Scan.DeclaredWithoutEvidence...)
	}
	return d, nil
}

// JSON renders the project's Document, indented.
func JSON(in Input) (string, error) {
	d, err := NewDocument(in)
	if err != nil {
		return "", err
	}
	return marshal(d)
}

func marshal(v any) (string, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return "", err
	}
	return string(b) + "\n", nil
}
