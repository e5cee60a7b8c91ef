package main

import (
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"text/template"

	"gopkg.in/yaml.v3"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
)

// TestCommittedTemplateIsCurrent fails when the catalog, variables.yaml or
// the skeleton changed without regenerating the provider page template.
func TestCommittedTemplateIsCurrent(t *testing.T) {
	want, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../" + DefaultOut)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("%s is stale: run `go generate ./...` (or `make docs`) and commit the result", DefaultOut)
	}
}

// TestTemplateParsesForTfplugindocs: the generated file is a valid Go
// template with tfplugindocs' functions, whose output keeps the escaped
// defaults literal.
func TestTemplateParsesForTfplugindocs(t *testing.T) {
	content, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	identity := func(s string) string { return s }
	funcs := template.FuncMap{
		"plainmarkdown": identity, "trimspace": strings.TrimSpace, "tffile": identity,
		"prefixlines": func(p, s string) string { return p + s },
	}
	tmpl, err := template.New("index.md.tmpl").Funcs(funcs).Parse(string(content))
	if err != nil {
		t.Fatalf("tfplugindocs could not parse the template: %v", err)
	}
	var out strings.Builder
	err = tmpl.Execute(&out, map[string]any{
		"ProviderShortName": "mlops", "Description": "d", "HasExamples": false, "ExampleFiles": []string{}, "SchemaMarkdown": "## Schema",
	})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "---\n") {
		t.Errorf("the rendered page must start with its front matter, got %.40q", out.String())
	}
	checkTables(t, out.String())
}

// TestProviderDocs checks the committed docs/index.md, which tfplugindocs
// renders from the template (make docs-check proves it is current).
func TestProviderDocs(t *testing.T) {
	page, err := os.ReadFile("../../docs/index.md")
	if err != nil {
		t.Fatal(err)
	}
	checkTables(t, string(page))
}

// checkTables finds a table row for every level, capability and variable,
// read independently of the generator.
func checkTables(t *testing.T, page string) {
	t.Helper()
	rows := map[string][]string{}
	for _, line := range strings.Split(page, "\n") {
		if !strings.HasPrefix(line, "| ") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "| "), " | ")
		rows[strings.Trim(cells[0], "`")] = cells
	}
	c := maturity.MustDefault()
	for _, l := range c.Levels {
		want := []string{itoa(l.Number), l.Name, l.Summary}
		if got := rows[itoa(l.Number)]; !slices.Equal(got, want) {
			t.Errorf("level %d row = %q, want %q", l.Number, got, want)
		}
	}
	for _, cp := range c.Capabilities {
		want := []string{"`" + cp.ID + "`", itoa(cp.Level), cp.Dimension, cp.Title}
		if got := rows[cp.ID]; !slices.Equal(got, want) {
			t.Errorf("capability row %q, want %q", got, want)
		}
	}
	data, err := os.ReadFile("../../templates/variables.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var defaults map[string]string
	if err := yaml.Unmarshal(data, &defaults); err != nil {
		t.Fatal(err)
	}
	if len(defaults) == 0 {
		t.Fatal("templates/variables.yaml has no variables")
	}
	for name, def := range defaults {
		got := rows[name]
		if len(got) != 3 || got[0] != "`"+name+"`" || got[1] != "`"+def+"`" || got[2] == "" {
			t.Errorf("variable row %q, want `%s`, `%s` and a meaning", got, name, def)
		}
	}
}

func TestParseVariables(t *testing.T) {
	vars, err := ParseVariables([]byte("# File header.\n\n# Second one.\nb: \"2\"\n# First one,\n# on two lines.\na: x\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Variable{{"a", "x", "First one, on two lines."}, {"b", "2", "Second one."}}
	if len(vars) != len(want) || vars[0] != want[0] || vars[1] != want[1] {
		t.Errorf("ParseVariables = %+v, want %+v", vars, want)
	}
}

func TestParseVariablesErrors(t *testing.T) {
	tests := []struct {
		name, yaml string
		wantErr    *regexp.Regexp
	}{
		{"no comment", "# a.\na: x\nb: y\n", regexp.MustCompile(`without a comment.*b \(line 3\)`)},
		{"first without comment", "# File header.\n\na: x\n", regexp.MustCompile(`without a comment.*a \(line 3\)`)},
		{"not a mapping", "- a\n", regexp.MustCompile(`want a mapping`)},
		{"list default", "# a.\na: [x]\n", regexp.MustCompile(`default of a is not a string`)},
		{"bad yaml", "a: [\n", regexp.MustCompile(`yaml`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseVariables([]byte(tt.yaml))
			if err == nil || !tt.wantErr.MatchString(err.Error()) {
				t.Errorf("ParseVariables error = %v, want %v", err, tt.wantErr)
			}
		})
	}
}

func TestCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"@{{.Name}}-team", `@{{"{{"}}.Name}}-team`},
		{"a | b", `a \| b`},
		{"two\n  lines", "two lines"},
	}
	for _, tt := range tests {
		if got := cell(tt.in); got != tt.want {
			t.Errorf("cell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
