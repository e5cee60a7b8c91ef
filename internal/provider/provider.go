// Package provider translates between Terraform and the maturity and
// scaffold packages. It holds no domain logic of its own.
package provider

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

var (
	_ provider.Provider              = (*mlopsProvider)(nil)
	_ provider.ProviderWithFunctions = (*mlopsProvider)(nil)
)

// mlopsProvider works locally; its only setting is the maturity model.
type mlopsProvider struct {
	version string
}

type providerModel struct {
	Catalog types.String `tfsdk:"catalog"`
}

// New returns a constructor of the provider, as providerserver.Serve expects.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &mlopsProvider{version: version}
	}
}

func (p *mlopsProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "mlops"
	resp.Version = p.version
}

func (p *mlopsProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Measures an ML project against the MLOps maturity model (levels 0 to 4, or your own model), shows the missing " +
			"capabilities at plan time, and scaffolds the pipeline, model registry and monitoring files that reach the next level. " +
			"The provider needs no configuration; `catalog` replaces the built-in model with your own.",
		Attributes: map[string]schema.Attribute{
			"catalog": schema.StringAttribute{
				MarkdownDescription: "Your own maturity model, in the built-in catalog's format (YAML or JSON), usually " +
					"`file(\"${path.module}/model.yaml\")`: `levels` (numbered from 0, any count from 2), `dimensions` in order, and " +
					"`capabilities` (`id`, `level`, `dimension`, `title`, `description`, `seed_reference`, and optional evidence rules). " +
					"Every level range, id list and dimension order of the resource, the data sources and their checks then comes from it. " +
					"A broken catalog is an error naming the line and what is wrong. Capabilities of your own have no built-in templates: " +
					"scaffolding them needs `template_dir`. Without it, the file named by the `" + catalogFileEnv + "` environment variable is " +
					"used, else the built-in model. The function `maturity_level` cannot see provider configuration (Terraform calls functions " +
					"without it), so it uses `" + catalogFileEnv + "` or the built-in model.",
				Optional: true,
			},
		},
	}
}

// Configure loads the catalog and the built-in templates once per provider
// process and hands them to every resource and data source.
func (p *mlopsProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var config providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if config.Catalog.IsUnknown() {
		resp.Diagnostics.AddAttributeError(path.Root("catalog"), "Unknown catalog",
			"The catalog must be known at plan time: read it with file() or give it inline, not from another resource's result.")
		return
	}
	catalog, from, err := activeCatalog(config.Catalog.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("catalog"), "Invalid maturity catalog",
			fmt.Sprintf("The maturity model from %s cannot be used: %s.", from, strings.TrimPrefix(err.Error(), "catalog: ")))
		return
	}
	data := newProviderData(p.version, catalog)
	resp.DataSourceData = data
	resp.ResourceData = data
}

func (p *mlopsProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{NewMaturityTargetResource}
}

func (p *mlopsProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{NewMaturityTargetDataSource, NewMaturityModelDataSource, NewPortfolioDataSource, NewScaffoldDataSource}
}

func (p *mlopsProvider) Functions(_ context.Context) []func() function.Function {
	return []func() function.Function{NewMaturityLevelFunction}
}

// providerData is what Configure shares: built once, read-only afterwards.
// The templates are parsed on first use, so a run that only reads data
// sources never pays for them.
type providerData struct {
	version   string
	catalog   *maturity.Catalog
	overrides *overrideCache
	claims    *outputClaims
	plans     *planCache
	// catalogDigest is the catalog's content digest, computed once.
	catalogDigest func() string
}

func newProviderData(version string, catalog *maturity.Catalog) *providerData {
	return &providerData{version: version, catalog: catalog, overrides: newOverrideCache(), claims: newOutputClaims(), plans: newPlanCache(),
		catalogDigest: sync.OnceValue(func() string { return digestOfCatalog(catalog) })}
}

// templates returns the built-in templates, parsed once per process.
func (d *providerData) templates() (*scaffold.Library, error) {
	return scaffold.Builtin()
}

// configuredData is what every resource and data source does in Configure:
// take the provider's shared data, which is nil before the provider itself
// is configured (during validation).
func configuredData(raw any, diags *diag.Diagnostics) *providerData {
	if raw == nil {
		return nil
	}
	data, ok := raw.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("expected *providerData, got %T", raw))
	}
	return data
}
