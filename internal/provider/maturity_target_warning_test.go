package provider

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
)

// TestWarnPlan pins when the plan warns and what the warning names:
// plan_warning = false silences the level warning but never an overwrite.
func TestWarnPlan(t *testing.T) {
	data := newProviderData("test", maturity.MustDefault())
	in := benchInputs(filepath.Join(t.TempDir(), "project"))
	p, diags := planTarget(data, in, planMode{create: true})
	if diags.HasError() {
		t.Fatal(diags)
	}
	overwriting := *p
	changes := *p.changes
	changes.Overwrites = []string{"MLOPS.md"}
	overwriting.changes = &changes
	tests := []struct {
		name    string
		plan    *targetPlan
		enabled bool
		want    []string // substrings of the one warning; nil: no warning
	}{
		{"gaps and writes", p, true, []string{"bench-project: MLOps level 1 of target 2", "Level 2 (Automated Training), its target, is missing", "Apply writes"}},
		{"silenced", p, false, nil},
		{"an overwrite always warns", &overwriting, false, []string{"apply OVERWRITES your edits to MLOPS.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got diag.Diagnostics
			warnPlan(&got, data, in, tt.plan, tt.enabled)
			if tt.want == nil {
				if len(got) != 0 {
					t.Fatalf("want no warning, got %v", got)
				}
				return
			}
			if len(got) != 1 || got[0].Severity() != diag.SeverityWarning {
				t.Fatalf("want one warning, got %v", got)
			}
			text := got[0].Summary() + "\n" + got[0].Detail()
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("the warning lacks %q:\n%s", w, text)
				}
			}
		})
	}
}

// TestLevelText: the warning names the gaps of the next level, and the
// other gaps up to the target only when there are more.
func TestLevelText(t *testing.T) {
	c := maturity.MustDefault()
	declared := []string{"automated_data_pipeline", "automated_builds", "application_unit_tests", "model_integration_tests",
		"automated_application_release", "scoring_script_versioned"}
	tests := []struct {
		target      int
		want, avoid string
	}{
		{2, "Level 2 (Automated Training), its target, is missing: ds_de_collaboration", "Up to level"},
		{3, "Up to level 3, also missing: ", "its target"},
	}
	for _, tt := range tests {
		a, err := c.Evaluate(maturity.Declaration{Target: tt.target, Capabilities: declared})
		if err != nil {
			t.Fatal(err)
		}
		text := levelText(c, a)
		if !strings.Contains(text, tt.want) || strings.Contains(text, tt.avoid) {
			t.Errorf("target %d: want %q and no %q in:\n%s", tt.target, tt.want, tt.avoid, text)
		}
	}
}
