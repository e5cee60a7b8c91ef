package maturity

import (
	"testing"
)

// FuzzParse feeds arbitrary documents to the one catalog loader: it must
// never panic, and whatever it accepts must evaluate consistently.
func FuzzParse(f *testing.F) {
	f.Add(builtinCatalog)
	f.Add([]byte("levels: [{number: 0, name: a}, {number: 1, name: b}]\ndimensions: [d]\ncapabilities: [{id: x, level: 1, dimension: d, title: X}]\n"))
	f.Add([]byte("levels: []"))
	f.Add([]byte("{"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data)
		if err != nil {
			return
		}
		all := make([]string, 0, len(c.Capabilities))
		for _, cp := range c.Capabilities {
			all = append(all, cp.ID)
			if cp.Level < 1 || cp.Level > c.MaxLevel() {
				t.Fatalf("accepted a capability of level %d outside 1..%d", cp.Level, c.MaxLevel())
			}
		}
		a, err := c.Evaluate(Declaration{Capabilities: all, Target: c.MaxLevel()})
		if err != nil {
			t.Fatalf("evaluating every capability of an accepted catalog: %v", err)
		}
		if a.Current != c.MaxLevel() || !a.TargetMet || a.Gaps != 0 {
			t.Fatalf("every capability declared gives level %d, want %d", a.Current, c.MaxLevel())
		}
		none, err := c.Evaluate(Declaration{Target: c.MaxLevel()})
		if err != nil || none.Gaps.Len() != len(c.Capabilities) {
			t.Fatalf("nothing declared: %d gaps of %d capabilities (%v)", none.Gaps.Len(), len(c.Capabilities), err)
		}
	})
}

// FuzzEvaluate checks the evaluator's invariants on arbitrary declarations
// of the built-in catalog.
func FuzzEvaluate(f *testing.F) {
	f.Add(uint64(0), uint64(0), 0)
	f.Add(uint64(0x3f), uint64(0), 2)
	f.Add(uint64(1<<28-1), uint64(1<<5), 4)
	c := MustDefault()
	f.Fuzz(func(t *testing.T, declaredBits, exemptBits uint64, target int) {
		var d Declaration
		d.Target = target
		d.Exemptions = map[string]string{}
		for i, cp := range c.Capabilities {
			if declaredBits&(1<<i) != 0 {
				d.Capabilities = append(d.Capabilities, cp.ID)
			} else if exemptBits&(1<<i) != 0 {
				d.Exemptions[cp.ID] = "fuzz"
			}
		}
		a, err := c.Evaluate(d)
		if target < 0 || target > c.MaxLevel() {
			if err == nil {
				t.Fatalf("target %d accepted", target)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if a.Next != min(a.Current+1, c.MaxLevel()) || a.TargetMet != (a.Current >= a.Target) {
			t.Fatalf("inconsistent assessment %+v", a)
		}
		if c.LevelSet(1, a.Current)&^a.Met() != 0 {
			t.Fatalf("level %d claimed with gaps below it", a.Current)
		}
		if a.Current < c.MaxLevel() && c.LevelSet(1, a.Current+1)&^a.Met() == 0 {
			t.Fatalf("level %d reported but %d is met", a.Current, a.Current+1)
		}
		for _, g := range c.CapabilitiesOf(a.Gaps) {
			if g.Level > a.Target || a.Met().Has(g.index) {
				t.Fatalf("gap %s is met or above the target", g.ID)
			}
		}
	})
}
