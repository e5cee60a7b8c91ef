package provider

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/report"
)

var (
	_ datasource.DataSource              = (*portfolioDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*portfolioDataSource)(nil)
)

// NewPortfolioDataSource is the data source mlops_portfolio.
func NewPortfolioDataSource() datasource.DataSource { return &portfolioDataSource{} }

type portfolioDataSource struct{ data *providerData }

type portfolioDataSourceModel struct {
	Projects        map[string]portfolioProjectModel `tfsdk:"projects"`
	EnforceMinimum  types.Bool                       `tfsdk:"enforce_minimum"`
	Reports         types.Set                        `tfsdk:"reports"`
	Levels          types.Map                        `tfsdk:"levels"`
	LevelHistogram  types.Map                        `tfsdk:"level_histogram"`
	BelowMinimum    types.List                       `tfsdk:"below_minimum"`
	DimensionScores types.Map                        `tfsdk:"dimension_scores"`
	Report          types.String                     `tfsdk:"report"`
	ReportJSON      types.String                     `tfsdk:"report_json"`
	ScorecardSVG    types.String                     `tfsdk:"scorecard_svg"`
}

type portfolioProjectModel struct {
	declarationModel
	MinimumLevel types.Number `tfsdk:"minimum_level"`
	EvidenceDir  types.String `tfsdk:"evidence_dir"`
	EvidenceMode types.String `tfsdk:"evidence_mode"`
}

func (d *portfolioDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_portfolio"
}

func (d *portfolioDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Rolls a fleet of projects up into the view a platform team or an engineering manager asks for: " +
			"each project's level, how many projects are at each level, which are below their minimum, the average score per dimension, " +
			"and, when asked for in `reports`, a Markdown table, an SVG picture of the projects sorted by level, and JSON. Feed it from `mlops_maturity_target` " +
			"resources with a `for` expression (see the example). With `enforce_minimum = true` the plan fails, naming the projects " +
			"below their `minimum_level`, so it can gate CI for the whole fleet. No files are written.",
		Attributes: map[string]schema.Attribute{
			"projects": schema.MapNestedAttribute{
				MarkdownDescription: "The projects, by name: each with `target_level`, `capabilities` (ids), `exemptions` " +
					"(id to reason), an optional `minimum_level`, and optional `evidence_dir` and `evidence_mode`, as on `mlops_maturity_target`.",
				Required:   true,
				Validators: []validator.Map{mapvalidator.KeysAre(stringvalidator.LengthAtLeast(1))},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
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
						MarkdownDescription: "The level the project must not fall below (a level of the model, like `target_level`). Projects under it are listed in `below_minimum`.",
						Optional:            true,
					},
					"evidence_dir": schema.StringAttribute{
						MarkdownDescription: evidenceDirDescription + " The project's level in the portfolio then follows the scan as `evidence_mode` says.",
						Optional:            true,
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
					},
					"evidence_mode": schema.StringAttribute{
						MarkdownDescription: evidenceModeDescription + " Without `evidence_dir` it has no effect.",
						Optional:            true,
						Validators:          []validator.String{stringvalidator.OneOf(evidenceModes...)},
					},
				}},
			},
			"enforce_minimum": schema.BoolAttribute{
				MarkdownDescription: "When true, reading the data source fails with an error naming every project below its `minimum_level` " +
					"and what it misses. Use it to gate CI. Defaults to false: the projects are only listed in `below_minimum`.",
				Optional: true,
			},
			"reports": schema.SetAttribute{
				MarkdownDescription: "The rendered reports to compute: any of `\"report\"` (Markdown), `\"report_json\"` and " +
					"`\"scorecard_svg\"`. Terraform keeps them in the plan and the state, and they grow with the fleet (the three together " +
					"are about 3 KB a project, six times the rest of the state), so each is computed only when named here; the others are null. " +
					"Defaults to none: `levels`, `level_histogram`, `below_minimum` and `dimension_scores` are always computed.",
				ElementType: types.StringType,
				Optional:    true,
				Validators:  []validator.Set{setvalidator.ValueStringsAre(stringvalidator.OneOf(portfolioReports...))},
			},
			"levels": schema.MapAttribute{
				MarkdownDescription: "Each project's current level.",
				ElementType:         types.Int64Type,
				Computed:            true,
			},
			"level_histogram": schema.MapAttribute{
				MarkdownDescription: "The number of projects at each level, keyed by level (`\"0\"` to `\"4\"`, every level present).",
				ElementType:         types.Int64Type,
				Computed:            true,
			},
			"below_minimum": schema.ListAttribute{
				MarkdownDescription: "The projects whose current level is below their `minimum_level`, sorted by name.",
				ElementType:         types.StringType,
				Computed:            true,
			},
			"dimension_scores": schema.MapAttribute{
				MarkdownDescription: "Per dimension, the fleet average of the projects' `dimension_scores` (each the fraction, 0 to 1, of the " +
					"dimension's capabilities of levels 1 to the project's target that are met or exempted). Empty when there are no projects.",
				ElementType: types.Float64Type,
				Computed:    true,
			},
			"report": schema.StringAttribute{
				MarkdownDescription: "Null unless `reports` names `\"report\"`. A Markdown report: the projects per level, the projects below their minimum, the average per dimension, " +
					"and a table of the projects sorted by level (lowest first) with their target, minimum, score per dimension and gaps.",
				Computed: true,
			},
			"report_json": schema.StringAttribute{
				MarkdownDescription: "Null unless `reports` names `\"report_json\"`. The fleet as JSON (`schema_version` 1): `project_count`, `max_level`, `levels`, `level_histogram`, " +
					"`below_minimum`, `dimension_scores`, and `projects` (lowest level first), each with `project`, `current_level`, " +
					"`target_level`, `target_met`, `minimum_level` (when set), `below_minimum`, `gaps`, `next_level_gaps`, " +
					"`dimension_scores` and `exemptions`. Field names are stable; new fields may be added.",
				Computed: true,
			},
			"scorecard_svg": schema.StringAttribute{
				MarkdownDescription: "Null unless `reports` names `\"scorecard_svg\"`. A self-contained SVG picture of the fleet: a bar per level with its number of projects, then one row " +
					"per project (sorted by level, lowest first) with its level and a heat-map cell per dimension; projects below their " +
					"minimum in red. It draws on an opaque card, so it reads in light and dark themes, and stays readable with hundreds of projects.",
				Computed: true,
			},
		},
	}
}

