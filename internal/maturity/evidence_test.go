package maturity

import (
	"strings"
	"testing"
)

const evidenceBase = "levels: [{number: 0, name: a}, {number: 1, name: b}]\ndimensions: [d]\n"

func evidenceCatalog(files, rules string) string {
	return evidenceBase + files + "capabilities:\n  - id: cap_x\n    level: 1\n    dimension: d\n    title: X\n    evidence:\n" + rules
}

func TestEvidenceRulesAreValidatedAtLoad(t *testing.T) {
	cases := []struct {
		name, files, rules, wantErr string
	}{
		{"bad regex", "", "      - name: r\n        files: ['*.yml']\n        all: ['(unclosed']\n", `capability "cap_x": evidence rule "r": all: pattern "(unclosed"`},
		{"bad glob", "", "      - name: r\n        files: ['[*.yml']\n", `capability "cap_x": evidence rule "r": files: glob "[*.yml"`},
		{"absolute glob", "", "      - name: r\n        files: ['/etc/*']\n", `glob "/etc/*" is not a valid relative`},
		{"no files", "", "      - name: r\n        any: ['x']\n", `capability "cap_x": evidence rule "r": no files`},
		{"unknown file list", "", "      - name: r\n        files: ['@ci']\n", `no evidence_files named "ci"`},
		{"duplicate rule name", "", "      - name: r\n        files: ['a']\n      - name: r\n        files: ['b']\n", `evidence rule "r" is defined twice`},
		{"unnamed rule", "", "      - files: ['a']\n", `name "" must be`},
		{"bad required condition", "", "      - name: r\n        files: ['a']\n        requires:\n          - files: ['b']\n            none: ['(']\n", `evidence rule "r": requires 1: none: pattern "("`},
		{"cyclic file lists", "evidence_files:\n  a: ['@b']\n  b: ['@a']\n", "      - name: r\n        files: ['@a']\n", "cycle"},
		{"empty file list", "evidence_files:\n  a: []\n", "      - name: r\n        files: ['x']\n", `evidence_files: "a" lists no globs`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(evidenceCatalog(tc.files, tc.rules)))
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error %v, want one containing %q", err, tc.wantErr)
			}
		})
	}
}

func TestEvidenceFileListsExpand(t *testing.T) {
	c, err := Parse([]byte(evidenceCatalog("evidence_files:\n  gh: ['.github/workflows/*.yml']\n  ci: ['@gh', '.gitlab-ci.yml']\n", "      - name: r\n        files: ['@ci', 'Jenkinsfile']\n        any: ['(?m)^on:']\n")))
	if err != nil {
		t.Fatal(err)
	}
	r := c.Capabilities[0].Evidence[0]
	if got := strings.Join(r.Globs(), " "); got != ".github/workflows/*.yml .gitlab-ci.yml Jenkinsfile" {
		t.Fatalf("globs %q", got)
	}
	if len(r.AnyPatterns()) != 1 || !r.AnyPatterns()[0].MatchString("x\non: push") {
		t.Fatal("any pattern not compiled")
	}
	if !c.HasEvidenceRules() {
		t.Fatal("HasEvidenceRules is false")
	}
}

func TestBuiltinCatalogHasEvidenceForEveryCapability(t *testing.T) {
	for _, cp := range MustDefault().Capabilities {
		if len(cp.Evidence) == 0 {
			t.Errorf("%s has no evidence rules", cp.ID)
		}
	}
}

// TestEvidenceRuleReasons: a custom catalog gives each rule a reason the
// same way the built-in one does, in YAML or JSON, through the one loader;
// the reason is optional for a custom catalog and required of the built-in.
func TestEvidenceRuleReasons(t *testing.T) {
	yamlCat := evidenceCatalog("", "      - name: r\n        reason: '  A marker file shows it.  '\n        files: ['a']\n")
	jsonCat := `{"levels": [{"number": 0, "name": "a"}, {"number": 1, "name": "b"}], "dimensions": ["d"],
"capabilities": [{"id": "cap_x", "level": 1, "dimension": "d", "title": "X",
"evidence": [{"name": "r", "reason": "A marker file shows it.", "files": ["a"]}]}]}`
	for name, doc := range map[string]string{"yaml": yamlCat, "json": jsonCat} {
		c, err := Parse([]byte(doc))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := c.Capabilities[0].Evidence[0].Reason; got != "A marker file shows it." {
			t.Errorf("%s: reason %q", name, got)
		}
	}
	if _, err := Parse([]byte(evidenceCatalog("", "      - name: r\n        files: ['a']\n"))); err != nil {
		t.Errorf("a custom rule without a reason is refused: %v", err)
	}
	for _, cp := range MustDefault().Capabilities {
		for _, r := range cp.Evidence {
			if r.Reason == "" {
				t.Errorf("built-in rule %s/%s has no reason", cp.ID, r.Name)
			}
		}
	}
}
