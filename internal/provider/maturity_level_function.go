package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
)

var _ function.Function = (*maturityLevelFunction)(nil)

// NewMaturityLevelFunction is provider::mlops::maturity_level.
func NewMaturityLevelFunction() function.Function { return &maturityLevelFunction{} }

type maturityLevelFunction struct{}

// Argument positions as Terraform counts them: the variadic exemptions
// parameter takes every position from 1 on.
const (
	capabilitiesArgument = 0
	exemptionsArgument   = 1
)

func (f *maturityLevelFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "maturity_level"
}

func (f *maturityLevelFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The maturity level reached by a list of capability ids, with optional exemptions.",
		MarkdownDescription: "Returns the highest level whose capabilities, and those of every level below, are all in `capabilities` or " +
			"in the optional `exemptions`, exactly as the `mlops_maturity_target` resource and data source compute `current_level`: " +
			"`maturity_level(capabilities)` or `maturity_level(capabilities, exemptions)`. " +
			"An exempted capability counts as met. To reuse the `exemptions` map of the resource or data source, pass its keys: " +
			"`maturity_level(capabilities, keys(exemptions))`. " +
			"An unknown capability id is an error with a did-you-mean suggestion, and so is an id both declared and exempted, " +
			"as on the resource.",
		Parameters: []function.Parameter{
			function.ListParameter{
				Name:                "capabilities",
				MarkdownDescription: "Capability ids the project has.",
				ElementType:         types.StringType,
			},
		},
		VariadicParameter: function.ListParameter{
			Name: "exemptions",
			MarkdownDescription: "Optional, given at most once: ids of the capabilities that do not apply to the project. " +
				"They count as met. An id cannot also be in `capabilities`.",
			ElementType: types.StringType,
		},
		Return: function.Int64Return{},
	}
}

func (f *maturityLevelFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var caps []*string
	var exemptionArgs [][]*string
	resp.Error = function.ConcatFuncErrors(req.Arguments.Get(ctx, &caps, &exemptionArgs))
	if resp.Error != nil {
		return
	}
	if len(exemptionArgs) > 1 {
		resp.Error = function.NewArgumentFuncError(exemptionsArgument+1,
			fmt.Sprintf("exemptions is given %d times; give at most one list of exempted capability ids", len(exemptionArgs)))
		return
	}
	// Terraform calls functions without the provider's configuration, so
	// the catalog comes from MLOPS_CATALOG_FILE or is the built-in one.
	catalog, from, err := activeCatalog("")
	if err != nil {
		resp.Error = function.NewFuncError(fmt.Sprintf("the maturity model from %s cannot be used: %s", from, err))
		return
	}
	declared, funcErr := capabilityIDsOf(catalog, caps, capabilitiesArgument, "capabilities")
	if funcErr != nil {
		resp.Error = funcErr
		return
	}
	decl := maturity.Declaration{Capabilities: declared}
	if len(exemptionArgs) == 1 {
		exempted, funcErr := capabilityIDsOf(catalog, exemptionArgs[0], exemptionsArgument, "exemptions")
		if funcErr != nil {
			resp.Error = funcErr
			return
		}
		if resp.Error = checkNotDeclaredAndExempted(declared, exempted); resp.Error != nil {
			return
		}
		decl.Exemptions = make(map[string]string, len(exempted))
		for _, id := range exempted {
			decl.Exemptions[id] = "exempted"
		}
	}
	// Evaluate is what the resource and the data source call, so the three
	// cannot count exemptions differently.
	a, err := catalog.Evaluate(decl)
	if err != nil {
		resp.Error = function.NewFuncError(err.Error())
		return
	}
	resp.Error = function.ConcatFuncErrors(resp.Result.Set(ctx, int64(a.Current)))
}

// capabilityIDsOf checks every element of one list argument against the
// catalog.
func capabilityIDsOf(catalog *maturity.Catalog, ids []*string, position int64, name string) ([]string, *function.FuncError) {
	plain := make([]string, 0, len(ids))
	for i, id := range ids {
		if id == nil {
			return nil, function.NewArgumentFuncError(position, fmt.Sprintf("element %d of %s is null; give capability ids", i, name))
		}
		if _, ok := catalog.Lookup(*id); !ok {
			return nil, function.NewArgumentFuncError(position, unknownIDDetail(catalog, *id))
		}
		plain = append(plain, *id)
	}
	return plain, nil
}

// checkNotDeclaredAndExempted is the function's form of the resource's
// declaredAndExempted config validator.
func checkNotDeclaredAndExempted(declared, exempted []string) *function.FuncError {
	isDeclared := make(map[string]bool, len(declared))
	for _, id := range declared {
		isDeclared[id] = true
	}
	for _, id := range exempted {
		if isDeclared[id] {
			return function.NewArgumentFuncError(exemptionsArgument, declaredAndExemptedDetail(id))
		}
	}
	return nil
}
