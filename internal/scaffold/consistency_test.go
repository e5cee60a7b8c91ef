package scaffold_test

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

// isPipelineFile says whether a rendered path is a CI workflow or pipeline,
// as templates/platform/<platform>/platform.yaml says. A platform the
// templates do not describe panics, which fails the calling test.
func isPipelineFile(platform, p string) bool {
	lib, err := scaffold.Builtin()
	if err != nil {
		panic(err)
	}
	pl, ok := lib.Platform(platform)
	if !ok {
		panic(fmt.Sprintf("platform %q has no templates/platform/%s/platform.yaml", platform, platform))
	}
	return pl.IsPipelineFile(p)
}

// pipelineRefs is what one workflow or pipeline file refers to.
type pipelineRefs struct {
	modules      map[string]bool // python -m x
	files        map[string]bool // repository paths used by commands
	includes     []string        // GitLab include: local patterns, reusable workflows
	settings     map[string]bool // secrets, variables and environment settings it reads
	environments map[string]bool // deployment environments
}

var (
	pythonModule = regexp.MustCompile(`python3? -m ([A-Za-z_][A-Za-z0-9_.]*)`)
	// A path into one of the folders the scaffold writes, as commands use it.
	repoPath      = regexp.MustCompile(`(?:^|[\s"'(=])((?:src|deploy|configs|contracts|schemas|monitoring|tests|environment|azureml|\.azure|\.gitlab|\.github|data/sample)/[A-Za-z0-9_./{}-]*[A-Za-z0-9_}]|requirements[A-Za-z0-9_-]*\.txt|requirements/[A-Za-z0-9_.-]+\.txt)`)
	ghExpression  = regexp.MustCompile(`\b(secrets|vars)\.([A-Za-z_][A-Za-z0-9_]*)`)
	shellVar      = regexp.MustCompile(`\$\{?([A-Z][A-Z0-9_]*)`)
	azureMacro    = regexp.MustCompile(`\$\(([A-Z][A-Z0-9_]*)\)`)
	pythonEnv     = regexp.MustCompile(`os\.environ(?:\.get\(|\[)"([A-Z][A-Z0-9_]*)"`)
	assignedVar   = regexp.MustCompile(`(?:^|[\s;(])(?:export\s+|local\s+)?([A-Z][A-Z0-9_]*)=|\bfor\s+([A-Z][A-Z0-9_]*)\s+in\b|\bread\s+-r\s+([A-Z][A-Z0-9_]*)|variable=([A-Z][A-Z0-9_]*)`)
	predefinedVar = regexp.MustCompile(`^(CI|CI_.*|GITLAB_.*|GITHUB_.*|RUNNER_.*|SYSTEM|SYSTEM_.*|BUILD_.*|AGENT_.*|PIPELINE_.*|TF_BUILD|HOME|PATH|PWD|USER|PIP_.*|PYTHONPATH|PYTHONDONTWRITEBYTECODE|DOCKER_.*|TRIGGER_PAYLOAD)$`)
)

// The modules a pipeline may run that are not the project's own.
var externalModules = map[string]bool{"pip": true, "pytest": true, "venv": true, "build": true}

func newPipelineRefs() *pipelineRefs {
	return &pipelineRefs{modules: map[string]bool{}, files: map[string]bool{}, settings: map[string]bool{}, environments: map[string]bool{}}
}

