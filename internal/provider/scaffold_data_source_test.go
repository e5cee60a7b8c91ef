package provider

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-testing/config"
	tfresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

// stackPair is one resource and one data source given the same inputs.
type stackPair struct {
	key         string
	platform    string
	registry    string
	monitoring  string
	templateDir string
}

// everyStack is every combination of platform, registry and monitoring.
func everyStack() []stackPair {
	var pairs []stackPair
	for _, p := range platforms {
		for _, r := range registries {
			for _, m := range monitorings {
				pairs = append(pairs, stackPair{key: p + "-" + r + "-" + m, platform: p, registry: r, monitoring: m})
			}
		}
	}
	return pairs
}

// pairsConfig declares, per pair, a resource writing into base/<key> and a
// data source with the same inputs, both scaffolding every capability. (No
// for_each: the testing framework's state shim refuses data sources with
// string keys.)
func pairsConfig(base string, pairs []stackPair) string {
	var b strings.Builder
	for _, p := range pairs {
		inputs := fmt.Sprintf(`
  name         = "churn-model"
  target_level = 4
  scaffold     = "target_level"
  platform     = %q
  registry     = %q
  monitoring   = %q
`, p.platform, p.registry, p.monitoring)
		if p.templateDir == "" {
			inputs += "  variables    = { python_version = \"3.11\" }\n"
		} else {
			inputs += fmt.Sprintf("  variables    = { python_version = \"3.11\", team_channel = \"#churn-ml\" }\n  template_dir = %q\n", p.templateDir)
		}
		fmt.Fprintf(&b, "resource \"mlops_maturity_target\" %q {%s  output_dir   = %q\n}\n\n", p.key, inputs, filepath.Join(base, p.key))
		fmt.Fprintf(&b, "data \"mlops_scaffold\" %q {%s}\n\n", p.key, inputs)
	}
	return b.String()
}

// TestScaffoldDataSourceMatchesResource: for every stack, and for one with
// a template_dir, the data source's files are byte for byte the files the
// resource writes for the same inputs, with the same count and digest.
func TestScaffoldDataSourceMatchesResource(t *testing.T) {
	base := t.TempDir()
	templates := filepath.Join(t.TempDir(), "templates")
	writeTestFile(t, filepath.Join(templates, "common", "experiment_tracking", "src", "{{.Package}}", "train.py.tmpl"),
		"# Training entry point of {{ .Name }}, replaced by the team's own template.\n")
	writeTestFile(t, filepath.Join(templates, "common", "experiment_tracking", "docs", "channel.md.tmpl"),
		"Questions go to {{ .Vars.team_channel }}.\n")
	pairs := everyStack()
	if len(pairs) != 12 {
		t.Fatalf("%d stacks, want 3 platforms x 2 registries x 2 monitorings = 12", len(pairs))
	}
	pairs = append(pairs, stackPair{key: "custom-templates", platform: platforms[0], registry: registries[0], monitoring: monitorings[0], templateDir: templates})
	before := treeSnapshot(t, templates)

	tfresource.UnitTest(t, tfresource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []tfresource.TestStep{{
			Config:            pairsConfig(base, pairs),
			ConfigStateChecks: []statecheck.StateCheck{pairsMatch{base: base, pairs: pairs}},
		}},
	})
	if diff := diffSnapshots(before, treeSnapshot(t, templates)); diff != "" {
		t.Fatalf("reading template_dir changed it:\n%s", diff)
	}
}

// pairsMatch is a state check: each pair's data source and the files its
// resource wrote agree.
type pairsMatch struct {
	base  string
	pairs []stackPair
}

func (c pairsMatch) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	var errs []string
	for _, p := range c.pairs {
		if err := c.check(req.State, p); err != nil {
			errs = append(errs, p.key+": "+err.Error())
		}
	}
	if len(errs) > 0 {
		resp.Error = fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
}

