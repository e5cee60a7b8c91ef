package provider

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCLIQuickstart runs the quickstart example the way a user does: a built
// provider binary, dev_overrides, and plain `terraform plan` and `apply`. It
// is the one place the plan warning, which terraform-plugin-testing cannot
// see, is checked.
func TestCLIQuickstart(t *testing.T) {
	testAccPreCheck(t)
	terraform := os.Getenv("TF_ACC_TERRAFORM_PATH")
	pluginDir := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(pluginDir, "terraform-provider-mlops"), "../..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	work := t.TempDir()
	example, err := os.ReadFile("../../examples/quickstart/main.tf")
	if err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, filepath.Join(work, "main.tf"), string(example))
	cliConfig := filepath.Join(work, "dev.tfrc")
	writeTestFile(t, cliConfig, fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n",
		providerAddress(), pluginDir))

	run := func(args ...string) (string, error) {
		cmd := exec.Command(terraform, args...)
		cmd.Dir = work
		cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+cliConfig, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		return out.String(), err
	}

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
