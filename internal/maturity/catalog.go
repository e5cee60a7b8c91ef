// Package maturity holds the MLOps maturity model as data (levels and
// capabilities) and the evaluator that turns a team's declared capabilities
// into a level and an ordered list of gaps. It knows nothing of Terraform.
package maturity

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// MaxCapabilities bounds a catalog so that a set of capabilities fits in one
// machine word, which keeps evaluation allocation-free.
const MaxCapabilities = 64

//go:embed catalog.yaml
var builtinCatalog []byte

// Level is one rung of the maturity ladder.
type Level struct {
	Number  int    `yaml:"number"`
	Name    string `yaml:"name"`
	Summary string `yaml:"summary"`
}

// SeedReference points at the part of the maturity model a capability comes from.
type SeedReference struct {
	Section string `yaml:"section"`
	Column  string `yaml:"column"`
}

// String renders the reference as "section, column".
func (r SeedReference) String() string {
	return r.Section + ", " + r.Column
}

// Capability is one criterion of the model.
type Capability struct {
	ID            string        `yaml:"id"`
	Level         int           `yaml:"level"`
	Dimension     string        `yaml:"dimension"`
	Title         string        `yaml:"title"`
	Description   string        `yaml:"description"`
	SeedReference SeedReference `yaml:"seed_reference"`
	// Evidence lists the ways a repository shows this capability; see
	// package evidence for how a folder is scanned.
	Evidence []EvidenceRule `yaml:"evidence,omitempty"`

	index    int // position in Catalog.Capabilities, which is the gap order
	dimIndex int
}

// Catalog is a validated maturity model. It is immutable after loading and
// safe for concurrent use.
type Catalog struct {
	Levels       []Level      `yaml:"levels"`
	Dimensions   []string     `yaml:"dimensions"`
	Capabilities []Capability `yaml:"capabilities"`
	// EvidenceFiles names lists of file globs that evidence rules reference
	// as "@name".
	EvidenceFiles map[string][]string `yaml:"evidence_files,omitempty"`

	byID       map[string]int
	levelMask  []uint64 // capabilities of exactly that level
	dimMask    []uint64 // capabilities of that dimension
	upToMask   []uint64 // capabilities of levels 1..L
	sortedIDs  []string
	dimensions map[string]int
}

var idPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

var (
	defaultOnce    sync.Once
	defaultCatalog *Catalog
	defaultErr     error
)

// Default returns the built-in catalog, loaded once per process.
func Default() (*Catalog, error) {
	defaultOnce.Do(func() { defaultCatalog, defaultErr = Parse(builtinCatalog) })
	return defaultCatalog, defaultErr
}

// MustDefault is Default for callers that cannot recover from a broken build.
func MustDefault() *Catalog {
	c, err := Default()
	if err != nil {
		panic(err)
	}
	return c
}

// Parse loads and validates a catalog, in YAML or JSON. Every catalog,
// built-in or custom, goes through this one loader. Errors name the line of
// the document they are about.
func Parse(data []byte) (*Catalog, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	var c Catalog
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("catalog: the document is empty")
		}
		return nil, fmt.Errorf("catalog: %w", err)
	}
	if err := c.index(); err != nil {
		var at *locatedError
		if errors.As(err, &at) {
			if line := lineOf(&doc, at.path); line > 0 {
				return nil, fmt.Errorf("catalog: line %d: %s", line, at.msg)
			}
			return nil, fmt.Errorf("catalog: %s", at.msg)
		}
		return nil, fmt.Errorf("catalog: %w", err)
	}
	return &c, nil
}

// locatedError is a validation error about the element at path (mapping
// keys and sequence indexes) of the document.
type locatedError struct {
	path []any
	msg  string
}

func (e *locatedError) Error() string { return e.msg }

func errorAt(msg string, path ...any) error { return &locatedError{path: path, msg: msg} }

// lineOf returns the line of the node at path, or of its closest existing
// ancestor; 0 when the document has no line information.
func lineOf(doc *yaml.Node, path []any) int {
	n := doc
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := n.Line
	for _, step := range path {
		var next *yaml.Node
		switch s := step.(type) {
		case string:
			if n.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(n.Content); i += 2 {
					if n.Content[i].Value == s {
						next = n.Content[i+1]
						line = n.Content[i].Line
						break
					}
				}
			}
		case int:
			if n.Kind == yaml.SequenceNode && s < len(n.Content) {
				next = n.Content[s]
				line = next.Line
			}
		}
		if next == nil {
			return line
		}
		n = next
	}
	return line
}

