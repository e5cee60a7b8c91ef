package testschemas

import "testing"

func TestEveryVendoredSchemaCompiles(t *testing.T) {
	for _, name := range []string{AzurePipelines, GitLabCI, Renovate, SARIF} {
		t.Run(name, func(t *testing.T) {
			if _, err := Compile(name); err != nil {
				t.Fatal(err)
			}
		})
	}
	if _, err := Compile("missing.json"); err == nil {
		t.Error("a schema that is not vendored compiled")
	}
}
