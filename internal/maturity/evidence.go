package maturity

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// EvidenceRule is one way a repository can show a capability; a capability
// is detected when any of its rules holds. A rule holds when one file matches
// its condition and every condition of Requires is met by some file (the same
// file or another).
type EvidenceRule struct {
	Name string `yaml:"name" json:"name"`
	// Reason says in words what the rule shows; reports print it beside
	// each piece of evidence the rule decided. Optional in a custom catalog
	// (the rule's name stands in), required of the built-in one.
	Reason            string `yaml:"reason,omitempty" json:"reason,omitempty"`
	EvidenceCondition `yaml:",inline"`
	Requires          []EvidenceCondition `yaml:"requires,omitempty" json:"requires,omitempty"`
}

// EvidenceCondition is met by one file whose slash-separated path, relative
// to the scanned folder, matches one of Files and whose content matches every
// pattern of All, at least one of Any (when Any is not empty) and none of
// None. Files are doublestar globs ("**" spans folders, "{a,b}" alternates)
// or "@name" references to a list of the catalog's evidence_files. Patterns
// are Go regular expressions matched against the whole file; "(?m)" makes ^
// and $ match at line ends and "(?i)" ignores case.
type EvidenceCondition struct {
	Files []string `yaml:"files" json:"files"`
	All   []string `yaml:"all,omitempty" json:"all,omitempty"`
	Any   []string `yaml:"any,omitempty" json:"any,omitempty"`
	None  []string `yaml:"none,omitempty" json:"none,omitempty"`

	globs            []string
	all, any, noneRe []*regexp.Regexp
}

// Globs returns the condition's file globs with "@name" references expanded.
func (c *EvidenceCondition) Globs() []string { return c.globs }

// AllPatterns returns the compiled patterns of All.
func (c *EvidenceCondition) AllPatterns() []*regexp.Regexp { return c.all }

// AnyPatterns returns the compiled patterns of Any.
func (c *EvidenceCondition) AnyPatterns() []*regexp.Regexp { return c.any }

// NonePatterns returns the compiled patterns of None.
func (c *EvidenceCondition) NonePatterns() []*regexp.Regexp { return c.noneRe }

// HasEvidenceRules reports whether any capability of the catalog brings
// evidence rules.
func (c *Catalog) HasEvidenceRules() bool {
	for i := range c.Capabilities {
		if len(c.Capabilities[i].Evidence) > 0 {
			return true
		}
	}
	return false
}

func (c *Catalog) checkEvidenceFiles() error {
	for name, globs := range c.EvidenceFiles {
		if !idPattern.MatchString(name) {
			return fmt.Errorf("evidence_files: name %q must match %s", name, idPattern)
		}
		if len(globs) == 0 {
			return fmt.Errorf("evidence_files: %q lists no globs", name)
		}
		if _, err := c.expandFiles(globs, map[string]bool{name: true}); err != nil {
			return fmt.Errorf("evidence_files: %q: %w", name, err)
		}
	}
	return nil
}

// expandFiles checks globs and replaces each "@name" with the globs of that
// list of evidence_files, recursively; visiting guards against cycles.
func (c *Catalog) expandFiles(files []string, visiting map[string]bool) ([]string, error) {
	var out []string
	for _, f := range files {
		name, ok := strings.CutPrefix(f, "@")
		if !ok {
			if err := checkGlob(f); err != nil {
				return nil, err
			}
			out = append(out, f)
			continue
		}
		globs, found := c.EvidenceFiles[name]
		switch {
		case !found:
			return nil, fmt.Errorf("%q: no evidence_files named %q", f, name)
		case visiting[name]:
			return nil, fmt.Errorf("%q: evidence_files reference each other in a cycle", f)
		}
		visiting[name] = true
		sub, err := c.expandFiles(globs, visiting)
		delete(visiting, name)
		if err != nil {
			return nil, err
		}
		out = append(out, sub...)
	}
	return out, nil
}

func (c *Catalog) compileEvidence(cp *Capability) error {
	names := make(map[string]bool, len(cp.Evidence))
	for i := range cp.Evidence {
		r := &cp.Evidence[i]
		if !idPattern.MatchString(strings.ReplaceAll(r.Name, "-", "_")) {
			return fmt.Errorf("capability %q: evidence rule %d: name %q must be lower case letters, digits, '-' and '_'", cp.ID, i+1, r.Name)
		}
		if names[r.Name] {
			return fmt.Errorf("capability %q: evidence rule %q is defined twice", cp.ID, r.Name)
		}
		names[r.Name] = true
		r.Reason = strings.TrimSpace(r.Reason)
		if err := c.compileCondition(&r.EvidenceCondition); err != nil {
			return fmt.Errorf("capability %q: evidence rule %q: %w", cp.ID, r.Name, err)
		}
		for j := range r.Requires {
			if err := c.compileCondition(&r.Requires[j]); err != nil {
				return fmt.Errorf("capability %q: evidence rule %q: requires %d: %w", cp.ID, r.Name, j+1, err)
			}
		}
	}
	return nil
}

func (c *Catalog) compileCondition(cond *EvidenceCondition) error {
	if len(cond.Files) == 0 {
		return fmt.Errorf("no files: list at least one glob")
	}
	globs, err := c.expandFiles(cond.Files, map[string]bool{})
	if err != nil {
		return fmt.Errorf("files: %w", err)
	}
	cond.globs = globs
	if cond.all, err = compilePatterns("all", cond.All); err != nil {
		return err
	}
	if cond.any, err = compilePatterns("any", cond.Any); err != nil {
		return err
	}
	cond.noneRe, err = compilePatterns("none", cond.None)
	return err
}

func checkGlob(g string) error {
	if g == "" || strings.HasPrefix(g, "/") || strings.Contains(g, "\\") || !doublestar.ValidatePattern(g) {
		return fmt.Errorf("glob %q is not a valid relative doublestar pattern", g)
	}
	return nil
}

func compilePatterns(field string, patterns []string) ([]*regexp.Regexp, error) {
	out := make([]*regexp.Regexp, 0, len(patterns))
	for _, p := range patterns {
		if p == "" {
			return nil, fmt.Errorf("%s: empty pattern", field)
		}
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, fmt.Errorf("%s: pattern %q: %w", field, p, err)
		}
		out = append(out, re)
	}
	return out, nil
}
