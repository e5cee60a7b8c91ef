package provider

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

var (
	_ resource.ResourceWithUpgradeState     = (*maturityTargetResource)(nil)
	_ resource.Resource                     = (*maturityTargetResource)(nil)
	_ resource.ResourceWithConfigure        = (*maturityTargetResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*maturityTargetResource)(nil)
	_ resource.ResourceWithImportState      = (*maturityTargetResource)(nil)
	_ resource.ResourceWithConfigValidators = (*maturityTargetResource)(nil)
)

var (
	platforms   = []string{"github_actions", "azure_pipelines", "gitlab_ci"}
	registries  = []string{"mlflow", "azureml"}
	monitorings = []string{"prometheus", "azure_monitor"}
	scopes      = []string{scopeNextLevel, scopeTargetLevel, scopeNone}
)

// NewMaturityTargetResource is the resource mlops_maturity_target.
func NewMaturityTargetResource() resource.Resource { return &maturityTargetResource{} }

type maturityTargetResource struct{ data *providerData }

type maturityTargetResourceModel struct {
	ID                types.String `tfsdk:"id"`
	Name              types.String `tfsdk:"name"`
	TargetLevel       types.Int64  `tfsdk:"target_level"`
	Capabilities      types.Set    `tfsdk:"capabilities"`
	Exemptions        types.Map    `tfsdk:"exemptions"`
	OutputDir         types.String `tfsdk:"output_dir"`
	Scaffold          types.String `tfsdk:"scaffold"`
	Platform          types.String `tfsdk:"platform"`
	Registry          types.String `tfsdk:"registry"`
	Monitoring        types.String `tfsdk:"monitoring"`
	Variables         types.Map    `tfsdk:"variables"`
	TemplateDir       types.String `tfsdk:"template_dir"`
	OverwriteModified types.Bool   `tfsdk:"overwrite_modified"`
	CurrentLevel      types.Int64  `tfsdk:"current_level"`
	NextLevel         types.Int64  `tfsdk:"next_level"`
	TargetMet         types.Bool   `tfsdk:"target_met"`
	Gaps              types.List   `tfsdk:"gaps"`
	NextLevelGaps     types.List   `tfsdk:"next_level_gaps"`
	Files             types.Map    `tfsdk:"files"`
	ModifiedFiles     types.List   `tfsdk:"modified_files"`
	Report            types.String `tfsdk:"report"`
}

func (r *maturityTargetResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_maturity_target"
}

func (r *maturityTargetResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = targetSchema()
}

// targetSchemaVersion is the version of the resource's state. Version 0
// held gaps as nested attributes (see UpgradeState).
const targetSchemaVersion = 1