func (c pairsMatch) check(state *tfjson.State, p stackPair) error {
	res, err := stateAttributes(state, "mlops_maturity_target."+p.key)
	if err != nil {
		return err
	}
	ds, err := stateAttributes(state, "data.mlops_scaffold."+p.key)
	if err != nil {
		return err
	}
	files, err := stringMapOf(ds["files"])
	if err != nil {
		return err
	}
	dir := filepath.Join(c.base, p.key)
	onDisk, executable, err := scaffoldOnDisk(dir)
	if err != nil {
		return err
	}
	if strings.Join(slices.Sorted(maps.Keys(files)), "\n") != strings.Join(slices.Sorted(maps.Keys(onDisk)), "\n") {
		return fmt.Errorf("the data source has files\n%v\nthe resource wrote\n%v", slices.Sorted(maps.Keys(files)), slices.Sorted(maps.Keys(onDisk)))
	}
	hashes := make(map[string]string, len(files))
	for rel, content := range files {
		if !bytes.Equal([]byte(content), onDisk[rel]) {
			return fmt.Errorf("%s differs from the file the resource wrote", rel)
		}
		hashes[rel] = hashOf([]byte(content))
	}
	count, sha := scaffold.Digest(hashes)
	if count < 40 {
		return fmt.Errorf("only %d files for every capability of the stack", count)
	}
	for _, name := range []string{"file_count", "files_sha256", "current_level", "next_level", "target_met", "gaps", "next_level_gaps"} {
		if fmt.Sprint(ds[name]) != fmt.Sprint(res[name]) {
			return fmt.Errorf("%s: data source %v, resource %v", name, ds[name], res[name])
		}
	}
	if fmt.Sprint(ds["file_count"]) != fmt.Sprint(count) || ds["files_sha256"] != sha {
		return fmt.Errorf("file_count %v and files_sha256 %v do not describe files (%d, %s)", ds["file_count"], ds["files_sha256"], count, sha)
	}
	if got := fmt.Sprint(ds["executable_files"]); got != fmt.Sprint(executable) {
		return fmt.Errorf("executable_files is %s, the resource wrote %v executable", got, executable)
	}
	if p.templateDir != "" && !strings.Contains(files["docs/channel.md"], "#churn-ml") {
		return fmt.Errorf("the template_dir's own file is missing or not rendered: %q", files["docs/channel.md"])
	}
	return nil
}

// scaffoldOnDisk reads every file below dir except the state folder, and
// lists the executable ones.
func scaffoldOnDisk(dir string) (map[string][]byte, []string, error) {
	files := map[string][]byte{}
	var executable []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == scaffold.StateDir {
				return filepath.SkipDir
			}
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files[rel] = b
		if info, err := d.Info(); err == nil && info.Mode().Perm()&0o111 != 0 {
			executable = append(executable, rel)
		}
		return nil
	})
	sort.Strings(executable)
	return files, executable, err
}

func stringMapOf(v any) (map[string]string, error) {
	raw, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("not a map: %T", v)
	}
	out := make(map[string]string, len(raw))
	for k, e := range raw {
		s, ok := e.(string)
		if !ok {
			return nil, fmt.Errorf("%s: not a string: %T", k, e)
		}
		out[k] = s
	}
	return out, nil
}

const compositionSource = `
data "mlops_scaffold" "repo" {
  name         = "churn-model"
  target_level = 2
  capabilities = ` + level1HCL + `
}
`

const compositionConfig = compositionSource + `

# Stands in for github_repository_file: one resource per file, planned from
# the content alone.
resource "terraform_data" "file" {
  for_each = data.mlops_scaffold.repo.files
  input    = each.value
}

output "file_count" {
  value = data.mlops_scaffold.repo.file_count
}
`

// TestScaffoldDataSourceComposes: resources under for_each over files plan
// and apply with no scaffold on any disk, one per file, each with the
// file's content; and reading the data source writes nothing.
func TestScaffoldDataSourceComposes(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	before := treeSnapshot(t, wd)
	tfresource.UnitTest(t, tfresource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []tfresource.TestStep{
			{
				Config: compositionConfig,
				ConfigPlanChecks: tfresource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					oneCreatePerFile{},
				}},
				ConfigStateChecks: []statecheck.StateCheck{fileResourcesHoldContent{}},
			},
			{
				Config: compositionConfig,
				ConfigPlanChecks: tfresource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			},
			{
				// Leaves no instance keyed by a string for the testing
				// framework's final state shim, which refuses them.
				Config: compositionSource,
				ConfigPlanChecks: tfresource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					oneDeletePerFile{},
				}},
			},
		},
	})
	if diff := diffSnapshots(before, treeSnapshot(t, wd)); diff != "" {
		t.Fatalf("the data source changed the working directory:\n%s", diff)
	}
}

