package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ datasource.DataSource                     = (*maturityTargetDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*maturityTargetDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*maturityTargetDataSource)(nil)
)

// NewMaturityTargetDataSource is the data source mlops_maturity_target.
func NewMaturityTargetDataSource() datasource.DataSource { return &maturityTargetDataSource{} }

type maturityTargetDataSource struct{ data *providerData }

type maturityTargetDataSourceModel struct {
	TargetLevel     types.Number `tfsdk:"target_level"`
	Capabilities    types.Set    `tfsdk:"capabilities"`
	Exemptions      types.Map    `tfsdk:"exemptions"`
	MinimumLevel    types.Number `tfsdk:"minimum_level"`
	CurrentLevel    types.Int64  `tfsdk:"current_level"`
	NextLevel       types.Int64  `tfsdk:"next_level"`
	TargetMet       types.Bool   `tfsdk:"target_met"`
	Gaps            types.List   `tfsdk:"gaps"`
	NextLevelGaps   types.List   `tfsdk:"next_level_gaps"`
	DimensionScores types.Map    `tfsdk:"dimension_scores"`
	Report          types.String `tfsdk:"report"`
}

func (d *maturityTargetDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_maturity_target"
}

func (d *maturityTargetDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Evaluates declared capabilities against the MLOps maturity model without writing any file. " +
			"Use it to report a level, or set `minimum_level` to make `terraform plan` fail in CI when a project falls below it.",
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
			"report": schema.StringAttribute{MarkdownDescription: reportDescription, Computed: true},
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
	resp.Diagnostics.Append(checkDeclaration(catalog, model.Capabilities, model.Exemptions,
		map[string]types.Number{"target_level": model.TargetLevel, "minimum_level": model.MinimumLevel})...)
	if resp.Diagnostics.HasError() {
		return
	}
	decl, _, diags := declarationOf(ctx, model.Capabilities, model.Exemptions, model.TargetLevel)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	a, err := catalog.Evaluate(decl)
	if err != nil {
		resp.Diagnostics.AddError("Evaluating the declaration failed", err.Error())
		return
	}
	values := assessmentValuesOf(catalog, a)
	model.CurrentLevel, model.NextLevel, model.TargetMet = values.CurrentLevel, values.NextLevel, values.TargetMet
	model.Gaps, model.NextLevelGaps = values.Gaps, values.NextLevelGaps
	model.Report = types.StringValue(catalog.Report(a, decl.Exemptions, nil))
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