func (c *Catalog) index() error {
	if err := c.checkLevels(); err != nil {
		return err
	}
	if len(c.Dimensions) == 0 {
		return errorAt("dimensions: at least one dimension is needed", "dimensions")
	}
	c.dimensions = make(map[string]int, len(c.Dimensions))
	for i, d := range c.Dimensions {
		if d == "" {
			return errorAt(fmt.Sprintf("dimension %d has no name", i), "dimensions", i)
		}
		if _, dup := c.dimensions[d]; dup {
			return errorAt(fmt.Sprintf("dimension %q is listed twice", d), "dimensions", i)
		}
		c.dimensions[d] = i
	}
	if len(c.Capabilities) > MaxCapabilities {
		return errorAt(fmt.Sprintf("%d capabilities: at most %d are supported", len(c.Capabilities), MaxCapabilities), "capabilities")
	}
	if err := c.checkEvidenceFiles(); err != nil {
		return err
	}
	maxLevel := len(c.Levels) - 1
	seen := make(map[string]bool, len(c.Capabilities))
	for i := range c.Capabilities {
		if err := c.checkCapability(&c.Capabilities[i], maxLevel, seen); err != nil {
			var at *locatedError
			if errors.As(err, &at) {
				at.path = append([]any{"capabilities", i}, at.path...)
				return at
			}
			return errorAt(err.Error(), "capabilities", i)
		}
	}
	c.sortCapabilities()
	c.buildMasks(maxLevel)
	return nil
}

func (c *Catalog) checkLevels() error {
	if len(c.Levels) < 2 {
		return errorAt(fmt.Sprintf("levels: needs at least levels 0 and 1, found %d levels", len(c.Levels)), "levels")
	}
	for i, l := range c.Levels {
		if l.Number != i {
			return errorAt(fmt.Sprintf("level %d is out of order: levels must be numbered 0, 1, 2, ... in order (found %d at position %d)", l.Number, l.Number, i), "levels", i, "number")
		}
		if strings.TrimSpace(l.Name) == "" {
			return errorAt(fmt.Sprintf("level %d has no name", l.Number), "levels", i)
		}
	}
	return nil
}

func (c *Catalog) checkCapability(cp *Capability, maxLevel int, seen map[string]bool) error {
	switch {
	case !idPattern.MatchString(cp.ID):
		return errorAt(fmt.Sprintf("capability id %q must match %s", cp.ID, idPattern), "id")
	case seen[cp.ID]:
		return errorAt(fmt.Sprintf("capability id %q is defined twice", cp.ID), "id")
	case cp.Level < 1 || cp.Level > maxLevel:
		return errorAt(fmt.Sprintf("capability %q: level %d is out of range 1..%d", cp.ID, cp.Level, maxLevel), "level")
	case strings.TrimSpace(cp.Title) == "":
		return errorAt(fmt.Sprintf("capability %q has no title", cp.ID), "title")
	}
	dim, ok := c.dimensions[cp.Dimension]
	if !ok {
		return errorAt(fmt.Sprintf("capability %q: unknown dimension %q (allowed: %s)", cp.ID, cp.Dimension, strings.Join(c.Dimensions, ", ")), "dimension")
	}
	cp.dimIndex = dim
	seen[cp.ID] = true
	return c.compileEvidence(cp)
}

// sortCapabilities puts capabilities in gap order: level, then dimension in
// catalog order, then id.
func (c *Catalog) sortCapabilities() {
	sort.SliceStable(c.Capabilities, func(i, j int) bool {
		a, b := &c.Capabilities[i], &c.Capabilities[j]
		if a.Level != b.Level {
			return a.Level < b.Level
		}
		if a.dimIndex != b.dimIndex {
			return a.dimIndex < b.dimIndex
		}
		return a.ID < b.ID
	})
	c.byID = make(map[string]int, len(c.Capabilities))
	c.sortedIDs = make([]string, len(c.Capabilities))
	for i := range c.Capabilities {
		c.Capabilities[i].index = i
		c.byID[c.Capabilities[i].ID] = i
		c.sortedIDs[i] = c.Capabilities[i].ID
	}
	sort.Strings(c.sortedIDs)
}

func (c *Catalog) buildMasks(maxLevel int) {
	c.levelMask = make([]uint64, maxLevel+1)
	c.upToMask = make([]uint64, maxLevel+1)
	c.dimMask = make([]uint64, len(c.Dimensions))
	for i := range c.Capabilities {
		bit := uint64(1) << i
		c.levelMask[c.Capabilities[i].Level] |= bit
		c.dimMask[c.Capabilities[i].dimIndex] |= bit
	}
	for l := 1; l <= maxLevel; l++ {
		c.upToMask[l] = c.upToMask[l-1] | c.levelMask[l]
	}
}

// MaxLevel is the highest level of the model.
func (c *Catalog) MaxLevel() int { return len(c.Levels) - 1 }

// Lookup returns the capability with that id.
func (c *Catalog) Lookup(id string) (*Capability, bool) {
	i, ok := c.byID[id]
	if !ok {
		return nil, false
	}
	return &c.Capabilities[i], true
}

// IDs returns every capability id, sorted alphabetically.
func (c *Catalog) IDs() []string { return c.sortedIDs }

// LevelName returns the name of level n, or "" when out of range.
func (c *Catalog) LevelName(n int) string {
	if n < 0 || n >= len(c.Levels) {
		return ""
	}
	return c.Levels[n].Name
}
