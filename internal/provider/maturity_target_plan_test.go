package provider

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

// TestCheckStackCoverage: a stack part with no templates at all, or a
// capability in scope with no file on the stack, is an error on the
// attribute that chose it.
func TestCheckStackCoverage(t *testing.T) {
	lib, err := scaffold.Parse(fstest.MapFS{
		"common/cap_a/a.txt.tmpl":                  {Data: []byte("a")},
		"platform/github_actions/cap_b/b.yml.tmpl": {Data: []byte("on: push")},
		"registry/mlflow/cap_a/r.txt.tmpl":         {Data: []byte("r")},
		"monitoring/prometheus/cap_a/m.txt.tmpl":   {Data: []byte("m")},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		stack   scaffold.Stack
		ids     []string
		wantErr string
	}{
		{"covered", scaffold.DefaultStack, []string{"cap_a", "cap_b"}, ""},
		{"platform without templates", scaffold.Stack{Platform: "gitlab_ci", Registry: "mlflow", Monitoring: "prometheus"}, []string{"cap_a"}, `platform = "gitlab_ci"`},
		{"monitoring without templates", scaffold.Stack{Platform: "github_actions", Registry: "mlflow", Monitoring: "azure_monitor"}, []string{"cap_a"}, `monitoring = "azure_monitor"`},
		{"capability without a file", scaffold.DefaultStack, []string{"cap_a", "cap_c"}, "cap_c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vars, err := lib.ResolveVars("x", "x", nil)
			if err != nil {
				t.Fatal(err)
			}
			files, err := lib.Render(tt.stack, tt.ids, scaffold.Data{Name: "x", Package: "x", Stack: tt.stack, Vars: vars})
			if err != nil {
				t.Fatal(err)
			}
			diags := checkStackCoverage(lib, tt.stack, tt.ids, files)
			if tt.wantErr == "" {
				if diags.HasError() {
					t.Fatalf("unexpected error: %v", diags)
				}
				return
			}
			if !diags.HasError() || !strings.Contains(diags.Errors()[0].Detail(), tt.wantErr) {
				t.Fatalf("want an error mentioning %q, got %v", tt.wantErr, diags)
			}
		})
	}
}