func (d *portfolioDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (d *portfolioDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var model portfolioDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	catalog := d.data.catalog
	fleet, diags := fleetOf(ctx, catalog, model.Projects)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	summary, err := fleet.Summarize()
	if err != nil {
		resp.Diagnostics.AddError("Summarizing the portfolio failed", err.Error())
		return
	}
	if model.EnforceMinimum.ValueBool() && len(summary.BelowMinimum) > 0 {
		resp.Diagnostics.AddAttributeError(path.Root("enforce_minimum"), "Projects below their minimum maturity level",
			belowMinimumDetail(fleet, summary.BelowMinimum))
		return
	}
	var reports []string
	resp.Diagnostics.Append(model.Reports.ElementsAs(ctx, &reports, false)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(setPortfolio(&model, fleet, summary, reports)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}

// fleetOf evaluates every project, reporting each problem at its project's
// path, as users write it.
func fleetOf(ctx context.Context, catalog *maturity.Catalog, projects map[string]portfolioProjectModel) (report.Fleet, diag.Diagnostics) {
	var diags diag.Diagnostics
	fleet := report.Fleet{Catalog: catalog}
	names := make([]string, 0, len(projects))
	for name := range projects {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		p := projects[name]
		at := path.Root("projects").AtMapKey(name)
		if d := checkDeclaration(catalog, at, p.Capabilities, p.Exemptions,
			map[string]types.Number{"target_level": p.TargetLevel, "minimum_level": p.MinimumLevel}); d.HasError() {
			diags.Append(d...)
			continue
		}
		decl, _, d := declarationOf(ctx, p.Capabilities, p.Exemptions, p.TargetLevel)
		diags.Append(d...)
		if d.HasError() {
			continue
		}
		if errs := catalog.ValidateDeclaration(decl); len(errs) > 0 {
			for _, err := range errs {
				diags.AddAttributeError(at, "Invalid project", fmt.Sprintf("%s: %v.", at, err))
			}
			continue
		}
		// With evidence_dir the project's level follows its repository as
		// on mlops_maturity_target: in "require" mode a declared capability
		// without evidence is a gap.
		a, _, d := assessAt(at, catalog, decl, p.EvidenceDir.ValueString(), p.EvidenceMode.ValueString(), "", nil)
		diags.Append(d...)
		if d.HasError() {
			continue
		}
		in := report.Input{Assessment: a, Project: name, Exemptions: decl.Exemptions}
		if !p.MinimumLevel.IsNull() {
			minimum := levelOf(p.MinimumLevel)
			in.Minimum = &minimum
		}
		fleet.Projects = append(fleet.Projects, in)
	}
	return fleet, diags
}

// belowMinimumDetail names every project below its minimum, its level and
// what it misses to reach the minimum.
func belowMinimumDetail(fleet report.Fleet, below []string) string {
	c := fleet.Catalog
	byName := make(map[string]report.Input, len(fleet.Projects))
	for _, p := range fleet.Projects {
		byName[p.Project] = p
	}
	lines := make([]string, len(below))
	for i, name := range below {
		p := byName[name]
		a := p.Assessment
		missing := c.IDsOf(c.LevelSet(a.Current+1, *p.Minimum) &^ a.Met())
		lines[i] = fmt.Sprintf("- %s: level %d (%s), minimum %d (%s); missing: %s",
			name, a.Current, c.LevelName(a.Current), *p.Minimum, c.LevelName(*p.Minimum), strings.Join(missing, ", "))
	}
	return fmt.Sprintf("%d of %d projects are below their minimum_level:\n%s\n\nAdd the missing capabilities to their declarations "+
		"once they have them, exempt those that do not apply, or set enforce_minimum = false to report without failing.",
		len(below), len(fleet.Projects), strings.Join(lines, "\n"))
}

// portfolioReports are the heavy outputs, computed only when named in
// reports: each is a few hundred bytes a project, and terraform keeps the
// data source's result in the plan and the state.
var portfolioReports = []string{"report", "report_json", "scorecard_svg"}

// setPortfolio fills the computed attributes from the fleet: the summary
// always, and the reports named in reports (the others null).
func setPortfolio(model *portfolioDataSourceModel, fleet report.Fleet, s report.Summary, reports []string) (diags diag.Diagnostics) {
	c := fleet.Catalog
	levels := make(map[string]attr.Value, len(s.Levels))
	for name, l := range s.Levels {
		levels[name] = types.Int64Value(int64(l))
	}
	model.Levels = types.MapValueMust(types.Int64Type, levels)
	hist := make(map[string]attr.Value, len(s.Histogram))
	for l, n := range s.Histogram {
		hist[strconv.Itoa(l)] = types.Int64Value(int64(n))
	}
	model.LevelHistogram = types.MapValueMust(types.Int64Type, hist)
	model.BelowMinimum = stringList(s.BelowMinimum)
	scores := make(map[string]attr.Value, len(s.DimensionScores))
	for i, score := range s.DimensionScores {
		scores[c.Dimensions[i]] = types.Float64Value(score)
	}
	model.DimensionScores = types.MapValueMust(types.Float64Type, scores)
	for _, f := range []struct {
		name   string
		into   *types.String
		render func(report.Fleet) (string, error)
	}{
		{"report", &model.Report, report.FleetMarkdown},
		{"report_json", &model.ReportJSON, report.FleetJSON},
		{"scorecard_svg", &model.ScorecardSVG, report.FleetScorecard},
	} {
		if !slices.Contains(reports, f.name) {
			*f.into = types.StringNull()
			continue
		}
		out, err := f.render(fleet)
		if err != nil {
			diags.AddError("Rendering the portfolio failed", err.Error())
			return diags
		}
		*f.into = types.StringValue(out)
	}
	return diags
}
