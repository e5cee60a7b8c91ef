package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

const targetAddress = "mlops_maturity_target.test"

func targetConfig(dir, extra string) string {
	return targetConfigAt(dir, 2, extra)
}

// targetConfigAt is a level 1 project aiming for target, with extra lines.
func targetConfigAt(dir string, target int, extra string) string {
	return fmt.Sprintf(`
resource "mlops_maturity_target" "test" {
  name         = "demo-app"
  target_level = %d
  output_dir   = %q
  capabilities = %s
%s
}`, target, dir, level1HCL, extra)
}

func at(name string) tfjsonpath.Path { return tfjsonpath.New(name) }

// atLeast checks a known number in a plan or state.
func atLeast(minimum int64) func(int64) error {
	return func(v int64) error {
		if v < minimum {
			return fmt.Errorf("%d is below %d", v, minimum)
		}
		return nil
	}
}

// TestMaturityTargetLifecycle walks a level 1 project to its level 2
// scaffold: plan-time values, apply, an empty re-plan, a user edit that is
// kept, a deleted file that comes back, import, and a destroy that keeps the
// edit.
func TestMaturityTargetLifecycle(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "project")
	edited := "MLOPS.md"
	deleted := ".github/workflows/train.yml"
	level2 := maturity.MustDefault().IDsOf(maturity.MustDefault().LevelSet(2, 2))
	nextGaps := make([]knownvalue.Check, len(level2))
	for i, id := range level2 {
		nextGaps[i] = knownvalue.StringExact(id)
	}

	resource.UnitTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if _, err := os.Stat(filepath.Join(dir, edited)); err != nil {
				return fmt.Errorf("the edited %s must survive destroy: %w", edited, err)
			}
			for _, gone := range []string{"src/demo_app/train.py", deleted, ".mlops/manifest.json"} {
				if _, err := os.Stat(filepath.Join(dir, gone)); !os.IsNotExist(err) {
					return fmt.Errorf("%s must be removed by destroy (stat: %w)", gone, err)
				}
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: targetConfig(dir, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(targetAddress, plancheck.ResourceActionCreate),
					plancheck.ExpectKnownValue(targetAddress, at("current_level"), knownvalue.Int64Exact(1)),
					plancheck.ExpectKnownValue(targetAddress, at("next_level"), knownvalue.Int64Exact(2)),
					plancheck.ExpectKnownValue(targetAddress, at("target_met"), knownvalue.Bool(false)),
					plancheck.ExpectKnownValue(targetAddress, at("next_level_gaps"), knownvalue.ListExact(nextGaps)),
					plancheck.ExpectKnownValue(targetAddress, at("gaps"), knownvalue.ListSizeExact(len(level2))),
					plancheck.ExpectKnownValue(targetAddress, at("id"), knownvalue.StringExact("demo-app")),
					plancheck.ExpectKnownValue(targetAddress, at("file_count"), knownvalue.Int64Func(atLeast(15))),
					plancheck.ExpectKnownValue(targetAddress, at("files_sha256"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{64}$`))),
					plancheck.ExpectKnownValue(targetAddress, at("modified_files"), knownvalue.ListSizeExact(0)),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					expectFilesOnDisk(dir, 15).including(map[string]string{"src/demo_app/train.py": "", deleted: "", edited: ""}),
					statecheck.ExpectKnownValue(targetAddress, at("scaffold"), knownvalue.StringExact("next_level")),
					statecheck.ExpectKnownValue(targetAddress, at("platform"), knownvalue.StringExact("github_actions")),
					statecheck.ExpectKnownValue(targetAddress, at("overwrite_modified"), knownvalue.Bool(false)),
				},
			},
			{
				Config: targetConfig(dir, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			},
			{
				PreConfig: func() {
					writeTestFile(t, filepath.Join(dir, edited), "# our own notes\n")
					if err := os.Remove(filepath.Join(dir, filepath.FromSlash(deleted))); err != nil {
						t.Fatal(err)
					}
				},
				Config: targetConfig(dir, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(targetAddress, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(targetAddress, at("modified_files"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(edited)})),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					expectFilesOnDisk(dir, 15, edited),
					statecheck.ExpectKnownValue(targetAddress, at("modified_files"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(edited)})),
				},
				Check: func(*terraform.State) error {
					b, err := os.ReadFile(filepath.Join(dir, edited))
					if err != nil || string(b) != "# our own notes\n" {
						return fmt.Errorf("the user's edit of %s was lost: %q, %w", edited, b, err)
					}
					if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(deleted))); err != nil {
						return fmt.Errorf("the deleted %s was not re-created: %w", deleted, err)
					}
					return nil
				},
			},
			{
				Config: targetConfig(dir, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			},
			{
				ResourceName:      targetAddress,
				ImportState:       true,
				ImportStateId:     dir,
				ImportStateVerify: true,
			},
		},
	})
}

// TestMaturityTargetOverwriteModified: with the opt-in, an edited file is
// rewritten with the generated content.
func TestMaturityTargetOverwriteModified(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "project")
	resource.UnitTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: targetConfig(dir, "")},
			{
				PreConfig: func() { writeTestFile(t, filepath.Join(dir, "MLOPS.md"), "edited\n") },
				Config:    targetConfig(dir, "  overwrite_modified = true"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(targetAddress, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(targetAddress, at("modified_files"), knownvalue.ListSizeExact(0)),
				}},
				ConfigStateChecks: []statecheck.StateCheck{expectFilesOnDisk(dir, 15)},
				Check: func(*terraform.State) error {
					if b, err := os.ReadFile(filepath.Join(dir, "MLOPS.md")); err != nil || string(b) == "edited\n" {
						return fmt.Errorf("overwrite_modified did not rewrite the edited MLOPS.md: %q, %w", b, err)
					}
					return nil
				},
			},
			{
				Config:           targetConfig(dir, "  overwrite_modified = true"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// TestMaturityTargetWholeLadder: scaffold = "target_level" from nothing
// writes the files of all 28 capabilities.
func TestMaturityTargetWholeLadder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ladder")
	config := fmt.Sprintf(`
resource "mlops_maturity_target" "test" {
  name         = "ladder"
  target_level = 4
  output_dir   = %q
  scaffold     = "target_level"
  variables    = { python_version = "3.11" }
}`, dir)
	resource.UnitTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(targetAddress, at("current_level"), knownvalue.Int64Exact(0)),
					plancheck.ExpectKnownValue(targetAddress, at("gaps"), knownvalue.ListSizeExact(28)),
				}},
				ConfigStateChecks: []statecheck.StateCheck{expectFilesOnDisk(dir, 60)},
				Check: func(*terraform.State) error {
					m, err := scaffold.ReadManifest(dir)
					if err != nil || m == nil {
						return fmt.Errorf("manifest: %w", err)
					}
					owners := map[string]bool{}
					for _, f := range m.Files {
						owners[f.Capability] = true
					}
					for _, id := range maturity.MustDefault().IDs() {
						if !owners[id] {
							return fmt.Errorf("no file of capability %s was written", id)
						}
					}
					b, err := os.ReadFile(filepath.Join(dir, "mlops.yaml"))
					if err != nil || !strings.Contains(string(b), `python_version: "3.11"`) {
						return fmt.Errorf("variables did not reach the templates: %w\n%s", err, b)
					}
					return nil
				},
			},
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// TestMaturityTargetTemplateDir: a user template replaces the built-in one
// at the same path, and adds new files.
func TestMaturityTargetTemplateDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "project")
	templates := t.TempDir()
	writeTestFile(t, filepath.Join(templates, "common/experiment_tracking/src/{{.Package}}/train.py.tmpl"),
		"# {{ .Name }} trains with the team's own code\nprint({{ .Vars.team | quote }})\n")
	writeTestFile(t, filepath.Join(templates, "common/ds_de_collaboration/docs/ONCALL.md.tmpl"), "On call: {{ .Vars.team }}\n")
	config := targetConfig(dir, fmt.Sprintf("  template_dir = %q\n  variables = { team = \"ml-platform\" }", templates))
	resource.UnitTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{expectFilesOnDisk(dir, 15).including(map[string]string{
					"src/demo_app/train.py": hashOf([]byte("# demo-app trains with the team's own code\nprint(\"ml-platform\")\n")),
					"docs/ONCALL.md":        hashOf([]byte("On call: ml-platform\n")),
				})},
			},
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// TestMaturityTargetScaffoldScopes pins what each scope writes.
func TestMaturityTargetScaffoldScopes(t *testing.T) {
	tests := []struct {
		scope   string
		caps    string
		count   knownvalue.Check
		managed map[string]string
	}{
		{"none", level1HCL, knownvalue.Int64Exact(0), nil},
		{"next_level", `[]`, knownvalue.Int64Func(atLeast(5)), map[string]string{"src/demo_app/score.py": ""}},
	}
	for _, tt := range tests {
		t.Run(tt.scope, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "project")
			config := fmt.Sprintf(`
resource "mlops_maturity_target" "test" {
  name         = "demo-app"
  target_level = 3
  output_dir   = %q
  scaffold     = %q
  capabilities = %s
}`, dir, tt.scope, tt.caps)
			resource.UnitTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: config,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectKnownValue(targetAddress, at("file_count"), tt.count),
					}},
					ConfigStateChecks: []statecheck.StateCheck{expectFilesOnDisk(dir, 0).including(tt.managed)},
				}},
			})
		})
	}
}

// TestMaturityTargetTargetMetWritesOnlyReports: once the target is met, the
// next_level scope writes no capability's files, only the report.
func TestMaturityTargetTargetMetWritesOnlyReports(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "project")
	resource.UnitTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "mlops_maturity_target" "test" {
  name         = "done"
  target_level = 1
  output_dir   = %q
  capabilities = %s
}`, dir, level1HCL),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectKnownValue(targetAddress, at("target_met"), knownvalue.Bool(true)),
				plancheck.ExpectKnownValue(targetAddress, at("file_count"), knownvalue.Int64Exact(3)),
				plancheck.ExpectKnownValue(targetAddress, at("gaps"), knownvalue.ListSizeExact(0)),
			}},
			ConfigStateChecks: []statecheck.StateCheck{expectFilesOnDisk(dir, 3).including(map[string]string{
				"MATURITY.md": "", "docs/maturity/scorecard.svg": "", "docs/maturity/badge.svg": "",
			})},
		}},
	})
}

