package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
)

// Tool identity in SARIF logs.
const (
	ToolName = "terraform-provider-mlops"
	ToolURI  = "https://github.com/mlops-maturity/terraform-provider-mlops"
	// SeedURI is the maturity model the built-in catalog implements; a seed
	// reference's section is an anchor on that page.
	SeedURI = "https://learn.microsoft.com/en-us/azure/architecture/ai-ml/guide/mlops-maturity-model"
)

// SARIF severities of a gap: the gaps of the next level block it and are
// errors; the gaps of the levels after it, up to the target, are warnings.
const (
	sarifError   = "error"
	sarifWarning = "warning"
)

// SARIF renders a SARIF 2.1.0 log: one rule per capability of the catalog
// (title, description, the seed reference as help) and one result per gap,
// at the file that declares the project when in.Source is set.
func SARIF(in Input) (string, error) {
	if err := in.validate(); err != nil {
		return "", err
	}
	c, a := in.Catalog, in.Assessment
	run := sarif.NewRunWithInformationURI(ToolName, ToolURI)
	for i := range c.Capabilities {
		addRule(run, &c.Capabilities[i])
	}
	for _, cp := range c.CapabilitiesOf(a.Gaps) {
		addResult(run, in, cp)
	}
	if in.Scan != nil {
		for _, d := range in.Scan.Detections {
			addDetection(run, d)
		}
	}
	run.Properties = sarif.NewPropertyBag().
		Add("project", in.Project).
		Add("current_level", a.Current).
		Add("target_level", a.Target).
		Add("target_met", a.TargetMet)
	log := sarif.NewReport()
	log.AddRun(run)
	var buf bytes.Buffer
	if err := log.Write(&buf); err != nil {
		return "", fmt.Errorf("report: writing SARIF: %w", err)
	}
	return compactSARIF(buf.Bytes())
}

// compactSARIF drops what the library writes for every optional field: empty
// arrays, objects and strings, and the -1 that stands for "no index" (they
// make up most of the log). It keeps runs[].results, which GitHub code
// scanning requires even when empty. The log is written on one line: it is
// read by machines, and kept in Terraform state.
func compactSARIF(raw []byte) (string, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return "", fmt.Errorf("report: reading SARIF back: %w", err)
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(prune(doc, "")); err != nil {
		return "", err
	}
	return out.String(), nil
}

// noIndexKeys are the SARIF properties whose default, -1, means "none".
var noIndexKeys = map[string]bool{"id": true, "index": true, "parentIndex": true, "rank": true, "byteOffset": true, "charOffset": true, "length": true}

func prune(v any, key string) any {
	switch t := v.(type) {
	case map[string]any:
		for k, child := range t {
			if p := prune(child, k); p == nil {
				delete(t, k)
			} else {
				t[k] = p
			}
		}
		if len(t) == 0 {
			return nil
		}
	case []any:
		kept := t[:0]
		for _, child := range t {
			if p := prune(child, ""); p != nil {
				kept = append(kept, p)
			}
		}
		if len(kept) == 0 {
			if key == "results" {
				return []any{}
			}
			return nil
		}
		return kept
	case string:
		if t == "" && key != "text" {
			return nil
		}
	case json.Number:
		if t == "-1" && noIndexKeys[key] {
			return nil
		}
	}
	return v
}

