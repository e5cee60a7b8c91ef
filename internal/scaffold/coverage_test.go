package scaffold

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestCheckCoverage: a stack part with no templates at all, or a
// capability in scope with no file on the stack, is an error on the
// attribute that chose it.
func TestCheckCoverage(t *testing.T) {
	lib, err := Parse(fstest.MapFS{
		"common/cap_a/a.txt.tmpl":                  {Data: []byte("a")},
		"platform/github_actions/cap_b/b.yml.tmpl": {Data: []byte("on: push")},
		"registry/mlflow/cap_a/r.txt.tmpl":         {Data: []byte("r")},
		"monitoring/prometheus/cap_a/m.txt.tmpl":   {Data: []byte("m")},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		stack    Stack
		ids      []string
		wantErr  string
		wantAttr string
	}{
		{"covered", DefaultStack, []string{"cap_a", "cap_b"}, "", ""},
		{"platform without templates", Stack{Platform: "gitlab_ci", Registry: "mlflow", Monitoring: "prometheus"}, []string{"cap_a"}, `platform = "gitlab_ci"`, "platform"},
		{"monitoring without templates", Stack{Platform: "github_actions", Registry: "mlflow", Monitoring: "azure_monitor"}, []string{"cap_a"}, `monitoring = "azure_monitor"`, "monitoring"},
		{"capability without a file", DefaultStack, []string{"cap_a", "cap_c"}, "cap_c", "template_dir"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vars, err := lib.ResolveVars("x", "x", nil)
			if err != nil {
				t.Fatal(err)
			}
			files, err := lib.Render(tt.stack, tt.ids, Data{Name: "x", Package: "x", Stack: tt.stack, Vars: vars})
			if err != nil {
				t.Fatal(err)
			}
			errs := lib.CheckCoverage(tt.stack, tt.ids, files)
			if tt.wantErr == "" {
				if len(errs) > 0 {
					t.Fatalf("unexpected error: %v", errs)
				}
				return
			}
			if len(errs) == 0 || !strings.Contains(errs[0].Detail, tt.wantErr) || errs[0].Attribute != tt.wantAttr {
				t.Fatalf("want an error on %s mentioning %q, got %v", tt.wantAttr, tt.wantErr, errs)
			}
		})
	}
}
