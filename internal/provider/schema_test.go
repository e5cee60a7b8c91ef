package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// TestEveryAttributeIsDocumented: the docs are generated from these
// descriptions, so an attribute without one is an undocumented attribute.
func TestEveryAttributeIsDocumented(t *testing.T) {
	ctx := context.Background()
	var rs resource.SchemaResponse
	NewMaturityTargetResource().Schema(ctx, resource.SchemaRequest{}, &rs)
	if rs.Schema.MarkdownDescription == "" {
		t.Error("resource mlops_maturity_target has no description")
	}
	for name, a := range rs.Schema.Attributes {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("resource attribute %s has no MarkdownDescription", name)
		}
	}
	for _, ds := range []datasource.DataSource{NewMaturityTargetDataSource(), NewMaturityModelDataSource(), NewPortfolioDataSource()} {
		var resp datasource.SchemaResponse
		ds.Schema(ctx, datasource.SchemaRequest{}, &resp)
		if resp.Schema.MarkdownDescription == "" {
			t.Errorf("%T has no description", ds)
		}
		checkDataSourceAttributes(t, "", resp.Schema.Attributes)
	}
}

func checkDataSourceAttributes(t *testing.T, prefix string, attrs map[string]dsschema.Attribute) {
	t.Helper()
	for name, a := range attrs {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("data source attribute %s%s has no MarkdownDescription", prefix, name)
		}
		switch nested := a.(type) {
		case dsschema.ListNestedAttribute:
			checkDataSourceAttributes(t, prefix+name+".", nested.NestedObject.Attributes)
		case dsschema.MapNestedAttribute:
			checkDataSourceAttributes(t, prefix+name+".", nested.NestedObject.Attributes)
		}
	}
}
