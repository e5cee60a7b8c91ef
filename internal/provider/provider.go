// Package provider translates between Terraform and the maturity and
// scaffold packages. It holds no domain logic of its own.
package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

var (
	_ provider.Provider              = (*mlopsProvider)(nil)
	_ provider.ProviderWithFunctions = (*mlopsProvider)(nil)
)

// mlopsProvider needs no configuration: everything it does is local.
type mlopsProvider struct {
	version string
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
		MarkdownDescription: "Measures an ML project against the MLOps maturity model (levels 0 to 4), shows the missing " +
			"capabilities at plan time, and scaffolds the pipeline, model registry and monitoring files that reach the next level. " +
			"The provider needs no configuration.",
	}
}

// Configure loads the catalog and the built-in templates once per provider
// process and hands them to every resource and data source.
func (p *mlopsProvider) Configure(_ context.Context, _ provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	data, err := newProviderData(p.version)
	if err != nil {
		resp.Diagnostics.AddError("Loading the built-in maturity model failed", err.Error())
		return
	}
	resp.DataSourceData = data
	resp.ResourceData = data
}

func (p *mlopsProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{NewMaturityTargetResource}
}

func (p *mlopsProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{NewMaturityTargetDataSource, NewMaturityModelDataSource, NewScaffoldDataSource}
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
}

func newProviderData(version string) (*providerData, error) {
	catalog, err := maturity.Default()
	if err != nil {
		return nil, err
	}
	return &providerData{version: version, catalog: catalog, overrides: newOverrideCache(), claims: newOutputClaims()}, nil
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
