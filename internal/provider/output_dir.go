package provider

import (
	"context"
	"path/filepath"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
)

// sameFolder keeps output_dir as it is in state when the configuration
// spells the same folder another way (`${path.root}/x`, `x`, `./x/`, its
// absolute path): output_dir is the folder, not the string, so another
// spelling is no diff and no replacement. Terraform accepts a planned value
// that equals the prior state in place of the configured one. The
// spellings are compared resolved against the working directory, as
// every run resolves them.
type sameFolder struct{}

func (sameFolder) Description(context.Context) string {
	return "Another spelling of the folder in state is the same value."
}

func (m sameFolder) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (sameFolder) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.StateValue.IsNull() || req.PlanValue.IsNull() || req.PlanValue.IsUnknown() || req.StateValue.IsUnknown() {
		return
	}
	if req.PlanValue.ValueString() != req.StateValue.ValueString() && sameFolderPath(req.PlanValue.ValueString(), req.StateValue.ValueString()) {
		resp.PlanValue = req.StateValue
	}
}

// sameFolderPath reports whether two spellings name one folder: the same
// absolute path once cleaned, or, for folders that exist, the same folder
// on disk (through symlinks).
func sameFolderPath(a, b string) bool {
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	if errA != nil || errB != nil {
		return false
	}
	if absA == absB {
		return true
	}
	realA, errA := filepath.EvalSymlinks(absA)
	realB, errB := filepath.EvalSymlinks(absB)
	return errA == nil && errB == nil && realA == realB
}
