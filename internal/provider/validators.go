package provider

import (
	"context"
	"fmt"
	"math/big"
	"regexp"
	"sort"
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
			diags.AddAttributeError(path.Root("exemptions").AtMapKey(id), "Capability both declared and exempted", declaredAndExemptedDetail(id))
		}
	}
	return diags
}

// declaredAndExemptedDetail is the message for an id both declared and
// exempted, shared with the maturity_level function.
func declaredAndExemptedDetail(id string) string {
	return fmt.Sprintf("%q is listed in capabilities and in exemptions. A capability the project has needs no exemption: keep it in one of the two.", id)
}

// checkDeclaration checks capability ids and levels against the active
// catalog, which is only known once the provider is configured (at plan),
// so these checks cannot be attribute validators. levels maps an attribute
// name (below base, the empty path for top-level attributes) to its value.
// Unknown values are checked when they become known.
func checkDeclaration(catalog *maturity.Catalog, base path.Path, caps types.Set, exemptions types.Map, levels map[string]types.Number) diag.Diagnostics {
	var diags diag.Diagnostics
	if !caps.IsNull() && !caps.IsUnknown() {
		at := base.AtName("capabilities")
		for _, e := range caps.Elements() {
			s, ok := e.(types.String)
			if !ok || s.IsNull() || s.IsUnknown() {
				continue
			}
			if _, known := catalog.Lookup(s.ValueString()); !known {
				diags.AddAttributeError(at.AtSetValue(s), "Unknown capability id",
					"In "+at.String()+": "+unknownIDDetail(catalog, s.ValueString())+".")
			}
		}
	}
	if !exemptions.IsNull() && !exemptions.IsUnknown() {
		at := base.AtName("exemptions")
		for id := range exemptions.Elements() {
			if _, known := catalog.Lookup(id); !known {
				diags.AddAttributeError(at.AtMapKey(id), "Unknown capability id",
					"In "+at.String()+": "+unknownIDDetail(catalog, id)+".")
			}
		}
	}
	names := make([]string, 0, len(levels))
	for name := range levels {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		diags.Append(checkLevel(catalog, base.AtName(name), levels[name])...)
	}
	return diags
}

// checkLevel accepts a whole level number of the catalog. Levels are
// numbers in the schema, so 2.5 reaches this check and gets the same
// message as an out-of-range level.
func checkLevel(catalog *maturity.Catalog, at path.Path, v types.Number) diag.Diagnostics {
	var diags diag.Diagnostics
	if v.IsNull() || v.IsUnknown() {
		return diags
	}
	f := v.ValueBigFloat()
	n, exact := f.Int64()
	if exact == big.Exact && n >= 0 && n <= int64(catalog.MaxLevel()) {
		return diags
	}
	diags.AddAttributeError(at, "Invalid maturity level",
		fmt.Sprintf("%s is %s; it must be a whole number from 0 to %d: %s.", at, f.Text('g', -1), catalog.MaxLevel(), levelList(catalog)))
	return diags
}

// levelList names every level, "0 (No MLOps), 1 (...)".
func levelList(c *maturity.Catalog) string {
	parts := make([]string, len(c.Levels))
	for i, l := range c.Levels {
		parts[i] = fmt.Sprintf("%d (%s)", l.Number, l.Name)
	}
	return strings.Join(parts, ", ")
}

// levelOf reads a level that checkLevel accepted.
func levelOf(v types.Number) int {
	n, _ := v.ValueBigFloat().Int64()
	return int(n)
}
