package maturity

import (
	"strings"
	"testing"
)

func TestDefaultCatalogMatchesTheContract(t *testing.T) {
	c := MustDefault()
	if got := len(c.Capabilities); got != 28 {
		t.Fatalf("capabilities: got %d, want 28", got)
	}
	if got := c.MaxLevel(); got != 4 {
		t.Fatalf("max level: got %d, want 4", got)
	}
	wantPerLevel := map[int]int{1: 6, 2: 9, 3: 8, 4: 5}
	perLevel := map[int]int{}
	for _, cp := range c.Capabilities {
		perLevel[cp.Level]++
		if cp.Description == "" || cp.SeedReference.Section == "" || cp.SeedReference.Column == "" {
			t.Errorf("%s: description and seed reference are required", cp.ID)
		}
	}
	for level, want := range wantPerLevel {
		if perLevel[level] != want {
			t.Errorf("level %d: got %d capabilities, want %d", level, perLevel[level], want)
		}
	}
	wantNames := []string{"No MLOps", "DevOps but no MLOps", "Automated Training", "Automated Model Deployment", "Full MLOps Automated Retraining"}
	for i, name := range wantNames {
		if c.LevelName(i) != name {
			t.Errorf("level %d name: got %q, want %q", i, c.LevelName(i), name)
		}
	}
	wantDims := []string{"people", "model_creation", "model_release", "application_integration", "technology", "highlights"}
	if strings.Join(c.Dimensions, ",") != strings.Join(wantDims, ",") {
		t.Errorf("dimensions: got %v, want %v", c.Dimensions, wantDims)
	}
}

func TestParseRejectsBrokenCatalogs(t *testing.T) {
	const levels = `
levels:
  - {number: 0, name: Zero}
  - {number: 1, name: One}
dimensions: [people, technology]
`
	tests := []struct {
		name    string
		yaml    string
		wantErr string
	}{
		{"duplicate id", levels + `capabilities:
  - {id: a_b, level: 1, dimension: people, title: A}
  - {id: a_b, level: 1, dimension: people, title: B}`, `line 8: capability id "a_b" is defined twice`},
		{"unknown dimension", levels + `capabilities:
  - {id: a, level: 1, dimension: culture, title: A}`, `line 7: capability "a": unknown dimension "culture"`},
		{"level too high", levels + `capabilities:
  - {id: a, level: 2, dimension: people, title: A}`, "line 7: capability \"a\": level 2 is out of range 1..1"},
		{"level zero", levels + `capabilities:
  - {id: a, level: 0, dimension: people, title: A}`, "level 0 is out of range 1..1"},
		{"bad id", levels + `capabilities:
  - {id: Bad-Id, level: 1, dimension: people, title: A}`, `"Bad-Id" must match`},
		{"missing title", levels + `capabilities:
  - {id: a, level: 1, dimension: people}`, `"a" has no title`},
		{"levels out of order", `levels:
  - {number: 1, name: One}
  - {number: 0, name: Zero}
dimensions: [people]`, "line 2: level 1 is out of order"},
		{"single level", `levels:
  - {number: 0, name: Zero}`, "at least levels 0 and 1"},
		{"duplicate dimension", `levels:
  - {number: 0, name: Zero}
  - {number: 1, name: One}
dimensions: [people, people]`, `line 4: dimension "people" is listed twice`},
		{"unknown field", levels + `capabilities:
  - id: a
    level: 1
    dimesion: people
    title: A`, "line 9: field dimesion not found"},
		{"block style, error on the item's key", levels + `capabilities:
  - id: a
    level: 1
    dimension: people
    title: A
  - id: b
    level: 9
    dimension: people
    title: B`, "line 12: capability \"b\": level 9 is out of range 1..1"},
		{"json", `{"levels": [{"number": 0, "name": "Zero"}, {"number": 1, "name": "One"}],
"dimensions": ["people"],
"capabilities": [{"id": "a", "level": 1, "dimension": "people", "title": ""}]}`, `line 3: capability "a" has no title`},
		{"empty", "", "empty"},
		{"not yaml", "levels: [", "catalog:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.yaml))
			if err == nil {
				t.Fatalf("want an error containing %q, got none", tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error %q does not contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestParseAcceptsACustomModel(t *testing.T) {
	c, err := Parse([]byte(`
levels:
  - {number: 0, name: Nothing}
  - {number: 1, name: Something}
  - {number: 2, name: Everything}
dimensions: [people, technology]
capabilities:
  - {id: tech_one, level: 1, dimension: technology, title: T1}
  - {id: people_one, level: 1, dimension: people, title: P1}
  - {id: tech_two, level: 2, dimension: technology, title: T2}
`))
	if err != nil {
		t.Fatal(err)
	}
	a, err := c.Evaluate(Declaration{Capabilities: []string{"tech_one"}, Target: 2})
	if err != nil {
		t.Fatal(err)
	}
	if a.Current != 0 || a.Next != 1 {
		t.Fatalf("got level %d next %d, want 0 and 1", a.Current, a.Next)
	}
	if got := strings.Join(c.IDsOf(a.Gaps), ","); got != "people_one,tech_two" {
		t.Fatalf("gaps: got %s", got)
	}
}

func TestSuggest(t *testing.T) {
	c := MustDefault()
	tests := map[string]string{
		"experiment_traking":   "experiment_tracking",
		"automated_build":      "automated_builds",
		"model-registry":       "model_registry",
		"Model_Registry":       "model_registry",
		"ab_test":              "ab_testing",
		"retraining":           "automated_retraining",
		"zero_downtime":        "zero_downtime_deployment",
		"completely_unrelated": "",
		"x":                    "",
	}
	for in, want := range tests {
		if got := c.Suggest(in); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
}
