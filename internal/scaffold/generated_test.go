package scaffold_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/rhysd/actionlint"
	"gopkg.in/yaml.v3"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

// systemPython is the interpreter the generated tests run with: the one named
// by MLOPS_TEST_PYTHON, else the first python3 on PATH that imports the
// packages the generated code needs (pytest, numpy, pandas, scikit-learn,
// prometheus-client; Debian's python3-* packages), else the first python3 on
// PATH, whose failing import then names what is missing.
var systemPython = findPython()

const pythonModules = "pytest, numpy, pandas, sklearn, prometheus_client, yaml"

func findPython() string {
	if p := os.Getenv("MLOPS_TEST_PYTHON"); p != "" {
		return p
	}
	first := ""
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		if dir == "" {
			continue
		}
		candidate := filepath.Join(dir, "python3")
		if fi, err := os.Stat(candidate); err != nil || fi.IsDir() || fi.Mode()&0o111 == 0 {
			continue
		}
		if first == "" {
			first = candidate
		}
		if exec.Command(candidate, "-c", "import "+pythonModules).Run() == nil {
			return candidate
		}
	}
	if first == "" {
		return "python3"
	}
	return first
}

// renderLevels renders every capability of levels 1..level for a project
// named "demo-project" on the default stack and writes it to a fresh folder.
func renderLevels(t *testing.T, level int) (string, []scaffold.File) {
	t.Helper()
	return renderStackLevels(t, scaffold.DefaultStack, level)
}

// renderStackLevels is renderLevels for any stack.
func renderStackLevels(t *testing.T, stack scaffold.Stack, level int) (string, []scaffold.File) {
	t.Helper()
	cat := maturity.MustDefault()
	lib, err := scaffold.Builtin()
	if err != nil {
		t.Fatalf("parse built-in templates: %v", err)
	}
	ids := cat.IDsOf(cat.LevelSet(1, level))
	data := testData(t, lib, ids)
	data.Stack = stack
	files, err := lib.Render(stack, ids, data)
	if err != nil {
		t.Fatalf("render levels 1..%d: %v", level, err)
	}
	dir := t.TempDir()
	if keep := os.Getenv("MLOPS_KEEP_RENDER"); keep != "" {
		dir = filepath.Join(keep, stack.Platform, fmt.Sprintf("level-%d", level))
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range files {
		target := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(target, f.Content, f.Mode); err != nil {
			t.Fatal(err)
		}
	}
	return dir, files
}

// testData is what the templates see for the test project "demo-project"
// with the given capabilities.
func testData(t *testing.T, lib *scaffold.Library, ids []string) scaffold.Data {
	t.Helper()
	const name = "demo-project"
	pkg := scaffold.PackageName(name)
	vars, err := lib.ResolveVars(name, pkg, nil)
	if err != nil {
		t.Fatalf("resolve variables: %v", err)
	}
	caps := make(map[string]bool, len(ids))
	for _, id := range ids {
		caps[id] = true
	}
	return scaffold.Data{Name: name, Package: pkg, Stack: scaffold.DefaultStack, Vars: vars, Capabilities: caps}
}

// TestEveryCapabilityHasTemplates guards the default stack: each of the 28
// capabilities scaffolds at least one file.
func TestEveryCapabilityHasTemplates(t *testing.T) {
	cat := maturity.MustDefault()
	lib, err := scaffold.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range cat.IDs() {
		files, err := lib.Render(scaffold.DefaultStack, []string{id}, testData(t, lib, []string{id}))
		if err != nil {
			t.Errorf("%s: %v", id, err)
			continue
		}
		owned := 0
		for _, f := range files {
			if f.Capability == id {
				owned++
			}
		}
		if owned == 0 {
			t.Errorf("capability %s renders no file of its own on the default stack", id)
		}
	}
}

// TestGeneratedFilesAreValid renders the ladder level by level and checks
// every file with a real parser or linter, then runs the generated tests.
func TestGeneratedFilesAreValid(t *testing.T) {
	for level := 1; level <= 4; level++ {
		t.Run(fmt.Sprintf("levels-1-to-%d", level), func(t *testing.T) {
			dir, files := renderLevels(t, level)
			var python []string
			for _, f := range files {
				check := checkerFor(f.Path)
				if check != nil {
					if err := check(dir, f); err != nil {
						t.Errorf("%s (%s): %v", f.Path, f.Capability, err)
					}
				}
				if strings.HasSuffix(f.Path, ".py") {
					python = append(python, f.Path)
				}
			}
			checkPythonSyntax(t, dir, python)
			runGeneratedTests(t, dir)
		})
	}
}

type checker func(dir string, f scaffold.File) error

func checkerFor(p string) checker {
	base := filepath.Base(p)
	switch {
	case strings.HasPrefix(p, ".github/workflows/"):
		return checkWorkflow
	case strings.HasPrefix(p, "monitoring/prometheus/") && (strings.HasSuffix(p, ".yml") || strings.HasSuffix(p, ".yaml")):
		return checkPrometheusRules
	case strings.HasSuffix(p, ".yml") || strings.HasSuffix(p, ".yaml"):
		return checkYAML
	case strings.HasSuffix(p, ".json"):
		return checkJSON
	case base == "Dockerfile" || strings.HasPrefix(base, "Dockerfile.") || strings.HasSuffix(base, ".Dockerfile"):
		return checkDockerfile
	case strings.HasSuffix(p, ".toml"):
		return checkTOML
	}
	return nil
}

func checkYAML(_ string, f scaffold.File) error {
	_, err := yamlDocuments(f.Content)
	return err
}

// yamlDocuments parses every document of a YAML stream; an empty stream is
// an error.
func yamlDocuments(content []byte) ([]*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(content))
	var docs []*yaml.Node
	for {
		var node yaml.Node
		err := dec.Decode(&node)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		docs = append(docs, &node)
	}
	if len(docs) == 0 {
		return nil, errors.New("no YAML document")
	}
	return docs, nil
}

