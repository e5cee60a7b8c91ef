// Command docgen writes the tfplugindocs template of the provider page
// (internal/provider/doctemplates/index.md.tmpl) from the built-in maturity
// model and the template variables, so that docs/index.md cannot drift from
// them. `go generate ./...` runs it before tfplugindocs.
//
//	go run ./internal/docgen [-out internal/provider/doctemplates/index.md.tmpl]
package main

import (
	"bytes"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"os"
	"sort"
	"strings"
	"text/template"

	"gopkg.in/yaml.v3"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
	"github.com/mlops-maturity/terraform-provider-mlops/templates"
)

// DefaultOut is where the provider's doc template lives, relative to the
// module root (where go generate runs main.go's directives).
const DefaultOut = "internal/provider/doctemplates/index.md.tmpl"

//go:embed index.md.skeleton
var skeleton string

func main() {
	out := flag.String("out", DefaultOut, "file to write")
	flag.Parse()
	content, err := Generate()
	if err != nil {
		log.Fatalf("docgen: %v", err)
	}
	if err := os.WriteFile(*out, content, 0o644); err != nil {
		log.Fatalf("docgen: %v", err)
	}
}

// Generate renders the provider page template from the built-in catalog and
// templates/variables.yaml.
func Generate() ([]byte, error) {
	catalog, err := maturity.Default()
	if err != nil {
		return nil, err
	}
	vars, err := fs.ReadFile(templates.FS, "variables.yaml")
	if err != nil {
		return nil, err
	}
	variables, err := ParseVariables(vars)
	if err != nil {
		return nil, fmt.Errorf("templates/variables.yaml: %w", err)
	}
	return render(catalog, variables)
}

// Variable is one template variable with its default and its meaning (the
// comment above it in variables.yaml).
type Variable struct {
	Name    string
	Default string
	Meaning string
}

// ParseVariables reads variables.yaml, keeping each key's head comment as
// its meaning. A variable without a comment is an error: the docs list every
// variable with what it means.
func ParseVariables(data []byte) ([]Variable, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, errors.New("want a mapping of variable names to default values")
	}
	m := doc.Content[0]
	vars := make([]Variable, 0, len(m.Content)/2)
	var missing []string
	for i := 0; i+1 < len(m.Content); i += 2 {
		key, value := m.Content[i], m.Content[i+1]
		if value.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("line %d: the default of %s is not a string", value.Line, key.Value)
		}
		meaning := commentText(key.HeadComment)
		if meaning == "" {
			missing = append(missing, fmt.Sprintf("%s (line %d)", key.Value, key.Line))
		}
		vars = append(vars, Variable{Name: key.Value, Default: value.Value, Meaning: meaning})
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("variables without a comment saying what they mean: %s", strings.Join(missing, ", "))
	}
	sort.Slice(vars, func(i, j int) bool { return vars[i].Name < vars[j].Name })
	return vars, nil
}

// commentText joins the lines of a YAML comment block into one sentence.
func commentText(c string) string {
	var words []string
	for _, line := range strings.Split(c, "\n") {
		line = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "#"))
		if line != "" {
			words = append(words, line)
		}
	}
	return strings.Join(words, " ")
}

func render(c *maturity.Catalog, vars []Variable) ([]byte, error) {
	type capability struct {
		ID, Dimension, Title string
		Level                int
	}
	data := struct {
		Levels       []maturity.Level
		Dimensions   string
		Capabilities []capability
		Variables    []Variable
	}{Dimensions: cell(strings.Join(c.Dimensions, ", "))}
	for _, l := range c.Levels {
		data.Levels = append(data.Levels, maturity.Level{Number: l.Number, Name: cell(l.Name), Summary: cell(l.Summary)})
	}
	for _, cp := range c.Capabilities {
		data.Capabilities = append(data.Capabilities, capability{ID: cell(cp.ID), Level: cp.Level, Dimension: cell(cp.Dimension), Title: cell(cp.Title)})
	}
	for _, v := range vars {
		data.Variables = append(data.Variables, Variable{Name: cell(v.Name), Default: cell(v.Default), Meaning: cell(v.Meaning)})
	}
	tmpl, err := template.New("index.md.skeleton").Delims("[[", "]]").Option("missingkey=error").Parse(skeleton)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := tmpl.Execute(&b, data); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// cell makes a value safe in a Markdown table cell of a tfplugindocs
// template: "{{" would start a tfplugindocs action, "|" would end the cell.
func cell(s string) string {
	s = strings.ReplaceAll(s, "{{", `{{"{{"}}`)
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.Join(strings.Fields(s), " ")
}
