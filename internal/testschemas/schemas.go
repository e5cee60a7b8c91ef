// Package testschemas gives tests the JSON schemas that generated files are
// validated against (CI platforms, SARIF, Renovate). The schema files are vendored in
// testdata/ with their sources and licences, so every check runs in a clone
// of the repository with nothing beside it. Only tests import this package.
package testschemas

import (
	"bytes"
	"embed"
	"fmt"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The file names of the vendored schemas.
const (
	AzurePipelines = "azure-pipelines.json"
	GitLabCI       = "gitlab-ci.json"
	Renovate       = "renovate-43.json"
	SARIF          = "sarif-2.1.0.json"
)

//go:embed testdata/*.json
var files embed.FS

var cache struct {
	sync.Mutex
	compiled map[string]*jsonschema.Schema
}

// Compile returns the compiled schema of a vendored file, compiling it once
// per test binary.
func Compile(name string) (*jsonschema.Schema, error) {
	cache.Lock()
	defer cache.Unlock()
	if s, ok := cache.compiled[name]; ok {
		return s, nil
	}
	raw, err := files.ReadFile("testdata/" + name)
	if err != nil {
		return nil, fmt.Errorf("schema %s is not vendored in internal/testschemas/testdata: %w", name, err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("schema %s: %w", name, err)
	}
	url := "file:///schemas/" + name
	c := jsonschema.NewCompiler()
	if err := c.AddResource(url, doc); err != nil {
		return nil, fmt.Errorf("schema %s: %w", name, err)
	}
	s, err := c.Compile(url)
	if err != nil {
		return nil, fmt.Errorf("compile schema %s: %w", name, err)
	}
	if cache.compiled == nil {
		cache.compiled = map[string]*jsonschema.Schema{}
	}
	cache.compiled[name] = s
	return s, nil
}

// Must is Compile for tests: a schema that does not compile fails the test.
func Must(t testing.TB, name string) *jsonschema.Schema {
	t.Helper()
	s, err := Compile(name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