// collectRefs walks a parsed pipeline and records what it refers to.
func collectRefs(platform string, doc any) *pipelineRefs {
	refs := newPipelineRefs()
	defined := map[string]bool{}
	var scripts []string
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				switch k {
				case "variables", "env":
					if m, ok := e.(map[string]any); ok {
						for name := range m {
							defined[name] = true
						}
					}
					if l, ok := e.([]any); ok { // Azure: - name: X / value: ...
						for _, item := range l {
							if m, ok := item.(map[string]any); ok {
								if n, ok := m["name"].(string); ok {
									defined[n] = true
								}
							}
						}
					}
				case "environment":
					switch env := e.(type) {
					case string:
						refs.environments[env] = true
					case map[string]any:
						if n, ok := env["name"].(string); ok {
							refs.environments[n] = true
						}
					}
				case "include":
					for _, item := range asList(e) {
						if m, ok := item.(map[string]any); ok {
							if local, ok := m["local"].(string); ok {
								refs.includes = append(refs.includes, strings.TrimPrefix(local, "/"))
							}
						}
					}
				case "uses":
					if s, ok := e.(string); ok && strings.HasPrefix(s, "./") {
						refs.includes = append(refs.includes, strings.TrimPrefix(s, "./"))
					}
				case "id_tokens", "outputs":
					if m, ok := e.(map[string]any); ok {
						for name := range m {
							defined[name] = true
						}
					}
				}
				walk(k, e)
			}
		case []any:
			for _, e := range x {
				walk(key, e)
			}
		case string:
			for _, m := range ghExpression.FindAllStringSubmatch(x, -1) {
				if m[2] != "GITHUB_TOKEN" {
					refs.settings[m[2]] = true
				}
			}
			switch key {
			case "run", "script", "before_script", "after_script", "bash", "inlineScript", "if", "condition":
				scripts = append(scripts, x)
			}
			for _, macro := range platformFactsOf(platform).settingsMacros {
				for _, m := range macro.FindAllStringSubmatch(x, -1) {
					refs.settings[m[1]] = true
				}
			}
		}
	}
	walk("", doc)
	for _, s := range scripts {
		for _, m := range pythonModule.FindAllStringSubmatch(s, -1) {
			refs.modules[m[1]] = true
		}
		for _, m := range repoPath.FindAllStringSubmatch(s, -1) {
			refs.files[strings.TrimSuffix(m[1], ".")] = true
		}
		for _, m := range assignedVar.FindAllStringSubmatch(s, -1) {
			for _, g := range m[1:] {
				if g != "" {
					defined[g] = true
				}
			}
		}
	}
	if platformFactsOf(platform).settingsInScripts {
		for _, s := range scripts {
			for _, re := range []*regexp.Regexp{shellVar, pythonEnv} {
				for _, m := range re.FindAllStringSubmatch(s, -1) {
					refs.settings[m[1]] = true
				}
			}
		}
	}
	for name := range refs.settings {
		if defined[name] || predefinedVar.MatchString(name) {
			delete(refs.settings, name)
		}
	}
	return refs
}

func asList(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	return []any{v}
}

// documented says whether a name appears as `name` in the generated docs.
func documented(docs, name string) bool {
	return strings.Contains(docs, "`"+name+"`") || strings.Contains(docs, "`"+name+",") ||
		regexp.MustCompile("`[^`\n]*\\b"+regexp.QuoteMeta(name)+"\\b[^`\n]*`").MatchString(docs)
}

// TestPipelinesReferToWhatTheScaffoldCreates renders every stack at level 4
// and checks that each workflow or pipeline file refers only to files, Python
// entry points and included files the scaffold renders, and to settings and
// environments the generated docs document.
func TestPipelinesReferToWhatTheScaffoldCreates(t *testing.T) {
	pkg := scaffold.PackageName("demo-project")
	for _, stack := range scaffold.BuiltinStacks() {
		t.Run(stack.Platform+"-"+stack.Registry+"-"+stack.Monitoring, func(t *testing.T) {
			_, files := renderStackLevels(t, stack, 4)
			rendered := map[string]bool{}
			var docs strings.Builder
			for _, f := range files {
				rendered[f.Path] = true
				if strings.HasSuffix(f.Path, ".md") {
					docs.Write(f.Content)
					docs.WriteByte('\n')
				}
			}
			pipelines := 0
			for _, f := range files {
				if !isPipelineFile(stack.Platform, f.Path) {
					continue
				}
				pipelines++
				var doc any
				if err := yaml.Unmarshal(f.Content, &doc); err != nil {
					t.Fatalf("%s: %v", f.Path, err)
				}
				refs := collectRefs(stack.Platform, doc)
				for _, problem := range checkRefs(refs, rendered, docs.String(), pkg) {
					t.Errorf("%s: %s", f.Path, problem)
				}
			}
			if pipelines == 0 {
				t.Fatal("no pipeline file rendered")
			}
		})
	}
}

func checkRefs(refs *pipelineRefs, rendered map[string]bool, docs, pkg string) []string {
	var problems []string
	for m := range refs.modules {
		if strings.HasPrefix(m, pkg+".") {
			file := "src/" + strings.ReplaceAll(m, ".", "/") + ".py"
			if !rendered[file] {
				problems = append(problems, fmt.Sprintf("runs python -m %s but %s is not rendered", m, file))
			}
		} else if !externalModules[strings.Split(m, ".")[0]] {
			problems = append(problems, fmt.Sprintf("runs python -m %s, neither the project's nor a known tool", m))
		}
	}
	for f := range refs.files {
		if strings.Contains(f, "{") || strings.HasSuffix(f, "/") || dirRendered(f, rendered) {
			continue
		}
		if !rendered[f] {
			problems = append(problems, fmt.Sprintf("refers to %s, which the scaffold does not render", f))
		}
	}
	for _, pattern := range refs.includes {
		if !globRendered(pattern, rendered) {
			problems = append(problems, fmt.Sprintf("includes %s, which matches no rendered file", pattern))
		}
	}
	for name := range refs.settings {
		if !documented(docs, name) {
			problems = append(problems, fmt.Sprintf("reads the setting %s, which no generated doc documents", name))
		}
	}
	for env := range refs.environments {
		if !documented(docs, env) {
			problems = append(problems, fmt.Sprintf("deploys to the environment %s, which no generated doc documents", env))
		}
	}
	sort.Strings(problems)
	return problems
}

