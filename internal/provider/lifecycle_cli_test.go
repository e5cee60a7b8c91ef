package provider

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

// The lifecycle of a scaffold, through the terraform CLI: a team's code is
// never lost, every plan that deletes names what, one folder has one owner.

// lifecycleConfig is a configuration with one target t of project proj;
// extra is added to its block.
func lifecycleConfig(outputDir, extra string) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    mlops = { source = "mlops-maturity/mlops" }
  }
}

resource "mlops_maturity_target" "t" {
  name         = "proj"
  target_level = 2
  output_dir   = %s
  capabilities = ["automated_data_pipeline", "automated_builds", "application_unit_tests", "model_integration_tests",
                  "automated_application_release", "scoring_script_versioned"%s]
%s}
`, outputDir, "", extra)
}

// lifecycleWork writes config into a fresh working folder and returns the
// folder and a terraform runner for it.
func lifecycleWork(t *testing.T, config string) (string, func(args ...string) (string, error)) {
	t.Helper()
	work := t.TempDir()
	writeTestFile(t, filepath.Join(work, "main.tf"), config)
	return work, cliRunner(t, work)
}

// mustRun runs terraform and fails the test on an error.
func mustRun(t *testing.T, run func(args ...string) (string, error), args ...string) string {
	t.Helper()
	// Flags go right after the (sub)command, before its arguments.
	n, flags := 1, []string{"-no-color", "-input=false"}
	if args[0] == "state" {
		n, flags = 2, []string{}
	}
	full := append(append(append([]string{}, args[:n]...), flags...), args[n:]...)
	out, err := run(full...)
	if err != nil {
		t.Fatalf("terraform %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// expectEmptyPlan fails unless terraform plans no changes.
func expectEmptyPlan(t *testing.T, run func(args ...string) (string, error), why string) {
	t.Helper()
	out, err := run("plan", "-no-color", "-input=false", "-detailed-exitcode")
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 2 {
		t.Fatalf("%s: the plan is not empty:\n%s", why, out)
	}
	if err != nil {
		t.Fatalf("%s: plan: %v\n%s", why, err, out)
	}
}

// stateAttribute reads one attribute of mlops_maturity_target.t from the
// state in work.
func stateAttribute(t *testing.T, work, name string) any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(work, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	var state struct {
		Resources []struct {
			Instances []struct {
				Attributes map[string]any `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(b, &state); err != nil || len(state.Resources) == 0 || len(state.Resources[0].Instances) == 0 {
		t.Fatalf("no target in the state: %v\n%s", err, b)
	}
	return state.Resources[0].Instances[0].Attributes[name]
}

// levelTwoIDs are the ids of the capabilities of level 2, quoted for HCL.
func levelTwoIDs() string {
	c := maturity.MustDefault()
	ids := c.IDsOf(c.LevelSet(2, 2))
	return `"` + strings.Join(ids, `", "`) + `"`
}