// oneCreatePerFile is a plan check: the plan creates exactly file_count
// terraform_data instances.
type oneCreatePerFile struct{}

func (oneCreatePerFile) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	out, ok := req.Plan.PlannedValues.Outputs["file_count"]
	if !ok || out.Value == nil {
		resp.Error = fmt.Errorf("file_count is not known at plan")
		return
	}
	want := fmt.Sprint(out.Value)
	creates := 0
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Type != "terraform_data" {
			continue
		}
		if !rc.Change.Actions.Create() {
			resp.Error = fmt.Errorf("%s: %v, want create", rc.Address, rc.Change.Actions)
			return
		}
		creates++
	}
	if fmt.Sprint(creates) != want || creates < 15 {
		resp.Error = fmt.Errorf("%d terraform_data instances planned, file_count is %s (want at least 15)", creates, want)
	}
}

// oneDeletePerFile is a plan check: dropping the for_each destroys one
// terraform_data instance per file of the data source.
type oneDeletePerFile struct{}

func (oneDeletePerFile) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	ds, err := stateAttributes(req.Plan.PriorState, "data.mlops_scaffold.repo")
	if err != nil {
		resp.Error = err
		return
	}
	deletes := 0
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Type == "terraform_data" && rc.Change.Actions.Delete() {
			deletes++
		}
	}
	if fmt.Sprint(deletes) != fmt.Sprint(ds["file_count"]) {
		resp.Error = fmt.Errorf("%d terraform_data instances destroyed, file_count is %v", deletes, ds["file_count"])
	}
}

// fileResourcesHoldContent is a state check: every file of the data source
// has its terraform_data instance holding its content, and no other exists.
type fileResourcesHoldContent struct{}

func (fileResourcesHoldContent) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	ds, err := stateAttributes(req.State, "data.mlops_scaffold.repo")
	if err != nil {
		resp.Error = err
		return
	}
	files, err := stringMapOf(ds["files"])
	if err != nil {
		resp.Error = err
		return
	}
	instances := 0
	for _, r := range req.State.Values.RootModule.Resources {
		if r.Type != "terraform_data" {
			continue
		}
		instances++
		key, _ := r.Index.(string)
		content, ok := files[key]
		if !ok || r.AttributeValues["output"] != content {
			resp.Error = fmt.Errorf("%s does not hold the content of file %q", r.Address, key)
			return
		}
	}
	if instances != len(files) || fmt.Sprint(ds["file_count"]) != fmt.Sprint(instances) {
		resp.Error = fmt.Errorf("%d terraform_data instances, %d files, file_count %v", instances, len(files), ds["file_count"])
	}
}

// TestScaffoldDataSourceBadInput: the data source refuses bad input with
// the resource's own error, and reading it changes nothing on disk.
func TestScaffoldDataSourceBadInput(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(t *testing.T, world string) (attrs string)
		wantErr string
	}{
		{"misspelt capability", scaffoldAttrs(`capabilities = ["automated_build"]`),
			`(?s)In capabilities: "automated_build" is not a capability id.*Did you mean\s+"automated_builds"`},
		{"misspelt exemption", scaffoldAttrs(`exemptions = { modelregistry = "none" }`),
			`(?s)In exemptions: "modelregistry" is not a capability id.*Did you mean\s+"model_registry"`},
		{"unknown platform", scaffoldAttrs(`platform = "jenkins"`),
			`(?s)Attribute platform value must be one of: \["github_actions"\s+"azure_pipelines" "gitlab_ci"\], got: "jenkins"`},
		{"unknown scope", scaffoldAttrs(`scaffold = "everything"`),
			`(?s)Attribute scaffold value must be one of: \["next_level" "target_level"\s+"none"\], got: "everything"`},
		{"target above 4", scaffoldAttrs(`target_level = 5`),
			`(?s)Invalid maturity level.*target_level is 5; it must be a whole number from 0 to 4`},
		{"unknown variable", scaffoldAttrs(`variables = { python_versoin = "3.12" }`),
			`(?s)Unknown template variable.*"python_versoin" is not a template variable. Did\s+you mean "python_version"\?`},
		{"missing template_dir", scaffoldAttrs(`template_dir = "WORLD/no-such-templates"`),
			`(?s)Invalid template_dir.*does not exist`},
		{"broken template", func(t *testing.T, world string) string {
			writeTestFile(t, filepath.Join(world, "templates", "common", "experiment_tracking", "train.py.tmpl"), "line one\n{{ if .Name }\n")
			return scaffoldAttrs(`template_dir = "WORLD/templates"`)(t, world)
		}, `(?s)Invalid template_dir.*common/experiment_tracking/train.py.tmpl:2`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			world := t.TempDir()
			attrs := tt.setup(t, world)
			before := treeSnapshot(t, world)
			for _, block := range []string{
				"data \"mlops_scaffold\" \"bad\" {\n" + attrs + "}",
				"resource \"mlops_maturity_target\" \"bad\" {\n" + attrs + fmt.Sprintf("  output_dir = %q\n}", filepath.Join(world, "out")),
			} {
				tfresource.UnitTest(t, tfresource.TestCase{
					PreCheck:                 func() { testAccPreCheck(t) },
					ProtoV6ProviderFactories: protoV6ProviderFactories,
					Steps:                    []tfresource.TestStep{{Config: block, ExpectError: wrapTolerant(tt.wantErr)}},
				})
			}
			if diff := diffSnapshots(before, treeSnapshot(t, world)); diff != "" {
				t.Fatalf("a failed plan changed the filesystem:\n%s", diff)
			}
		})
	}
}

