package scaffold_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"gopkg.in/yaml.v3"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

func stackName(s scaffold.Stack) string {
	return s.Platform + "+" + s.Registry + "+" + s.Monitoring
}

// pipProvides maps a pip distribution to the import names it provides
// (including what it brings as its own dependencies, for the distros).
var pipProvides = map[string][]string{
	"numpy":                       {"numpy"},
	"pandas":                      {"pandas"},
	"scikit-learn":                {"sklearn"},
	"pyyaml":                      {"yaml"},
	"prometheus-client":           {"prometheus_client"},
	"mlflow":                      {"mlflow"},
	"azureml-mlflow":              {"azureml.mlflow"},
	"azure-monitor-opentelemetry": {"azure.monitor.opentelemetry", "opentelemetry"},
}

// dockerImage is what the image-layout test reads from the serving Dockerfile.
type dockerImage struct {
	copies       []dockerCopy      // COPY without --from, in order
	requirements []string          // files given to `pip install -r`, relative to the build stage's WORKDIR
	installsSelf bool              // `pip install --no-deps .` in the build stage
	env          map[string]string // ENV of the final stage
	workdir      string            // WORKDIR of the final stage
	cmd          []string          // CMD of the final stage (exec form)
}

type dockerCopy struct {
	sources []string
	dest    string // absolute path in the image
}

// parseServingDockerfile reads the instructions the layout test honours; an
// instruction it does not understand fails the test rather than being skipped.
func parseServingDockerfile(t *testing.T, content []byte) dockerImage {
	t.Helper()
	res, err := parser.Parse(bytes.NewReader(content))
	if err != nil {
		t.Fatal(err)
	}
	img := dockerImage{env: map[string]string{}}
	workdir := "/"
	for _, n := range res.AST.Children {
		var args []string
		for a := n.Next; a != nil; a = a.Next {
			args = append(args, a.Value)
		}
		switch strings.ToLower(n.Value) {
		case "from":
			workdir, img.env = "/", map[string]string{}
		case "workdir":
			workdir = path.Join(workdir, args[0])
		case "env":
			// the parser gives (name, value, separator) triples
			for i := 0; i+1 < len(args); i += 3 {
				img.env[args[i]] = args[i+1]
			}
		case "copy":
			if hasFlag(n.Flags, "--from") {
				continue
			}
			dest := args[len(args)-1]
			if !path.IsAbs(dest) {
				dest = path.Join(workdir, dest)
				if strings.HasSuffix(args[len(args)-1], "/") {
					dest += "/"
				}
			}
			img.copies = append(img.copies, dockerCopy{sources: args[:len(args)-1], dest: dest})
		case "run":
			line := strings.Join(args, " ")
			if strings.Contains(line, "pip install") {
				fields := strings.Fields(line)
				for i, f := range fields {
					if f == "-r" && i+1 < len(fields) {
						img.requirements = append(img.requirements, path.Join(workdir, fields[i+1]))
					}
				}
				if strings.Contains(line, "--no-deps .") {
					img.installsSelf = true
				}
			}
		case "cmd":
			img.cmd = args
		}
		img.workdir = workdir
	}
	return img
}

func hasFlag(flags []string, name string) bool {
	for _, f := range flags {
		if strings.HasPrefix(f, name) {
			return true
		}
	}
	return false
}

// dockerignore is a .dockerignore: patterns in order, the last match wins.
type dockerignore []struct {
	re     *regexp.Regexp
	negate bool
}

