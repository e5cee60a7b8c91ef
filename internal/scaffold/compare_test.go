package scaffold_test

import (
	"errors"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

// comparisonData writes raw data for the training comparison: "old" follows
// one rule, "drifted" another with 10% label noise, "poisoned" is drifted with
// the labels of its training rows (the older 75%) inverted, so a model trained
// on it is worse on its own (clean) holdout.
const comparisonData = `
import sys
import numpy as np
import pandas as pd
kind, target = sys.argv[1], sys.argv[2]
rng = np.random.RandomState(7)
n = 400
frame = pd.DataFrame({
    "event_time": pd.date_range("2026-03-01", periods=n, freq="h").strftime("%Y-%m-%dT%H:%M:%SZ"),
    "feature_a": rng.normal(size=n), "feature_b": rng.normal(size=n), "feature_c": rng.normal(size=n),
    "feature_d": rng.normal(size=n), "tenure_months": rng.randint(1, 60, size=n),
})
if kind == "old":
    frame["label"] = (frame["feature_a"] > 0).astype(int)
else:
    label = (frame["feature_b"] > 0).astype(int)
    noise = rng.rand(n) < 0.10
    frame["label"] = np.where(noise, 1 - label, label)
    if kind == "poisoned":
        older = np.arange(n) < int(n * 0.75)
        frame["label"] = np.where(older, 1 - frame["label"], frame["label"])
frame.to_csv(target, index=False)
`

// TestTrainingComparisonOnTheSameHoldout runs the generated pipeline commands
// (ingest, train, register, compare_runs) with the system Python: a retrain
// on new data that beats the champion on the new holdout passes even though
// the champion's own stored metrics (from an easier, older holdout) are
// higher; a worse challenger is blocked.
func TestTrainingComparisonOnTheSameHoldout(t *testing.T) {
	for _, stack := range []scaffold.Stack{scaffold.DefaultStack, {Platform: "gitlab_ci", Registry: "azureml", Monitoring: "azure_monitor"}} {
		t.Run(stackName(stack), func(t *testing.T) {
			dir, _ := renderStackLevels(t, stack, 4)
			pkg := scaffold.PackageName("demo-project")
			work := t.TempDir()
			raw := filepath.Join(work, "raw.csv")
			env := []string{"PYTHONPATH=src", "MLOPS_PROJECT_ROOT=" + work, "MLOPS_RAW_DATA=" + raw,
				"MLOPS_TRACKING_BACKEND=local", "MLOPS_TRACKING_DIR=" + filepath.Join(work, "registry"),
				"MLOPS_MODEL_NAME=demo-project", "MLOPS_ALLOW_MISSING_LINEAGE=1"}
			step := func(args ...string) (int, string) {
				cmd := exec.Command(systemPython, args...)
				cmd.Dir = dir
				cmd.Env = append(baseEnv(), env...)
				out, err := cmd.CombinedOutput()
				var exit *exec.ExitError
				if errors.As(err, &exit) {
					return exit.ExitCode(), string(out)
				}
				if err != nil {
					t.Fatal(err)
				}
				return 0, string(out)
			}
			must := func(args ...string) {
				if code, out := step(args...); code != 0 {
					t.Fatalf("%v: exit %d\n%s", args, code, out)
				}
			}
			data := func(kind string) {
				runPython(t, dir, nil, "-c", comparisonData, kind, raw)
				must("-m", pkg+".ingest")
				must("-m", pkg+".train")
			}
			promote := func() {
				must("-m", pkg+".register")
				must("-c", "from "+pkg+" import tracking; tracking.set_alias('demo-project', 'champion', tracking.get_alias_version('demo-project', 'candidate'))")
			}

			data("old")
			promote()
			data("drifted")
			code, out := step("-m", pkg+".compare_runs", "--baseline-alias", "champion")
			if code != 0 || !strings.Contains(out, "both on the holdout of") {
				t.Fatalf("a retrain that beats the champion on the same holdout must pass, got exit %d:\n%s", code, out)
			}
			promote()
			data("poisoned")
			code, out = step("-m", pkg+".compare_runs", "--baseline-alias", "champion")
			if code != 1 || !strings.Contains(out, "REGRESSION") {
				t.Fatalf("a worse challenger must be blocked (exit 1), got exit %d:\n%s", code, out)
			}
			if _, err := os.Stat(filepath.Join(work, "data", "snapshot.json")); err != nil {
				t.Fatalf("ingest wrote no snapshot record: %v", err)
			}
		})
	}
}

// pinLine is one `name==version` requirement, in a requirements file or in
// the pip section of a conda or MLflow environment.
var pinLine = regexp.MustCompile(`(?m)^\s*(?:-\s+)?([A-Za-z0-9][A-Za-z0-9_.\-]*)==([^\s#]+)`)

// TestOneLockOfRuntimeDependencies: on every stack at level 4, training and
// serving install the same versions. The training requirements include the
// runtime lock the serving image installs, and no package is pinned to two
// versions anywhere in the project.
func TestOneLockOfRuntimeDependencies(t *testing.T) {
	for _, stack := range scaffold.BuiltinStacks() {
		t.Run(stackName(stack), func(t *testing.T) {
			_, files := renderStackLevels(t, stack, 4)
			pins := map[string]map[string][]string{} // package -> version -> files
			for _, f := range files {
				base := path.Base(f.Path)
				isReq := strings.HasPrefix(base, "requirements") && strings.HasSuffix(base, ".txt")
				isEnv := strings.Contains(base, "conda") || base == "python_env.yaml"
				if !isReq && !isEnv {
					continue
				}
				for _, m := range pinLine.FindAllStringSubmatch(string(f.Content), -1) {
					name := strings.ToLower(strings.ReplaceAll(m[1], "_", "-"))
					if pins[name] == nil {
						pins[name] = map[string][]string{}
					}
					pins[name][m[2]] = append(pins[name][m[2]], f.Path)
				}
				if f.Path == "requirements/train.txt" && !strings.Contains(string(f.Content), "-r ../requirements.txt") {
					t.Errorf("requirements/train.txt does not include the runtime lock requirements.txt")
				}
				if f.Path == "requirements.txt" {
					for _, line := range strings.Split(string(f.Content), "\n") {
						line = strings.TrimSpace(strings.SplitN(line, "#", 2)[0])
						if line != "" && !strings.Contains(line, "==") {
							t.Errorf("requirements.txt: %q is not pinned", line)
						}
					}
				}
			}
			if len(pins) == 0 {
				t.Fatal("no pinned requirement found")
			}
			for name, versions := range pins {
				if len(versions) > 1 {
					t.Errorf("%s is pinned to several versions: %v", name, versions)
				}
			}
		})
	}
}
