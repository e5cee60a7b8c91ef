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

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
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
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`Warning: quickstart: MLOps level 1 of target 2`),
		regexp.MustCompile(`The project is at level 1 \(DevOps but no MLOps\)\.`),
		wrapTolerant(`Level 2 \(Automated Training\), its target, is missing:[^.]*ds_de_collaboration`),
		regexp.MustCompile(`Apply writes \d+ files into\s+./ml-project:[^.]*experiment_tracking \(\d+\)`),
		regexp.MustCompile(`current_level\s+= 1`),
		regexp.MustCompile(`file_count\s+= \d+`),
	} {
		if !want.MatchString(out) {
			t.Errorf("plan output does not match %s:\n%s", want, out)
		}
	}
	userView := withoutDevOverrideNotice(out)
	if n := strings.Count(userView, "Warning:"); n != 1 {
		t.Errorf("plan shows %d warnings, want exactly 1", n)
	}
	// A person reads this plan: it must fit one screen.
	if lines := strings.Count(userView, "\n"); lines > maxQuickstartPlanLines {
		t.Errorf("the quickstart plan prints %d lines, more than one screen (%d):\n%s", lines, maxQuickstartPlanLines, out)
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

	// An edit is kept and named in the plan; with overwrite_modified the
	// plan says, by name, that apply overwrites it.
	writeTestFile(t, filepath.Join(work, "ml-project", "MLOPS.md"), "# our notes\n")
	if out, err = run("plan", "-no-color", "-input=false"); err != nil || !strings.Contains(out, "Apply keeps your edits to MLOPS.md") {
		t.Errorf("the plan after an edit must name the kept file: %v\n%s", err, out)
	}
	overwrite := strings.Replace(example, "  target_level = 2\n", "  target_level = 2\n  overwrite_modified = true\n", 1)
	writeTestFile(t, filepath.Join(work, "main.tf"), overwrite)
	if out, err = run("plan", "-no-color", "-input=false"); err != nil || !regexp.MustCompile(`apply OVERWRITES your edits to\s+MLOPS.md`).MatchString(out) {
		t.Errorf("the plan with overwrite_modified must name the file it overwrites: %v\n%s", err, out)
	}
	writeTestFile(t, filepath.Join(work, "main.tf"), example)

	if out, err = run("destroy", "-no-color", "-input=false", "-auto-approve"); err != nil {
		t.Fatalf("destroy: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(work, "ml-project", "src", "quickstart", "train.py")); !os.IsNotExist(err) {
		t.Fatalf("destroy left a generated file behind: %v", err)
	}
	if b, err := os.ReadFile(filepath.Join(work, "ml-project", "MLOPS.md")); err != nil || string(b) != "# our notes\n" {
		t.Fatalf("destroy must keep the edited MLOPS.md: %q %v", b, err)
	}

	// A target that is met writes only its report, and once that is
	// written plans without a warning.
	writeTestFile(t, filepath.Join(work, "main.tf"), strings.Replace(example, "target_level = 2", "target_level = 1", 1))
	out, err = run("plan", "-no-color", "-input=false")
	if err != nil || !wrapTolerant(`meets its target of level 1\. Apply writes 3 files`).MatchString(out) ||
		!regexp.MustCompile(`target_met\s+= true`).MatchString(out) {
		t.Errorf("a met target must plan its report files only: %v\n%s", err, out)
	}
	if out, err = run("apply", "-no-color", "-input=false", "-auto-approve"); err != nil {
		t.Fatalf("apply of a met target: %v\n%s", err, out)
	}
	out, err = run("plan", "-no-color", "-input=false", "-detailed-exitcode")
	if err != nil || strings.Contains(withoutDevOverrideNotice(out), "Warning:") {
		t.Errorf("a met target with its report written must plan no changes and no warning: %v\n%s", err, out)
	}
}

// maxQuickstartPlanLines is one full-height terminal screen.
const maxQuickstartPlanLines = 85

// withoutDevOverrideNotice drops the notice terraform prints because the
// tests install the provider through dev_overrides, which users of a
// released provider never see.
func withoutDevOverrideNotice(out string) string {
	start := strings.Index(out, "Warning: Provider development overrides are in effect")
	if start < 0 {
		return out
	}
	end := strings.Index(out[start:], "releases.\n")
	if end < 0 {
		return out
	}
	return out[:start] + out[start+end+len("releases.\n"):]
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

// providerMirror is a filesystem mirror holding the built provider, for
// tests that run terraform init (see backendRunner).
var providerMirror struct {
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
	status, err := scaffold.Inspect(shared, m.Hashes())
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

// TestCLIStateFromEarlierVersions rewrites a state written by this
// provider into the shapes of schema versions 0 and 1 (the absolute path as
// id, gaps as objects, the files map, the report) and checks that terraform
// upgrades it through the provider to a plan with no changes, and that the
// refreshed state is version 2 and small.
func TestCLIStateFromEarlierVersions(t *testing.T) {
	work, _, run := quickstart(t)
	if out, err := run("apply", "-no-color", "-input=false", "-auto-approve"); err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	statePath := filepath.Join(work, "terraform.tfstate")
	current, err := os.ReadFile(statePath)
	if err != nil {
		t.Fatal(err)
	}
	manifest, err := scaffold.ReadManifest(filepath.Join(work, "ml-project"))
	if err != nil || manifest == nil {
		t.Fatalf("manifest: %v", err)
	}
	for _, version := range []int{0, 1} {
		t.Run(fmt.Sprintf("version %d", version), func(t *testing.T) {
			writeTestFile(t, statePath, string(stateOfVersion(t, current, version, filepath.Join(work, "ml-project"), manifest.Hashes())))
			out, err := run("plan", "-no-color", "-input=false", "-detailed-exitcode")
			if err != nil {
				t.Fatalf("a version %d state must upgrade to an empty plan: %v\n%s", version, err, out)
			}
			if out, err = run("apply", "-no-color", "-input=false", "-auto-approve", "-refresh-only"); err != nil {
				t.Fatalf("refresh: %v\n%s", err, out)
			}
			upgraded, err := os.ReadFile(statePath)
			if err != nil || !regexp.MustCompile(`"schema_version":\s*2`).Match(upgraded) {
				t.Fatalf("the state was not rewritten at version 2: %v\n%s", err, upgraded)
			}
			if strings.Contains(string(upgraded), work) || strings.Contains(string(upgraded), `"report":`) {
				t.Fatalf("the upgraded state still holds the absolute path or the report:\n%s", upgraded)
			}
		})
	}
}

// stateOfVersion rewrites the one resource instance of a version 2 state
// into the attributes a version 0 or 1 provider wrote.
func stateOfVersion(t *testing.T, raw []byte, version int, root string, files map[string]string) []byte {
	t.Helper()
	var state map[string]any
	if err := json.Unmarshal(raw, &state); err != nil {
		t.Fatal(err)
	}
	instance := state["resources"].([]any)[0].(map[string]any)["instances"].([]any)[0].(map[string]any)
	if v := instance["schema_version"]; v != float64(targetSchemaVersion) {
		t.Fatalf("a new state has schema_version %v, want %d", v, targetSchemaVersion)
	}
	attrs := instance["attributes"].(map[string]any)
	catalog := maturity.MustDefault()
	gaps := []any{}
	for _, id := range attrs["gaps"].([]any) {
		c, _ := catalog.Lookup(id.(string))
		gaps = append(gaps, map[string]any{"id": c.ID, "level": c.Level, "dimension": c.Dimension, "title": c.Title, "description": c.Description})
	}
	old := map[string]any{}
	for k, v := range attrs {
		old[k] = v
	}
	for _, k := range []string{"file_count", "files_sha256", "plan_warning", "evidence_dir", "evidence_mode",
		"detected_capabilities", "declared_without_evidence", "detected_not_declared"} {
		delete(old, k)
	}
	old["id"] = root
	old["gaps"] = gaps
	old["files"] = files
	old["report"] = "# MLOps maturity: level 1 (DevOps but no MLOps)\n"
	instance["attributes"] = old
	instance["schema_version"] = version
	out, err := json.Marshal(state)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCLIWorkspaceMoves copies a workspace, state and scaffold, to another
// path: the copy plans no changes, refreshes without losing a file, and
// destroys its own scaffold, even once the original path is gone.
func TestCLIWorkspaceMoves(t *testing.T) {
	work, _, run := quickstart(t)
	if out, err := run("apply", "-no-color", "-input=false", "-auto-approve"); err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	moved := filepath.Join(t.TempDir(), "checkout")
	if out, err := exec.Command("cp", "-a", work, moved).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v\n%s", err, out)
	}
	if err := os.RemoveAll(work); err != nil {
		t.Fatal(err)
	}
	runMoved := cliRunner(t, moved)
	out, err := runMoved("plan", "-no-color", "-input=false", "-detailed-exitcode")
	if err != nil {
		t.Fatalf("the moved workspace must plan no changes: %v\n%s", err, out)
	}
	if out, err = runMoved("apply", "-no-color", "-input=false", "-auto-approve", "-refresh-only"); err != nil {
		t.Fatalf("refresh: %v\n%s", err, out)
	}
	if out, err = runMoved("plan", "-no-color", "-input=false", "-detailed-exitcode"); err != nil {
		t.Fatalf("the moved workspace must still plan no changes after a refresh: %v\n%s", err, out)
	}
	if out, err = runMoved("destroy", "-no-color", "-input=false", "-auto-approve"); err != nil {
		t.Fatalf("destroy: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(moved, "ml-project")); !os.IsNotExist(err) {
		t.Fatalf("destroy must remove the output folder it created once empty: %v", err)
	}
}

// TestCLIReplace: terraform apply -replace on a folder that holds the
// target's own scaffold destroys it (keeping an edited file) and writes it
// again; the next plan is empty.
func TestCLIReplace(t *testing.T) {
	work, _, run := quickstart(t)
	if out, err := run("apply", "-no-color", "-input=false", "-auto-approve"); err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	edited := filepath.Join(work, "ml-project", "MLOPS.md")
	writeTestFile(t, edited, "# our notes\n")
	out, err := run("apply", "-no-color", "-input=false", "-auto-approve", "-replace=mlops_maturity_target.quickstart")
	if err != nil {
		t.Fatalf("apply -replace: %v\n%s", err, out)
	}
	if b, err := os.ReadFile(edited); err != nil || string(b) != "# our notes\n" {
		t.Fatalf("the edit was lost in the replacement: %q %v", b, err)
	}
	if _, err := os.Stat(filepath.Join(work, "ml-project", "src", "quickstart", "train.py")); err != nil {
		t.Fatalf("the replacement did not write the scaffold again: %v", err)
	}
	if out, err = run("plan", "-no-color", "-input=false", "-detailed-exitcode"); err != nil {
		t.Fatalf("the plan after the replacement must be empty: %v\n%s", err, out)
	}
}

// portfolioFleetConfig is a portfolio of n projects, each at level 1 aiming
// for 2 with a minimum of 1 (the benchmark's fleet), with extra attributes
// (such as reports) in the data source.
func portfolioFleetConfig(n int, extra string) string {
	return fmt.Sprintf(`
terraform {
  required_providers {
    mlops = { source = "mlops-maturity/mlops" }
  }
}

locals {
  projects = {
    for i in range(%d) : format("project-%%04d", i) => {
      target_level  = 2
      capabilities  = [%s]
      minimum_level = 1
    }
  }
}

data "mlops_portfolio" "fleet" {
  projects = local.projects
  %s
}

output "histogram" {
  value = data.mlops_portfolio.fleet.level_histogram
}
`, n, level1IDs, extra)
}

// TestCLIPortfolioStateSize applies a portfolio of 1,000 projects with the
// real CLI and reads terraform's state file: with the default outputs it
// keeps at most 1 KB a project (its own input included); the rendered
// reports, when asked for, are most of the state.
func TestCLIPortfolioStateSize(t *testing.T) {
	const n = 1000
	sizes := map[string]int64{}
	for _, c := range []struct{ name, extra string }{
		{"default", ""},
		{"all reports", allReports},
	} {
		work := t.TempDir()
		writeTestFile(t, filepath.Join(work, "main.tf"), portfolioFleetConfig(n, c.extra))
		run := cliRunner(t, work)
		if out, err := run("apply", "-no-color", "-input=false", "-auto-approve"); err != nil {
			t.Fatalf("%s: apply: %v\n%s", c.name, err, out)
		}
		info, err := os.Stat(filepath.Join(work, "terraform.tfstate"))
		if err != nil {
			t.Fatal(err)
		}
		sizes[c.name] = info.Size()
		t.Logf("%s: state %d bytes, %.0f bytes a project", c.name, info.Size(), float64(info.Size())/n)
	}
	if per := sizes["default"] / n; per > 1024 {
		t.Errorf("the default portfolio keeps %d bytes of state a project, more than 1 KB", per)
	}
	if sizes["all reports"] < 2*sizes["default"] {
		t.Errorf("the reports should dominate the state when asked for: %d bytes with them, %d without", sizes["all reports"], sizes["default"])
	}
}