func addRule(run *sarif.Run, cp *maturity.Capability) {
	help := fmt.Sprintf("A level %d capability of the %s dimension of the MLOps maturity model (section %s, column %s). %s",
		cp.Level, cp.Dimension, cp.SeedReference.Section, cp.SeedReference.Column, cp.Description)
	markdown := fmt.Sprintf("**%s** (level %d, %s)\n\n%s\n\nMaturity model: section `%s`, column *%s*.\n\n"+
		"Once the project has it, add `%s` to `capabilities`; if it does not apply, add it to `exemptions` with the reason.",
		cp.Title, cp.Level, cp.Dimension, cp.Description, cp.SeedReference.Section, cp.SeedReference.Column, cp.ID)
	rule := run.AddRule(cp.ID).
		WithName(ruleName(cp.ID)).
		WithShortDescription(sarif.NewMultiformatMessageString().WithText(cp.Title)).
		WithFullDescription(sarif.NewMultiformatMessageString().WithText(cp.Description)).
		WithHelp(sarif.NewMultiformatMessageString().WithText(help).WithMarkdown(markdown)).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifWarning)).
		WithProperties(sarif.NewPropertyBag().
			Add("level", cp.Level).
			Add("dimension", cp.Dimension).
			Add("seed_reference", cp.SeedReference.String()).
			WithTags([]string{"mlops-maturity", fmt.Sprintf("level-%d", cp.Level), cp.Dimension}))
	if cp.SeedReference.Section != "" {
		rule.WithHelpURI(SeedURI + "#" + cp.SeedReference.Section)
	}
}

func addResult(run *sarif.Run, in Input, cp *maturity.Capability) {
	a := in.Assessment
	level := sarifWarning
	if cp.Level <= a.Next {
		level = sarifError
	}
	who := "The project"
	if in.Project != "" {
		who = in.Project
	}
	msg := fmt.Sprintf("%s is missing %q (%s), a level %d capability (%s) on the way to its target, level %d: %s",
		who, cp.Title, cp.ID, cp.Level, in.Catalog.LevelName(cp.Level), a.Target, cp.Description)
	res := run.CreateResultForRule(cp.ID).
		WithLevel(level).
		WithMessage(sarif.NewTextMessage(msg)).
		WithPartialFingerprints(map[string]string{"mlopsGap/v1": in.Project + "/" + cp.ID})
	if loc := sarifLocation(in); loc != nil {
		res.AddLocation(loc)
	}
}

// sarifLocation is where a project's gaps are reported: the file that
// declares it (the whole file when the line is unknown), with the project as
// a logical location beside it. Without the file there is no location: GitHub
// code scanning rejects a location that is only logical.
func sarifLocation(in Input) *sarif.Location {
	if in.Source == nil || in.Source.Path == "" {
		return nil
	}
	phys := sarif.NewPhysicalLocation().
		WithArtifactLocation(sarif.NewArtifactLocation().WithURI(in.Source.Path).WithURIBaseID("%SRCROOT%"))
	if in.Source.Line > 0 {
		phys.WithRegion(sarif.NewRegion().WithStartLine(in.Source.Line))
	}
	loc := sarif.NewLocation().WithPhysicalLocation(phys)
	if in.Project != "" {
		loc.AddLogicalLocation(sarif.NewLogicalLocation().WithName(in.Project).WithKind("module"))
	}
	return loc
}

// ruleName is a rule's readable identifier: automated_builds -> AutomatedBuilds.
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "_") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

// addDetection records a piece of evidence as a passing result of its
// capability, located at the deciding line and naming the evidence rule
// that decided it.
func addDetection(run *sarif.Run, d Detection) {
	msg := fmt.Sprintf("%s: evidence at %s:%d, by rule %q: %s", d.Capability, d.Path, d.Line, d.Rule, d.Reason)
	if d.Scaffolded {
		msg += " (scaffolded by this provider, not yet adopted)"
	}
	res := run.CreateResultForRule(d.Capability).
		WithKind("pass").
		WithLevel("none").
		WithMessage(sarif.NewTextMessage(msg)).
		WithProperties(sarif.NewPropertyBag().
			Add("evidence_rule", d.Rule).
			Add("scaffolded", d.Scaffolded))
	region := sarif.NewRegion().WithStartLine(max(d.Line, 1))
	res.AddLocation(sarif.NewLocation().WithPhysicalLocation(sarif.NewPhysicalLocation().
		WithArtifactLocation(sarif.NewArtifactLocation().WithURI(d.Path).WithURIBaseID("EVIDENCE_DIR")).
		WithRegion(region)))
}