// scaffoldAttrs is a valid level 1 project aiming for level 3 with one line
// that adds an attribute or replaces one of these.
func scaffoldAttrs(line string) func(*testing.T, string) string {
	return func(_ *testing.T, world string) string {
		var b strings.Builder
		for _, base := range []string{`name = "churn-model"`, "target_level = 3", "capabilities = " + level1HCL} {
			if strings.Fields(base)[0] != strings.Fields(line)[0] {
				b.WriteString("  " + base + "\n")
			}
		}
		return strings.ReplaceAll(b.String()+"  "+line+"\n", "WORLD", world)
	}
}

// TestScaffoldSchemaSharesTheResourceInputs: the data source takes the
// resource's inputs except the folder and what only the folder needs, with
// the same requiredness, validators and descriptions.
func TestScaffoldSchemaSharesTheResourceInputs(t *testing.T) {
	ctx := context.Background()
	var rs resource.SchemaResponse
	NewMaturityTargetResource().Schema(ctx, resource.SchemaRequest{}, &rs)
	var ds datasource.SchemaResponse
	NewScaffoldDataSource().Schema(ctx, datasource.SchemaRequest{}, &ds)
	if ds.Schema.MarkdownDescription == "" {
		t.Error("mlops_scaffold has no description")
	}
	// The data source reads nothing but template_dir, so it scans no evidence.
	resourceOnly := map[string]bool{"output_dir": true, "overwrite_modified": true, "plan_warning": true, "evidence_dir": true, "evidence_mode": true}
	for name, ra := range rs.Schema.Attributes {
		da, ok := ds.Schema.Attributes[name]
		switch {
		case resourceOnly[name]:
			if ok {
				t.Errorf("%s is the resource's own input", name)
			}
			continue
		case ra.IsComputed() && !ra.IsOptional():
			continue
		case !ok:
			t.Errorf("input %s of the resource is missing", name)
			continue
		}
		if da.IsRequired() != ra.IsRequired() || da.IsOptional() != ra.IsOptional() {
			t.Errorf("%s: required %v optional %v, the resource's %v %v", name, da.IsRequired(), da.IsOptional(), ra.IsRequired(), ra.IsOptional())
		}
		if want := strings.TrimSuffix(ra.GetMarkdownDescription(), switchDescription); name != "scaffold" && !strings.HasPrefix(da.GetMarkdownDescription(), want) {
			t.Errorf("%s: description %q, the resource's %q", name, da.GetMarkdownDescription(), want)
		}
		if got, want := validatorDescriptions(ctx, da), validatorDescriptions(ctx, ra); got != want {
			t.Errorf("%s: validators %q, the resource's %q", name, got, want)
		}
	}
	for name, a := range ds.Schema.Attributes {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("attribute %s has no MarkdownDescription", name)
		}
		if desc := a.GetMarkdownDescription(); strings.Contains(desc, strings.TrimSpace(switchDescription)) || strings.Contains(desc, "apply writes") {
			t.Errorf("attribute %s speaks of what the resource's apply does: %q", name, desc)
		}
	}
	for _, name := range []string{"files", "file_count", "files_sha256", "current_level", "next_level", "target_met", "gaps", "next_level_gaps"} {
		if a, ok := ds.Schema.Attributes[name]; !ok || !a.IsComputed() || a.IsOptional() {
			t.Errorf("output %s is missing or not computed only", name)
		}
	}
}