func targetSchema() schema.Schema {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	return schema.Schema{
		Version: targetSchemaVersion,
		MarkdownDescription: "Declares the capabilities an ML project has and the maturity level it aims for. " +
			"`terraform plan` shows the current level, the next level and every missing capability; " +
			"`terraform apply` writes the pipeline, model registry and monitoring files that reach the next level (or the target) into `output_dir`. " +
			"Generated files are tracked by sha256: a file you edit is reported in `modified_files` and never overwritten or deleted unless `overwrite_modified` is set.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				MarkdownDescription: "Project slug, used in generated files (the Python package is the slug with `_` for `-`). " +
					"Must match `^[a-z][a-z0-9-]{0,62}$`. Changing it replaces the scaffold.",
				Required:      true,
				Validators:    []validator.String{projectNameValidator()},
				PlanModifiers: replace,
			},
			"target_level": schema.Int64Attribute{
				MarkdownDescription: targetLevelDescription,
				Required:            true,
				Validators:          []validator.Int64{int64validator.Between(0, 4)},
			},
			"capabilities": schema.SetAttribute{
				MarkdownDescription: capabilitiesDescription + " Defaults to none.",
				ElementType:         types.StringType,
				Optional:            true,
				Computed:            true,
				Default:             setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
				Validators:          []validator.Set{setvalidator.ValueStringsAre(capabilityID{})},
			},
			"exemptions": schema.MapAttribute{
				MarkdownDescription: exemptionsDescription + " Defaults to none.",
				ElementType:         types.StringType,
				Optional:            true,
				Computed:            true,
				Default:             mapdefault.StaticValue(types.MapValueMust(types.StringType, nil)),
				Validators: []validator.Map{
					mapvalidator.KeysAre(capabilityID{}),
					mapvalidator.ValueStringsAre(nonBlank{what: "an exemption needs a reason"}),
				},
			},
			"output_dir": schema.StringAttribute{
				MarkdownDescription: "Folder the scaffolding is written into, created when missing. Nothing is ever written outside it, " +
					"and no symlink inside it is followed. It must not be another target's folder or lie inside one. Changing it replaces the scaffold.",
				Required:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: replace,
			},
			"scaffold": schema.StringAttribute{
				MarkdownDescription: "What apply writes: `next_level` (default) writes the files of the missing capabilities of `next_level` while the target is not met; " +
					"`target_level` writes those of every missing capability up to `target_level`; `none` writes nothing.",
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(scopeNextLevel),
				Validators: []validator.String{stringvalidator.OneOf(scopes...)},
			},
			"platform":   stackAttribute("CI system the pipelines are written for", platforms),
			"registry":   stackAttribute("Model registry and experiment tracker", registries),
			"monitoring": stackAttribute("Monitoring stack of the deployed model", monitorings),
			"variables": schema.MapAttribute{
				MarkdownDescription: "Extra template values, for example `python_version`, `default_branch`, `model_name` or `train_command`. " +
					"Unknown names are an error (with a suggestion) unless `template_dir` is set. See the provider docs for every name and default.",
				ElementType: types.StringType,
				Optional:    true,
			},
			"template_dir": schema.StringAttribute{
				MarkdownDescription: "Folder of your own templates that override the built-in ones file by file, with the same layout " +
					"(`common/<capability>/<path>.tmpl`, `platform/<platform>/<capability>/<path>.tmpl`, ...). A template that fails to parse is an error naming the file and line.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"overwrite_modified": schema.BoolAttribute{
				MarkdownDescription: "When true, generated files you edited are overwritten with the newly rendered content. Defaults to false: edited files are left alone and listed in `modified_files`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(false),
			},
			"id": schema.StringAttribute{
				MarkdownDescription: "The absolute path of `output_dir`.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"current_level":   schema.Int64Attribute{MarkdownDescription: currentLevelDescription, Computed: true},
			"next_level":      schema.Int64Attribute{MarkdownDescription: nextLevelDescription, Computed: true},
			"target_met":      schema.BoolAttribute{MarkdownDescription: targetMetDescription, Computed: true},
			"gaps":            resourceGapsAttribute(),
			"next_level_gaps": schema.ListAttribute{MarkdownDescription: nextLevelGapsDescription, ElementType: types.StringType, Computed: true},
			"files": schema.MapAttribute{
				MarkdownDescription: "Every generated file this target manages: path relative to `output_dir` (`/`-separated) to the sha256 of the content written. " +
					"Known at plan time, so the plan shows exactly what apply writes. Files accumulate until destroy.",
				ElementType: types.StringType,
				Computed:    true,
			},
			"modified_files": schema.ListAttribute{
				MarkdownDescription: "Managed files whose content on disk no longer matches `files`: your edits, which are kept.",
				ElementType:         types.StringType,
				Computed:            true,
			},
			"report": schema.StringAttribute{MarkdownDescription: reportDescription, Computed: true},
		},
	}
}

func stackAttribute(what string, allowed []string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: fmt.Sprintf("%s: `%s` (default)", what, allowed[0]) +
			func() string {
				if len(allowed) == 1 {
					return "."
				}
				return ", `" + strings.Join(allowed[1:], "`, `") + "`. Changing it replaces the scaffold."
			}(),
		Optional:      true,
		Computed:      true,
		Default:       stringdefault.StaticString(allowed[0]),
		Validators:    []validator.String{stringvalidator.OneOf(allowed...)},
		PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
	}
}

