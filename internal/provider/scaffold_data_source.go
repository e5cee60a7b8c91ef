package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"golang.org/x/text/unicode/norm"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

var (
	_ datasource.DataSource                     = (*scaffoldDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*scaffoldDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*scaffoldDataSource)(nil)
)

// NewScaffoldDataSource is the data source mlops_scaffold.
func NewScaffoldDataSource() datasource.DataSource { return &scaffoldDataSource{} }

type scaffoldDataSource struct{ data *providerData }

type scaffoldDataSourceModel struct {
	Name types.String `tfsdk:"name"`
	declarationModel
	Scaffold    types.String `tfsdk:"scaffold"`
	Platform    types.String `tfsdk:"platform"`
	Registry    types.String `tfsdk:"registry"`
	Monitoring  types.String `tfsdk:"monitoring"`
	Variables   types.Map    `tfsdk:"variables"`
	TemplateDir types.String `tfsdk:"template_dir"`
	assessmentModel
	Files           types.Map    `tfsdk:"files"`
	FileCount       types.Int64  `tfsdk:"file_count"`
	FilesSHA256     types.String `tfsdk:"files_sha256"`
	ExecutableFiles types.List   `tfsdk:"executable_files"`
}

func (d *scaffoldDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_scaffold"
}

// scaffoldSchema shares the inputs of mlops_maturity_target: the same
// validators, defaults and descriptions (taken from the resource's schema,
// without what only the resource does on a change).
func scaffoldSchema() schema.Schema {
	target := targetSchema().Attributes
	describe := func(name string) string {
		return strings.TrimSuffix(target[name].GetMarkdownDescription(), switchDescription)
	}
	stack := func(name string, allowed []string) schema.StringAttribute {
		return schema.StringAttribute{
			MarkdownDescription: describe(name),
			Optional:            true,
			Computed:            true,
			Validators:          []validator.String{stringvalidator.OneOf(allowed...)},
		}
	}
	return schema.Schema{
		MarkdownDescription: "Renders the scaffold that the resource `mlops_maturity_target` would write into an empty `output_dir` for the same inputs, " +
			"without writing anything: `files` maps each path to its content, byte for byte what the resource writes, so other providers can push " +
			"the files to remote repositories (for example `github_repository_file` with `for_each`). It reads nothing but `template_dir`.\n\n" +
			"`files` holds the whole content of every file, so that content is in the plan and the state of the configuration that uses it: " +
			"that is the price of pushing files to a remote repository. For a folder on local disk, the resource is the lean choice: its state keeps " +
			"a count and a digest only, and it keeps the files you edit.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				MarkdownDescription: describe("name"),
				Required:            true,
				Validators:          []validator.String{projectNameValidator()},
			},
			"target_level": schema.NumberAttribute{
				MarkdownDescription: describe("target_level"),
				Required:            true,
			},
			"capabilities": schema.SetAttribute{
				MarkdownDescription: describe("capabilities"),
				ElementType:         types.StringType,
				Optional:            true,
				Computed:            true,
			},
			"exemptions": schema.MapAttribute{
				MarkdownDescription: describe("exemptions"),
				ElementType:         types.StringType,
				Optional:            true,
				Computed:            true,
				Validators: []validator.Map{
					mapvalidator.ValueStringsAre(nonBlank{what: "an exemption needs a reason"}),
				},
			},
			"scaffold": schema.StringAttribute{
				MarkdownDescription: "Which files `files` holds: `next_level` (default) the files of the missing capabilities of `next_level` while the target is not met; " +
					"`target_level` those of every missing capability up to `target_level`; `none` no file. Unless it is `none`, `files` also holds the report: `MATURITY.md` and its pictures under `docs/maturity/`.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{stringvalidator.OneOf(scopes...)},
			},
			"platform":   stack("platform", platforms),
			"registry":   stack("registry", registries),
			"monitoring": stack("monitoring", monitorings),
			"variables": schema.MapAttribute{
				MarkdownDescription: describe("variables"),
				ElementType:         types.StringType,
				Optional:            true,
			},
			"template_dir": schema.StringAttribute{
				MarkdownDescription: describe("template_dir") + " It is the only thing this data source reads.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"current_level":   schema.Int64Attribute{MarkdownDescription: currentLevelDescription, Computed: true},
			"next_level":      schema.Int64Attribute{MarkdownDescription: nextLevelDescription, Computed: true},
			"target_met":      schema.BoolAttribute{MarkdownDescription: targetMetDescription, Computed: true},
			"gaps":            schema.ListAttribute{MarkdownDescription: gapsDescription, ElementType: types.StringType, Computed: true},
			"next_level_gaps": schema.ListAttribute{MarkdownDescription: nextLevelGapsDescription, ElementType: types.StringType, Computed: true},
			"files": schema.MapAttribute{
				MarkdownDescription: "Every file of the scaffold: path relative to the repository root (`/`-separated) to its content, " +
					"exactly the bytes the resource writes. Empty when nothing is in scope.",
				ElementType: types.StringType,
				Computed:    true,
			},
			"file_count": schema.Int64Attribute{
				MarkdownDescription: "Number of entries in `files`: the resource's `file_count` after its first apply into an empty folder.",
				Computed:            true,
			},
			"files_sha256": schema.StringAttribute{
				MarkdownDescription: "sha256 hex over the sorted lines `<path> <sha256 of the content>\\n` of `files`: the resource's `files_sha256` " +
					"after its first apply into an empty folder.",
				Computed: true,
			},
			"executable_files": schema.ListAttribute{
				MarkdownDescription: "Paths in `files` that the resource writes executable (mode 0755: scripts that start with `#!`), in path order. " +
					"Providers that push file content usually cannot set the mode; run these with their interpreter, or mark them executable in the repository.",
				ElementType: types.StringType,
				Computed:    true,
			},
		},
	}
}

