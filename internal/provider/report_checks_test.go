package provider

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/report"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/testschemas"
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

// loadSARIFSchema compiles the vendored SARIF 2.1.0 schema once.
func loadSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	return testschemas.Must(t, testschemas.SARIF)
}