func parseDockerignore(content []byte) dockerignore {
	var out dockerignore
	scanner := bufio.NewScanner(bytes.NewReader(content))
	for scanner.Scan() {
		line := strings.TrimSpace(scanner.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		negate := strings.HasPrefix(line, "!")
		line = path.Clean(strings.TrimPrefix(line, "!"))
		out = append(out, struct {
			re     *regexp.Regexp
			negate bool
		}{globRegexp(line), negate})
	}
	return out
}

// globRegexp translates a .dockerignore pattern (filepath.Match syntax plus
// `**`) into a regular expression on a slash-separated relative path.
func globRegexp(pattern string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		switch {
		case strings.HasPrefix(pattern[i:], "**/"):
			b.WriteString("(.*/)?")
			i += 2
		case strings.HasPrefix(pattern[i:], "**"):
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		case c == '[':
			end := strings.IndexByte(pattern[i:], ']')
			b.WriteString(pattern[i : i+end+1])
			i += end
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

// excluded reports whether the build context leaves rel out: a pattern that
// matches a parent folder matches everything below it.
func (d dockerignore) excluded(rel string) bool {
	out := false
	parts := strings.Split(rel, "/")
	for _, p := range d {
		for i := 1; i <= len(parts); i++ {
			if p.re.MatchString(strings.Join(parts[:i], "/")) {
				out = !p.negate
				break
			}
		}
	}
	return out
}

// buildLayout copies what the Dockerfile copies from the build context dir
// into root (the image's filesystem, container paths under root).
func buildLayout(t *testing.T, dir, root string, img dockerImage, ignore dockerignore) {
	t.Helper()
	for _, c := range img.copies {
		for _, src := range c.sources {
			matches, err := filepath.Glob(filepath.Join(dir, filepath.FromSlash(src)))
			if err != nil || len(matches) == 0 {
				t.Fatalf("COPY %s: no such file in the build context", src)
			}
			for _, m := range matches {
				rel, _ := filepath.Rel(dir, m)
				rel = filepath.ToSlash(rel)
				if ignore.excluded(rel) {
					t.Fatalf("COPY %s: excluded by .dockerignore, the build would fail", rel)
				}
				dest := c.dest
				if strings.HasSuffix(dest, "/") && len(c.sources) > 1 || strings.HasSuffix(dest, "/") && !isDir(m) {
					dest = path.Join(dest, path.Base(rel))
				}
				copyTree(t, m, filepath.Join(root, filepath.FromSlash(dest)), rel, ignore)
			}
		}
	}
}

func isDir(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}

func copyTree(t *testing.T, src, dst, rel string, ignore dockerignore) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		sub, _ := filepath.Rel(src, p)
		ctxRel := path.Join(rel, filepath.ToSlash(sub))
		if ignore.excluded(ctxRel) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		target := filepath.Join(dst, sub)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, raw, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// installedRequirements reads the requirement files the image installs (from
// the image layout, so an un-copied file fails) and returns the pinned
// distributions, lower-cased, following `-r` includes.
func installedRequirements(t *testing.T, root string, files []string) map[string]string {
	t.Helper()
	pins := map[string]string{}
	var read func(p string)
	read = func(p string) {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("the image installs %s, which is not in the image layout: %v", p, err)
		}
		for _, line := range strings.Split(string(raw), "\n") {
			line = strings.TrimSpace(strings.SplitN(line, "#", 2)[0])
			switch {
			case line == "":
			case strings.HasPrefix(line, "-r "):
				read(filepath.Join(filepath.Dir(p), strings.TrimSpace(line[3:])))
			default:
				name, version, ok := strings.Cut(line, "==")
				if !ok {
					t.Errorf("%s: %q is not pinned with ==", p, line)
				}
				pins[strings.ToLower(strings.TrimSpace(name))] = strings.TrimSpace(version)
			}
		}
	}
	for _, f := range files {
		read(filepath.Join(root, filepath.FromSlash(f)))
	}
	return pins
}

func freePort(t *testing.T) int {
	t.Helper()
	port, err := testPorts.next()
	if err != nil {
		t.Fatal(err)
	}
	return port
}

// testPorts hands out loopback ports for the generated servers, which bind
// the port they are given. The ports come from below the kernel's ephemeral
// range (32768 and up on Linux), so no connection or ":0" listener of this
// or another process can be given the same port between our check and the
// server's bind; each port is handed out once per test binary, so parallel
// tests never share one.
var testPorts = &portRange{low: 20000, high: 32000}

type portRange struct {
	mu        sync.Mutex
	low, high int
	cursor    int
}

func (r *portRange) next() (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cursor == 0 {
		// Start where another test binary running beside this one is unlikely to be.
		r.cursor = r.low + (os.Getpid()*97)%(r.high-r.low)
	}
	for tries := 0; tries < r.high-r.low; tries++ {
		port := r.cursor
		r.cursor++
		if r.cursor >= r.high {
			r.cursor = r.low
		}
		l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		if err != nil {
			continue // in use by something else
		}
		_ = l.Close()
		return port, nil
	}
	return 0, fmt.Errorf("no free loopback port in %d-%d", r.low, r.high)
}

// runPython runs the system Python in dir with exactly env (plus PATH and
// PYTHONDONTWRITEBYTECODE) and returns stdout; a failure fails the test.
func runPython(t *testing.T, dir string, env []string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(systemPython, args...)
	cmd.Dir = dir
	cmd.Env = append(baseEnv(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python %v: %v\n%s\n%s", args, err, out, stderr.String())
	}
	return out
}

func baseEnv() []string {
	return []string{"PATH=" + os.Getenv("PATH"), "PYTHONDONTWRITEBYTECODE=1", "LANG=C.UTF-8"}
}

// server is the scoring service started from an image layout.
type server struct {
	cmd  *exec.Cmd
	url  string
	logs *bytes.Buffer
	done chan error
}

func startServer(t *testing.T, img dockerImage, root string, env []string) *server {
	t.Helper()
	if len(img.cmd) == 0 || img.cmd[0] != "python" {
		t.Fatalf("the image's CMD %v does not start python", img.cmd)
	}
	port := freePort(t)
	cmd := exec.Command(systemPython, img.cmd[1:]...)
	cmd.Dir = filepath.Join(root, filepath.FromSlash(img.workdir))
	cmd.Env = append(baseEnv(), imageEnv(img, root)...)
	cmd.Env = append(cmd.Env, env...)
	cmd.Env = append(cmd.Env, fmt.Sprintf("PORT=%d", port), "HOST=127.0.0.1")
	s := &server{cmd: cmd, url: fmt.Sprintf("http://127.0.0.1:%d", port), logs: &bytes.Buffer{}, done: make(chan error, 1)}
	cmd.Stdout, cmd.Stderr = s.logs, s.logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.done <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		t.Logf("service stopped: %v", <-s.done)
	})
	return s
}

// imageEnv is the final stage's ENV with container paths moved under root;
// PATH stays the host's (the image's venv is the system Python here).
func imageEnv(img dockerImage, root string) []string {
	var env []string
	for k, v := range img.env {
		if k == "PATH" {
			continue
		}
		if strings.HasPrefix(v, "/") {
			v = filepath.Join(root, filepath.FromSlash(v))
		}
		env = append(env, k+"="+v)
	}
	sort.Strings(env)
	return env
}

// waitHealthy polls /health until the service answers or exits; the deadline
// only bounds a hung start, it is not a speed assertion.
func (s *server) waitHealthy(t *testing.T) map[string]any {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-s.done:
			s.done <- err
			t.Fatalf("the service exited before answering /health: %v\n%s", err, s.logs.String())
		default:
		}
		resp, err := http.Get(s.url + "/health")
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("/health answered %d: %s", resp.StatusCode, body)
			}
			var health map[string]any
			if err := json.Unmarshal(body, &health); err != nil {
				t.Fatalf("/health: %v: %s", err, body)
			}
			return health
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("the service did not answer /health:\n%s", s.logs.String())
	return nil
}

