package scaffold_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/testschemas"
)

// platformCase says which rendered files belong to a CI platform and how
// to validate them.
type platformCase struct {
	stack    scaffold.Stack
	schema   string
	isCIFile func(path string) bool
	// toTree decodes one YAML document into what the schema expects.
	toTree func(node *yaml.Node) any
}

var platformCases = []platformCase{
	{
		stack:    scaffold.Stack{Platform: "github_actions", Registry: "azureml", Monitoring: "prometheus"},
		isCIFile: func(string) bool { return false },
	},
	{
		stack:    scaffold.Stack{Platform: "github_actions", Registry: "mlflow", Monitoring: "azure_monitor"},
		isCIFile: func(string) bool { return false },
	},
	{
		stack:  scaffold.Stack{Platform: "gitlab_ci", Registry: "mlflow", Monitoring: "prometheus"},
		schema: testschemas.GitLabCI,
		isCIFile: func(p string) bool {
			return p == ".gitlab-ci.yml" || (strings.HasPrefix(p, ".gitlab/") && (strings.HasSuffix(p, ".yml") || strings.HasSuffix(p, ".yaml")))
		},
		toTree: decodeTyped,
	},
	{
		stack:  scaffold.Stack{Platform: "azure_pipelines", Registry: "mlflow", Monitoring: "prometheus"},
		schema: testschemas.AzurePipelines,
		isCIFile: func(p string) bool {
			return strings.HasPrefix(p, ".azure/pipelines/") && (strings.HasSuffix(p, ".yml") || strings.HasSuffix(p, ".yaml"))
		},
		toTree: decodeStrings,
	},
}

// TestPlatformTemplates renders the whole ladder for each other stack
// (CI platforms, registries) and checks every file with the same parsers as
// the default stack, CI files against the platform's JSON schema, and runs
// the generated tests.
func TestPlatformTemplates(t *testing.T) {
	cat := maturity.MustDefault()
	for _, pc := range platformCases {
		t.Run(pc.stack.Platform+"-"+pc.stack.Registry+"-"+pc.stack.Monitoring, func(t *testing.T) {
			var schema *jsonschema.Schema
			if pc.schema != "" {
				schema = testschemas.Must(t, pc.schema)
			}
			dir, files := renderStackLevels(t, pc.stack, cat.MaxLevel())
			owned := map[string]bool{}
			ciFiles := 0
			for _, f := range files {
				owned[f.Capability] = true
				if pc.stack.Platform != "github_actions" && strings.HasPrefix(f.Path, ".github/") {
					t.Errorf("%s renders the GitHub file %s", pc.stack.Platform, f.Path)
				}
				if !pc.isCIFile(f.Path) {
					continue
				}
				ciFiles++
				if schema == nil {
					if err := checkYAML(dir, f); err != nil {
						t.Errorf("%s (%s): %v", f.Path, f.Capability, err)
					}
					continue
				}
				if err := validateYAML(schema, f.Content, pc.toTree); err != nil {
					t.Errorf("%s (%s): %v", f.Path, f.Capability, err)
				}
			}
			for _, id := range cat.IDs() {
				if !owned[id] {
					t.Errorf("capability %s renders no file on %s", id, pc.stack.Platform)
				}
			}
			if ciFiles == 0 && pc.schema != "" {
				t.Fatalf("no %s CI file was rendered", pc.stack.Platform)
			}
			var python []string
			for _, f := range files {
				if strings.HasSuffix(f.Path, ".py") {
					python = append(python, f.Path)
				}
				if check := checkerFor(f.Path); check != nil && !pc.isCIFile(f.Path) {
					if err := check(dir, f); err != nil {
						t.Errorf("%s (%s): %v", f.Path, f.Capability, err)
					}
				}
			}
			checkPythonSyntax(t, dir, python)
			runGeneratedTests(t, dir)
		})
	}
}

func validateYAML(schema *jsonschema.Schema, content []byte, toTree func(*yaml.Node) any) error {
	docs, err := yamlDocuments(content)
	if err != nil {
		return err
	}
	for _, node := range docs {
		if err := schema.Validate(toTree(node)); err != nil {
			return fmt.Errorf("schema: %w", err)
		}
	}
	return nil
}

// decodeTyped turns a YAML node into the JSON-like tree a schema validator
// takes, with YAML's own scalar types.
func decodeTyped(node *yaml.Node) any {
	var v any
	if err := node.Decode(&v); err != nil {
		return err.Error()
	}
	return jsonish(v)
}

func jsonish(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonish(e)
		}
		return out
	case map[any]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[fmt.Sprint(k)] = jsonish(e)
		}
		return out
	case []any:
		for i := range x {
			x[i] = jsonish(x[i])
		}
		return x
	case int:
		return float64(x)
	case int64:
		return float64(x)
	case uint64:
		return float64(x)
	default:
		return v
	}
}

// decodeStrings turns a YAML node into a tree whose scalars are all strings,
// which is how the Azure Pipelines schema types booleans and numbers, except
// under a task's `inputs`, which the schema types with YAML's own types
// (addSpnToEnvironment: boolean).
func decodeStrings(node *yaml.Node) any {
	switch node.Kind {
	case yaml.DocumentNode:
		if len(node.Content) == 0 {
			return nil
		}
		return decodeStrings(node.Content[0])
	case yaml.MappingNode:
		out := make(map[string]any, len(node.Content)/2)
		for i := 0; i+1 < len(node.Content); i += 2 {
			if node.Content[i].Value == "inputs" {
				out["inputs"] = decodeTyped(node.Content[i+1])
				continue
			}
			out[node.Content[i].Value] = decodeStrings(node.Content[i+1])
		}
		return out
	case yaml.SequenceNode:
		out := make([]any, len(node.Content))
		for i, c := range node.Content {
			out[i] = decodeStrings(c)
		}
		return out
	case yaml.AliasNode:
		return decodeStrings(node.Alias)
	default:
		return node.Value
	}
}