// TestCLISecondStateRefused: a second state whose target has the same name
// and output_dir is refused at plan with the import command, writes
// nothing, and once it imports the folder plans no changes.
func TestCLISecondStateRefused(t *testing.T) {
	shared := filepath.Join(t.TempDir(), "shared")
	config := lifecycleConfig(fmt.Sprintf("%q", shared), "")
	_, first := lifecycleWork(t, config)
	mustRun(t, first, "apply", "-auto-approve")
	before, err := os.ReadFile(filepath.Join(shared, scaffold.StateDir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}

	secondWork, second := lifecycleWork(t, config)
	out, err := second("plan", "-no-color", "-input=false")
	if err == nil || !wrapTolerant(`terraform import ADDRESS `+regexp.QuoteMeta(shared)).MatchString(out) ||
		!strings.Contains(out, "another resource instance") {
		t.Fatalf("a second state must be refused at plan with the import command: %v\n%s", err, out)
	}
	if out, err = second("apply", "-no-color", "-input=false", "-auto-approve"); err == nil {
		t.Fatalf("the second state's apply must fail:\n%s", out)
	}
	after, err := os.ReadFile(filepath.Join(shared, scaffold.StateDir, "manifest.json"))
	if err != nil || string(after) != string(before) {
		t.Fatalf("the refused state changed the manifest: %v", err)
	}
	mustRun(t, second, "import", "mlops_maturity_target.t", shared)
	expectEmptyPlan(t, second, "after the import")
	if stateAttribute(t, secondWork, "instance_id") == nil {
		t.Fatal("the import must carry the instance id")
	}
}

// TestCLIOutputDirSpellings: `${path.root}/x`, `x`, `./x/` and the absolute
// path are one folder: none of them plans a change; an import whose id is
// spelled otherwise plans no change either, whatever plan_warning and
// evidence_mode say.
func TestCLIOutputDirSpellings(t *testing.T) {
	extra := "  plan_warning  = false\n  evidence_mode = \"report\"\n  evidence_dir  = \"${path.root}\"\n"
	work, run := lifecycleWork(t, lifecycleConfig(`"${path.root}/proj"`, extra))
	mustRun(t, run, "apply", "-auto-approve")
	for _, spelling := range []string{`"proj"`, `"./proj/"`, fmt.Sprintf("%q", filepath.Join(work, "proj")), `"${path.root}/proj"`} {
		writeTestFile(t, filepath.Join(work, "main.tf"), lifecycleConfig(spelling, extra))
		expectEmptyPlan(t, run, "output_dir = "+spelling)
	}
	mustRun(t, run, "state", "rm", "mlops_maturity_target.t")
	mustRun(t, run, "import", "mlops_maturity_target.t", "./proj/")
	expectEmptyPlan(t, run, "after an import spelled ./proj/ with plan_warning = false")

	// Another folder is a move: the plan names what destroy deletes in
	// the old one, whatever plan_warning says.
	writeTestFile(t, filepath.Join(work, "main.tf"), lifecycleConfig(`"moved"`, extra))
	out := mustRun(t, run, "plan")
	if !wrapTolerant(`output_dir moves, which replaces the target. Destroy DELETES \d+ files from ./proj/ \(generated, never edited\): \.gitattributes,`).MatchString(out) ||
		!wrapTolerant(`and \d+ more`).MatchString(out) {
		t.Fatalf("a move must name the files destroy deletes in the old folder:\n%s", out)
	}
}

// TestCLILineEndingsAreNotEdits: a CRLF checkout of the whole scaffold
// (core.autocrlf = true) is no edit: after a refresh modified_files is
// empty and the plan is empty.
func TestCLILineEndingsAreNotEdits(t *testing.T) {
	work, run := lifecycleWork(t, lifecycleConfig(`"${path.root}/proj"`, ""))
	mustRun(t, run, "apply", "-auto-approve")
	root := filepath.Join(work, "proj")
	m, err := scaffold.ReadManifest(root)
	if err != nil || m == nil {
		t.Fatal(err)
	}
	rewritten := 0
	for rel := range m.Hashes() {
		if strings.HasSuffix(rel, ".csv") {
			continue // .gitattributes keeps data files exact in a checkout
		}
		p := filepath.Join(root, filepath.FromSlash(rel))
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if strings.ContainsRune(string(b), 0) || !strings.Contains(string(b), "\n") {
			continue
		}
		writeTestFile(t, p, strings.ReplaceAll(string(b), "\n", "\r\n"))
		rewritten++
	}
	if rewritten < 20 {
		t.Fatalf("only %d files rewritten", rewritten)
	}
	mustRun(t, run, "apply", "-refresh-only", "-auto-approve")
	if got := stateAttribute(t, work, "modified_files"); len(got.([]any)) != 0 {
		t.Fatalf("CRLF files are reported as edits: %v", got)
	}
	expectEmptyPlan(t, run, "after a CRLF checkout")
}

// TestCLIAdoptedFilesSurvive: once the team declares the capabilities the
// scaffold wrote, the plan hands their files over by name; -replace, a move
// of output_dir and destroy then keep every one of them, and their plans
// name what they delete.
func TestCLIAdoptedFilesSurvive(t *testing.T) {
	work, run := lifecycleWork(t, lifecycleConfig(`"${path.root}/proj"`, ""))
	mustRun(t, run, "apply", "-auto-approve")
	root := filepath.Join(work, "proj")
	generated, err := scaffold.ReadManifest(root)
	if err != nil || generated == nil {
		t.Fatal(err)
	}
	met := strings.Replace(lifecycleConfig(`"${path.root}/proj"`, ""), `"scoring_script_versioned"`, `"scoring_script_versioned", `+levelTwoIDs(), 1)
	writeTestFile(t, filepath.Join(work, "main.tf"), met)
	out := mustRun(t, run, "plan")
	if !wrapTolerant(`Apply hands \d+ files over to your team`).MatchString(out) || !regexp.MustCompile(`MLOPS.md`).MatchString(out) {
		t.Fatalf("the plan must name the files it hands over:\n%s", out)
	}
	mustRun(t, run, "apply", "-auto-approve")
	expectEmptyPlan(t, run, "after the hand-over")

	mustRun(t, run, "apply", "-auto-approve", "-replace=mlops_maturity_target.t")
	for rel := range generated.Files {
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(rel))); err != nil {
			t.Errorf("the replacement of a met target lost %s: %v", rel, err)
		}
	}
	expectEmptyPlan(t, run, "after the replacement")

	// A move of output_dir destroys the target in the old folder: the
	// plan names the report files it deletes there; the team's stay.
	writeTestFile(t, filepath.Join(work, "main.tf"), strings.Replace(met, `"${path.root}/proj"`, `"${path.root}/moved"`, 1))
	out = mustRun(t, run, "plan")
	if !wrapTolerant(`output_dir moves, which replaces the target. Destroy DELETES 3 files from ./proj \(generated, never edited\): MATURITY.md,`).MatchString(out) {
		t.Fatalf("the move must name what destroy deletes in the old folder:\n%s", out)
	}
	mustRun(t, run, "apply", "-auto-approve")
	expectKept(t, root, generated)

	out = mustRun(t, run, "plan", "-destroy")
	if !wrapTolerant(`Destroy DELETES 3 files from ./moved`).MatchString(out) || !strings.Contains(out, "MATURITY.md") {
		t.Fatalf("the destroy plan must name the files it deletes:\n%s", out)
	}
	mustRun(t, run, "destroy", "-auto-approve")
	if _, err := os.Stat(filepath.Join(work, "moved")); !os.IsNotExist(err) {
		t.Fatalf("destroy must remove the folder it created once empty: %v", err)
	}
}