// resourceGapsAttribute is a list of objects rather than nested attributes:
// the type is the same, but the framework then walks no per-element schema
// on every plan, which matters with hundreds of targets.
func resourceGapsAttribute() schema.ListAttribute {
	return schema.ListAttribute{
		MarkdownDescription: gapsDescription + " " + gapFieldsDescription,
		ElementType:         gapObjectType,
		Computed:            true,
	}
}

// UpgradeState reads states of earlier schema versions. Version 0, written
// before the schema had a version, held the same values with gaps declared
// as nested attributes; the values carry over unchanged.
func (r *maturityTargetResource) UpgradeState(context.Context) map[int64]resource.StateUpgrader {
	v0 := targetSchemaV0()
	return map[int64]resource.StateUpgrader{
		0: {
			PriorSchema: &v0,
			StateUpgrader: func(ctx context.Context, req resource.UpgradeStateRequest, resp *resource.UpgradeStateResponse) {
				var m maturityTargetResourceModel
				resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
				if resp.Diagnostics.HasError() {
					return
				}
				resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
			},
		},
	}
}

// targetSchemaV0 is the schema of state version 0.
func targetSchemaV0() schema.Schema {
	s := targetSchema()
	s.Version = 0
	attrs := make(map[string]schema.Attribute, len(s.Attributes))
	for k, v := range s.Attributes {
		attrs[k] = v
	}
	nested := map[string]schema.Attribute{}
	for name := range gapObjectType.AttrTypes {
		if name == "level" {
			nested[name] = schema.Int64Attribute{Computed: true}
			continue
		}
		nested[name] = schema.StringAttribute{Computed: true}
	}
	attrs["gaps"] = schema.ListNestedAttribute{Computed: true, NestedObject: schema.NestedAttributeObject{Attributes: nested}}
	s.Attributes = attrs
	return s
}

func (r *maturityTargetResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{declaredAndExempted{}}
}

