package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
)

var _ function.Function = (*maturityLevelFunction)(nil)

// NewMaturityLevelFunction is provider::mlops::maturity_level.
func NewMaturityLevelFunction() function.Function { return &maturityLevelFunction{} }

type maturityLevelFunction struct{}

func (f *maturityLevelFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "maturity_level"
}

func (f *maturityLevelFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The maturity level reached by a list of capability ids.",
		MarkdownDescription: "Returns the highest level (0 to 4) whose capabilities, and those of every level below, are all in the list. " +
			"An unknown capability id is an error with a did-you-mean suggestion.",
		Parameters: []function.Parameter{
			function.ListParameter{
				Name:                "capabilities",
				MarkdownDescription: "Capability ids the project has.",
				ElementType:         types.StringType,
			},
		},
		Return: function.Int64Return{},
	}
}

func (f *maturityLevelFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var ids []*string
	resp.Error = function.ConcatFuncErrors(req.Arguments.Get(ctx, &ids))
	if resp.Error != nil {
		return
	}
	catalog := maturity.MustDefault()
	plain := make([]string, 0, len(ids))
	for i, id := range ids {
		if id == nil {
			resp.Error = function.NewArgumentFuncError(0, fmt.Sprintf("element %d of capabilities is null; give capability ids", i))
			return
		}
		plain = append(plain, *id)
	}
	level, err := catalog.Level(plain)
	if err != nil {
		var detail string
		var unknown *maturity.UnknownIDError
		if errors.As(err, &unknown) {
			detail = unknownIDDetail(catalog, unknown.ID)
		} else {
			detail = err.Error()
		}
		resp.Error = function.NewArgumentFuncError(0, detail)
		return
	}
	resp.Error = function.ConcatFuncErrors(resp.Result.Set(ctx, int64(level)))
}
