package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/report"
)

// relativePathRegexp accepts a repository-relative path: no leading slash,
// no backslash, no ".." segment.
var relativePathRegexp = regexp.MustCompile(`^(?:[^/\\.][^/\\]*|\.[^/\\.][^/\\]*)(?:/(?:[^/\\.][^/\\]*|\.[^/\\.][^/\\]*))*$`)

var (
	_ datasource.DataSource                     = (*maturityTargetDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*maturityTargetDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*maturityTargetDataSource)(nil)
)

// NewMaturityTargetDataSource is the data source mlops_maturity_target.
func NewMaturityTargetDataSource() datasource.DataSource { return &maturityTargetDataSource{} }

type maturityTargetDataSource struct{ data *providerData }

type maturityTargetDataSourceModel struct {
	declarationModel
	assessmentModel
	evidenceModel
	MinimumLevel    types.Number `tfsdk:"minimum_level"`
	DimensionScores types.Map    `tfsdk:"dimension_scores"`
	Report          types.String `tfsdk:"report"`
	Name            types.String `tfsdk:"name"`
	SourceFile      types.String `tfsdk:"source_file"`
	ReportJSON      types.String `tfsdk:"report_json"`
	ReportSARIF     types.String `tfsdk:"report_sarif"`
	ScorecardSVG    types.String `tfsdk:"scorecard_svg"`
	BadgeSVG        types.String `tfsdk:"badge_svg"`
	Evidence        types.Map    `tfsdk:"evidence"`
}

func (d *maturityTargetDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_maturity_target"
}

func (d *maturityTargetDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Evaluates declared capabilities against the MLOps maturity model without writing any file. " +
			"Use it to report a level, or set `minimum_level` to make `terraform plan` fail in CI when a project falls below it.\n\n" +
			"Besides the Markdown `report`, it gives the assessment in the formats CI systems and people read, ready to write " +
			"to files (for example with `local_file` or `terraform output -raw`): `report_json` (the whole assessment, stable field names), " +
			"`report_sarif` (SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one rule per capability, one result per gap), " +
			"`scorecard_svg` (the levels by dimensions grid as a picture) and `badge_svg` (a shields.io style badge, \"MLOps level 2/4\"). " +
			"The `examples/ci-gate` folder of the provider's repository has a GitHub workflow that uses them.",
		Attributes: map[string]schema.Attribute{
			"target_level": schema.NumberAttribute{
				MarkdownDescription: targetLevelDescription,
				Required:            true,
			},
			"capabilities": schema.SetAttribute{
				MarkdownDescription: capabilitiesDescription,
				ElementType:         types.StringType,
				Optional:            true,
			},
			"exemptions": schema.MapAttribute{
				MarkdownDescription: exemptionsDescription,
				ElementType:         types.StringType,
				Optional:            true,
				Validators: []validator.Map{
					mapvalidator.ValueStringsAre(nonBlank{what: "an exemption needs a reason"}),
				},
			},
			"minimum_level": schema.NumberAttribute{
				MarkdownDescription: "When set, reading the data source fails with an error naming the gaps if `current_level` is below it (a level of the model, like `target_level`). Use it to gate CI.",
				Optional:            true,
			},
			"current_level":   schema.Int64Attribute{MarkdownDescription: currentLevelDescription, Computed: true},
			"next_level":      schema.Int64Attribute{MarkdownDescription: nextLevelDescription, Computed: true},
			"target_met":      schema.BoolAttribute{MarkdownDescription: targetMetDescription, Computed: true},
			"gaps":            schema.ListAttribute{MarkdownDescription: gapsDescription, ElementType: types.StringType, Computed: true},
			"next_level_gaps": schema.ListAttribute{MarkdownDescription: nextLevelGapsDescription, ElementType: types.StringType, Computed: true},
			"dimension_scores": schema.MapAttribute{
				MarkdownDescription: "Per dimension, the fraction (0 to 1) of its capabilities of levels 1 to `target_level` that are met or exempted; " +
					"1 where the dimension has none up to the target.",
				ElementType: types.Float64Type,
				Computed:    true,
			},
			"report": schema.StringAttribute{
				MarkdownDescription: "A Markdown report: the level and the target, a table of the levels by dimensions with every capability " +
					"met, missing or exempted (with the reason), the gaps with what each asks for, and the exemptions.",
				Computed: true,
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The project's name, a slug such as `churn-model`. It heads the reports and the scorecard and names the project in SARIF results.",
				Optional:            true,
				Validators:          []validator.String{projectNameValidator()},
			},
			"source_file": schema.StringAttribute{
				MarkdownDescription: "The file that declares this project, relative to the repository root (for example `infra/mlops/main.tf`). " +
					"SARIF results point at it (the whole file: Terraform does not tell providers the line). " +
					"GitHub code scanning rejects results without a file location, so set it when you upload `report_sarif` there.",
				Optional: true,
				Validators: []validator.String{
					stringvalidator.LengthAtLeast(1),
					stringvalidator.RegexMatches(relativePathRegexp, "must be a path relative to the repository root, with forward slashes, for example infra/mlops/main.tf"),
				},
			},
			"report_json": schema.StringAttribute{
				MarkdownDescription: "The whole assessment as JSON (`schema_version` 1): `project`, `current_level`, `current_level_name`, `next_level`, " +
					"`target_level`, `target_level_name`, `target_met`, `minimum_level` (when set), `below_minimum`, `max_level`, `gaps` and " +
					"`next_level_gaps` (ids), `dimension_scores`, `exemptions` (id to reason), and `capabilities`: every capability of the model " +
					"with `id`, `level`, `dimension`, `title`, `status` (`met`, `exempted`, `gap` or `beyond_target`) and `exemption_reason`. " +
					"With `evidence_dir`, also `evidence`: one object per detection with `capability`, `rule` (the catalog's evidence rule " +
					"that decided), `path` and `line` (the deciding line, relative to `evidence_dir`), `reason` (what the rule shows, in words) " +
					"and `scaffolded` (true when the file is this provider's scaffold, not yet edited), and `declared_without_evidence`. " +
					"Field names are stable; new fields may be added.",
				Computed: true,
			},
			"report_sarif": schema.StringAttribute{
				MarkdownDescription: "A SARIF 2.1.0 log: one rule per capability (its title, description and the section of the maturity model as help) " +
					"and one result per gap, at `error` level for the gaps of `next_level` and `warning` for those of the levels after it, " +
					"located at `source_file` when set. With `evidence_dir`, each detection is a passing result at its deciding line that names " +
					"the evidence rule. Upload it with `github/codeql-action/upload-sarif` to see the gaps as code scanning alerts.",
				Computed: true,
			},
			"scorecard_svg": schema.StringAttribute{
				MarkdownDescription: "A self-contained SVG picture of the levels by dimensions grid: each cell coloured by how much of it is met, " +
					"the levels reached outlined, the current level and the target marked, with a legend and the project's name. " +
					"It draws on an opaque card, so it reads in light and dark themes.",
				Computed: true,
			},
			"badge_svg": schema.StringAttribute{
				MarkdownDescription: "A shields.io style SVG badge, \"MLOps level 2/4\", coloured by level from red (0) to bright green (4).",
				Computed:            true,
			},
			"evidence_dir": schema.StringAttribute{
				MarkdownDescription: evidenceDirDescription,
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"evidence_mode": schema.StringAttribute{
				MarkdownDescription: evidenceModeDescription,
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(evidenceModes...)},
			},
			"detected_capabilities":     schema.ListAttribute{MarkdownDescription: detectedDescription, ElementType: types.StringType, Computed: true},
			"declared_without_evidence": schema.ListAttribute{MarkdownDescription: declaredWithoutEvidenceDescription, ElementType: types.StringType, Computed: true},
			"detected_not_declared":     schema.ListAttribute{MarkdownDescription: detectedNotDeclaredDescription, ElementType: types.StringType, Computed: true},
			"evidence": schema.MapAttribute{
				MarkdownDescription: "Per detected capability, where the scan found it: `path:line` entries (paths relative to `evidence_dir`). " +
					"The reports show them too. Null without `evidence_dir`.",
				ElementType: types.ListType{ElemType: types.StringType},
				Computed:    true,
			},
		},
	}
}