func (r *maturityTargetResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

// inputsOf converts the model into domain inputs; known is false while any
// input is unknown.
func inputsOf(ctx context.Context, m *maturityTargetResourceModel) (in targetInputs, known bool, diags diag.Diagnostics) {
	for _, v := range []attr.Value{m.Name, m.OutputDir, m.Scaffold, m.Platform, m.Registry, m.Monitoring, m.Variables, m.TemplateDir, m.OverwriteModified} {
		if v.IsUnknown() {
			return in, false, nil
		}
	}
	in.decl, known, diags = declarationOf(ctx, m.Capabilities, m.Exemptions, m.TargetLevel)
	if !known || diags.HasError() {
		return in, false, diags
	}
	if !m.Variables.IsNull() {
		for _, v := range m.Variables.Elements() {
			if v.IsUnknown() {
				return in, false, diags
			}
		}
		diags.Append(m.Variables.ElementsAs(ctx, &in.vars, false)...)
	}
	in.name = m.Name.ValueString()
	in.outputDir = m.OutputDir.ValueString()
	in.scope = m.Scaffold.ValueString()
	in.stack = scaffold.Stack{Platform: m.Platform.ValueString(), Registry: m.Registry.ValueString(), Monitoring: m.Monitoring.ValueString()}
	in.templateDir = m.TemplateDir.ValueString()
	in.overwrite = m.OverwriteModified.ValueBool()
	return in, !diags.HasError(), diags
}

func filesOf(ctx context.Context, m types.Map) (map[string]string, diag.Diagnostics) {
	out := map[string]string{}
	if m.IsNull() || m.IsUnknown() {
		return out, nil
	}
	diags := m.ElementsAs(ctx, &out, false)
	return out, diags
}

// setComputed copies a plan's results into the model.
func (r *maturityTargetResource) setComputed(m *maturityTargetResourceModel, p *targetPlan) {
	values := assessmentValuesOf(r.data.catalog, p.assessment)
	m.ID = types.StringValue(p.root)
	m.CurrentLevel, m.NextLevel, m.TargetMet = values.CurrentLevel, values.NextLevel, values.TargetMet
	m.Gaps, m.NextLevelGaps = values.Gaps, values.NextLevelGaps
	m.Report = types.StringValue(p.report)
	m.Files = stringMap(p.files)
	m.ModifiedFiles = stringList(p.modified)
}

// setComputedAttributes writes the computed attributes one by one: on the
// plan path this is several times cheaper than the framework's reflection
// over the whole model, which matters with hundreds of targets.
func setComputedAttributes(ctx context.Context, plan *tfsdk.Plan, m *maturityTargetResourceModel) diag.Diagnostics {
	var diags diag.Diagnostics
	for name, value := range map[string]attr.Value{
		"id":              m.ID,
		"current_level":   m.CurrentLevel,
		"next_level":      m.NextLevel,
		"target_met":      m.TargetMet,
		"gaps":            m.Gaps,
		"next_level_gaps": m.NextLevelGaps,
		"report":          m.Report,
		"files":           m.Files,
		"modified_files":  m.ModifiedFiles,
	} {
		diags.Append(plan.SetAttribute(ctx, path.Root(name), value)...)
	}
	return diags
}

func stringMap(values map[string]string) types.Map {
	elems := make(map[string]attr.Value, len(values))
	for k, v := range values {
		elems[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, elems)
}

// ModifyPlan computes the level, the gaps, the report and the exact files
// apply will write, so all of them show in the plan.
func (r *maturityTargetResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.data == nil {
		return
	}
	var plan maturityTargetResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	in, known, diags := inputsOf(ctx, &plan)
	resp.Diagnostics.Append(diags...)
	if !known || resp.Diagnostics.HasError() {
		return
	}
	// A replacement destroys the old scaffold first, so nothing is managed
	// yet; the old manifest may stay in the folder until then.
	prior := map[string]string{}
	owner := ""
	if !req.State.Raw.IsNull() {
		var state maturityTargetResourceModel
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		if state.ID.ValueString() == mustAbs(in.outputDir) {
			owner = state.Name.ValueString()
		}
		if len(resp.RequiresReplace) == 0 {
			prior, diags = filesOf(ctx, state.Files)
			resp.Diagnostics.Append(diags...)
		}
	}
	p, diags := planTarget(r.data, in, prior, owner)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.setComputed(&plan, p)
	resp.Diagnostics.Append(setComputedAttributes(ctx, &resp.Plan, &plan)...)
	r.warn(&resp.Diagnostics, p)
}

// warn adds the single plan warning: the level, the target, what the next
// level misses, and any existing file the scaffold leaves alone.
func (r *maturityTargetResource) warn(diags *diag.Diagnostics, p *targetPlan) {
	a := p.assessment
	c := r.data.catalog
	if a.TargetMet {
		return
	}
	detail := fmt.Sprintf("The project is at level %d (%s) and targets level %d (%s). Level %d (%s) is missing: %s.",
		a.Current, c.LevelName(a.Current), a.Target, c.LevelName(a.Target), a.Next, c.LevelName(a.Next), strings.Join(c.IDsOf(a.NextGaps), ", "))
	if len(p.unmanaged) > 0 {
		detail += fmt.Sprintf("\n\nThese files already exist with other content and are not managed by this target, so apply leaves them alone: %s.",
			strings.Join(p.unmanaged, ", "))
	}
	diags.AddWarning(fmt.Sprintf("MLOps maturity level %d of target %d", a.Current, a.Target), detail)
}

func (r *maturityTargetResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan maturityTargetResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	diags, wrote := r.apply(ctx, &plan, nil, "")
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() && !wrote {
		return
	}
	// After a partial write the state records what is on disk, so Terraform
	// taints the target and the next apply converges.
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *maturityTargetResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state maturityTargetResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	prior, diags := filesOf(ctx, state.Files)
	resp.Diagnostics.Append(diags...)
	diags, wrote := r.apply(ctx, &plan, prior, state.Name.ValueString())
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() && !wrote {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// apply re-plans against the disk, refuses to go on when the result differs
// from the plan Terraform showed, then writes. wrote reports that files were
// written even though diags has an error; plan then holds what is on disk.
func (r *maturityTargetResource) apply(ctx context.Context, plan *maturityTargetResourceModel, prior map[string]string, owner string) (diags diag.Diagnostics, wrote bool) {
	in, known, d := inputsOf(ctx, plan)
	diags.Append(d...)
	if !known || diags.HasError() {
		diags.AddError("Unknown inputs at apply", "Every input of the target must be known at apply time.")
		return diags, false
	}
	if owner != in.name {
		owner = ""
	}
	p, d := planTarget(r.data, in, prior, owner)
	diags.Append(d...)
	if diags.HasError() {
		return diags, false
	}
	planned, d := filesOf(ctx, plan.Files)
	diags.Append(d...)
	if err := compareWithPlan(planned, p.files); err != nil {
		diags.AddAttributeError(path.Root("output_dir"), "Output folder changed since plan",
			fmt.Sprintf("Files in %s or in template_dir %v. Nothing was written. Run terraform apply again to plan against the current files.", p.root, err))
		return diags, false
	}
	_, err := scaffold.Apply(p.root, p.rendered, scaffold.ApplyOptions{
		OverwriteModified: in.overwrite,
		GeneratorVersion:  r.data.version,
		Name:              in.name,
		Stack:             in.stack,
		LockOwner:         "terraform mlops_maturity_target " + in.name,
		Target:            manifestTarget(in),
	})
	if err != nil {
		diags.AddAttributeError(path.Root("output_dir"), "Writing the scaffold failed",
			err.Error()+". Every file is either complete or untouched; the next apply continues from what was written.")
		return diags, r.recordPartial(plan, p)
	}
	r.setComputed(plan, p)
	return diags, false
}

// recordPartial puts into plan the files a failed apply did write, from the
// manifest it left, so the state matches the disk.
func (r *maturityTargetResource) recordPartial(plan *maturityTargetResourceModel, p *targetPlan) bool {
	m, err := scaffold.ReadManifest(p.root)
	if err != nil || m == nil {
		return false
	}
	r.setComputed(plan, p)
	files := make(map[string]string, len(m.Files))
	for k, v := range m.Files {
		files[k] = v.SHA256
	}
	plan.Files = stringMap(files)
	return true
}

func mustAbs(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return abs
}

// Read detects edited and deleted files. A deleted file drops out of files,
// so the next plan re-creates it while its capability is in scope.
func (r *maturityTargetResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var name types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("name"), &name)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if name.IsNull() {
		r.readImport(ctx, req, resp)
		return
	}
	// The common case, once per target on every plan: touch only the two
	// attributes a refresh can change.
	var id types.String
	var stateFiles types.Map
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &id)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("files"), &stateFiles)...)
	if resp.Diagnostics.HasError() {
		return
	}
	files, modified, diags := inspectFiles(ctx, id.ValueString(), stateFiles)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("files"), files)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("modified_files"), modified)...)
}

