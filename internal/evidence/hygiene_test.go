package evidence_test

import (
	"strings"
	"testing"
)

// TestPointersAreDecidingLines: evidence points at the line that decided,
// never at a blank line or a comment, even for patterns that begin with
// \s* and could start their match on the blank lines above.
func TestPointersAreDecidingLines(t *testing.T) {
	files := repo{
		"src/train.py":     "import mlflow\n\n\n# def train_old():\n\n\ndef train(x, y):\n    model.fit(x, y)\n",
		"requirements.txt": "# pinned\n\nscikit-learn==1.5.2\n",
		"src/score.py":     "\n\n# def init():\n\ndef init():\n    pass\n\n\ndef run(raw):\n    return raw\n",
	}
	res := scanRepo(t, files)
	for _, id := range []string{"training_code_versioned", "scoring_script_versioned"} {
		f, _ := res.Finding(id)
		if !f.Detected {
			t.Fatalf("%s not detected", id)
		}
		for _, e := range f.Evidence {
			lines := strings.Split(files[e.Path], "\n")
			line := strings.TrimSpace(lines[e.Line-1])
			if line == "" || strings.HasPrefix(line, "#") {
				t.Errorf("%s points at %s:%d, %q: a blank line or a comment", id, e.Path, e.Line, line)
			}
			if e.Reason == "" {
				t.Errorf("%s evidence %+v has no reason", id, e)
			}
		}
	}
}

// TestModelArtifactsAreNotEnvironments: the conda.yaml and requirements of
// a logged MLflow model (a folder with an MLmodel file) describe the model
// artifact, not an environment or dependencies the team manages.
func TestModelArtifactsAreNotEnvironments(t *testing.T) {
	res := scanRepo(t, repo{
		"mlruns/0/abc/artifacts/model/MLmodel":         "flavors:\n  python_function: {}\n",
		"mlruns/0/abc/artifacts/model/conda.yaml":      "dependencies:\n  - python=3.11\n",
		"models/churn/MLmodel":                         "flavors:\n  sklearn: {}\n",
		"models/churn/conda.yaml":                      "dependencies:\n  - python=3.11\n",
		"models/churn/requirements.txt":                "scikit-learn==1.5.2\n",
		"src/train.py":                                 trainCode,
		"tests/fixtures/repo/.github/workflows/ci.yml": ghPytest,
	})
	for _, id := range []string{"managed_compute", "training_code_versioned", "automated_builds"} {
		if f, _ := res.Finding(id); f.Detected {
			t.Errorf("%s detected from %+v", id, f.Evidence)
		}
	}
}
