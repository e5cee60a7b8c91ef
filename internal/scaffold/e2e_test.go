package scaffold_test

import (
	"os"
	"strings"
	"testing"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

// TestProductionLoopEndToEnd runs, on the level 4 project of each platform,
// the loop its pipelines and image run (testdata/e2e/loop.py): train v1 and
// promote it; serve with the A/B test on; predictions logged durably; labels
// joined as feedback; shifted data raises drift against the champion's
// snapshot; retraining reads the production data and yields a different
// candidate judged with the champion on the same holdout; the challenger moves
// only on a pass; a blocked candidate gets no traffic; an unchanged week
// registers and releases nothing.
func TestProductionLoopEndToEnd(t *testing.T) {
	script, err := os.ReadFile(testdataPath(t, "..", "e2e", "loop.py"))
	if err != nil {
		t.Fatal(err)
	}
	pkg := scaffold.PackageName("demo-project")
	for _, platform := range scaffold.Platforms {
		stack := scaffold.Stack{Platform: platform, Registry: "mlflow", Monitoring: "prometheus"}
		t.Run(stackName(stack), func(t *testing.T) {
			t.Parallel() // each subtest renders into its own folder and runs its own processes
			dir, _ := renderStackLevels(t, stack, 4)
			out := runPython(t, dir, []string{"PYTHONPATH=src"}, "-c", strings.ReplaceAll(string(script), "PACKAGE", pkg), t.TempDir())
			t.Logf("\n%s", out)
		})
	}
}
