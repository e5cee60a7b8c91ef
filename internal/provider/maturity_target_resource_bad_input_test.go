package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// badTarget builds one bad configuration inside world, a scratch folder
// whose snapshot must be the same before and after the failed plan.
type badTarget struct {
	name    string
	setup   func(t *testing.T, world string) (attrs string)
	wantErr string
}

func fixed(attrs string) func(*testing.T, string) string {
	return func(_ *testing.T, world string) string {
		return strings.ReplaceAll(attrs, "WORLD", world)
	}
}

const validAttrs = `
  name         = "demo-app"
  target_level = 2
  output_dir   = "WORLD/out"
`

func withAttr(line string) func(*testing.T, string) string {
	return fixed(validAttrs + line + "\n")
}

// TestMaturityTargetBadInput: every bad input fails at plan, on the right
// attribute, saying what is allowed, and leaves the filesystem as it was.
func TestMaturityTargetBadInput(t *testing.T) {
	tests := []badTarget{
		{"empty name", fixed(`
  name = ""
  target_level = 1
  output_dir = "WORLD/out"`), `(?s)Attribute name must be a project slug`},
		{"name with a path separator", fixed(`
  name = "team/churn"
  target_level = 1
  output_dir = "WORLD/out"`), `(?s)Attribute name must be a project slug.*got: team/churn`},
		{"name with dots", fixed(`
  name = "../escape"
  target_level = 1
  output_dir = "WORLD/out"`), `(?s)Attribute name must be a project slug`},
		{"uppercase name", fixed(`
  name = "Churn"
  target_level = 1
  output_dir = "WORLD/out"`), `(?s)Attribute name must be a project slug`},
		{"name too long", fixed(`
  name = "` + strings.Repeat("a", 64) + `"
  target_level = 1
  output_dir = "WORLD/out"`), `(?s)Attribute name must be a project slug`},
		{"missing name", fixed(`
  target_level = 1
  output_dir = "WORLD/out"`), `(?s)Missing required argument.*"name" is required`},
		{"target above 4", fixed(`
  name = "demo-app"
  target_level = 5
  output_dir = "WORLD/out"`), `(?s)Invalid maturity level.*target_level is 5; it must be a whole number from 0 to 4: 0 \(No MLOps\), 1 \(DevOps but no MLOps\)`},
		{"fractional target", fixed(`
  name = "demo-app"
  target_level = 2.5
  output_dir = "WORLD/out"`), `(?s)Invalid maturity level.*target_level is 2.5; it must be a whole number from 0 to 4`},
		{"negative target", fixed(`
  name = "demo-app"
  target_level = -2
  output_dir = "WORLD/out"`), `(?s)Invalid maturity level.*target_level is -2; it must be a whole number from 0 to 4`},
		{"target not a number", fixed(`
  name = "demo-app"
  target_level = "high"
  output_dir = "WORLD/out"`), `(?s)Incorrect attribute value type.*target_level`},
		{"fractional target", fixed(`
  name = "demo-app"
  target_level = 2.5
  output_dir = "WORLD/out"`), `(?s)target_level.*(integer|whole number)`},
		{"unknown scaffold scope", withAttr(`  scaffold = "everything"`), `(?s)Attribute scaffold value must be one of: \["next_level" "target_level"\s+"none"\], got: "everything"`},
		{"unknown platform", withAttr(`  platform = "jenkins"`), `(?s)Attribute platform value must be one of: \["github_actions"\s+"azure_pipelines" "gitlab_ci"\], got: "jenkins"`},
		{"unknown registry", withAttr(`  registry = "sagemaker"`), `(?s)Attribute registry value must be one of: \["mlflow" "azureml"\], got:\s+"sagemaker"`},
		{"unknown monitoring", withAttr(`  monitoring = "datadog"`), `(?s)Attribute monitoring value must be one of: \["prometheus"\s+"azure_monitor"\], got: "datadog"`},
		{"misspelt capability", withAttr(`  capabilities = ["automated_build"]`), `(?s)In capabilities: "automated_build" is not a capability id.*Did you mean\s+"automated_builds"`},
		{"capabilities not a set of strings", withAttr(`  capabilities = "automated_builds"`), `(?s)Incorrect attribute value type.*capabilities`},
		{"misspelt exemption", withAttr(`  exemptions = { modelregistry = "none" }`), `(?s)In exemptions: "modelregistry" is not a capability id.*Did you mean\s+"model_registry"`},
		{"empty exemption reason", withAttr(`  exemptions = { ab_testing = "" }`), `(?s)exemptions\["ab_testing"\] is empty; an exemption needs a reason`},
		{"declared and exempted", withAttr("  capabilities = [\"ab_testing\"]\n  exemptions = { ab_testing = \"no traffic\" }"), `(?s)Capability both declared and exempted`},
		{"empty output_dir", fixed(`
  name = "demo-app"
  target_level = 1
  output_dir = ""`), `(?s)Attribute output_dir string length must be at least 1`},
		{"missing output_dir", fixed(`
  name = "demo-app"
  target_level = 1`), `(?s)Missing required argument.*"output_dir" is required`},
		{"output_dir is a file", func(t *testing.T, world string) string {
			writeTestFile(t, filepath.Join(world, "out"), "a file\n")
			return strings.ReplaceAll(validAttrs, "WORLD", world)
		}, `(?s)output_dir is not a folder.*exists and is a file`},
		{"output_dir below a file", func(t *testing.T, world string) string {
			writeTestFile(t, filepath.Join(world, "blocker"), "a file\n")
			return fmt.Sprintf("name = \"demo-app\"\ntarget_level = 2\noutput_dir = %q\n", filepath.Join(world, "blocker", "out"))
		}, `(?s)(Unsafe output folder|Unreadable scaffold manifest).*not a directory`},
		{"output_dir of another target", func(t *testing.T, world string) string {
			writeTestFile(t, filepath.Join(world, "out", ".mlops", "manifest.json"), `{"format_version":1,"name":"other-project","files":{}}`)
			return strings.ReplaceAll(validAttrs, "WORLD", world)
		}, `(?s)output_dir belongs to another target.*project "other-project"`},
		{"output_dir inside another target", func(t *testing.T, world string) string {
			writeTestFile(t, filepath.Join(world, "outer", ".mlops", "manifest.json"), `{"format_version":1,"name":"outer","files":{}}`)
			return fmt.Sprintf("name = \"demo-app\"\ntarget_level = 2\noutput_dir = %q\n", filepath.Join(world, "outer", "nested"))
		}, `(?s)output_dir is inside another target's folder`},
		{"hostile manifest", func(t *testing.T, world string) string {
			writeTestFile(t, filepath.Join(world, "out", ".mlops", "manifest.json"),
				`{"format_version":1,"name":"demo-app","files":{"../../escape.txt":{"sha256":"`+strings.Repeat("a", 64)+`","capability":"x"}}}`)
			return strings.ReplaceAll(validAttrs, "WORLD", world)
		}, `(?s)Unreadable scaffold manifest`},
		{"symlink out of output_dir", func(t *testing.T, world string) string {
			outside := filepath.Join(world, "outside")
			if err := os.MkdirAll(outside, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Join(world, "out"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(outside, filepath.Join(world, "out", "src")); err != nil {
				t.Fatal(err)
			}
			return strings.ReplaceAll(validAttrs+"  capabilities = "+level1HCL+"\n", "WORLD", world)
		}, `(?s)Unsafe output folder.*symlink`},
		{"missing template_dir", withAttr(`  template_dir = "WORLD/no-such-templates"`), `(?s)Invalid template_dir.*does not exist`},
		{"template_dir is a file", func(t *testing.T, world string) string {
			writeTestFile(t, filepath.Join(world, "templates"), "x")
			return strings.ReplaceAll(validAttrs+"  template_dir = \"WORLD/templates\"\n", "WORLD", world)
		}, `(?s)Invalid template_dir.*is not a folder`},
		{"broken template", func(t *testing.T, world string) string {
			writeTestFile(t, filepath.Join(world, "templates", "common", "experiment_tracking", "train.py.tmpl"), "line one\n{{ if .Name }\n")
			return strings.ReplaceAll(validAttrs+"  template_dir = \"WORLD/templates\"\n", "WORLD", world)
		}, `(?s)Invalid template_dir.*common/experiment_tracking/train.py.tmpl:2`},
		{"template outside the layout", func(t *testing.T, world string) string {
			writeTestFile(t, filepath.Join(world, "templates", "train.py.tmpl"), "x")
			return strings.ReplaceAll(validAttrs+"  template_dir = \"WORLD/templates\"\n", "WORLD", world)
		}, `(?s)Invalid template_dir.*a template must live at common/<capability>`},
		{"template writing outside output_dir", func(t *testing.T, world string) string {
			writeTestFile(t, filepath.Join(world, "templates", "common", "experiment_tracking", "{{.Vars.escape}}", "x.tmpl"), "x")
			return strings.ReplaceAll(validAttrs+"  template_dir = \"WORLD/templates\"\n  variables = { escape = \"../..\" }\n  capabilities = "+level1HCL+"\n", "WORLD", world)
		}, `(?s)Rendering the scaffold failed.*leaves the output folder`},
		{"unknown variable", withAttr(`  variables = { python_versoin = "3.12" }`), `(?s)Unknown template variable.*"python_versoin" is not a template variable. Did\s+you mean "python_version"\?`},
		{"variables not a map", withAttr(`  variables = ["python_version"]`), `(?s)Incorrect attribute value type.*variables`},
		{"overwrite_modified not a bool", withAttr(`  overwrite_modified = "sometimes"`), `(?s)Incorrect attribute value type.*overwrite_modified`},
		{"unknown argument", withAttr(`  colour = "blue"`), `(?s)Unsupported argument.*"colour" is not expected here`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			world := t.TempDir()
			attrs := tt.setup(t, world)
			before := treeSnapshot(t, world)
			resource.UnitTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      "resource \"mlops_maturity_target\" \"bad\" {\n" + attrs + "\n}",
					ExpectError: wrapTolerant(tt.wantErr),
				}},
			})
			if diff := diffSnapshots(before, treeSnapshot(t, world)); diff != "" {
				t.Fatalf("a failed plan changed the filesystem:\n%s", diff)
			}
		})
	}
}