func checkJSON(_ string, f scaffold.File) error {
	var v any
	dec := json.NewDecoder(bytes.NewReader(f.Content))
	if err := dec.Decode(&v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("trailing data after the JSON value")
	}
	return nil
}

func checkWorkflow(dir string, f scaffold.File) error {
	if err := checkYAML(dir, f); err != nil {
		return err
	}
	sc, err := exec.LookPath("shellcheck")
	if err != nil {
		return errors.New("shellcheck not found on PATH: actionlint runs it on the run scripts (Debian: apt-get install shellcheck)")
	}
	opts := &actionlint.LinterOptions{LogWriter: io.Discard, Shellcheck: sc}
	var out bytes.Buffer
	linter, err := actionlint.NewLinter(&out, opts)
	if err != nil {
		return err
	}
	errs, err := linter.Lint(filepath.Join(dir, f.Path), f.Content, nil)
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		msgs := make([]string, len(errs))
		for i, e := range errs {
			msgs[i] = fmt.Sprintf("line %d: %s [%s]", e.Line, e.Message, e.Kind)
		}
		return fmt.Errorf("actionlint:\n  %s", strings.Join(msgs, "\n  "))
	}
	return nil
}

func checkPrometheusRules(dir string, f scaffold.File) error {
	promtool, err := exec.LookPath("promtool")
	if err != nil {
		return errors.New("promtool not found: install the Debian package prometheus (apt-get install prometheus)")
	}
	out, err := exec.Command(promtool, "check", "rules", filepath.Join(dir, f.Path)).CombinedOutput()
	if err != nil {
		return fmt.Errorf("promtool check rules: %w\n%s", err, out)
	}
	return nil
}

func checkDockerfile(_ string, f scaffold.File) error {
	res, err := parser.Parse(bytes.NewReader(f.Content))
	if err != nil {
		return err
	}
	if len(res.AST.Children) == 0 || !strings.EqualFold(firstInstruction(res.AST), "from") {
		return errors.New("a Dockerfile must start with FROM (after ARGs)")
	}
	return nil
}

func firstInstruction(root *parser.Node) string {
	for _, n := range root.Children {
		if !strings.EqualFold(n.Value, "arg") {
			return n.Value
		}
	}
	return ""
}

func checkTOML(dir string, f scaffold.File) error {
	python := requirePython()
	out, err := exec.Command(python, "-c", "import sys, tomllib; tomllib.load(open(sys.argv[1], 'rb'))", filepath.Join(dir, f.Path)).CombinedOutput()
	if err != nil {
		return fmt.Errorf("tomllib: %w\n%s", err, out)
	}
	return nil
}

func requirePython() string {
	return systemPython
}

func checkPythonSyntax(t *testing.T, dir string, files []string) {
	t.Helper()
	if len(files) == 0 {
		return
	}
	script := "import ast, sys\nfor p in sys.argv[1:]:\n    ast.parse(open(p, encoding='utf-8').read(), p)\n"
	args := append([]string{"-c", script}, files...)
	cmd := exec.Command(requirePython(), args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("python syntax check: %v\n%s", err, out)
	}
}

// runGeneratedTests runs pytest in the generated project with the system
// Python and its Debian packages; it fails loudly when they are missing.
func runGeneratedTests(t *testing.T, dir string) {
	t.Helper()
	if out, err := exec.Command(systemPython, "-c", "import "+pythonModules).CombinedOutput(); err != nil {
		t.Fatalf("the generated tests need %s with pytest, numpy, pandas, scikit-learn and prometheus-client "+
			"(apt-get install python3-pytest python3-numpy python3-pandas python3-sklearn python3-prometheus-client): %v\n%s",
			systemPython, err, out)
	}
	cmd := exec.Command(systemPython, "-m", "pytest", "-q", "-p", "no:cacheprovider")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PYTHONDONTWRITEBYTECODE=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("generated tests failed: %v\n%s", err, out)
	}
	if !bytes.Contains(out, []byte(" passed")) {
		t.Fatalf("generated tests collected nothing:\n%s", out)
	}
	t.Logf("generated tests: %s", lastLine(out))
}

func lastLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return lines[len(lines)-1]
}
