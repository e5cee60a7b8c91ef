package evidence

import (
	"strings"
	"testing"

	"github.com/bmatcuk/doublestar/v4"
)

// TestGlobMatcherAgreesWithDoublestar: the pre-checks by file name, folder
// and extension never change what a glob matches, without regard to case
// (the scanner lower-cases paths before matching).
func TestGlobMatcherAgreesWithDoublestar(t *testing.T) {
	globs := []string{
		"**/*.py", "**/test_*.py", "**/tests/**/*.py", "CODEOWNERS", ".github/CODEOWNERS", "**/Jenkinsfile",
		"**/*{model,scor}*.py", "**/*{-,_,.}{dev,prod}.{yml,yaml}", "**/environments/{dev,prod}/**",
		"**/{k8s,deploy}/**/*.{yml,yaml}", ".github/workflows/*.{yml,yaml}", "**/*train*Dockerfile",
		"**/Dockerfile.train*", "**/a?c.txt", "**/[ab].txt", "**/*.tar.gz", "**/x*y*z", "**/*{ab,abc}*c.txt",
	}
	paths := []string{
		"train.py", "src/train.py", "tests/unit/test_model.py", "tests/x.py", "CODEOWNERS", "docs/CODEOWNERS",
		".github/CODEOWNERS", "ci/Jenkinsfile", "src/score_api.py", "config-infra-dev.yml", "a/b.prod.yaml",
		"environments/dev/main.tf", "x/environments/prod/a/b", "k8s/app/deployment.yaml", "deploy/x.yml",
		".github/workflows/ci.yml", ".github/workflows/sub/ci.yml", "docker/train.Dockerfile", "Dockerfile.training",
		"abc.txt", "z/a.txt", "c.txt", "p/q.tar.gz", "xaybzc/xyz", "q/xyz", "abc.txt", "ab_c.txt", "é/ümodel.py",
		"Tests/Unit/Test_Model.py", "DOCKER/Train.Dockerfile", "Docs/CodeOwners",
	}
	for _, g := range globs {
		rs := &ruleSet{byExt: map[string][]*globMatcher{}, byBase: map[string][]*globMatcher{}}
		m := newGlobMatcher(g)
		m.conds = []int{0}
		rs.index(m)
		for _, p := range paths {
			p := strings.ToLower(p)
			want := doublestar.MatchUnvalidated(strings.ToLower(g), p)
			dirs := []string(nil)
			if i := strings.LastIndexByte(p, '/'); i >= 0 {
				dirs = strings.Split(p[:i], "/")
			}
			if got := len(rs.match(p, dirs, nil)) > 0; got != want {
				t.Errorf("glob %q, path %q: matched %v, doublestar says %v", g, p, got, want)
			}
		}
	}
}

func TestStarAndWildMatch(t *testing.T) {
	cases := []struct {
		pat, name string
		want      bool
	}{
		{"*model*.py", "my_model_v2.py", true}, {"*model*.py", "module.py", false}, {"test_*.py", "test_.py", true},
		{"a*a", "a", false}, {"a*a", "aa", true}, {"*.py", ".py", true}, {"x*y*z", "xyyz", true}, {"x*y*z", "xzy", false},
	}
	for _, tc := range cases {
		if got := starMatch(strings.Split(tc.pat, "*"), tc.name); got != tc.want {
			t.Errorf("starMatch(%q, %q) = %v", tc.pat, tc.name, got)
		}
		if got := wildMatch(tc.pat, tc.name); got != tc.want {
			t.Errorf("wildMatch(%q, %q) = %v", tc.pat, tc.name, got)
		}
	}
}