// expectKept fails unless every file of the manifest m but the report is
// still in root.
func expectKept(t *testing.T, root string, m *scaffold.Manifest) {
	t.Helper()
	for rel, f := range m.Files {
		if f.Capability == scaffold.ReportCapability {
			continue
		}
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(rel))); err != nil {
			t.Errorf("%s, which the team adopted, is gone: %v", rel, err)
		}
	}
}

// TestCLIRootOutputDirRefused: an output_dir that is, or resolves to, the
// filesystem root or a system folder is refused at plan, and nothing is
// written.
func TestCLIRootOutputDirRefused(t *testing.T) {
	for dir, why := range map[string]string{
		`"/"`: "a filesystem root", `"${path.root}/rootlink/"`: "a filesystem root", `"${path.root}/rootlink/etc/.."`: "a filesystem root",
		`"/etc"`: "a system folder", `"${path.root}/rootlink/usr"`: "a system folder",
	} {
		t.Run(dir, func(t *testing.T) {
			work, run := lifecycleWork(t, lifecycleConfig(dir, ""))
			if err := os.Symlink("/", filepath.Join(work, "rootlink")); err != nil {
				t.Fatal(err)
			}
			out, err := run("plan", "-no-color", "-input=false")
			if err == nil || !wrapTolerant(`Unsafe output_dir`).MatchString(out) || !wrapTolerant(why).MatchString(out) {
				t.Fatalf("want the plan refused on output_dir: %v\n%s", err, out)
			}
			if out, err = run("apply", "-no-color", "-input=false", "-auto-approve"); err == nil {
				t.Fatalf("apply must fail:\n%s", out)
			}
			if _, err := os.Lstat("/" + scaffold.StateDir); err == nil {
				t.Fatal("something wrote a scaffold manifest into /")
			}
		})
	}
}