// waitExit waits for a service that must refuse to start.
func (s *server) waitExit(t *testing.T) (string, error) {
	t.Helper()
	select {
	case err := <-s.done:
		s.done <- err
		return s.logs.String(), err
	case <-time.After(60 * time.Second):
		t.Fatalf("the service kept running:\n%s", s.logs.String())
	}
	return "", nil
}

// predict posts a payload to the service's /predict.
func (s *server) predict(t *testing.T, payload any) (int, []byte) {
	t.Helper()
	raw, _ := json.Marshal(payload)
	resp, err := http.Post(s.url+"/predict", "application/json", bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("POST /predict: %v\n%s", err, s.logs.String())
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, body
}

func (s *server) get(t *testing.T, route string) []byte {
	t.Helper()
	resp, err := http.Get(s.url + route)
	if err != nil {
		t.Fatalf("GET %s: %v", route, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s answered %d: %s", route, resp.StatusCode, body)
	}
	return body
}

func testdataPath(t *testing.T, parts ...string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join(append([]string{"testdata", "imagelayout"}, parts...)...))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestServingImageLayout builds, for every stack at level 4, the file tree
// the serving Dockerfile produces (honouring .dockerignore), checks that the
// requirements it installs provide every module the serving code imports,
// starts the service from there the way the image's CMD does, against a local
// stand-in registry, and checks /health, /predict (with the A/B variant, the
// prediction log and ab_compare on it) and that every metric the alert rules
// and dashboards use is exposed (/metrics, or the Azure Monitor exporter). A
// configured tracking server that does not answer must stop the start.
func TestServingImageLayout(t *testing.T) {
	if _, err := exec.LookPath(systemPython); err != nil {
		t.Fatalf("%s is required: %v", systemPython, err)
	}
	fx := newLayoutFixture(t)
	for _, stack := range scaffold.BuiltinStacks() {
		t.Run(stackName(stack), func(t *testing.T) {
			checkImageLayout(t, stack, fx)
		})
	}
}

// layoutFixture is shared by every stack: a stand-in registry whose champion
// and challenger were trained by the generated code (the pickled estimators
// are plain scikit-learn objects, the same for every stack), request records
// of the sample data and their labels.
type layoutFixture struct {
	standIn []string // environment of the local stand-in registry
	records []map[string]any
	labels  string // CSV of request_id and label for the records
}

func newLayoutFixture(t *testing.T) layoutFixture {
	t.Helper()
	dir, _ := renderStackLevels(t, scaffold.DefaultStack, 4)
	pkg := scaffold.PackageName("demo-project")
	work := t.TempDir()
	fx := layoutFixture{
		standIn: []string{"MLOPS_TRACKING_BACKEND=local", "MLOPS_TRACKING_DIR=" + filepath.Join(work, "registry"),
			"MLOPS_MODEL_NAME=demo-project"},
		labels: filepath.Join(work, "labels.csv"),
	}
	script, err := os.ReadFile(testdataPath(t, "registry.py"))
	if err != nil {
		t.Fatal(err)
	}
	runPython(t, dir, append([]string{"PYTHONPATH=src", "MLOPS_PROJECT_ROOT=" + work,
		"MLOPS_RAW_DATA=" + filepath.Join(dir, "data", "sample", "sample.csv")}, fx.standIn...),
		"-c", strings.ReplaceAll(string(script), "PACKAGE", pkg), "demo-project", "champion", "challenger")
	records := `
import json, sys
sys.path.insert(0, "src")
from PACKAGE import model
frame = model.load_frame("data/sample/sample.csv").head(60)
frame = frame.assign(request_id=["req-%d" % i for i in range(len(frame))], user_id=["user-%d" % i for i in range(len(frame))])
frame[["request_id", model.TARGET]].to_csv(sys.argv[1], index=False)
print(json.dumps(frame[model.FEATURES + ["request_id", "user_id"]].to_dict("records")))
`
	out := runPython(t, dir, nil, "-c", strings.ReplaceAll(records, "PACKAGE", pkg), fx.labels)
	if err := json.Unmarshal(out, &fx.records); err != nil {
		t.Fatal(err)
	}
	return fx
}

func checkImageLayout(t *testing.T, stack scaffold.Stack, fx layoutFixture) {
	dir, files := renderStackLevels(t, stack, 4)
	pkg := scaffold.PackageName("demo-project")
	rendered := map[string][]byte{}
	for _, f := range files {
		rendered[f.Path] = f.Content
	}
	img := parseServingDockerfile(t, rendered["Dockerfile"])
	ignore := parseDockerignore(rendered[".dockerignore"])
	root := t.TempDir()
	buildLayout(t, dir, root, img, ignore)

	if !img.installsSelf {
		t.Fatal("the build stage does not install the project (pip install --no-deps .)")
	}
	// `pip install .` of the build stage puts src/<package> on the path.
	site := filepath.Join(root, "build", "src")
	if _, err := os.Stat(filepath.Join(site, pkg, "serve.py")); err != nil {
		t.Fatalf("the image layout has no serving code: %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, "build", "pyproject.toml")); err != nil {
		t.Fatalf("the image layout has no pyproject.toml to install: %v", err)
	}
	for _, leaked := range []string{"data", "tests", "artifacts", ".git"} {
		if _, err := os.Stat(filepath.Join(root, "build", leaked)); err == nil {
			t.Errorf("the image copies %s/", leaked)
		}
	}

	t.Run("requirements provide every import", func(t *testing.T) {
		checkImageImports(t, root, site, pkg, img)
	})
	t.Run("kubernetes mounts every path the service writes", func(t *testing.T) {
		checkWritableMounts(t, rendered, img)
	})

	abOn := fileExists(filepath.Join(root, "app", "configs", "ab_test.yaml"))
	standIn := fx.standIn
	// The durable prediction log as deploy/k8s configures it (parts in the tracking
	// store, here the stand-in), a part per request so the test reads it at once.
	env := append([]string{"PYTHONPATH=" + site, "MLOPS_MODEL_ALIAS=champion", "MLOPS_PREDICTION_LOG_STORE=tracking",
		"MLOPS_PREDICTION_LOG_FLUSH_ROWS=1"}, standIn...)
	stubRecord := filepath.Join(t.TempDir(), "otel.jsonl")
	if stack.Monitoring == "azure_monitor" {
		env = append(env, "PYTHONPATH="+site+string(os.PathListSeparator)+testdataPath(t, "otel_stub"),
			"OTEL_STUB_RECORD="+stubRecord,
			"APPLICATIONINSIGHTS_CONNECTION_STRING=InstrumentationKey=00000000-0000-0000-0000-000000000000")
	}
	srv := startServer(t, img, root, env)
	health := srv.waitHealthy(t)
	if health["status"] != "ok" || health["model_version"] == "" || health["model_version"] == "unknown" {
		t.Errorf("/health = %v, want status ok and the champion's version", health)
	}

	records := fx.records
	status, body := srv.predict(t, map[string]any{"records": records})
	if status != http.StatusOK {
		t.Fatalf("/predict answered %d: %s\n%s", status, body, srv.logs.String())
	}
	var answer struct {
		Predictions []map[string]any `json:"predictions"`
	}
	if err := json.Unmarshal(body, &answer); err != nil || len(answer.Predictions) != len(records) {
		t.Fatalf("/predict: %v, %d predictions for %d records: %s", err, len(answer.Predictions), len(records), body)
	}
	variants := map[string]int{}
	for _, p := range answer.Predictions {
		if v, ok := p["variant"].(string); ok {
			variants[v]++
		}
	}
	if abOn {
		if variants["champion"] == 0 || variants["challenger"] == 0 || variants["champion"]+variants["challenger"] != len(records) {
			t.Errorf("with the A/B test on every prediction carries its variant, both variants served: %v", variants)
		}
		checkABLog(t, dir, root, pkg, fx.labels)
	} else if len(variants) > 0 {
		t.Errorf("predictions carry a variant without an A/B test: %v", variants)
	}

	t.Run("predictions reach the durable log", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "collected.csv")
		collected := runPython(t, dir, append([]string{"PYTHONPATH=src", "MLOPS_PREDICTION_LOG_STORE=tracking"}, standIn...),
			"-m", pkg+".prediction_log", "collect", "--output", out)
		raw, err := os.ReadFile(out)
		if err != nil {
			t.Fatalf("%s: %v", collected, err)
		}
		lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
		if len(lines)-1 < len(records) {
			t.Errorf("the durable log holds %d predictions, the service answered %d: %s", len(lines)-1, len(records), collected)
		}
	})

	// the input contract is enforced at serve: a record out of its range is a 400
	bad := map[string]any{}
	for k, v := range records[0] {
		bad[k] = v
	}
	bad["tenure_months"] = -5000000
	if status, body := srv.predict(t, map[string]any{"records": []any{bad}}); status != http.StatusBadRequest || !strings.Contains(string(body), "tenure_months") {
		t.Errorf("a record breaking the input contract answered %d, want 400 naming the field: %s", status, body)
	}
	// a malformed request: the error counters exist once a request failed
	if status, body := srv.predict(t, map[string]any{"records": "not a list"}); status != http.StatusBadRequest {
		t.Errorf("a malformed body answered %d, want 400: %s", status, body)
	}
	t.Run("metrics of the alert rules and dashboards", func(t *testing.T) {
		if stack.Monitoring == "prometheus" {
			checkPrometheusExposure(t, dir, pkg, srv)
		} else {
			checkAzureExport(t, dir, pkg, srv, stubRecord, site)
		}
	})

	checkReleaseSmoke(t, stack, dir, root, site, pkg, img, rendered, records)

	if stack.Platform != "github_actions" {
		return // the serving code and image do not vary by CI platform: checked once per registry and monitoring
	}
	t.Run("a configured tracking server that does not answer stops the start", func(t *testing.T) {
		closed := fmt.Sprintf("http://127.0.0.1:%d", freePort(t))
		refused := startServer(t, img, root, []string{"PYTHONPATH=" + site, "MLOPS_MODEL_ALIAS=champion",
			"MLFLOW_TRACKING_URI=" + closed, "MLOPS_TRACKING_TIMEOUT=5"})
		logs, err := refused.waitExit(t)
		if err == nil || !strings.Contains(logs, "cannot be reached") {
			t.Errorf("the service must exit with an error naming the unreachable server, got %v:\n%s", err, logs)
		}
	})
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func checkImageImports(t *testing.T, root, site, pkg string, img dockerImage) {
	pins := installedRequirements(t, root, img.requirements)
	provided := map[string]string{}
	for dist := range pins {
		names, ok := pipProvides[dist]
		if !ok {
			t.Errorf("the image installs %s, which the test does not know: add it to pipProvides", dist)
		}
		for _, n := range names {
			provided[n] = dist
		}
	}
	entry := img.cmd[len(img.cmd)-1]
	out := runPython(t, root, nil, testdataPath(t, "imports.py"), site, pkg, entry)
	var found struct {
		ThirdParty     []string `json:"third_party"`
		MissingProject []string `json:"missing_project"`
		Modules        []string `json:"modules"`
	}
	if err := json.Unmarshal(out, &found); err != nil {
		t.Fatalf("imports.py: %v\n%s", err, out)
	}
	if len(found.MissingProject) > 0 {
		t.Errorf("the serving code imports project modules the image does not hold: %v", found.MissingProject)
	}
	for _, name := range found.ThirdParty {
		if !providedBy(name, provided) {
			t.Errorf("the serving code imports %s, which no requirement the image installs provides (installs %v)", name, keysOf(pins))
		}
	}
	t.Logf("serving modules %v; third-party imports %v", found.Modules, found.ThirdParty)
}

func providedBy(name string, provided map[string]string) bool {
	for prefix := range provided {
		if name == prefix || strings.HasPrefix(name, prefix+".") {
			return true
		}
	}
	return false
}

func keysOf[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// checkWritableMounts: with a read-only root filesystem, every folder the
// service writes (model downloads, the prediction log) must be a volume.
func checkWritableMounts(t *testing.T, rendered map[string][]byte, img dockerImage) {
	writes := []string{img.env["MLOPS_MODEL_CACHE_DIR"], "/app/data/predictions"}
	if writes[0] == "" {
		t.Fatal("the image sets no MLOPS_MODEL_CACHE_DIR for registry downloads")
	}
	for _, name := range []string{"deploy/k8s/deployment-blue.yml", "deploy/k8s/deployment-green.yml"} {
		var doc map[string]any
		if err := yaml.Unmarshal(rendered[name], &doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		containers, _ := lookup(doc, "spec", "template", "spec", "containers").([]any)
		for _, c := range containers {
			container, _ := c.(map[string]any)
			if lookup(container, "securityContext", "readOnlyRootFilesystem") != true {
				continue
			}
			mounted := map[string]bool{}
			mounts, _ := container["volumeMounts"].([]any)
			for _, m := range mounts {
				if p, ok := lookup(m, "mountPath").(string); ok {
					mounted[p] = true
				}
			}
			for _, w := range writes {
				if !mounted[w] {
					t.Errorf("%s: the root filesystem is read-only but %s, where the service writes, is not mounted", name, w)
				}
			}
		}
	}
}

// checkABLog: the prediction log of the image layout has a variant column
// that ab_compare analyses once labels are joined.
func checkABLog(t *testing.T, dir, root, pkg, labels string) {
	t.Helper()
	logPath := filepath.Join(root, "app", "data", "predictions", "predictions.csv")
	raw, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatalf("no prediction log in the image layout: %v", err)
	}
	header := strings.Split(strings.SplitN(string(raw), "\n", 2)[0], ",")
	if !contains(header, "variant") {
		t.Fatalf("the prediction log has no variant column: %v", header)
	}
	cmd := exec.Command(systemPython, "-m", pkg+".ab_compare", "--results", logPath, "--labels", labels,
		"--output", filepath.Join(t.TempDir(), "decision.json"))
	cmd.Dir = dir
	cmd.Env = append(baseEnv(), "PYTHONPATH=src")
	out, err := cmd.CombinedOutput()
	code := 0
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		code = exitErr.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	// 0 promote, 1 keep the champion, 3 keep collecting; 2 means unusable input.
	if code == 2 || code > 3 {
		t.Errorf("ab_compare cannot use the prediction log (exit %d):\n%s", code, out)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if strings.TrimSpace(v) == s {
			return true
		}
	}
	return false
}

// usedMetricNames is every metric of the project's namespace that the given
// alert rule and dashboard files mention; none at all fails the test.
func usedMetricNames(t *testing.T, dir, pkg string, files ...string) []string {
	t.Helper()
	pattern := regexp.MustCompile(`\b` + regexp.QuoteMeta(pkg) + `_[a-zA-Z0-9_]+\b`)
	var used []string
	for _, f := range files {
		used = append(used, pattern.FindAllString(string(readRendered(t, dir, f)), -1)...)
	}
	if len(used) == 0 {
		t.Fatalf("%v use no metric", files)
	}
	return used
}

// checkPrometheusExposure: every metric name of the alert rules and the
// dashboard is on GET /metrics of the running service, or pushed by the
// feedback job.
func checkPrometheusExposure(t *testing.T, dir, pkg string, srv *server) {
	exposed := map[string]bool{}
	body := string(srv.get(t, "/metrics"))
	script := `
import datetime, sys
sys.path.insert(0, "src")
from PACKAGE import feedback
print(feedback.exposition({"1": {"accuracy": 0.9, "f1": 0.9, "rows": 10}}, datetime.datetime.now(datetime.timezone.utc)))
`
	body += string(runPython(t, dir, nil, "-c", strings.ReplaceAll(script, "PACKAGE", pkg)))
	for _, line := range strings.Split(body, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name := line
		if i := strings.IndexAny(line, "{ "); i >= 0 {
			name = line[:i]
		}
		exposed[name] = true
	}
	for _, name := range usedMetricNames(t, dir, pkg, "monitoring/prometheus/alerts.yml", "monitoring/grafana/dashboard.json") {
		if !exposed[name] {
			t.Errorf("the alert rules or the dashboard use %s, which the service (and the feedback job) do not expose", name)
		}
	}
}

// checkAzureExport: the exporter is configured in the running service and
// creates an instrument for every metric the ARM alert rules and the workbook
// query (the live accuracy comes from the feedback job's publish).
func checkAzureExport(t *testing.T, dir, pkg string, srv *server, record, site string) {
	var summary struct {
		Exporter string         `json:"exporter"`
		Metrics  map[string]any `json:"metrics"`
	}
	if err := json.Unmarshal(srv.get(t, "/metrics"), &summary); err != nil {
		t.Fatal(err)
	}
	if summary.Exporter != "azure_monitor" {
		t.Errorf("the service does not export to Azure Monitor: exporter %q\n%s", summary.Exporter, srv.logs.String())
	}
	script := `
import sys
from PACKAGE import metrics
assert metrics.publish_feedback({"1": {"accuracy": 0.9}}) is True
`
	runPython(t, dir, []string{"PYTHONPATH=" + site + string(os.PathListSeparator) + testdataPath(t, "otel_stub"),
		"OTEL_STUB_RECORD=" + record,
		"APPLICATIONINSIGHTS_CONNECTION_STRING=InstrumentationKey=00000000-0000-0000-0000-000000000000"},
		"-c", strings.ReplaceAll(script, "PACKAGE", pkg))
	raw, err := os.ReadFile(record)
	if err != nil {
		t.Fatalf("the exporter recorded nothing: %v\n%s", err, srv.logs.String())
	}
	instruments := map[string]bool{}
	configured := false
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		var entry struct {
			Kind string `json:"kind"`
			Name string `json:"name"`
		}
		if err := json.Unmarshal([]byte(line), &entry); err != nil {
			t.Fatal(err)
		}
		switch entry.Kind {
		case "configure":
			configured = true
		case "instrument", "observe", "add", "record":
			instruments[entry.Name] = true
		}
	}
	if !configured {
		t.Error("configure_azure_monitor was never called")
	}
	for _, name := range usedMetricNames(t, dir, pkg, "monitoring/azure/alerts.json", "monitoring/azure/workbook.json") {
		if !instruments[name] {
			t.Errorf("the alert rules or the workbook query %s, which the exporter never sends (instruments %v)", name, keysOf(instruments))
		}
	}
}
