package scaffold_test

import (
	"encoding/json"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

// releaseFiles is, per platform, the pipeline file whose job smoke-tests the
// serving image before it is pushed.
var releaseFiles = map[string]string{
	"github_actions":  ".github/workflows/release.yml",
	"gitlab_ci":       ".gitlab/ci/automated_application_release.yml",
	"azure_pipelines": ".azure/pipelines/automated_application_release.yml",
}

// smokeRun is how a `docker run` (or `docker create` + `docker cp`) line
// starts the image: its -e variables and where the smoke model lands.
type smokeRun struct {
	source string
	env    map[string]string
	model  string // container path of the model file
}

// shellFields splits a command line into words, dropping quotes (enough for
// the docker lines of the generated pipelines; no expansion).
func shellFields(line string) []string {
	var out []string
	var cur strings.Builder
	quote := byte(0)
	inWord := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			cur.WriteByte(c)
		case c == '"' || c == '\'':
			quote, inWord = c, true
		case c == ' ' || c == '\t':
			if inWord {
				out = append(out, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		out = append(out, cur.String())
	}
	return out
}

// parseSmokeRun reads the first `docker run`/`docker create` of the text
// (continuation lines joined; a leading "#" of a comment dropped) and the
// `docker cp <model> <container>:<path>` that may follow it.
func parseSmokeRun(t *testing.T, source string, text []byte) smokeRun {
	t.Helper()
	var lines []string
	var pending string
	for _, raw := range strings.Split(string(text), "\n") {
		line := strings.TrimSpace(raw)
		line = strings.TrimSpace(strings.TrimPrefix(line, "#"))
		line = strings.TrimSpace(strings.TrimPrefix(line, "- "))
		if strings.HasSuffix(line, "\\") {
			pending += strings.TrimSuffix(line, "\\") + " "
			continue
		}
		lines = append(lines, pending+line)
		pending = ""
	}
	run := smokeRun{source: source, env: map[string]string{}}
	found := false
	for _, line := range lines {
		fields := shellFields(line)
		if len(fields) < 2 || fields[0] != "docker" {
			continue
		}
		switch {
		case !found && (fields[1] == "run" || fields[1] == "create"):
			found = true
			for i := 2; i+1 < len(fields); i++ {
				switch fields[i] {
				case "-e", "--env":
					k, v, _ := strings.Cut(fields[i+1], "=")
					run.env[k] = v
					i++
				case "-v", "--volume":
					parts := strings.Split(fields[i+1], ":")
					if len(parts) >= 2 && run.model == "" {
						run.model = path.Join(parts[1], "model.pkl")
					}
					i++
				}
			}
		case found && fields[1] == "cp" && len(fields) == 4 && strings.HasSuffix(fields[2], "model.pkl"):
			_, dest, _ := strings.Cut(fields[3], ":")
			run.model = dest
		}
	}
	if !found {
		t.Fatalf("%s: no docker run or docker create line", source)
	}
	if run.model == "" {
		t.Fatalf("%s: the smoke run mounts or copies no model", source)
	}
	return run
}

// checkReleaseSmoke starts the image layout the way the release pipeline's
// smoke test (and the Dockerfile's own docker run line) starts the image: with
// only their -e variables, a model trained on the sample at the path they
// mount it, and no registry; /health and /predict must answer with that model.
func checkReleaseSmoke(t *testing.T, stack scaffold.Stack, dir, root, site, pkg string, img dockerImage, rendered map[string][]byte, records []map[string]any) {
	t.Helper()
	sources := []string{releaseFiles[stack.Platform], "Dockerfile"}
	for _, source := range sources {
		t.Run("release smoke test of "+source, func(t *testing.T) {
			run := parseSmokeRun(t, source, rendered[source])
			if _, ok := run.env["MODEL"]; !ok && fileExists(filepath.Join(root, "app", "configs", "ab_test.yaml")) {
				t.Errorf("%s: the image carries the A/B config but the smoke run names no local MODEL", source)
			}
			model := filepath.Join(root, filepath.FromSlash(run.model))
			script := `
import sys
sys.path.insert(0, "src")
from PACKAGE import model as model_lib
frame = model_lib.load_frame("data/sample/sample.csv")
estimator = model_lib.build_model().fit(frame[model_lib.FEATURES], frame[model_lib.TARGET])
model_lib.save_model(estimator, sys.argv[1], {"version": "smoke-0123456789ab"})
`
			runPython(t, dir, nil, "-c", strings.ReplaceAll(script, "PACKAGE", pkg), model)
			t.Cleanup(func() { _ = os.Remove(model) })
			env := []string{"PYTHONPATH=" + site + string(os.PathListSeparator) + testdataPath(t, "otel_stub"),
				"OTEL_STUB_RECORD=" + filepath.Join(t.TempDir(), "otel.jsonl")}
			for k, v := range run.env {
				if strings.HasPrefix(v, "/") {
					v = filepath.Join(root, filepath.FromSlash(v))
				}
				env = append(env, k+"="+v)
			}
			srv := startServer(t, img, root, env)
			health := srv.waitHealthy(t)
			if health["model_version"] != "smoke-0123456789ab" {
				t.Errorf("/health = %v, want the smoke model", health)
			}
			status, body := srv.predict(t, map[string]any{"records": records[:3]})
			if status != http.StatusOK {
				t.Fatalf("/predict answered %d: %s\n%s", status, body, srv.logs.String())
			}
			var answer struct {
				Predictions []map[string]any `json:"predictions"`
			}
			if err := json.Unmarshal(body, &answer); err != nil || len(answer.Predictions) != 3 {
				t.Fatalf("/predict: %v: %s", err, body)
			}
			for _, p := range answer.Predictions {
				if p["model_version"] != "smoke-0123456789ab" {
					t.Errorf("a smoke prediction came from %v, not the smoke model: %v", p["model_version"], p)
				}
			}
			if source != "Dockerfile" || stack.Platform != "github_actions" {
				return
			}
			// The artifact's hash is checked when the service loads it: a modified model never serves.
			raw, err := os.ReadFile(model)
			if err != nil {
				t.Fatal(err)
			}
			raw[len(raw)-16] ^= 0xff
			if err := os.WriteFile(model, raw, 0o644); err != nil {
				t.Fatal(err)
			}
			refused := startServer(t, img, root, env)
			logs, err := refused.waitExit(t)
			if err == nil || !strings.Contains(logs, "modified") {
				t.Errorf("the service must refuse a modified model artifact, got %v:\n%s", err, logs)
			}
		})
	}
}
