package provider

import (
	"context"
	"fmt"
	"math/big"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
)

// gapObjectType is the element type of gaps in states of schema version 0
// and 1, before gaps became ids.
var gapObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id":          types.StringType,
	"level":       types.Int64Type,
	"dimension":   types.StringType,
	"title":       types.StringType,
	"description": types.StringType,
}}

// The descriptions name the built-in model's levels and dimensions as the
// catalog has them, so they cannot drift from it; a provider `catalog` sets
// its own.
var (
	builtinModel = maturity.MustDefault()

	gapsDescription = "Ids of every unmet capability of levels 1 to `target_level`, ordered by level, then dimension " +
		"(" + strings.Join(builtinModel.Dimensions, ", ") + "), then id. " +
		"Exempted capabilities are not gaps. Titles and descriptions are in the `mlops_maturity_model` data source."
	nextLevelGapsDescription = "Ids of the unmet capabilities of `next_level`, in gap order."
	currentLevelDescription  = fmt.Sprintf("The highest level whose capabilities, and those of every level below, are all declared or exempted (0 to %d with the built-in model; the provider's `catalog` sets its own range).", builtinModel.MaxLevel())
	nextLevelDescription     = "The level after `current_level`: `min(current_level + 1, highest level)`."
	targetMetDescription     = "Whether `current_level` is at least `target_level`."
	capabilitiesDescription  = "Ids of the capabilities the project has (see the `mlops_maturity_model` data source or the capability table in the provider docs). " +
		"A misspelt id is an error with a did-you-mean suggestion."
	exemptionsDescription = "Capabilities that do not apply to this project: id to the reason, which must not be empty. " +
		"An exempted capability counts as met and is reported as exempted. An id cannot be both declared and exempted."
	targetLevelDescription = "The maturity level the project aims for: a whole number, " + levelRange(builtinModel) +
		" with the built-in model, or a level of the provider's `catalog`."
)

var gapFieldDescriptions = map[string]string{
	"id":          "Capability id.",
	"level":       "Level the capability belongs to.",
	"dimension":   "Dimension of the capability: " + strings.Join(builtinModel.Dimensions, ", ") + ".",
	"title":       "Short title of the capability.",
	"description": "What the capability means.",
}

// levelRange is "0 (No MLOps) to 4 (Full MLOps Automated Retraining)" for a catalog.
func levelRange(c *maturity.Catalog) string {
	first, last := c.Levels[0], c.Levels[len(c.Levels)-1]
	return fmt.Sprintf("%d (%s) to %d (%s)", first.Number, first.Name, last.Number, last.Name)
}

// declarationOf converts Terraform values into a domain declaration. known
// is false when any input is still unknown at plan time.
func declarationOf(ctx context.Context, caps types.Set, exemptions types.Map, target types.Number) (d maturity.Declaration, known bool, diags diag.Diagnostics) {
	if caps.IsUnknown() || exemptions.IsUnknown() || target.IsUnknown() {
		return d, false, nil
	}
	if !caps.IsNull() {
		for _, e := range caps.Elements() {
			if e.IsUnknown() {
				return d, false, nil
			}
		}
		diags.Append(caps.ElementsAs(ctx, &d.Capabilities, false)...)
		sort.Strings(d.Capabilities)
	}
	if !exemptions.IsNull() {
		for _, e := range exemptions.Elements() {
			if e.IsUnknown() {
				return d, false, nil
			}
		}
		diags.Append(exemptions.ElementsAs(ctx, &d.Exemptions, false)...)
	}
	d.Target = levelOf(target)
	return d, !diags.HasError(), diags
}

// declarationModel is what a project declares, embedded in the model of the
// resource and of each data source that takes a declaration.
type declarationModel struct {
	TargetLevel  types.Number `tfsdk:"target_level"`
	Capabilities types.Set    `tfsdk:"capabilities"`
	Exemptions   types.Map    `tfsdk:"exemptions"`
}

// assessmentModel holds the computed attributes of an assessment, embedded
// in the model of the resource and the data sources that assess.
type assessmentModel struct {
	CurrentLevel  types.Int64 `tfsdk:"current_level"`
	NextLevel     types.Int64 `tfsdk:"next_level"`
	TargetMet     types.Bool  `tfsdk:"target_met"`
	Gaps          types.List  `tfsdk:"gaps"`
	NextLevelGaps types.List  `tfsdk:"next_level_gaps"`
}

// evidenceModel holds the evidence inputs and the comparison of what is
// declared with what the repository shows.
type evidenceModel struct {
	EvidenceDir             types.String `tfsdk:"evidence_dir"`
	EvidenceMode            types.String `tfsdk:"evidence_mode"`
	Detected                types.List   `tfsdk:"detected_capabilities"`
	DeclaredWithoutEvidence types.List   `tfsdk:"declared_without_evidence"`
	DetectedNotDeclared     types.List   `tfsdk:"detected_not_declared"`
}

func assessmentModelOf(c *maturity.Catalog, a maturity.Assessment) assessmentModel {
	return assessmentModel{
		CurrentLevel:  types.Int64Value(int64(a.Current)),
		NextLevel:     types.Int64Value(int64(a.Next)),
		TargetMet:     types.BoolValue(a.TargetMet),
		Gaps:          stringList(c.IDsOf(a.Gaps)),
		NextLevelGaps: stringList(c.IDsOf(a.NextGaps)),
	}
}

func stringList(values []string) types.List {
	elems := make([]attr.Value, len(values))
	for i, v := range values {
		elems[i] = types.StringValue(v)
	}
	return types.ListValueMust(types.StringType, elems)
}

// numberOf is a whole number as the framework's number values hold it (a
// *big.Float).
func numberOf(n int) *big.Float { return new(big.Float).SetInt64(int64(n)) }

// assess is the one assessment of a declaration, shared by the resource's
// plan and import, the data sources and the portfolio: it scans
// evidenceDir (none when "") with the files planned into it, and
// evaluates what counts under evidenceMode (with "require", the
// declaration the scan confirms). outputDir ("" for none) lets a missing
// evidenceDir that will hold the scaffold pass.
func assess(catalog *maturity.Catalog, decl maturity.Declaration, evidenceDir, evidenceMode, outputDir string, planned map[string][]byte) (maturity.Assessment, *evidenceView, diag.Diagnostics) {
	return assessAt(path.Empty(), catalog, decl, evidenceDir, evidenceMode, outputDir, planned)
}

// assessAt is assess for a declaration whose evidence_dir and evidence_mode
// sit at the path at (a portfolio's project), where its errors are reported.
func assessAt(at path.Path, catalog *maturity.Catalog, decl maturity.Declaration, evidenceDir, evidenceMode, outputDir string, planned map[string][]byte) (maturity.Assessment, *evidenceView, diag.Diagnostics) {
	scanned, diags := scanEvidenceAt(at, catalog, decl, evidenceDir, evidenceMode, outputDir, planned)
	if diags.HasError() {
		return maturity.Assessment{}, nil, diags
	}
	scored := decl
	if scanned != nil {
		scored = scanned.comparison.Effective
	}
	a, err := catalog.Evaluate(scored)
	if err != nil {
		diags.AddError("Evaluating the declaration failed", err.Error())
	}
	return a, scanned, diags
}