// validatorDescriptions lists what an attribute's validators check.
func validatorDescriptions(ctx context.Context, a any) string {
	var vs []interface{ Description(context.Context) string }
	switch a := a.(type) {
	case interface{ StringValidators() []validator.String }:
		for _, v := range a.StringValidators() {
			vs = append(vs, v)
		}
	case interface{ NumberValidators() []validator.Number }:
		for _, v := range a.NumberValidators() {
			vs = append(vs, v)
		}
	case interface{ SetValidators() []validator.Set }:
		for _, v := range a.SetValidators() {
			vs = append(vs, v)
		}
	case interface{ MapValidators() []validator.Map }:
		for _, v := range a.MapValidators() {
			vs = append(vs, v)
		}
	}
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.Description(ctx)
	}
	return strings.Join(out, "; ")
}

// TestCheckTerraformStrings: content a Terraform string would alter is
// refused, naming the file; plain UTF-8 text passes.
func TestCheckTerraformStrings(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    string
	}{
		{"ascii", "print('hello')\n", ""},
		{"composed accents", "caf\u00e9 na\u00efve\n", ""},
		{"invalid UTF-8", "model\xff\xfe\n", "is not valid UTF-8"},
		{"decomposed accent", "cafe\u0301\n", "not in Unicode normal form C"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := scaffold.File{Path: "docs/notes.md", Content: []byte(tt.content), Capability: "model_registry"}
			diags := checkTerraformStrings([]scaffold.File{f}, true)
			if tt.want == "" {
				if diags.HasError() {
					t.Fatalf("refused: %v", diags)
				}
				return
			}
			if len(diags) != 1 || !strings.Contains(diags[0].Detail(), tt.want) || !strings.Contains(diags[0].Detail(), "docs/notes.md") {
				t.Fatalf("got %v, want one error naming docs/notes.md that says %q", diags, tt.want)
			}
		})
	}
}

// remoteExample is examples/remote-repository/main.tf made to run here: the
// GitHub provider cannot be installed, so the provider requirements and its
// provider block go, and each github_repository_file becomes a
// terraform_data (with the same for_each) whose input holds the file's
// arguments. Without keepFiles, the file resources go too.
func remoteExample(t *testing.T, keepFiles bool) string {
	t.Helper()
	src, err := os.ReadFile("../../examples/remote-repository/main.tf")
	if err != nil {
		t.Fatal(err)
	}
	f, diags := hclwrite.ParseConfig(src, "main.tf", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	body := f.Body()
	converted := 0
	for _, b := range body.Blocks() {
		labels := b.Labels()
		switch {
		case b.Type() == "terraform":
			// Its provider sources are not those the test framework serves.
			body.RemoveBlock(b)
		case b.Type() == "provider" && labels[0] == "github":
			body.RemoveBlock(b)
		case b.Type() == "resource" && labels[0] == "github_repository_file":
			converted++
			if !keepFiles {
				body.RemoveBlock(b)
				continue
			}
			b.SetLabels([]string{"terraform_data", labels[1]})
			var input []hclwrite.ObjectAttrTokens
			for _, name := range slices.Sorted(maps.Keys(b.Body().Attributes())) {
				if name == "for_each" {
					continue
				}
				input = append(input, hclwrite.ObjectAttrTokens{
					Name:  hclwrite.TokensForIdentifier(name),
					Value: b.Body().GetAttribute(name).Expr().BuildTokens(nil),
				})
				b.Body().RemoveAttribute(name)
			}
			for _, nested := range b.Body().Blocks() {
				b.Body().RemoveBlock(nested)
			}
			b.Body().SetAttributeRaw("input", hclwrite.TokensForObject(input))
		}
	}
	if converted == 0 {
		t.Fatal("the example has no github_repository_file")
	}
	return string(f.Bytes())
}

// TestRemoteRepositoryExample: the example's data source and for_each plan
// one file resource per file of the scaffold, each with its path and
// content, with no file on any disk.
func TestRemoteRepositoryExample(t *testing.T) {
	vars := config.Variables{"github_owner": config.StringVariable("example-org")}
	tfresource.UnitTest(t, tfresource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []tfresource.TestStep{
			{
				Config:          remoteExample(t, true),
				ConfigVariables: vars,
				ConfigPlanChecks: tfresource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					oneCreatePerFile{},
				}},
				ConfigStateChecks: []statecheck.StateCheck{exampleFilesMatch{address: "data.mlops_scaffold.churn"}},
			},
			{
				Config:          remoteExample(t, false),
				ConfigVariables: vars,
			},
		},
	})
}