// TestCLIPlatformSwitchNamesDeletions: a switch of platform plans the
// deletion of the old pipeline files by name (the first ten, then a
// count), and apply deletes exactly those.
func TestCLIPlatformSwitchNamesDeletions(t *testing.T) {
	work, run := lifecycleWork(t, lifecycleConfig(`"${path.root}/proj"`, ""))
	mustRun(t, run, "apply", "-auto-approve")
	writeTestFile(t, filepath.Join(work, "main.tf"), lifecycleConfig(`"${path.root}/proj"`, "  platform = \"gitlab_ci\"\n  plan_warning = false\n"))
	out := mustRun(t, run, "plan")
	flat := strings.Join(strings.Fields(out), " ")
	if !regexp.MustCompile(`Apply DELETES \d+ files from \./proj \(generated, never edited\): \.github/CODEOWNERS, .*?\.github/workflows/train\.yml\.`).MatchString(flat) {
		t.Fatalf("the plan must name the GitHub files it deletes, also with plan_warning = false:\n%s", out)
	}
	mustRun(t, run, "apply", "-auto-approve")
	if _, err := os.Stat(filepath.Join(work, "proj", ".github")); !os.IsNotExist(err) {
		t.Fatalf("the GitHub workflows must be gone: %v", err)
	}
	expectEmptyPlan(t, run, "after the switch")
}

// TestCLISmallThings: scaffold = "none" writes nothing at all; apply warns
// once, with what it wrote and MLOPS.md; a folder inside a git repository
// but not at its root is warned about; destroy removes the folders it
// created.
func TestCLISmallThings(t *testing.T) {
	work, run := lifecycleWork(t, lifecycleConfig(`"${path.root}/a/b/proj"`, "  scaffold = \"none\"\n"))
	mustRun(t, run, "apply", "-auto-approve")
	if _, err := os.Stat(filepath.Join(work, "a")); !os.IsNotExist(err) {
		t.Fatalf("scaffold = \"none\" must write nothing: %v", err)
	}
	if err := os.Mkdir(filepath.Join(work, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, filepath.Join(work, "main.tf"), lifecycleConfig(`"${path.root}/a/b/proj"`, ""))
	out := mustRun(t, run, "plan")
	if !wrapTolerant(`is inside the git repository`).MatchString(out) {
		t.Fatalf("the plan must warn that pipelines only run from the repository root:\n%s", out)
	}
	out = mustRun(t, run, "apply", "-auto-approve")
	at := strings.Index(out, "Modifications complete")
	if at < 0 {
		t.Fatalf("no apply in:\n%s", out)
	}
	applied := withoutDevOverrideNotice(out[at:])
	if n := strings.Count(applied, "Warning:"); n != 1 ||
		!wrapTolerant(`Apply writes \d+ files into ./a/b/proj`).MatchString(applied) || !wrapTolerant(`Start with ./a/b/proj/MLOPS.md`).MatchString(applied) ||
		!wrapTolerant(`declare what your team owns: its files become yours`).MatchString(applied) {
		t.Fatalf("apply must end with one warning naming what it wrote and MLOPS.md (%d):\n%s", n, applied)
	}
	mustRun(t, run, "destroy", "-auto-approve")
	if _, err := os.Stat(filepath.Join(work, "a")); !os.IsNotExist(err) {
		t.Fatalf("destroy must remove the empty folders it created: %v", err)
	}
}

// TestCLIStateWithoutInstance: a state of schema version 2 written before
// instance ids (no instance_id attribute) plans no changes, and a refresh
// takes the id from the manifest.
func TestCLIStateWithoutInstance(t *testing.T) {
	work, run := lifecycleWork(t, lifecycleConfig(`"${path.root}/proj"`, ""))
	mustRun(t, run, "apply", "-auto-approve")
	want := stateAttribute(t, work, "instance_id")
	statePath := filepath.Join(work, "terraform.tfstate")
	b, err := os.ReadFile(statePath)
	if err != nil {
		t.Fatal(err)
	}
	var state map[string]any
	if err := json.Unmarshal(b, &state); err != nil {
		t.Fatal(err)
	}
	attrs := state["resources"].([]any)[0].(map[string]any)["instances"].([]any)[0].(map[string]any)["attributes"].(map[string]any)
	delete(attrs, "instance_id")
	b, err = json.Marshal(state)
	if err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, statePath, string(b))
	expectEmptyPlan(t, run, "a state without instance_id")
	mustRun(t, run, "apply", "-refresh-only", "-auto-approve")
	if got := stateAttribute(t, work, "instance_id"); got != want || want == nil {
		t.Fatalf("the refresh must take instance_id %v from the manifest, got %v", want, got)
	}
}