// TestMaturityTargetLeavesUnmanagedFilesAlone: a file the user already has at
// a path the scaffold would write is never overwritten nor managed.
func TestMaturityTargetLeavesUnmanagedFilesAlone(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "project")
	own := filepath.Join(dir, "MLOPS.md")
	writeTestFile(t, own, "# the team's own MLOPS.md\n")
	resource.UnitTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: targetConfig(dir, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					expectFilesOnDisk(dir, 15).including(map[string]string{"src/demo_app/train.py": ""}),
				},
				Check: func(*terraform.State) error {
					b, _ := os.ReadFile(own)
					if string(b) != "# the team's own MLOPS.md\n" {
						return fmt.Errorf("an unmanaged file was overwritten: %q", b)
					}
					m, err := scaffold.ReadManifest(dir)
					if err != nil {
						return err
					}
					if _, managed := m.Files["MLOPS.md"]; managed {
						return fmt.Errorf("the user's own MLOPS.md must not become managed")
					}
					return nil
				},
			},
			{
				Config:           targetConfig(dir, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
	b, _ := os.ReadFile(own)
	if string(b) != "# the team's own MLOPS.md\n" {
		t.Fatalf("destroy touched the user's own file: %q", b)
	}
}

// TestMaturityTargetOtherStacks: each other platform, registry and monitoring
// stack writes its own files (and, off GitHub, no GitHub workflow).
func TestMaturityTargetOtherStacks(t *testing.T) {
	tests := []struct {
		name     string
		target   int
		extra    string
		want     []string
		noGitHub bool
	}{
		{"gitlab_ci", 2, `  platform = "gitlab_ci"`, []string{".gitlab-ci.yml", ".gitlab/ci/automated_training.yml"}, true},
		{"azure_pipelines", 2, `  platform = "azure_pipelines"`, []string{".azure/pipelines/automated_training.yml"}, true},
		{"azureml", 2, `  registry = "azureml"`, []string{"src/demo_app/tracking.py", "azureml/train-job.yml"}, false},
		{"azure_monitor", 4, "  monitoring = \"azure_monitor\"\n  scaffold   = \"target_level\"",
			[]string{"monitoring/azure/alerts.json", "monitoring/azure/workbook.json", "src/demo_app/metrics.py"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "project")
			files := map[string]string{}
			for _, p := range tt.want {
				files[p] = ""
			}
			config := targetConfigAt(dir, tt.target, tt.extra)
			resource.UnitTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: config,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectKnownValue(targetAddress, at("files_sha256"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{64}$`))),
					}},
					ConfigStateChecks: []statecheck.StateCheck{expectFilesOnDisk(dir, 15).including(files)},
					Check: func(*terraform.State) error {
						if _, err := os.Stat(filepath.Join(dir, ".github")); tt.noGitHub && !os.IsNotExist(err) {
							return fmt.Errorf("%s scaffold wrote .github/: %w", tt.name, err)
						}
						return nil
					},
				}},
			})
		})
	}
}

// TestMaturityTargetUnknownInputs: with an input known only after another
// resource applies, the computed values are unknown in the plan, apply
// still writes the scaffold, and the next plan is empty.
func TestMaturityTargetUnknownInputs(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "project")
	config := fmt.Sprintf(`
resource "terraform_data" "level" {
  input = 2
}

resource "mlops_maturity_target" "test" {
  name         = "demo-app"
  target_level = terraform_data.level.output
  output_dir   = %q
  capabilities = %s
}`, dir, level1HCL)
	resource.UnitTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectUnknownValue(targetAddress, at("current_level")),
					plancheck.ExpectUnknownValue(targetAddress, at("files_sha256")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(targetAddress, at("current_level"), knownvalue.Int64Exact(1)),
					expectFilesOnDisk(dir, 15),
				},
			},
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// TestMaturityTargetSwitchStackAndName: changing platform, then name, is an
// in-place update. Apply writes the new scaffold for every capability the
// old one served, removes the old files nobody edited, and leaves an edited
// one in place, unmanaged. The next plan is empty.
func TestMaturityTargetSwitchStackAndName(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "project")
	editedWorkflow := ".github/workflows/train.yml"
	renamed := func(name, extra string) string {
		return strings.Replace(targetConfig(dir, extra), `name         = "demo-app"`, fmt.Sprintf("name         = %q", name), 1)
	}
	notExist := func(paths ...string) error {
		for _, p := range paths {
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p))); !os.IsNotExist(err) {
				return fmt.Errorf("%s must be gone (stat: %w)", p, err)
			}
		}
		return nil
	}
	resource.UnitTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: targetConfig(dir, ""), ConfigStateChecks: []statecheck.StateCheck{
				expectFilesOnDisk(dir, 15).including(map[string]string{editedWorkflow: "", ".github/CODEOWNERS": ""}),
			}},
			{
				PreConfig: func() { writeTestFile(t, filepath.Join(dir, editedWorkflow), "# our own training workflow\n") },
				Config:    targetConfig(dir, `  platform = "gitlab_ci"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(targetAddress, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(targetAddress, at("modified_files"), knownvalue.ListSizeExact(0)),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					expectFilesOnDisk(dir, 15).including(map[string]string{".gitlab-ci.yml": "", ".gitlab/ci/automated_training.yml": ""}),
				},
				Check: func(*terraform.State) error {
					if b, err := os.ReadFile(filepath.Join(dir, editedWorkflow)); err != nil || string(b) != "# our own training workflow\n" {
						return fmt.Errorf("the edited workflow was lost: %q %w", b, err)
					}
					m, err := scaffold.ReadManifest(dir)
					if err != nil {
						return err
					}
					for p := range m.Files {
						if strings.HasPrefix(p, ".github/") {
							return fmt.Errorf("%s of the old stack is still managed", p)
						}
					}
					return notExist(".github/CODEOWNERS")
				},
			},
			{
				Config:           targetConfig(dir, `  platform = "gitlab_ci"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config: renamed("churn-model", `  platform = "gitlab_ci"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(targetAddress, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(targetAddress, at("id"), knownvalue.StringExact("churn-model")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					expectFilesOnDisk(dir, 15).including(map[string]string{"src/churn_model/train.py": ""}),
				},
				Check: func(*terraform.State) error { return notExist("src/demo_app/train.py") },
			},
			{
				Config:           renamed("churn-model", `  platform = "gitlab_ci"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// TestMaturityTargetClashingOutputDirs: two targets of one configuration on
// the same folder, or one nested in the other, fail at plan on output_dir,
// naming both, before anything is written.
func TestMaturityTargetClashingOutputDirs(t *testing.T) {
	tests := []struct {
		name         string
		first, other string
		want         string
	}{
		{"same folder", "shared", "shared", `the same output_dir`},
		{"nested folder", "outer", "outer/inner", `an output_dir nested with this one`},
		{"enclosing folder", "outer/inner", "outer", `an output_dir nested with this one`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			world := t.TempDir()
			before := treeSnapshot(t, world)
			config := fmt.Sprintf(`
resource "mlops_maturity_target" "a" {
  name         = "project-a"
  target_level = 2
  output_dir   = %q
}

resource "mlops_maturity_target" "b" {
  name         = "project-b"
  target_level = 2
  output_dir   = %q
}`, filepath.Join(world, tt.first), filepath.Join(world, tt.other))
			resource.UnitTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      config,
					ExpectError: wrapTolerant(`(?s)Two targets share an output folder.*Targets "project-[ab]" and "project-[ab]" both plan into.*` + tt.want),
				}},
			})
			if diff := diffSnapshots(before, treeSnapshot(t, world)); diff != "" {
				t.Fatalf("a refused plan changed the filesystem:\n%s", diff)
			}
		})
	}
}

// TestMaturityTargetDestroyRemovesCreatedFolder: destroy removes the
// output folder it created once nothing is left in it, and leaves a folder
// that existed before.
func TestMaturityTargetDestroyRemovesCreatedFolder(t *testing.T) {
	for _, existed := range []bool{false, true} {
		t.Run(fmt.Sprintf("existed=%v", existed), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "project")
			if existed {
				if err := os.Mkdir(dir, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			resource.UnitTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				CheckDestroy: func(*terraform.State) error {
					_, err := os.Stat(dir)
					if existed != (err == nil) {
						return fmt.Errorf("after destroy the folder exists = %v, want %v (%w)", err == nil, existed, err)
					}
					return nil
				},
				Steps: []resource.TestStep{{
					Config:            targetConfig(dir, ""),
					ConfigStateChecks: []statecheck.StateCheck{expectFilesOnDisk(dir, 15)},
				}},
			})
		})
	}
}

// TestMaturityTargetWritesReports: MATURITY.md and its pictures are managed
// files that follow the assessment: rewritten when the level changes, kept
// when edited, valid Markdown with the project's name and well-formed SVG.
func TestMaturityTargetWritesReports(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "project")
	var firstReport string
	reportValid := func(*terraform.State) error {
		md, err := os.ReadFile(filepath.Join(dir, "MATURITY.md"))
		if err != nil {
			return err
		}
		if !strings.Contains(string(md), "demo-app") || !strings.Contains(string(md), "docs/maturity/scorecard.svg") {
			return fmt.Errorf("MATURITY.md does not name the project or link the scorecard:\n%s", md)
		}
		for _, p := range []string{"docs/maturity/scorecard.svg", "docs/maturity/badge.svg"} {
			b, err := os.ReadFile(filepath.Join(dir, p))
			if err != nil {
				return err
			}
			if err := wellFormedXML(b); err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
		}
		firstReport = string(md)
		return nil
	}
	resource.UnitTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: targetConfig(dir, ""), Check: reportValid, ConfigStateChecks: []statecheck.StateCheck{
				expectFilesOnDisk(dir, 15).including(map[string]string{"MATURITY.md": ""}),
			}},
			{
				// The project declares a level 2 capability: the report changes with the assessment.
				Config: strings.Replace(targetConfig(dir, ""), `"scoring_script_versioned"`, `"scoring_script_versioned", "experiment_tracking"`, 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(targetAddress, plancheck.ResourceActionUpdate),
				}},
				Check: func(*terraform.State) error {
					md, err := os.ReadFile(filepath.Join(dir, "MATURITY.md"))
					if err != nil || string(md) == firstReport {
						return fmt.Errorf("MATURITY.md was not rewritten for the new assessment (%w)", err)
					}
					return nil
				},
			},
			{
				PreConfig: func() { writeTestFile(t, filepath.Join(dir, "MATURITY.md"), "# our own report\n") },
				Config:    targetConfig(dir, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(targetAddress, at("modified_files"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("MATURITY.md")})),
				},
				Check: func(*terraform.State) error {
					if b, _ := os.ReadFile(filepath.Join(dir, "MATURITY.md")); string(b) != "# our own report\n" {
						return fmt.Errorf("the edited report was overwritten: %q", b)
					}
					return nil
				},
			},
		},
	})
}