// readImport fills a freshly imported target from its folder.
func (r *maturityTargetResource) readImport(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state maturityTargetResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(r.readImported(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	files, modified, diags := inspectFiles(ctx, state.ID.ValueString(), state.Files)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	state.Files, state.ModifiedFiles = files, modified
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// inspectFiles checks the managed files on disk: a deleted one drops out of
// files (so the next plan re-creates it while in scope), an edited one is
// listed in modified_files.
func inspectFiles(ctx context.Context, root string, stateFiles types.Map) (types.Map, types.List, diag.Diagnostics) {
	files, diags := filesOf(ctx, stateFiles)
	status, err := scaffold.Inspect(root, files)
	if err != nil {
		diags.AddAttributeError(path.Root("output_dir"), "Inspecting the scaffold failed", err.Error())
		return types.Map{}, types.List{}, diags
	}
	for _, m := range status.Missing {
		delete(files, m)
	}
	return stringMap(files), stringList(status.Modified), diags
}

func (r *maturityTargetResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state maturityTargetResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	root := state.ID.ValueString()
	m, err := scaffold.ReadManifest(root)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("output_dir"), "Unreadable scaffold manifest", err.Error())
		return
	}
	if m == nil {
		files, diags := filesOf(ctx, state.Files)
		resp.Diagnostics.Append(diags...)
		m = &scaffold.Manifest{FormatVersion: scaffold.ManifestFormatVersion, Name: state.Name.ValueString(), Files: map[string]scaffold.ManifestFile{}}
		for k, v := range files {
			m.Files[k] = scaffold.ManifestFile{SHA256: v}
		}
	}
	res, err := scaffold.Remove(root, m)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("output_dir"), "Removing the scaffold failed", err.Error())
		return
	}
	if len(res.KeptModified) > 0 {
		sort.Strings(res.KeptModified)
		resp.Diagnostics.AddWarning("Edited files kept",
			fmt.Sprintf("These generated files were edited and are left in place in %s: %s.", root, strings.Join(res.KeptModified, ", ")))
	}
}

