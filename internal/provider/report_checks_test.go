package provider

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/report"
)

// Checks of the report attributes that parse them with real parsers.

// jsonDocument checks that a value decodes, with no unknown field, into a
// report.Document, and then runs check on it.
func jsonDocument(check func(report.Document) error) knownvalue.Check {
	return knownvalue.StringFunc(func(v string) error {
		var d report.Document
		dec := json.NewDecoder(strings.NewReader(v))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&d); err != nil {
			return fmt.Errorf("report_json: %w", err)
		}
		return check(d)
	})
}

// wellFormedSVG checks that a value is one well-formed XML document whose
// root is an SVG element, and that it holds want.
func wellFormedSVG(want string) knownvalue.Check {
	return knownvalue.StringFunc(func(v string) error {
		dec := xml.NewDecoder(strings.NewReader(v))
		depth, root := 0, ""
		for {
			tok, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return fmt.Errorf("SVG is not well-formed XML: %w", err)
			}
			switch el := tok.(type) {
			case xml.StartElement:
				if depth == 0 {
					root = el.Name.Local
				}
				depth++
			case xml.EndElement:
				depth--
			}
		}
		if root != "svg" || depth != 0 {
			return fmt.Errorf("root element %q, final depth %d", root, depth)
		}
		if !strings.Contains(v, want) {
			return fmt.Errorf("SVG lacks %q", want)
		}
		return nil
	})
}

// validSARIF checks a SARIF log against the 2.1.0 schema (when it is
// available: see loadSARIFSchema) and runs check on its results' rule ids.
func validSARIF(schema *jsonschema.Schema, check func(ruleIDs []string) error) knownvalue.Check {
	return knownvalue.StringFunc(func(v string) error {
		dec := json.NewDecoder(strings.NewReader(v))
		dec.UseNumber()
		var doc any
		if err := dec.Decode(&doc); err != nil {
			return fmt.Errorf("report_sarif: %w", err)
		}
		if schema != nil {
			if err := schema.Validate(doc); err != nil {
				return fmt.Errorf("report_sarif does not validate against the SARIF 2.1.0 schema: %w", err)
			}
		}
		var log struct {
			Runs []struct {
				Results []struct {
					RuleID string `json:"ruleId"`
				} `json:"results"`
			} `json:"runs"`
		}
		if err := json.Unmarshal([]byte(v), &log); err != nil {
			return fmt.Errorf("report_sarif: %w", err)
		}
		if len(log.Runs) != 1 {
			return fmt.Errorf("report_sarif has %d runs, want 1", len(log.Runs))
		}
		var ids []string
		for _, r := range log.Runs[0].Results {
			ids = append(ids, r.RuleID)
		}
		return check(ids)
	})
}

// schemasDir holds the schemas the tests validate against. They are not part
// of the repository; MLOPS_SCHEMAS_DIR points at them, and by default they
// are looked for beside the repository in shared/schemas.
func schemasDir() string {
	if d := os.Getenv("MLOPS_SCHEMAS_DIR"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared", "schemas")
}

var sarifSchema struct {
	once    sync.Once
	schema  *jsonschema.Schema
	missing string
	err     error
}

// loadSARIFSchema compiles the SARIF 2.1.0 schema once. It returns nil and a
// message saying where it looked when the file is absent; the caller skips
// with that message once its other checks have run.
func loadSARIFSchema(t *testing.T) (*jsonschema.Schema, string) {
	t.Helper()
	sarifSchema.once.Do(func() {
		file := filepath.Join(schemasDir(), "sarif-2.1.0.json")
		if _, err := os.Stat(file); err != nil {
			sarifSchema.missing = fmt.Sprintf("schema %s not found (%v): set MLOPS_SCHEMAS_DIR to the folder holding sarif-2.1.0.json", file, err)
			return
		}
		sarifSchema.schema, sarifSchema.err = jsonschema.NewCompiler().Compile(file)
	})
	if sarifSchema.err != nil {
		t.Fatalf("compile the SARIF schema: %v", sarifSchema.err)
	}
	return sarifSchema.schema, sarifSchema.missing
}