// exampleFilesMatch is a state check: each converted github_repository_file
// got the path as file and the content as content.
type exampleFilesMatch struct{ address string }

func (c exampleFilesMatch) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	ds, err := stateAttributes(req.State, c.address)
	if err != nil {
		resp.Error = err
		return
	}
	files, err := stringMapOf(ds["files"])
	if err != nil {
		resp.Error = err
		return
	}
	seen := 0
	for _, r := range req.State.Values.RootModule.Resources {
		if r.Type != "terraform_data" {
			continue
		}
		seen++
		key, _ := r.Index.(string)
		args, ok := r.AttributeValues["output"].(map[string]any)
		if !ok || args["file"] != key || args["content"] != files[key] || args["repository"] != "churn-model" || args["overwrite_on_create"] != true {
			resp.Error = fmt.Errorf("%s does not commit file %q with its content: %v", r.Address, key, args["file"])
			return
		}
	}
	if seen != len(files) || seen == 0 {
		resp.Error = fmt.Errorf("%d file resources for %d files", seen, len(files))
	}
}

// TestScaffoldDataSourceNothingInScope: with nothing in scope, files is
// empty and the count and digest are those of the resource with no file.
func TestScaffoldDataSourceNothingInScope(t *testing.T) {
	_, emptySHA := scaffold.Digest(nil)
	tfresource.UnitTest(t, tfresource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []tfresource.TestStep{{
			Config: `
data "mlops_scaffold" "none" {
  name         = "churn-model"
  target_level = 3
  scaffold     = "none"
}

data "mlops_scaffold" "met" {
  name         = "churn-model"
  target_level = 1
  capabilities = ` + level1HCL + `
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.mlops_scaffold.none", at("files"), knownvalue.MapExact(map[string]knownvalue.Check{})),
				statecheck.ExpectKnownValue("data.mlops_scaffold.none", at("file_count"), knownvalue.Int64Exact(0)),
				statecheck.ExpectKnownValue("data.mlops_scaffold.none", at("files_sha256"), knownvalue.StringExact(emptySHA)),
				statecheck.ExpectKnownValue("data.mlops_scaffold.none", at("current_level"), knownvalue.Int64Exact(0)),
				statecheck.ExpectKnownValue("data.mlops_scaffold.none", at("platform"), knownvalue.StringExact("github_actions")),
				statecheck.ExpectKnownValue("data.mlops_scaffold.none", at("capabilities"), knownvalue.SetExact([]knownvalue.Check{})),
				statecheck.ExpectKnownValue("data.mlops_scaffold.met", at("target_met"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("data.mlops_scaffold.met", at("scaffold"), knownvalue.StringExact("next_level")),
				// A met target has no capability in scope; only its report is written.
				statecheck.ExpectKnownValue("data.mlops_scaffold.met", at("file_count"), knownvalue.Int64Exact(3)),
				statecheck.ExpectKnownValue("data.mlops_scaffold.met", at("files"), knownvalue.MapExact(map[string]knownvalue.Check{
					"MATURITY.md":                 knownvalue.StringRegexp(regexp.MustCompile(`churn-model`)),
					"docs/maturity/scorecard.svg": knownvalue.StringRegexp(regexp.MustCompile(`^<svg`)),
					"docs/maturity/badge.svg":     knownvalue.StringRegexp(regexp.MustCompile(`^<svg`)),
				})),
			},
		}},
	})
}