func (d *maturityTargetDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{declaredAndExempted{}}
}

func (d *maturityTargetDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (d *maturityTargetDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var model maturityTargetDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	catalog := d.data.catalog
	resp.Diagnostics.Append(checkDeclaration(catalog, path.Empty(), model.Capabilities, model.Exemptions,
		map[string]types.Number{"target_level": model.TargetLevel, "minimum_level": model.MinimumLevel})...)
	if resp.Diagnostics.HasError() {
		return
	}
	decl, _, diags := declarationOf(ctx, model.Capabilities, model.Exemptions, model.TargetLevel)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	a, scanned, diags := assess(catalog, decl, model.EvidenceDir.ValueString(), model.EvidenceMode.ValueString(), "", nil)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	model.Detected, model.DeclaredWithoutEvidence, model.DetectedNotDeclared = scanned.lists()
	model.Evidence = scanned.evidenceMap()
	model.assessmentModel = assessmentModelOf(catalog, a)
	in := report.Input{Catalog: catalog, Assessment: a, Project: model.Name.ValueString(), Exemptions: decl.Exemptions}
	if scanned != nil {
		in.Evidence = scanned.result.EvidenceMap()
		in.Scan = scanned.reportScan()
	}
	if !model.MinimumLevel.IsNull() {
		minimum := levelOf(model.MinimumLevel)
		in.Minimum = &minimum
	}
	if p := model.SourceFile.ValueString(); p != "" {
		in.Source = &report.Location{Path: p}
	}
	resp.Diagnostics.Append(setReports(&model, in)...)
	if resp.Diagnostics.HasError() {
		return
	}
	scores := catalog.DimensionScores(a)
	elems := make(map[string]attr.Value, len(scores))
	for i, s := range scores {
		elems[catalog.Dimensions[i]] = types.Float64Value(s)
	}
	model.DimensionScores = types.MapValueMust(types.Float64Type, elems)

	if !model.MinimumLevel.IsNull() && a.Current < levelOf(model.MinimumLevel) {
		minimum := levelOf(model.MinimumLevel)
		missing := catalog.IDsOf(catalog.LevelSet(a.Current+1, minimum) &^ a.Met())
		resp.Diagnostics.AddAttributeError(path.Root("minimum_level"), "Maturity level below the minimum",
			fmt.Sprintf("The project is at level %d (%s) but the minimum is level %d (%s). Missing capabilities: %s.",
				a.Current, catalog.LevelName(a.Current), minimum, catalog.LevelName(minimum), strings.Join(missing, ", ")))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}

// setReports renders every report format of the assessment into the model.
func setReports(model *maturityTargetDataSourceModel, in report.Input) (diags diag.Diagnostics) {
	for _, f := range []struct {
		into   *types.String
		render func(report.Input) (string, error)
	}{
		{&model.Report, report.Markdown},
		{&model.ReportJSON, report.JSON},
		{&model.ReportSARIF, report.SARIF},
		{&model.ScorecardSVG, report.Scorecard},
		{&model.BadgeSVG, report.Badge},
	} {
		out, err := f.render(in)
		if err != nil {
			diags.AddError("Rendering the report failed", err.Error())
			return diags
		}
		*f.into = types.StringValue(out)
	}
	return diags
}
