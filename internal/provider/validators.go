package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
)

// capabilityID checks one capability id against the built-in catalog and
// suggests the closest id for a typo.
type capabilityID struct{}

var _ validator.String = capabilityID{}

func (capabilityID) Description(context.Context) string {
	return "value must be a capability id of the maturity model"
}

func (v capabilityID) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (capabilityID) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	catalog := maturity.MustDefault()
	id := req.ConfigValue.ValueString()
	if _, ok := catalog.Lookup(id); ok {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Unknown capability id", "In "+containerName(req.Path)+": "+unknownIDDetail(catalog, id)+".")
}

func unknownIDDetail(catalog *maturity.Catalog, id string) string {
	msg := fmt.Sprintf("%q is not a capability id of the maturity model.", id)
	if s := catalog.Suggest(id); s != "" {
		msg += fmt.Sprintf(" Did you mean %q?", s)
	}
	return msg + " Allowed ids: " + strings.Join(catalog.IDs(), ", ")
}

// nonBlank rejects empty or whitespace-only strings, such as an exemption
// without a reason.
type nonBlank struct{ what string }

var _ validator.String = nonBlank{}

func (v nonBlank) Description(context.Context) string {
	return "value must not be empty: " + v.what
}

func (v nonBlank) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v nonBlank) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if strings.TrimSpace(req.ConfigValue.ValueString()) == "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Empty value", fmt.Sprintf("%s is empty; %s.", req.Path, v.what))
	}
}

var nameRegexp = regexp.MustCompile(`^[a-z][a-z0-9-]{0,62}$`)

func projectNameValidator() validator.String {
	return stringvalidator.RegexMatches(nameRegexp,
		`must be a project slug: a lowercase letter, then up to 62 lowercase letters, digits or hyphens (^[a-z][a-z0-9-]{0,62}$), for example "churn-model"`)
}

// declaredAndExempted is a config validator: a capability cannot be both
// declared and exempted.
type declaredAndExempted struct{}

func (declaredAndExempted) Description(context.Context) string {
	return "a capability id may appear in capabilities or in exemptions, not both"
}

func (v declaredAndExempted) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v declaredAndExempted) ValidateDataSource(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	resp.Diagnostics.Append(v.validate(ctx, req.Config)...)
}

func (v declaredAndExempted) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	resp.Diagnostics.Append(v.validate(ctx, req.Config)...)
}

func (declaredAndExempted) validate(ctx context.Context, config tfsdk.Config) (diags diag.Diagnostics) {
	var caps types.Set
	var exemptions types.Map
	diags.Append(config.GetAttribute(ctx, path.Root("capabilities"), &caps)...)
	diags.Append(config.GetAttribute(ctx, path.Root("exemptions"), &exemptions)...)
	if diags.HasError() || caps.IsNull() || caps.IsUnknown() || exemptions.IsNull() || exemptions.IsUnknown() {
		return diags
	}
	declared := map[string]bool{}
	for _, e := range caps.Elements() {
		if s, ok := e.(types.String); ok && !s.IsUnknown() && !s.IsNull() {
			declared[s.ValueString()] = true
		}
	}
	for id := range exemptions.Elements() {
		if declared[id] {
			diags.AddAttributeError(path.Root("exemptions").AtMapKey(id), "Capability both declared and exempted",
				fmt.Sprintf("%q is listed in capabilities and in exemptions. A capability the project has needs no exemption: keep it in one of the two.", id))
		}
	}
	return diags
}

// containerName names the attribute that holds a set element or a map key,
// as users write it: capabilities, or projects["churn"].capabilities. The
// element's own path is not readable in messages.
func containerName(p path.Path) string {
	parent := p.ParentPath()
	if len(parent.Steps()) == 0 {
		return p.String()
	}
	return parent.String()
}
