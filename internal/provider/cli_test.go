package provider

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

// TestCLIQuickstart runs the quickstart example the way a user does: a built
// provider binary, dev_overrides, and plain `terraform plan` and `apply`. It
// is the one place the plan warning, which terraform-plugin-testing cannot
// see, is checked.
func TestCLIQuickstart(t *testing.T) {
	work, example, run := quickstart(t)

	out, err := run("plan", "-no-color", "-input=false", "-out=plan.tfplan")
	if err != nil {
		t.Fatalf("plan: %v\n%s", err, out)
	}
	for _, want := range []string{
		"Warning: MLOps maturity level 1 of target 2",
		"The project is at level 1 (DevOps but no MLOps) and targets level 2",
		"experiment_tracking",
		"ds_de_collaboration",
		"current_level   = 1",
		`"src/quickstart/train.py"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("plan output lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "Warning: MLOps maturity"); n != 1 {
		t.Errorf("plan shows %d maturity warnings, want exactly 1", n)
	}
	if out, err = run("apply", "-no-color", "-input=false", "plan.tfplan"); err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(work, "ml-project", "src", "quickstart", "train.py")); err != nil {
		t.Fatalf("apply did not write the scaffold: %v\n%s", err, out)
	}
	out, err = run("plan", "-no-color", "-input=false", "-detailed-exitcode")
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 2 {
		t.Fatalf("the plan after apply is not empty:\n%s", out)
	}
	if err != nil {
		t.Fatalf("second plan: %v\n%s", err, out)
	}
	if out, err = run("destroy", "-no-color", "-input=false", "-auto-approve"); err != nil {
		t.Fatalf("destroy: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(work, "ml-project", "src", "quickstart", "train.py")); !os.IsNotExist(err) {
		t.Fatalf("destroy left a generated file behind: %v", err)
	}

	// A target that is met plans without the warning.
	writeTestFile(t, filepath.Join(work, "main.tf"), strings.Replace(example, "target_level = 2", "target_level = 1", 1))
	out, err = run("plan", "-no-color", "-input=false")
	if err != nil {
		t.Fatalf("plan of a met target: %v\n%s", err, out)
	}
	if strings.Contains(out, "Warning: MLOps maturity") || !regexp.MustCompile(`target_met\s+= true`).MatchString(out) {
		t.Errorf("a met target must plan without the maturity warning:\n%s", out)
	}
}

// quickstart copies examples/quickstart into a fresh working folder and
// returns the folder, the example's text and a terraform runner for it.
func quickstart(t *testing.T) (string, string, func(args ...string) (string, error)) {
	t.Helper()
	example, err := os.ReadFile("../../examples/quickstart/main.tf")
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	writeTestFile(t, filepath.Join(work, "main.tf"), string(example))
	return work, string(example), cliRunner(t, work)
}

var builtProvider struct {
	once sync.Once
	dir  string
	err  error
}

// cliRunner builds the provider once per test binary and returns a function
// that runs the terraform CLI in work with dev_overrides pointing at it.
func cliRunner(t *testing.T, work string) func(args ...string) (string, error) {
	t.Helper()
	testAccPreCheck(t)
	builtProvider.once.Do(func() {
		builtProvider.dir, builtProvider.err = os.MkdirTemp("", "mlops-provider-")
		if builtProvider.err != nil {
			return
		}
		out, err := exec.Command("go", "build", "-o", filepath.Join(builtProvider.dir, "terraform-provider-mlops"), "../..").CombinedOutput()
		if err != nil {
			builtProvider.err = fmt.Errorf("go build: %w\n%s", err, out)
		}
	})
	if builtProvider.err != nil {
		t.Fatal(builtProvider.err)
	}
	cliConfig := filepath.Join(work, "dev.tfrc")
	writeTestFile(t, cliConfig, fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n",
		providerAddress(), builtProvider.dir))
	terraform := os.Getenv("TF_ACC_TERRAFORM_PATH")
	return func(args ...string) (string, error) {
		cmd := exec.Command(terraform, args...)
		cmd.Dir = work
		cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+cliConfig, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		return out.String(), err
	}
}

// TestCLITwoRunsOneFolder starts two terraform runs at once, from two
// configurations whose targets share an output_dir: exactly one wins, the
// other is refused with a clear error, and the folder stays consistent.
func TestCLITwoRunsOneFolder(t *testing.T) {
	shared := filepath.Join(t.TempDir(), "shared")
	type result struct {
		name string
		out  string
		err  error
	}
	results := make(chan result, 2)
	for _, name := range []string{"run-a", "run-b"} {
		work := t.TempDir()
		writeTestFile(t, filepath.Join(work, "main.tf"), fmt.Sprintf(`
terraform {
  required_providers {
    mlops = { source = "mlops-maturity/mlops" }
  }
}

resource "mlops_maturity_target" "t" {
  name         = %q
  target_level = 4
  scaffold     = "target_level"
  output_dir   = %q
}
`, name, shared))
		run := cliRunner(t, work)
		go func() {
			out, err := run("apply", "-no-color", "-input=false", "-auto-approve")
			results <- result{name, out, err}
		}()
	}
	var winners []string
	for i := 0; i < 2; i++ {
		r := <-results
		if r.err == nil {
			winners = append(winners, r.name)
			continue
		}
		if !regexp.MustCompile(`(output folder is locked|output_dir belongs to another target)`).MatchString(r.out) {
			t.Errorf("%s failed without the expected error:\n%s", r.name, r.out)
		}
	}
	if len(winners) != 1 {
		t.Fatalf("want exactly one successful run, got %v", winners)
	}
	m, err := scaffold.ReadManifest(shared)
	if err != nil || m == nil || m.Name != winners[0] {
		t.Fatalf("the manifest must belong to %s: %+v %v", winners[0], m, err)
	}
	status, err := scaffold.Inspect(shared, manifestHashes(m))
	if err != nil || len(status.Modified)+len(status.Missing) != 0 {
		t.Fatalf("the folder is inconsistent with its manifest: %+v %v", status, err)
	}
}

// providerAddress is the source address the provider binary serves.
func providerAddress() string {
	if ns := os.Getenv("TF_ACC_PROVIDER_NAMESPACE"); ns != "" {
		host := os.Getenv("TF_ACC_PROVIDER_HOST")
		if host == "" {
			host = "registry.terraform.io"
		}
		return host + "/" + ns + "/mlops"
	}
	return "registry.terraform.io/mlops-maturity/mlops"
}

// TestCLIStateFromVersion0 rewrites a real state to schema version 0 and
// checks that terraform upgrades it through the provider with no change to
// plan.
func TestCLIStateFromVersion0(t *testing.T) {
	work, _, run := quickstart(t)
	if out, err := run("apply", "-no-color", "-input=false", "-auto-approve"); err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	statePath := filepath.Join(work, "terraform.tfstate")
	raw, err := os.ReadFile(statePath)
	if err != nil {
		t.Fatal(err)
	}
	var state map[string]any
	if err := json.Unmarshal(raw, &state); err != nil {
		t.Fatal(err)
	}
	instance := state["resources"].([]any)[0].(map[string]any)["instances"].([]any)[0].(map[string]any)
	if v := instance["schema_version"]; v != float64(targetSchemaVersion) {
		t.Fatalf("a new state has schema_version %v, want %d", v, targetSchemaVersion)
	}
	instance["schema_version"] = 0
	raw, err = json.Marshal(state)
	if err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, statePath, string(raw))

	out, err := run("plan", "-no-color", "-input=false", "-detailed-exitcode")
	if err != nil {
		t.Fatalf("a version 0 state must upgrade to an empty plan: %v\n%s", err, out)
	}
	if out, err = run("apply", "-no-color", "-input=false", "-auto-approve", "-refresh-only"); err != nil {
		t.Fatalf("refresh: %v\n%s", err, out)
	}
	raw, err = os.ReadFile(statePath)
	if err != nil || !regexp.MustCompile(`"schema_version":\s*1`).Match(raw) {
		t.Fatalf("the state was not rewritten at version 1: %v\n%s", err, raw)
	}
}
