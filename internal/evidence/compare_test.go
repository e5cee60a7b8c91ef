package evidence_test

import (
	"slices"
	"testing"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/evidence"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

func TestParseMode(t *testing.T) {
	for in, want := range map[string]evidence.Mode{"": evidence.ModeReport, "report": evidence.ModeReport, "require": evidence.ModeRequire} {
		if got, err := evidence.ParseMode(in); err != nil || got != want {
			t.Errorf("ParseMode(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := evidence.ParseMode("strict"); err == nil {
		t.Error("ParseMode accepted an unknown mode")
	}
}

// TestCompareMakesTheLevelFollowTheRepository: in require mode a declared
// capability without evidence stops counting, an exemption still counts.
func TestCompareMakesTheLevelFollowTheRepository(t *testing.T) {
	cat := maturity.MustDefault()
	res := scanRepo(t, repo{
		".github/workflows/ci.yml": ghPytest,
		"tests/test_model.py":      testsTree,
		"src/train.py":             "import mlflow\nmlflow.log_metric('auc', 0.9)\n",
	})
	decl := maturity.Declaration{
		Capabilities: []string{"automated_builds", "application_unit_tests", "model_registry"},
		Exemptions:   map[string]string{"scoring_script_versioned": "no online scoring"},
		Target:       2,
	}
	detected := []string{"application_unit_tests", "automated_builds", "experiment_tracking"} // catalog order
	if got := res.Detected(); !slices.Equal(got, detected) {
		t.Fatalf("detected %v, want %v", got, detected)
	}
	cases := []struct {
		mode          evidence.Mode
		wantEffective []string
	}{
		{evidence.ModeReport, decl.Capabilities},
		{evidence.ModeRequire, []string{"automated_builds", "application_unit_tests"}},
	}
	for _, tc := range cases {
		t.Run(string(tc.mode), func(t *testing.T) {
			cmp := evidence.Compare(cat, decl, res, tc.mode)
			if !slices.Equal(cmp.DeclaredWithoutEvidence, []string{"model_registry"}) {
				t.Errorf("declared without evidence %v", cmp.DeclaredWithoutEvidence)
			}
			if !slices.Equal(cmp.DetectedNotDeclared, []string{"experiment_tracking"}) {
				t.Errorf("detected not declared %v", cmp.DetectedNotDeclared)
			}
			if !slices.Equal(cmp.Effective.Capabilities, tc.wantEffective) {
				t.Errorf("effective %v, want %v", cmp.Effective.Capabilities, tc.wantEffective)
			}
			if cmp.Effective.Exemptions["scoring_script_versioned"] == "" || cmp.Effective.Target != 2 {
				t.Errorf("effective declaration lost its exemptions or target: %+v", cmp.Effective)
			}
			if _, err := cat.Evaluate(cmp.Effective); err != nil {
				t.Errorf("effective declaration does not evaluate: %v", err)
			}
		})
	}
}

// TestRequireModeScoresTheScaffold: a repository scaffolded to level 2 and
// declared at level 4 is level 2 in require mode, level 4 in report mode.
func TestRequireModeScoresTheScaffold(t *testing.T) {
	cat := maturity.MustDefault()
	lib := builtinLibrary(t)
	dir, _ := writeScaffold(t, lib, cat, scaffold.BuiltinStacks()[0], 2)
	res, err := evidence.ScanDir(dir, cat, evidence.Options{})
	if err != nil {
		t.Fatal(err)
	}
	decl := maturity.Declaration{Capabilities: cat.IDsOf(cat.LevelSet(1, 4)), Target: 4}
	for mode, want := range map[evidence.Mode]int{evidence.ModeReport: 4, evidence.ModeRequire: 2} {
		a, err := cat.Evaluate(evidence.Compare(cat, decl, res, mode).Effective)
		if err != nil {
			t.Fatal(err)
		}
		if a.Current != want {
			t.Errorf("%s mode: level %d, want %d", mode, a.Current, want)
		}
	}
}

func TestCompareKeepsUnknownIDsForTheEvaluator(t *testing.T) {
	cat := maturity.MustDefault()
	res := scanRepo(t, repo{})
	cmp := evidence.Compare(cat, maturity.Declaration{Capabilities: []string{"automated_bilds"}}, res, evidence.ModeRequire)
	if _, err := cat.Evaluate(cmp.Effective); err == nil {
		t.Fatal("an unknown id was dropped instead of reported by the evaluator")
	}
}