// dirRendered says whether p names a folder holding rendered files.
func dirRendered(p string, rendered map[string]bool) bool {
	prefix := strings.TrimSuffix(p, "/") + "/"
	for f := range rendered {
		if strings.HasPrefix(f, prefix) {
			return true
		}
	}
	return false
}

func globRendered(pattern string, rendered map[string]bool) bool {
	for f := range rendered {
		if ok, _ := path.Match(pattern, f); ok {
			return true
		}
	}
	return false
}

// TestPipelineReferenceCheckCatchesStrays feeds the checker a pipeline with
// one stray reference of each kind, so the consistency test is known to fail
// when a pipeline drifts from the scaffold.
func TestPipelineReferenceCheckCatchesStrays(t *testing.T) {
	pipeline := `
include:
  - local: .gitlab/ci/missing-*.yml
job:
  environment:
    name: qa
  script:
    - python -m demo_project.nowhere
    - python -m somethingelse
    - bash deploy/missing.sh "${UNDOCUMENTED_TOKEN}"
    - python -m demo_project.drift --trigger
`
	var doc any
	if err := yaml.Unmarshal([]byte(pipeline), &doc); err != nil {
		t.Fatal(err)
	}
	rendered := map[string]bool{"src/demo_project/drift.py": true, ".gitlab/ci/automated_training.yml": true}
	problems := checkRefs(collectRefs("gitlab_ci", doc), rendered, "`OTHER`", "demo_project")
	want := []string{"demo_project.nowhere", "somethingelse", "deploy/missing.sh", "UNDOCUMENTED_TOKEN", "missing-*.yml", "environment qa"}
	joined := strings.Join(problems, "\n")
	for _, w := range want {
		if !strings.Contains(joined, w) {
			t.Errorf("the checker missed %q; it reported:\n%s", w, joined)
		}
	}
	if strings.Contains(joined, "demo_project.drift") {
		t.Errorf("the checker flagged a rendered module:\n%s", joined)
	}
}

// TestRunbookLinksResolve checks that every runbook link of the alert rules
// points at a section of the generated runbook.
func TestRunbookLinksResolve(t *testing.T) {
	for _, monitoring := range []string{"prometheus", "azure_monitor"} {
		t.Run(monitoring, func(t *testing.T) {
			stack := scaffold.Stack{Platform: "github_actions", Registry: "mlflow", Monitoring: monitoring}
			dir, files := renderStackLevels(t, stack, 4)
			anchors := map[string]bool{}
			for _, line := range strings.Split(string(readRendered(t, dir, "monitoring/RUNBOOK.md")), "\n") {
				if h, ok := strings.CutPrefix(line, "## "); ok {
					anchors[githubAnchor(h)] = true
				}
			}
			// Prometheus: .../monitoring/RUNBOOK.md#anchor; ARM: concat(variables('runbook'), '#anchor').
			link := regexp.MustCompile(`(?:monitoring/RUNBOOK\.md#|variables\('runbook'\), '#)([a-z0-9-]+)`)
			links := 0
			for _, f := range files {
				if !strings.HasPrefix(f.Path, "monitoring/") || strings.HasSuffix(f.Path, ".md") {
					continue
				}
				for _, line := range strings.Split(string(f.Content), "\n") {
					if !strings.Contains(line, "runbook") {
						continue
					}
					if strings.Contains(line, "TODO") {
						t.Errorf("%s: runbook link is a TODO: %s", f.Path, strings.TrimSpace(line))
					}
					for _, m := range link.FindAllStringSubmatch(line, -1) {
						links++
						if !anchors[m[1]] {
							t.Errorf("%s: runbook link #%s matches no section of monitoring/RUNBOOK.md", f.Path, m[1])
						}
					}
				}
			}
			if links < 4 {
				t.Errorf("found %d runbook links with an anchor, want one per alert", links)
			}
		})
	}
}

// githubAnchor is the fragment GitHub gives a Markdown heading.
func githubAnchor(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(heading)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteRune('-')
		}
	}
	return b.String()
}
