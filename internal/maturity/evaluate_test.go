package maturity

import (
	"errors"
	"strings"
	"testing"
)

var (
	level1 = []string{"automated_data_pipeline", "automated_builds", "application_unit_tests", "model_integration_tests", "automated_application_release", "scoring_script_versioned"}
	level2 = []string{"managed_compute", "experiment_tracking", "training_code_versioned", "model_registry", "automated_training", "centralized_training_metrics", "scoring_script_tests", "engineering_managed_release", "ds_de_collaboration"}
	level3 = []string{"automated_model_release", "model_release_tests", "application_integration_tests", "ab_testing", "all_code_tested", "data_lineage", "managed_environments", "de_se_integration"}
	level4 = []string{"production_monitoring", "automated_retraining", "automated_model_testing", "zero_downtime_deployment", "production_feedback_loop"}
)

func concat(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

func without(list []string, drop string) []string {
	var out []string
	for _, id := range list {
		if id != drop {
			out = append(out, id)
		}
	}
	return out
}

func TestEvaluateLevelBoundaries(t *testing.T) {
	c := MustDefault()
	tests := []struct {
		name      string
		caps      []string
		exempt    map[string]string
		target    int
		current   int
		next      int
		targetMet bool
		nextGaps  int
	}{
		{"nothing declared", nil, nil, 0, 0, 1, true, 6},
		{"nothing declared, target 4", nil, nil, 4, 0, 1, false, 6},
		{"level 1 minus one", without(level1, "automated_builds"), nil, 1, 0, 1, false, 1},
		{"exactly level 1", level1, nil, 2, 1, 2, false, 9},
		{"level 1 with most of level 2", concat(level1, without(level2, "ds_de_collaboration")), nil, 2, 1, 2, false, 1},
		{"exactly level 2", concat(level1, level2), nil, 2, 2, 3, true, 8},
		{"exactly level 3", concat(level1, level2, level3), nil, 4, 3, 4, false, 5},
		{"everything", concat(level1, level2, level3, level4), nil, 4, 4, 4, true, 0},
		{"level 4 only, not level 1", level4, nil, 4, 0, 1, false, 6},
		{"higher levels do not count without lower", concat(level1, level3, level4), nil, 4, 1, 2, false, 9},
		{"exemption counts as met", without(level1, "ab_testing"), map[string]string{}, 1, 1, 2, true, 9},
		{"exemption completes a level", without(level1, "automated_application_release"), map[string]string{"automated_application_release": "batch only, no service"}, 1, 1, 2, true, 9},
		{"duplicates are harmless", append(level1, level1...), nil, 1, 1, 2, true, 9},
		{"target below current", concat(level1, level2), nil, 1, 2, 3, true, 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := c.Evaluate(Declaration{Capabilities: tt.caps, Exemptions: tt.exempt, Target: tt.target})
			if err != nil {
				t.Fatal(err)
			}
			if a.Current != tt.current || a.Next != tt.next || a.TargetMet != tt.targetMet {
				t.Fatalf("got current=%d next=%d target_met=%v, want %d %d %v", a.Current, a.Next, a.TargetMet, tt.current, tt.next, tt.targetMet)
			}
			if a.NextGaps.Len() != tt.nextGaps {
				t.Fatalf("next-level gaps: got %v, want %d", c.IDsOf(a.NextGaps), tt.nextGaps)
			}
			for _, id := range c.IDsOf(a.Gaps) {
				cp, _ := c.Lookup(id)
				if cp.Level > tt.target {
					t.Errorf("gap %s of level %d is above the target %d", id, cp.Level, tt.target)
				}
			}
		})
	}
}

// TestGapOrder pins the ordering rule: level, then dimension in the order
// people, model_creation, model_release, application_integration,
// technology, highlights, then id.
func TestGapOrder(t *testing.T) {
	c := MustDefault()
	a, err := c.Evaluate(Declaration{Target: 4})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"automated_data_pipeline", "scoring_script_versioned", "application_unit_tests", "automated_application_release", "model_integration_tests", "automated_builds",
		"ds_de_collaboration", "experiment_tracking", "managed_compute", "training_code_versioned", "engineering_managed_release", "scoring_script_tests", "automated_training", "centralized_training_metrics", "model_registry",
		"de_se_integration", "automated_model_release", "application_integration_tests", "model_release_tests", "ab_testing", "all_code_tested", "data_lineage", "managed_environments",
		"production_feedback_loop", "automated_retraining", "automated_model_testing", "production_monitoring", "zero_downtime_deployment",
	}
	if got := c.IDsOf(a.Gaps); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("gap order:\n got %v\nwant %v", got, want)
	}
}