func (d *scaffoldDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = scaffoldSchema()
}

func (d *scaffoldDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{declaredAndExempted{}}
}

func (d *scaffoldDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (d *scaffoldDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var model scaffoldDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	model.applyDefaults()
	resp.Diagnostics.Append(checkDeclaration(d.data.catalog, path.Empty(), model.Capabilities, model.Exemptions,
		map[string]types.Number{"target_level": model.TargetLevel})...)
	if resp.Diagnostics.HasError() {
		return
	}
	in, diags := model.inputs(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	files, a, diags := renderTarget(d.data, in)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(checkTerraformStrings(files, in.templateDir != "")...)
	if resp.Diagnostics.HasError() {
		return
	}
	model.assessmentModel = assessmentModelOf(d.data.catalog, a)
	model.setFiles(files)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}

// applyDefaults gives every optional input left out the resource's default.
func (m *scaffoldDataSourceModel) applyDefaults() {
	if m.Capabilities.IsNull() {
		m.Capabilities = types.SetValueMust(types.StringType, nil)
	}
	if m.Exemptions.IsNull() {
		m.Exemptions = types.MapValueMust(types.StringType, nil)
	}
	for _, v := range []struct {
		value *types.String
		def   string
	}{
		{&m.Scaffold, scopeNextLevel}, {&m.Platform, platforms[0]}, {&m.Registry, registries[0]}, {&m.Monitoring, monitorings[0]},
	} {
		if v.value.IsNull() {
			*v.value = types.StringValue(v.def)
		}
	}
}

// inputs converts the configuration into the resource's domain inputs, by
// the resource's own conversion: a folder is all the data source lacks.
func (m *scaffoldDataSourceModel) inputs(ctx context.Context) (targetInputs, diag.Diagnostics) {
	target := maturityTargetResourceModel{
		Name:              m.Name,
		TargetLevel:       m.TargetLevel,
		Capabilities:      m.Capabilities,
		Exemptions:        m.Exemptions,
		OutputDir:         types.StringValue(""),
		Scaffold:          m.Scaffold,
		Platform:          m.Platform,
		Registry:          m.Registry,
		Monitoring:        m.Monitoring,
		Variables:         m.Variables,
		TemplateDir:       m.TemplateDir,
		OverwriteModified: types.BoolValue(false),
	}
	in, known, diags := inputsOf(ctx, &target)
	if !known && !diags.HasError() {
		// Terraform reads a data source only once its configuration is known.
		diags.AddError("Unknown inputs", "Every input of mlops_scaffold must be known when it is read.")
	}
	return in, diags
}

// setFiles records the rendered files and the digest the resource computes
// from their hashes.
func (m *scaffoldDataSourceModel) setFiles(files []scaffold.File) {
	contents := make(map[string]string, len(files))
	hashes := make(map[string]string, len(files))
	var executable []string
	for _, f := range files {
		contents[f.Path] = string(f.Content)
		hashes[f.Path] = f.SHA256
		if f.Mode&0o111 != 0 {
			executable = append(executable, f.Path)
		}
	}
	sort.Strings(executable)
	count, sha := scaffold.Digest(hashes)
	m.Files = stringMap(contents)
	m.FileCount = types.Int64Value(int64(count))
	m.FilesSHA256 = types.StringValue(sha)
	m.ExecutableFiles = stringList(executable)
}

// checkTerraformStrings refuses content that Terraform cannot carry byte for
// byte: its strings are Unicode text, normalized to NFC, so invalid UTF-8 or
// text in another normal form would reach the remote repository altered.
func checkTerraformStrings(files []scaffold.File, fromTemplateDir bool) diag.Diagnostics {
	var diags diag.Diagnostics
	attr := path.Root("variables")
	if fromTemplateDir {
		attr = path.Root("template_dir")
	}
	for _, f := range files {
		var problem string
		switch {
		case !utf8.Valid(f.Content):
			problem = "is not valid UTF-8"
		case !norm.NFC.IsNormal(f.Content):
			problem = "is not in Unicode normal form C, which Terraform would impose on it"
		default:
			continue
		}
		diags.AddAttributeError(attr, "File content Terraform cannot carry",
			fmt.Sprintf("The rendered %s (capability %s) %s, so a Terraform string cannot hold it byte for byte. "+
				"Write it as UTF-8 text in normal form C (check the template and the variables), or scaffold it with the resource mlops_maturity_target.",
				f.Path, f.Capability, problem))
	}
	return diags
}
