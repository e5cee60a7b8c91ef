package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ datasource.DataSource              = (*maturityModelDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*maturityModelDataSource)(nil)
)

// NewMaturityModelDataSource is the data source mlops_maturity_model.
func NewMaturityModelDataSource() datasource.DataSource { return &maturityModelDataSource{} }

type maturityModelDataSource struct{ data *providerData }

type maturityModelDataSourceModel struct {
	Levels       types.List `tfsdk:"levels"`
	Capabilities types.List `tfsdk:"capabilities"`
}

var (
	levelObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"number":  types.Int64Type,
		"name":    types.StringType,
		"summary": types.StringType,
	}}
	capabilityObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"id":             types.StringType,
		"level":          types.Int64Type,
		"dimension":      types.StringType,
		"title":          types.StringType,
		"description":    types.StringType,
		"seed_reference": types.StringType,
	}}
)

func (d *maturityModelDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_maturity_model"
}

func (d *maturityModelDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The MLOps maturity model itself: its levels and the capabilities that define them, straight from the provider's catalog.",
		Attributes: map[string]schema.Attribute{
			"levels": schema.ListNestedAttribute{
				MarkdownDescription: "The levels, from " + levelRange(builtinModel) + ".",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"number":  schema.Int64Attribute{MarkdownDescription: "Level number.", Computed: true},
					"name":    schema.StringAttribute{MarkdownDescription: "Level name.", Computed: true},
					"summary": schema.StringAttribute{MarkdownDescription: "What a project at this level looks like.", Computed: true},
				}},
			},
			"capabilities": schema.ListNestedAttribute{
				MarkdownDescription: "Every capability, in gap order (level, dimension, id).",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":             schema.StringAttribute{MarkdownDescription: gapFieldDescriptions["id"], Computed: true},
					"level":          schema.Int64Attribute{MarkdownDescription: gapFieldDescriptions["level"], Computed: true},
					"dimension":      schema.StringAttribute{MarkdownDescription: gapFieldDescriptions["dimension"], Computed: true},
					"title":          schema.StringAttribute{MarkdownDescription: gapFieldDescriptions["title"], Computed: true},
					"description":    schema.StringAttribute{MarkdownDescription: gapFieldDescriptions["description"], Computed: true},
					"seed_reference": schema.StringAttribute{MarkdownDescription: "Where the capability comes from in the maturity model: section anchor and column, for example `level-2-automated-training, Model Creation`.", Computed: true},
				}},
			},
		},
	}
}

func (d *maturityModelDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (d *maturityModelDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	catalog := d.data.catalog
	levels := make([]attr.Value, len(catalog.Levels))
	for i, l := range catalog.Levels {
		levels[i] = types.ObjectValueMust(levelObjectType.AttrTypes, map[string]attr.Value{
			"number":  types.Int64Value(int64(l.Number)),
			"name":    types.StringValue(l.Name),
			"summary": types.StringValue(l.Summary),
		})
	}
	caps := make([]attr.Value, len(catalog.Capabilities))
	for i, c := range catalog.Capabilities {
		caps[i] = types.ObjectValueMust(capabilityObjectType.AttrTypes, map[string]attr.Value{
			"id":             types.StringValue(c.ID),
			"level":          types.Int64Value(int64(c.Level)),
			"dimension":      types.StringValue(c.Dimension),
			"title":          types.StringValue(c.Title),
			"description":    types.StringValue(c.Description),
			"seed_reference": types.StringValue(c.SeedReference.String()),
		})
	}
	model := maturityModelDataSourceModel{
		Levels:       types.ListValueMust(levelObjectType, levels),
		Capabilities: types.ListValueMust(capabilityObjectType, caps),
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}
