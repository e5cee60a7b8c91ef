package scaffold_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

// TestProductionLoopEndToEnd runs, on the level 4 project of each platform,
// the production loop through the project's own pipeline files
// (testdata/e2e/loop.py, with the local runner of testdata/e2e/pipelines.py)
// and its serving image's configuration: the training pipeline trains v1 and
// the release pipeline gates, stages, smoke-tests and promotes it; the service
// serves with the A/B test on and logs predictions durably; the feedback
// pipeline joins the labels; the drift pipeline finds drift against the
// champion's snapshot; retraining reads the production data and yields a
// different candidate judged with the champion on the same holdout; the
// challenger moves only on a pass; a blocked candidate gets no traffic; an
// unchanged week registers and releases nothing; the A/B analysis pipeline
// decides from the durable log and the stored feedback.
func TestProductionLoopEndToEnd(t *testing.T) {
	script, err := os.ReadFile(testdataPath(t, "..", "e2e", "loop.py"))
	if err != nil {
		t.Fatal(err)
	}
	runner := testdataPath(t, "..", "e2e")
	pkg := scaffold.PackageName("demo-project")
	var stacks []scaffold.Stack
	for _, platform := range scaffold.Platforms {
		stacks = append(stacks, scaffold.Stack{Platform: platform, Registry: "mlflow", Monitoring: "prometheus"},
			scaffold.Stack{Platform: platform, Registry: "azureml", Monitoring: "azure_monitor"})
	}
	for _, stack := range stacks {
		platform := stack.Platform
		t.Run(stackName(stack), func(t *testing.T) {
			t.Parallel() // each subtest renders into its own folder and runs its own processes
			dir, _ := renderStackLevels(t, stack, 4)
			work := t.TempDir()
			loop := filepath.Join(work, "loop.py")
			if err := os.WriteFile(loop, []byte(strings.ReplaceAll(string(script), "PACKAGE", pkg)), 0o600); err != nil {
				t.Fatal(err)
			}
			out := runPython(t, dir, []string{"PYTHONPATH=src", "MLOPS_E2E_DIR=" + runner}, loop, platform, work)
			t.Logf("\n%s", out)
		})
	}
}

// TestEnvironmentsPipelineEndToEnd runs the environments pipeline of the level
// 4 project of every stack through the local runner (testdata/e2e/environments.py):
// each stage's jobs in order, with recording stand-ins for kubectl, terraform
// and az. Each stage applies its own namespace manifest; on azureml its own
// Terraform state and tfvars, signed in with OIDC as the writer identity, then
// the training environment in the workspace Terraform reports, after a sign-in.
func TestEnvironmentsPipelineEndToEnd(t *testing.T) {
	script := testdataPath(t, "..", "e2e", "environments.py")
	runner := testdataPath(t, "..", "e2e")
	for _, stack := range scaffold.BuiltinStacks() {
		if stack.Monitoring != "prometheus" {
			continue // the pipeline does not depend on monitoring
		}
		t.Run(stackName(stack), func(t *testing.T) {
			t.Parallel()
			dir, _ := renderStackLevels(t, stack, 4)
			out := runPython(t, dir, []string{"PYTHONPATH=src", "MLOPS_E2E_DIR=" + runner}, script, stack.Platform, stack.Registry, t.TempDir())
			t.Logf("\n%s", out)
		})
	}
}
