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

// platformCases are the stacks rendered whole besides the default one: each
// CI platform, and the other registry and monitoring on GitHub Actions.
var platformCases = []scaffold.Stack{
	{Platform: "github_actions", Registry: "azureml", Monitoring: "prometheus"},
	{Platform: "github_actions", Registry: "mlflow", Monitoring: "azure_monitor"},
	{Platform: "gitlab_ci", Registry: "mlflow", Monitoring: "prometheus"},
	{Platform: "azure_pipelines", Registry: "mlflow", Monitoring: "prometheus"},
}

// schemaTrees says, for each JSON schema a platform.yaml names as its
// validator, how a YAML document becomes the tree that schema expects. A
// validator with no row here fails the test.
var schemaTrees = map[string]func(*yaml.Node) any{
	testschemas.GitLabCI:       decodeTyped,
	testschemas.AzurePipelines: decodeStrings,
}

// pipelineValidator returns the check of a platform's pipeline files, from
// the validator its platform.yaml names.
func pipelineValidator(t *testing.T, pl scaffold.Platform) checker {
	t.Helper()
	if pl.Validator == "actionlint" {
		return checkWorkflow
	}
	toTree, ok := schemaTrees[pl.Validator]
	if !ok {
		t.Fatalf("platform %s: validator %q is neither actionlint nor a schema of schemaTrees", pl.Name, pl.Validator)
	}
	schema := testschemas.Must(t, pl.Validator)
	return func(_ string, f scaffold.File) error { return validateYAML(schema, f.Content, toTree) }
}

// TestPlatformTemplates renders the whole ladder for each other stack
// (CI platforms, registries) and checks every file with the same parsers as
// the default stack, pipeline files with their platform's validator, and
// runs the generated tests.
func TestPlatformTemplates(t *testing.T) {
	cat := maturity.MustDefault()
	lib, err := scaffold.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, stack := range platformCases {
		t.Run(stack.Platform+"-"+stack.Registry+"-"+stack.Monitoring, func(t *testing.T) {
			t.Parallel() // each subtest renders into its own folder and runs its own processes
			pl, ok := lib.Platform(stack.Platform)
			if !ok {
				t.Fatalf("platform %s has no platform.yaml", stack.Platform)
			}
			validate := pipelineValidator(t, pl)
			dir, files := renderStackLevels(t, stack, cat.MaxLevel())
			owned := map[string]bool{}
			ciFiles := 0
			for _, f := range files {
				owned[f.Capability] = true
				for _, other := range scaffold.Platforms {
					if op, _ := lib.Platform(other); other != pl.Name && op.IsPipelineFile(f.Path) {
						t.Errorf("%s renders the %s file %s", pl.Name, op.Title, f.Path)
					}
				}
				if !pl.IsPipelineFile(f.Path) {
					continue
				}
				ciFiles++
				if err := validate(dir, f); err != nil {
					t.Errorf("%s (%s): %v", f.Path, f.Capability, err)
				}
			}
			for _, id := range cat.IDs() {
				if !owned[id] {
					t.Errorf("capability %s renders no file on %s", id, pl.Name)
				}
			}
			if ciFiles == 0 {
				t.Fatalf("no %s pipeline file was rendered", pl.Title)
			}
			var python []string
			for _, f := range files {
				if strings.HasSuffix(f.Path, ".py") {
					python = append(python, f.Path)
				}
				if check := checkerFor(f.Path); check != nil && !pl.IsPipelineFile(f.Path) {
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