// ImportState takes the output folder; Read fills the rest from its manifest.
func (r *maturityTargetResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	abs, err := filepath.Abs(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import id", "The import id is the target's output_dir: "+err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), abs)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("output_dir"), req.ID)...)
}

func manifestTarget(in targetInputs) *scaffold.Target {
	caps := append([]string{}, in.decl.Capabilities...)
	sort.Strings(caps)
	return &scaffold.Target{
		Level:             in.decl.Target,
		Capabilities:      caps,
		Exemptions:        in.decl.Exemptions,
		Scope:             in.scope,
		Variables:         in.vars,
		TemplateDir:       in.templateDir,
		OverwriteModified: in.overwrite,
	}
}

// readImported fills an imported target from the manifest in its folder and
// computes what a plan would show.
func (r *maturityTargetResource) readImported(ctx context.Context, state *maturityTargetResourceModel) diag.Diagnostics {
	var diags diag.Diagnostics
	root := state.ID.ValueString()
	m, err := scaffold.ReadManifest(root)
	if err != nil {
		diags.AddError("Unreadable scaffold manifest", err.Error())
		return diags
	}
	if m == nil || m.Target == nil {
		diags.AddError("Nothing to import", fmt.Sprintf("%s has no scaffold manifest with a target (%s/manifest.json); "+
			"the import id is the output_dir of a scaffold written by this provider.", root, scaffold.StateDir))
		return diags
	}
	t := m.Target
	state.Name = types.StringValue(m.Name)
	state.TargetLevel = types.Int64Value(int64(t.Level))
	state.Capabilities = stringSet(t.Capabilities)
	state.Exemptions = stringMap(t.Exemptions)
	state.Scaffold = types.StringValue(t.Scope)
	state.Platform = types.StringValue(m.Stack.Platform)
	state.Registry = types.StringValue(m.Stack.Registry)
	state.Monitoring = types.StringValue(m.Stack.Monitoring)
	state.Variables = types.MapNull(types.StringType)
	if len(t.Variables) > 0 {
		state.Variables = stringMap(t.Variables)
	}
	state.TemplateDir = types.StringNull()
	if t.TemplateDir != "" {
		state.TemplateDir = types.StringValue(t.TemplateDir)
	}
	state.OverwriteModified = types.BoolValue(t.OverwriteModified)
	files := make(map[string]string, len(m.Files))
	for k, v := range m.Files {
		files[k] = v.SHA256
	}
	in, _, d := inputsOf(ctx, state)
	diags.Append(d...)
	if diags.HasError() {
		return diags
	}
	p, d := planTarget(r.data, in, files, m.Name)
	diags.Append(d...)
	if diags.HasError() {
		return diags
	}
	r.setComputed(state, p)
	state.Files = stringMap(files)
	return diags
}

func stringSet(values []string) types.Set {
	elems := make([]attr.Value, len(values))
	for i, v := range values {
		elems[i] = types.StringValue(v)
	}
	return types.SetValueMust(types.StringType, elems)
}