func TestEvaluateRejectsUnknownIDs(t *testing.T) {
	c := MustDefault()
	for _, d := range []Declaration{
		{Capabilities: []string{"experiment_traking"}, Target: 2},
		{Exemptions: map[string]string{"experiment_traking": "no"}, Target: 2},
	} {
		_, err := c.Evaluate(d)
		var unknown *UnknownIDError
		if !errors.As(err, &unknown) {
			t.Fatalf("want UnknownIDError, got %v", err)
		}
		if unknown.Suggestion != "experiment_tracking" || !strings.Contains(err.Error(), `did you mean "experiment_tracking"`) {
			t.Fatalf("bad suggestion: %v", err)
		}
	}
	if _, err := c.Evaluate(Declaration{Target: 5}); err == nil {
		t.Fatal("target 5 must be rejected")
	}
	if _, err := c.Evaluate(Declaration{Target: -1}); err == nil {
		t.Fatal("target -1 must be rejected")
	}
}

func TestDimensionScores(t *testing.T) {
	c := MustDefault()
	tests := []struct {
		name string
		caps []string
		exem map[string]string
		tgt  int
		want []float64 // people, model_creation, model_release, application_integration, technology, highlights
	}{
		{"target 0: nothing in scope", nil, nil, 0, []float64{1, 1, 1, 1, 1, 1}},
		{"target 1, nothing met", nil, nil, 1, []float64{1, 0, 0, 0, 0, 1}},
		{"target 1, all met", level1, nil, 1, []float64{1, 1, 1, 1, 1, 1}},
		{"target 2, level 1 met", level1, nil, 2, []float64{0, 0.25, 1.0 / 3, 1, 0.25, 1}},
		{"target 2, exemption counts", level1, map[string]string{"ds_de_collaboration": "one-person team"}, 2, []float64{1, 0.25, 1.0 / 3, 1, 0.25, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := c.Evaluate(Declaration{Capabilities: tt.caps, Exemptions: tt.exem, Target: tt.tgt})
			if err != nil {
				t.Fatal(err)
			}
			got := c.DimensionScores(a)
			for i := range tt.want {
				if got[i] != tt.want[i] {
					t.Fatalf("%s: got %v, want %v", c.Dimensions[i], got, tt.want)
				}
			}
		})
	}
}

func TestValidateDeclaration(t *testing.T) {
	c := MustDefault()
	errs := c.ValidateDeclaration(Declaration{
		Capabilities: []string{"automated_builds", "modle_registry"},
		Exemptions:   map[string]string{"automated_builds": "dup", "ab_testing": "  ", "zero_downtime": "x"},
		Target:       7,
	})
	want := []string{
		"target level 7 is out of range: allowed values are 0..4",
		`unknown capability id "modle_registry"; did you mean "model_registry"?`,
		`exemption "ab_testing" has an empty reason`,
		`"automated_builds" is both declared in capabilities and exempted`,
		`unknown capability id "zero_downtime"; did you mean "zero_downtime_deployment"?`,
	}
	if len(errs) != len(want) {
		t.Fatalf("got %d errors %v, want %d", len(errs), errs, len(want))
	}
	for i, w := range want {
		if !strings.Contains(errs[i].Error(), w) {
			t.Errorf("error %d: %q does not contain %q", i, errs[i], w)
		}
	}
	if errs := c.ValidateDeclaration(Declaration{Capabilities: level1, Exemptions: map[string]string{"ab_testing": "no traffic"}, Target: 3}); len(errs) != 0 {
		t.Fatalf("a valid declaration got errors: %v", errs)
	}
}

func TestLevel(t *testing.T) {
	c := MustDefault()
	for want, caps := range [][]string{nil, level1, concat(level1, level2), concat(level1, level2, level3), concat(level1, level2, level3, level4)} {
		got, err := c.Level(caps)
		if err != nil || got != want {
			t.Errorf("Level(%d capabilities) = %d, %v; want %d", len(caps), got, err, want)
		}
	}
	if _, err := c.Level([]string{"nope"}); err == nil {
		t.Error("unknown id must be an error")
	}
}

var sink Assessment

func BenchmarkEvaluate(b *testing.B) {
	c := MustDefault()
	d := Declaration{Capabilities: concat(level1, level2[:3]), Exemptions: map[string]string{"ab_testing": "no traffic"}, Target: 3}
	b.ReportAllocs()
	for b.Loop() {
		a, err := c.Evaluate(d)
		if err != nil {
			b.Fatal(err)
		}
		sink = a
	}
}
