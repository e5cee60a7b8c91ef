package maturity

import (
	"fmt"
	"math/bits"
	"sort"
	"strings"
)

// Set is a set of capabilities of one catalog, one bit per capability in gap
// order. Iterating it yields capabilities in gap order.
type Set uint64

// Has reports whether the capability at catalog index i is in the set.
func (s Set) Has(i int) bool { return s&(1<<i) != 0 }

// Len is the number of capabilities in the set.
func (s Set) Len() int { return bits.OnesCount64(uint64(s)) }

// Declaration is what a team states about its project.
type Declaration struct {
	Capabilities []string
	Exemptions   map[string]string // id -> reason
	Target       int
}

// Assessment is the result of evaluating a declaration. Sets are cheap; use
// the catalog's accessors to turn them into capabilities or ids.
type Assessment struct {
	Current   int
	Next      int
	Target    int
	TargetMet bool
	Declared  Set
	Exempted  Set
	Gaps      Set // unmet capabilities of levels 1..Target
	NextGaps  Set // unmet capabilities of Next
}

// Met is every capability declared or exempted.
func (a Assessment) Met() Set { return a.Declared | a.Exempted }

// UnknownIDError is returned for a capability id that is not in the catalog.
type UnknownIDError struct {
	ID         string
	Suggestion string
}

func (e *UnknownIDError) Error() string {
	msg := fmt.Sprintf("unknown capability id %q", e.ID)
	if e.Suggestion != "" {
		msg += fmt.Sprintf("; did you mean %q?", e.Suggestion)
	}
	return msg
}

// SetOf returns the set of the given ids, or an *UnknownIDError for the first
// id that is not in the catalog.
func (c *Catalog) SetOf(ids []string) (Set, error) {
	var s Set
	for _, id := range ids {
		i, ok := c.byID[id]
		if !ok {
			return 0, &UnknownIDError{ID: id, Suggestion: c.Suggest(id)}
		}
		s |= 1 << i
	}
	return s, nil
}

// Evaluate scores a declaration. It fails on unknown ids and on a target out
// of range; it does not judge exemption reasons (see ValidateDeclaration).
func (c *Catalog) Evaluate(d Declaration) (Assessment, error) {
	if d.Target < 0 || d.Target > c.MaxLevel() {
		return Assessment{}, fmt.Errorf("target level %d is out of range 0..%d", d.Target, c.MaxLevel())
	}
	declared, err := c.SetOf(d.Capabilities)
	if err != nil {
		return Assessment{}, err
	}
	var exempted Set
	for id := range d.Exemptions {
		i, ok := c.byID[id]
		if !ok {
			return Assessment{}, &UnknownIDError{ID: id, Suggestion: c.Suggest(id)}
		}
		exempted |= 1 << i
	}
	return c.assess(declared, exempted, d.Target), nil
}

func (c *Catalog) assess(declared, exempted Set, target int) Assessment {
	met := uint64(declared | exempted)
	current := 0
	for l := 1; l <= c.MaxLevel(); l++ {
		if c.upToMask[l]&^met != 0 {
			break
		}
		current = l
	}
	next := min(current+1, c.MaxLevel())
	return Assessment{
		Current:   current,
		Next:      next,
		Target:    target,
		TargetMet: current >= target,
		Declared:  declared,
		Exempted:  exempted,
		Gaps:      Set(c.upToMask[target] &^ met),
		NextGaps:  Set(c.levelMask[next] &^ met),
	}
}

// Level returns the level reached by the given capability ids.
func (c *Catalog) Level(ids []string) (int, error) {
	s, err := c.SetOf(ids)
	if err != nil {
		return 0, err
	}
	return c.assess(s, 0, 0).Current, nil
}

// Capabilities returns the capabilities of a set in gap order.
func (c *Catalog) CapabilitiesOf(s Set) []*Capability {
	out := make([]*Capability, 0, s.Len())
	for i := range c.Capabilities {
		if s.Has(i) {
			out = append(out, &c.Capabilities[i])
		}
	}
	return out
}

// IDsOf returns the ids of a set in gap order.
func (c *Catalog) IDsOf(s Set) []string {
	out := make([]string, 0, s.Len())
	for i := range c.Capabilities {
		if s.Has(i) {
			out = append(out, c.Capabilities[i].ID)
		}
	}
	return out
}

// LevelSet is every capability of levels from..to (inclusive).
func (c *Catalog) LevelSet(from, to int) Set {
	if to > c.MaxLevel() {
		to = c.MaxLevel()
	}
	if from < 1 {
		from = 1
	}
	if to < from {
		return 0
	}
	return Set(c.upToMask[to] &^ c.upToMask[from-1])
}

// DimensionScores returns, per dimension in catalog order, the fraction of its
// capabilities of levels 1..Target that are met or exempted; 1 when the
// dimension has none up to the target.
func (c *Catalog) DimensionScores(a Assessment) []float64 {
	scores := make([]float64, len(c.Dimensions))
	scope := c.upToMask[a.Target]
	met := uint64(a.Met())
	for i, dm := range c.dimMask {
		total := bits.OnesCount64(dm & scope)
		if total == 0 {
			scores[i] = 1
			continue
		}
		scores[i] = float64(bits.OnesCount64(dm&scope&met)) / float64(total)
	}
	return scores
}

// ValidateDeclaration checks a declaration the way users need to hear about
// it: every problem, each with what is allowed.
func (c *Catalog) ValidateDeclaration(d Declaration) []error {
	var errs []error
	if d.Target < 0 || d.Target > c.MaxLevel() {
		errs = append(errs, fmt.Errorf("target level %d is out of range: allowed values are 0..%d", d.Target, c.MaxLevel()))
	}
	declared := make(map[string]bool, len(d.Capabilities))
	for _, id := range d.Capabilities {
		if _, ok := c.byID[id]; !ok {
			errs = append(errs, &UnknownIDError{ID: id, Suggestion: c.Suggest(id)})
		}
		declared[id] = true
	}
	ids := make([]string, 0, len(d.Exemptions))
	for id := range d.Exemptions {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if _, ok := c.byID[id]; !ok {
			errs = append(errs, &UnknownIDError{ID: id, Suggestion: c.Suggest(id)})
			continue
		}
		if strings.TrimSpace(d.Exemptions[id]) == "" {
			errs = append(errs, fmt.Errorf("exemption %q has an empty reason: say why the capability does not apply", id))
		}
		if declared[id] {
			errs = append(errs, fmt.Errorf("%q is both declared in capabilities and exempted: keep it in one of them", id))
		}
	}
	return errs
}
