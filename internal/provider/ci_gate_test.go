package provider

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"
	"gopkg.in/yaml.v3"
)

const (
	ciGateWorkflow = "../../examples/ci-gate/.github/workflows/mlops-maturity.yml"
	ciGateConfig   = "../../examples/ci-gate/infra/mlops/main.tf"
)

// TestCIGateWorkflowPassesActionlint lints the example workflow with
// actionlint (and shellcheck on its run scripts, when installed).
func TestCIGateWorkflowPassesActionlint(t *testing.T) {
	content, err := os.ReadFile(ciGateWorkflow)
	if err != nil {
		t.Fatal(err)
	}
	opts := &actionlint.LinterOptions{LogWriter: io.Discard}
	sc, err := exec.LookPath("shellcheck")
	if err != nil {
		t.Fatal("shellcheck not found on PATH: it checks the workflow's run scripts (Debian: apt-get install shellcheck)")
	}
	opts.Shellcheck = sc
	var out bytes.Buffer
	linter, err := actionlint.NewLinter(&out, opts)
	if err != nil {
		t.Fatal(err)
	}
	errs, err := linter.Lint(ciGateWorkflow, content, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Errorf("actionlint: line %d: %s [%s]", e.Line, e.Message, e.Kind)
	}
	checkActionInputs(t, content)
	for _, want := range []string{"github/codeql-action/upload-sarif@", "GITHUB_STEP_SUMMARY", "enforce_minimum=true", "pull_request"} {
		if !bytes.Contains(content, []byte(want)) {
			t.Errorf("the workflow lacks %q", want)
		}
	}
}

// actionInputs are the inputs of the actions the workflow uses that
// actionlint has no metadata for, from their action.yml.
var actionInputs = map[string][]string{
	"github/codeql-action/upload-sarif": {"sarif_file", "checkout_path", "ref", "sha", "token", "matrix", "category", "wait-for-processing"},
	"hashicorp/setup-terraform": {"cli_config_credentials_hostname", "cli_config_credentials_token", "terraform_version",
		"terraform_version_file", "terraform_wrapper"},
}

// checkActionInputs rejects a with: key those actions do not define.
func checkActionInputs(t *testing.T, workflow []byte) {
	t.Helper()
	var wf struct {
		Jobs map[string]struct {
			Steps []struct {
				Uses string            `yaml:"uses"`
				With map[string]string `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(workflow, &wf); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, job := range wf.Jobs {
		for _, step := range job.Steps {
			action, _, _ := strings.Cut(step.Uses, "@")
			inputs, ok := actionInputs[action]
			if !ok {
				continue
			}
			checked++
			for key := range step.With {
				if !slices.Contains(inputs, key) {
					t.Errorf("%s has no input %q (inputs: %s)", action, key, strings.Join(inputs, ", "))
				}
			}
		}
	}
	if checked != len(actionInputs) {
		t.Errorf("checked the inputs of %d steps, want one per action of %v", checked, actionInputs)
	}
}

// TestCLICIGate runs the example's configuration the way its workflow does:
// a plan that publishes the reports, read back from `terraform show -json`
// at the paths the workflow's jq reads, then the gating plan, which passes
// at the minimum and fails above it.
func TestCLICIGate(t *testing.T) {
	config, err := os.ReadFile(ciGateConfig)
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	writeTestFile(t, filepath.Join(work, "main.tf"), string(config))
	run := cliRunner(t, work)

	if out, err := run("plan", "-no-color", "-input=false", "-lock=false", "-var", "enforce_minimum=false", "-out=assess.tfplan"); err != nil {
		t.Fatalf("assess plan: %v\n%s", err, out)
	}
	show, err := run("show", "-json", "assess.tfplan")
	if err != nil {
		t.Fatalf("show: %v\n%s", err, show)
	}
	var plan struct {
		PlannedValues struct {
			Outputs map[string]struct {
				Value any `json:"value"`
			} `json:"outputs"`
		} `json:"planned_values"`
	}
	if err := json.Unmarshal([]byte(show), &plan); err != nil {
		t.Fatalf("terraform show -json: %v", err)
	}
	output := func(name string) string {
		o, ok := plan.PlannedValues.Outputs[name]
		if !ok || o.Value == nil {
			t.Fatalf("the plan has no known output %s", name)
		}
		return fmt.Sprint(o.Value)
	}
	if got := output("current_level"); got != "1" {
		t.Errorf("current_level = %s, want 1", got)
	}
	if md := output("report_markdown"); !strings.HasPrefix(md, "# MLOps maturity of churn-model: level 1") {
		t.Errorf("report_markdown:\n%s", md)
	}
	schema := loadSARIFSchema(t)
	sarif := output("report_sarif")
	check := validSARIF(schema, func(ids []string) error {
		if len(ids) == 0 {
			return fmt.Errorf("the example project has gaps up to its target; SARIF has no result")
		}
		return nil
	})
	if err := check.CheckValue(sarif); err != nil {
		t.Error(err)
	}
	if !strings.Contains(sarif, `"uri":"infra/mlops/main.tf"`) {
		t.Error("the SARIF results do not point at the example's file")
	}
	for _, name := range []string{"scorecard_svg", "badge_svg"} {
		if err := wellFormedSVG("</svg>").CheckValue(output(name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}

	if out, err := run("plan", "-no-color", "-input=false", "-lock=false", "-var", "enforce_minimum=true"); err != nil {
		t.Errorf("the gate must pass at the minimum: %v\n%s", err, out)
	}
	writeTestFile(t, filepath.Join(work, "main.tf"), strings.Replace(string(config), "minimum_level = 1", "minimum_level = 3", 1))
	out, err := run("plan", "-no-color", "-input=false", "-lock=false", "-var", "enforce_minimum=true")
	if err == nil || !wrapTolerant(`Maturity level below the minimum`).MatchString(out) {
		t.Errorf("the gate must fail below the minimum (err %v):\n%s", err, out)
	}
}
