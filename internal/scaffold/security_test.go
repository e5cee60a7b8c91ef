package scaffold_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/testschemas"
)

// The security tests read the pipelines of every built-in stack (the whole
// ladder rendered) and check who can see which credential: pull-request jobs
// never see a registry write credential, write credentials live in protected
// environments only, install steps see no secret, Azure sign-in comes before
// the first Azure call, and no URL carries a secret.

var (
	ladderMu    sync.Mutex
	ladderCache = map[scaffold.Stack]map[string][]byte{}
)

// renderLadder renders every capability of every level of a stack, in memory,
// once per test binary.
func renderLadder(t *testing.T, stack scaffold.Stack) map[string][]byte {
	t.Helper()
	ladderMu.Lock()
	defer ladderMu.Unlock()
	if files, ok := ladderCache[stack]; ok {
		return files
	}
	cat := maturity.MustDefault()
	lib, err := scaffold.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	ids := cat.IDsOf(cat.LevelSet(1, cat.MaxLevel()))
	data := testData(t, lib, ids)
	data.Stack = stack
	rendered, err := lib.Render(stack, ids, data)
	if err != nil {
		t.Fatalf("render %v: %v", stack, err)
	}
	files := make(map[string][]byte, len(rendered))
	for _, f := range rendered {
		files[f.Path] = f.Content
	}
	ladderCache[stack] = files
	return files
}

func stacksOf(platform string) []scaffold.Stack {
	var out []scaffold.Stack
	for _, s := range scaffold.BuiltinStacks() {
		if platform == "" || s.Platform == platform {
			out = append(out, s)
		}
	}
	return out
}

func sortedPaths(files map[string][]byte, keep func(string) bool) []string {
	var out []string
	for p := range files {
		if keep(p) {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// writeSecrets are the credentials that can change the model registry or a
// cluster; readSecrets only read the registry.
var (
	writeSecrets = map[string]bool{"MLFLOW_TRACKING_USERNAME": true, "MLFLOW_TRACKING_PASSWORD": true, "KUBE_CONFIG": true}
	// The Azure identities are variables (no secret: OIDC), the writer is AZURE_CLIENT_ID.
	writeAzureIdentity = "AZURE_CLIENT_ID"
	readAzureIdentity  = "AZURE_READER_CLIENT_ID"
)

// ---------------------------------------------------------------- GitHub Actions

type ghWorkflow struct {
	On   yaml.Node         `yaml:"on"`
	Env  map[string]string `yaml:"env"`
	Jobs map[string]ghJob  `yaml:"jobs"`
}

type ghJob struct {
	If          string            `yaml:"if"`
	Environment yaml.Node         `yaml:"environment"`
	Env         map[string]string `yaml:"env"`
	Steps       []ghStep          `yaml:"steps"`
}

type ghStep struct {
	Name string            `yaml:"name"`
	Uses string            `yaml:"uses"`
	Run  string            `yaml:"run"`
	Env  map[string]string `yaml:"env"`
	With map[string]string `yaml:"with"`
}

var (
	ghSecretRef = regexp.MustCompile(`secrets\.([A-Za-z0-9_]+)`)
	ghVarRef    = regexp.MustCompile(`vars\.([A-Za-z0-9_]+)`)
)

func ghSecrets(values ...map[string]string) map[string]bool {
	out := map[string]bool{}
	for _, m := range values {
		for _, v := range m {
			for _, sm := range ghSecretRef.FindAllStringSubmatch(v, -1) {
				out[sm[1]] = true
			}
		}
	}
	return out
}

// triggers lists the events of a workflow's `on:`.
func (w ghWorkflow) triggers() map[string]bool {
	out := map[string]bool{}
	switch w.On.Kind {
	case yaml.ScalarNode:
		out[w.On.Value] = true
	case yaml.SequenceNode:
		for _, n := range w.On.Content {
			out[n.Value] = true
		}
	case yaml.MappingNode:
		for i := 0; i < len(w.On.Content); i += 2 {
			out[w.On.Content[i].Value] = true
		}
	}
	return out
}

// runsOnPullRequest: the workflow starts on pull requests and the job's
// condition does not exclude them.
func (w ghWorkflow) runsOnPullRequest(j ghJob) bool {
	tr := w.triggers()
	if !tr["pull_request"] && !tr["pull_request_target"] {
		return false
	}
	cond := strings.ReplaceAll(j.If, `"`, `'`)
	if strings.Contains(cond, "github.event_name != 'pull_request'") {
		return false
	}
	if m := regexp.MustCompile(`github\.event_name == '([a-z_]+)'`).FindAllStringSubmatch(cond, -1); m != nil && !strings.Contains(cond, "||") {
		for _, e := range m {
			if e[1] == "pull_request" {
				return true
			}
		}
		return false
	}
	return true
}

func (j ghJob) environmentName() string {
	switch j.Environment.Kind {
	case yaml.ScalarNode:
		return j.Environment.Value
	case yaml.MappingNode:
		for i := 0; i+1 < len(j.Environment.Content); i += 2 {
			if j.Environment.Content[i].Value == "name" {
				return j.Environment.Content[i+1].Value
			}
		}
	}
	return ""
}

func isPipInstall(run string) bool {
	return strings.Contains(run, "pip install") || strings.Contains(run, "pip3 install")
}

func parseWorkflows(t *testing.T, files map[string][]byte) map[string]ghWorkflow {
	t.Helper()
	out := map[string]ghWorkflow{}
	for _, p := range sortedPaths(files, func(p string) bool {
		return strings.HasPrefix(p, ".github/workflows/") && strings.HasSuffix(p, ".yml")
	}) {
		var w ghWorkflow
		if err := yaml.Unmarshal(files[p], &w); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		out[p] = w
	}
	if len(out) == 0 {
		t.Fatal("no workflow rendered")
	}
	return out
}

// TestGitHubCredentialScopes parses every workflow of the GitHub stacks and
// checks which job and which step sees which credential.
func TestGitHubCredentialScopes(t *testing.T) {
	for _, stack := range stacksOf("github_actions") {
		t.Run(stackName(stack), func(t *testing.T) {
			files := renderLadder(t, stack)
			writeJobs := 0
			for path, w := range parseWorkflows(t, files) {
				if s := ghSecrets(w.Env); len(s) > 0 {
					t.Errorf("%s: workflow-level env hands secrets %v to every step", path, keys(s))
				}
				for name, j := range w.Jobs {
					where := path + " job " + name
					if s := ghSecrets(j.Env); len(s) > 0 {
						t.Errorf("%s: job-level env hands secrets %v to every step (install steps too)", where, keys(s))
					}
					seen, exported := jobCredentials(j)
					for s := range ghSecrets(w.Env, j.Env) {
						seen[s] = true
					}
					writes := false
					for s := range seen {
						if writeSecrets[s] {
							writes = true
						}
					}
					if seen[writeAzureIdentity] {
						writes = true
					}
					env := j.environmentName()
					if writes {
						writeJobs++
						if env == "" {
							t.Errorf("%s: uses write credentials %v outside a protected environment", where, keys(seen))
						}
					}
					if w.runsOnPullRequest(j) {
						if writes {
							t.Errorf("%s: runs on pull requests and sees write credentials %v", where, keys(seen))
						}
						if env != "" {
							t.Errorf("%s: runs on pull requests in the environment %q", where, env)
						}
					}
					checkInstallSteps(t, where, j, exported)
				}
			}
			if writeJobs == 0 {
				t.Fatal("no job writes the registry: the check found nothing to check")
			}
		})
	}
}

// jobCredentials returns every secret (and the Azure identity variables) a
// job's steps reference, and for each step the secrets earlier steps exported
// to later ones through GITHUB_ENV.
func jobCredentials(j ghJob) (map[string]bool, []map[string]bool) {
	seen := map[string]bool{}
	exported := make([]map[string]bool, len(j.Steps))
	carry := map[string]bool{}
	for i, s := range j.Steps {
		exported[i] = copySet(carry)
		refs := ghSecrets(s.Env, s.With)
		for _, m := range []map[string]string{s.Env, s.With} {
			for _, v := range m {
				for _, vm := range ghVarRef.FindAllStringSubmatch(v, -1) {
					if vm[1] == writeAzureIdentity || vm[1] == readAzureIdentity {
						seen[vm[1]] = true
					}
				}
			}
		}
		for r := range refs {
			seen[r] = true
			if strings.Contains(s.Run, "GITHUB_ENV") {
				carry[r] = true
			}
		}
	}
	return seen, exported
}

// checkInstallSteps: a step that installs packages (their build scripts run
// arbitrary code) sees no secret, neither its own nor one exported earlier.
func checkInstallSteps(t *testing.T, where string, j ghJob, exported []map[string]bool) {
	t.Helper()
	for i, s := range j.Steps {
		if !isPipInstall(s.Run) {
			continue
		}
		if own := ghSecrets(s.Env); len(own) > 0 {
			t.Errorf("%s step %q installs packages with secrets %v in its env", where, s.Name, keys(own))
		}
		if len(exported[i]) > 0 {
			t.Errorf("%s step %q installs packages after secrets %v were exported to GITHUB_ENV", where, s.Name, keys(exported[i]))
		}
	}
}

func copySet(m map[string]bool) map[string]bool {
	out := make(map[string]bool, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// azureCall matches a step that talks to the registry or to Azure: the
// project's modules that track, register, promote or read models, or the az CLI.
var azureCall = regexp.MustCompile(`python -m [a-z_]+\.(train|register|evaluate|promote|drift|lineage|compare_runs|release_smoke|production_eval|prediction_log|feedback|ab_compare)\b|(^|\n|;|&&)\s*az `)

// callsAzure: the script talks to the registry or Azure, directly or through
// the Azure parts of infra/apply.sh.
func callsAzure(script string) bool {
	return azureCall.MatchString(script) || callsAzureParts(script)
}

// callsAzureParts: the script runs the Azure parts of infra/apply.sh (a call
// that names no part runs them all).
func callsAzureParts(script string) bool {
	return slices.ContainsFunc(applyCalls(script), func(c applyCall) bool {
		return c.applies("workspace") || c.applies("environment")
	})
}

// TestGitHubAzureSignInFirst: on azureml stacks, every job that calls the
// registry or Azure (callsAzure) signs in to Azure (azure/login, OIDC) before
// that call, and pull-request jobs sign in with the reader identity.
func TestGitHubAzureSignInFirst(t *testing.T) {
	for _, stack := range stacksOf("github_actions") {
		if stack.Registry != "azureml" {
			continue
		}
		t.Run(stackName(stack), func(t *testing.T) {
			checked := 0
			for path, w := range parseWorkflows(t, renderLadder(t, stack)) {
				for name, j := range w.Jobs {
					login, first := -1, -1
					for i, s := range j.Steps {
						if login < 0 && strings.HasPrefix(s.Uses, "azure/login@") {
							login = i
						}
						if first < 0 && callsAzure(s.Run) {
							first = i
						}
					}
					if first < 0 {
						continue
					}
					checked++
					where := path + " job " + name
					if login < 0 || login > first {
						t.Errorf("%s: step %q calls the registry before any azure/login step", where, j.Steps[first].Name)
						continue
					}
					id := j.Steps[login].With["client-id"]
					if w.runsOnPullRequest(j) && !strings.Contains(id, readAzureIdentity) {
						t.Errorf("%s: runs on pull requests and signs in as %q, not the reader identity", where, id)
					}
				}
			}
			if checked == 0 {
				t.Fatal("no job calls the registry")
			}
			t.Logf("%d jobs call Azure, each after azure/login", checked)
		})
	}
}

// ---------------------------------------------------------------- Azure Pipelines

type azStep struct {
	Script      string            `yaml:"script"`
	Bash        string            `yaml:"bash"`
	Task        string            `yaml:"task"`
	DisplayName string            `yaml:"displayName"`
	Env         map[string]string `yaml:"env"`
	Inputs      map[string]string `yaml:"inputs"`
}

type azJob struct {
	Name string
	// NotOnPR: the job's or its stage's condition excludes pull-request builds.
	NotOnPR     bool
	Deployment  bool
	Environment string
	Groups      []string
	Steps       []azStep
}

var azMacro = regexp.MustCompile(`\$\(([A-Za-z0-9_.]+)\)`)

// azureJobs returns every job of a pipeline (top-level or in stages), with
// its environment, linked variable groups and steps.
func azureJobs(t *testing.T, path string, content []byte) (prTriggered bool, jobs []azJob) {
	t.Helper()
	var doc map[string]any
	if err := yaml.Unmarshal(content, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	prTriggered = doc["pr"] != "none"
	var rawJobs []any
	stageCondition := map[int]string{}
	if js, ok := doc["jobs"].([]any); ok {
		rawJobs = append(rawJobs, js...)
	}
	if stages, ok := doc["stages"].([]any); ok {
		for _, st := range stages {
			if m, ok := st.(map[string]any); ok {
				if js, ok := m["jobs"].([]any); ok {
					for _, j := range js {
						stageCondition[len(rawJobs)] = fmt.Sprint(m["condition"])
						rawJobs = append(rawJobs, j)
					}
				}
			}
		}
	}
	if steps, ok := doc["steps"]; ok {
		rawJobs = append(rawJobs, map[string]any{"job": "(pipeline)", "steps": steps})
	}
	for i, rj := range rawJobs {
		m, _ := rj.(map[string]any)
		j := azJob{}
		cond := stageCondition[i] + " " + fmt.Sprint(m["condition"])
		j.NotOnPR = strings.Contains(strings.ReplaceAll(cond, " ", ""), "ne(variables['Build.Reason'],'PullRequest')")
		if n, ok := m["deployment"].(string); ok {
			j.Name, j.Deployment = n, true
		} else {
			j.Name, _ = m["job"].(string)
		}
		switch e := m["environment"].(type) {
		case string:
			j.Environment = e
		case map[string]any:
			j.Environment, _ = e["name"].(string)
		}
		if vs, ok := m["variables"].([]any); ok {
			for _, v := range vs {
				if vm, ok := v.(map[string]any); ok {
					if g, ok := vm["group"].(string); ok {
						j.Groups = append(j.Groups, g)
					}
				}
			}
		}
		steps := m["steps"]
		if j.Deployment {
			steps = dig(m, "strategy", "runOnce", "deploy", "steps")
		}
		raw, err := yaml.Marshal(steps)
		if err != nil {
			t.Fatal(err)
		}
		if err := yaml.Unmarshal(raw, &j.Steps); err != nil {
			t.Fatalf("%s job %s: steps: %v", path, j.Name, err)
		}
		jobs = append(jobs, j)
	}
	return prTriggered, jobs
}

func dig(m map[string]any, keys ...string) any {
	var cur any = m
	for _, k := range keys {
		mm, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = mm[k]
	}
	return cur
}

func (s azStep) run() string { return s.Script + s.Bash + s.Inputs["inlineScript"] }

// TestAzurePipelinesCredentialScopes: the registry's write credentials are
// mapped only in jobs that link the protected variable group; pull-request
// pipelines link no such group and map no write credential; kubeconfigs are
// mapped only in deployment jobs of an environment; install steps map no
// secret; azureml jobs sign in (AzureCLI@2, service connection) before their
// first registry call, pull requests with the reader connection.
func TestAzurePipelinesCredentialScopes(t *testing.T) {
	for _, stack := range stacksOf("azure_pipelines") {
		t.Run(stackName(stack), func(t *testing.T) {
			files := renderLadder(t, stack)
			vars := renderedVars(t, stack)
			writeJobs, signIns := 0, 0
			for _, path := range sortedPaths(files, func(p string) bool {
				return strings.HasPrefix(p, ".azure/pipelines/") && strings.HasSuffix(p, ".yml")
			}) {
				prPipeline, jobs := azureJobs(t, path, files[path])
				for _, j := range jobs {
					pr := prPipeline && !j.NotOnPR
					where := path + " job " + j.Name
					linked := false
					for _, g := range j.Groups {
						if g == vars["registry_environment"] {
							linked = true
						}
					}
					if pr && linked {
						t.Errorf("%s: a pull-request pipeline links the write variable group %q", where, vars["registry_environment"])
					}
					login, first := -1, -1
					for i, s := range j.Steps {
						mapped := map[string]bool{}
						for _, v := range s.Env {
							for _, m := range azMacro.FindAllStringSubmatch(v, -1) {
								mapped[m[1]] = true
							}
						}
						for name := range mapped {
							switch {
							case strings.HasPrefix(name, "KUBE_CONFIG") && (!j.Deployment || j.Environment == ""):
								t.Errorf("%s: maps %s outside a deployment job of an environment", where, name)
							case writeSecrets[name] && name != "KUBE_CONFIG":
								writeJobs++
								if !linked || pr {
									t.Errorf("%s step %q: maps the write credential %s without the protected variable group", where, s.DisplayName, name)
								}
							}
						}
						if isPipInstall(s.run()) && len(mapped) > 0 {
							t.Errorf("%s step %q installs packages with credentials %v mapped", where, s.DisplayName, keys(mapped))
						}
						if login < 0 && s.Task == "AzureCLI@2" {
							login = i
							conn := s.Inputs["azureSubscription"]
							want := vars["azure_service_connection"]
							if pr {
								want = vars["azure_reader_service_connection"]
							}
							if conn == "" || (pr && conn != want) || (linked && conn != want) {
								t.Errorf("%s: signs in with the service connection %q, want %q", where, conn, want)
							}
							if s.Inputs["addSpnToEnvironment"] != "true" {
								t.Errorf("%s: AzureCLI@2 sign-in without addSpnToEnvironment: later steps get no federated token", where)
							}
						}
						if first < 0 && s.Task == "" && callsAzure(s.run()) {
							first = i
						}
					}
					if stack.Registry == "azureml" && first >= 0 {
						signIns++
						if login < 0 || login > first {
							t.Errorf("%s: step %q calls the registry before the AzureCLI@2 sign-in", where, j.Steps[first].DisplayName)
						}
					}
				}
			}
			if writeJobs == 0 {
				t.Fatal("no job maps the registry's write credentials: nothing was checked")
			}
			if stack.Registry == "azureml" && signIns == 0 {
				t.Fatal("no azureml job calls the registry: nothing was checked")
			}
		})
	}
}

// renderedVars resolves the template variables' defaults for demo-project.
func renderedVars(t *testing.T, _ scaffold.Stack) map[string]string {
	t.Helper()
	lib, err := scaffold.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	vars, err := lib.ResolveVars("demo-project", scaffold.PackageName("demo-project"), nil)
	if err != nil {
		t.Fatal(err)
	}
	return vars
}

// ---------------------------------------------------------------- GitLab CI

// gitlabJob is a job with its `extends` resolved (variables, environment,
// before_script of the hidden jobs it extends).
type gitlabJob struct {
	Name         string
	Rules        []map[string]any
	Variables    map[string]string
	Environment  string
	Image        string
	BeforeScript []string
	Script       []string
	// IDTokens: the audience of each ID token the job asks for, by variable.
	IDTokens map[string]string
}

var gitlabKeywords = map[string]bool{"stages": true, "include": true, "workflow": true, "variables": true, "default": true, "image": true, "services": true, "cache": true, "before_script": true, "after_script": true}

// gitlabJobs reads every job of the rendered GitLab files; hidden jobs
// (".name") are templates that `extends` and `!reference` resolve.
func gitlabJobs(t *testing.T, files map[string][]byte) []gitlabJob {
	t.Helper()
	raw := map[string]*yaml.Node{}
	for _, p := range sortedPaths(files, func(p string) bool {
		return p == ".gitlab-ci.yml" || (strings.HasPrefix(p, ".gitlab/ci/") && strings.HasSuffix(p, ".yml"))
	}) {
		var doc yaml.Node
		if err := yaml.Unmarshal(files[p], &doc); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		root := doc.Content[0]
		for i := 0; i+1 < len(root.Content); i += 2 {
			raw[root.Content[i].Value] = root.Content[i+1]
		}
	}
	var resolve func(name string, depth int) gitlabJob
	resolve = func(name string, depth int) gitlabJob {
		node := raw[name]
		j := gitlabJob{Name: name, Variables: map[string]string{}}
		if node == nil || depth > 5 {
			return j
		}
		field := func(key string) *yaml.Node {
			for i := 0; i+1 < len(node.Content); i += 2 {
				if node.Content[i].Value == key {
					return node.Content[i+1]
				}
			}
			return nil
		}
		if ext := field("extends"); ext != nil {
			var parents []string
			if ext.Kind == yaml.ScalarNode {
				parents = []string{ext.Value}
			} else {
				_ = ext.Decode(&parents)
			}
			for _, p := range parents {
				base := resolve(p, depth+1)
				for k, v := range base.Variables {
					j.Variables[k] = v
				}
				j.Environment, j.BeforeScript, j.Script, j.Rules = base.Environment, base.BeforeScript, base.Script, base.Rules
				if base.Image != "" {
					j.Image = base.Image
				}
				if base.IDTokens != nil {
					j.IDTokens = base.IDTokens
				}
			}
		}
		if v := field("variables"); v != nil {
			for i := 0; i+1 < len(v.Content); i += 2 {
				val := v.Content[i+1]
				if val.Kind == yaml.MappingNode { // {value:, description:}
					for k := 0; k+1 < len(val.Content); k += 2 {
						if val.Content[k].Value == "value" {
							val = val.Content[k+1]
						}
					}
				}
				j.Variables[v.Content[i].Value] = val.Value
			}
		}
		if im := field("image"); im != nil {
			j.Image = im.Value
			if im.Kind == yaml.MappingNode {
				for k := 0; k+1 < len(im.Content); k += 2 {
					if im.Content[k].Value == "name" {
						j.Image = im.Content[k+1].Value
					}
				}
			}
		}
		if e := field("environment"); e != nil {
			if e.Kind == yaml.ScalarNode {
				j.Environment = e.Value
			} else {
				var m map[string]any
				_ = e.Decode(&m)
				j.Environment, _ = m["name"].(string)
			}
		}
		lines := func(n *yaml.Node) []string {
			var out []string
			for _, c := range n.Content {
				if c.Tag == "!reference" && len(c.Content) == 2 {
					ref := resolve(c.Content[0].Value, depth+1)
					if c.Content[1].Value == "before_script" {
						out = append(out, ref.BeforeScript...)
					} else {
						out = append(out, ref.Script...)
					}
					continue
				}
				out = append(out, c.Value)
			}
			return out
		}
		if b := field("before_script"); b != nil {
			j.BeforeScript = lines(b)
		}
		if s := field("script"); s != nil {
			j.Script = lines(s)
		}
		if r := field("rules"); r != nil {
			j.Rules = nil
			_ = r.Decode(&j.Rules)
		}
		if tok := field("id_tokens"); tok != nil {
			var m map[string]struct {
				Aud string `yaml:"aud"`
			}
			if err := tok.Decode(&m); err != nil {
				t.Errorf("%s: id_tokens: %v", name, err)
			}
			j.IDTokens = map[string]string{}
			for k, v := range m {
				j.IDTokens[k] = v.Aud
			}
		}
		return j
	}
	var jobs []gitlabJob
	for name := range raw {
		if gitlabKeywords[name] || strings.HasPrefix(name, ".") {
			continue
		}
		jobs = append(jobs, resolve(name, 0))
	}
	sort.Slice(jobs, func(a, b int) bool { return jobs[a].Name < jobs[b].Name })
	return jobs
}

// runsInMergeRequests: a rule that admits merge request pipelines.
func (j gitlabJob) runsInMergeRequests() bool {
	for _, r := range j.Rules {
		cond, _ := r["if"].(string)
		if strings.Contains(cond, "merge_request_event") && !strings.Contains(cond, "!= \"merge_request_event\"") && r["when"] != "never" {
			return true
		}
	}
	return false
}

var gitlabWriteCall = regexp.MustCompile(`python -m [a-z_]+\.(register|promote|drift|lineage)\b`)

// TestGitLabCredentialScopes: merge-request jobs have no environment (the
// write variables are scoped to environments), read the registry with the
// reader credentials and identity, train against the local store and log
// nothing; jobs that write the registry run in a protected environment.
func TestGitLabCredentialScopes(t *testing.T) {
	for _, stack := range stacksOf("gitlab_ci") {
		t.Run(stackName(stack), func(t *testing.T) {
			jobs := gitlabJobs(t, renderLadder(t, stack))
			mrRegistry, writers := 0, 0
			for _, j := range jobs {
				all := strings.Join(append(append([]string{}, j.BeforeScript...), j.Script...), "\n")
				if j.runsInMergeRequests() {
					if j.Environment != "" {
						t.Errorf("%s: runs in merge requests in the environment %q (its scoped credentials)", j.Name, j.Environment)
					}
					if gitlabWriteCall.MatchString(all) {
						t.Errorf("%s: runs in merge requests and writes the registry", j.Name)
					}
					if azureCall.MatchString(all) && strings.Contains(all, "evaluate") {
						mrRegistry++
						if j.Variables["MLFLOW_TRACKING_PASSWORD"] != "$MLFLOW_READER_PASSWORD" {
							t.Errorf("%s: merge-request job reads the registry without the reader credentials", j.Name)
						}
						if !strings.Contains(all, "--no-log") {
							t.Errorf("%s: merge-request gate logs to the registry", j.Name)
						}
						if strings.Contains(all, ".train") && !strings.Contains(all, "MLOPS_TRACKING_BACKEND=local") {
							t.Errorf("%s: merge-request job trains against the registry", j.Name)
						}
						if stack.Registry == "azureml" && j.Variables["AZURE_CLIENT_ID"] != "$"+readAzureIdentity {
							t.Errorf("%s: merge-request job signs in as %q, not the reader identity", j.Name, j.Variables["AZURE_CLIENT_ID"])
						}
					}
					continue
				}
				if gitlabWriteCall.MatchString(all) || strings.Contains(all, ".register") {
					writers++
					if j.Environment == "" {
						t.Errorf("%s: writes the registry outside an environment (no scoped, protected credentials)", j.Name)
					}
				}
			}
			if mrRegistry == 0 || writers == 0 {
				t.Fatalf("found %d merge-request registry readers and %d writers: nothing was checked", mrRegistry, writers)
			}
		})
	}
}

// TestGitLabAzureSignInFirst: on azureml stacks, every GitLab job that calls
// the registry or Azure asks for an ID token for Entra ID's token exchange and
// hands it over (the federated token file azure-identity reads, or az login)
// before its first such call; merge-request jobs sign in as the reader.
func TestGitLabAzureSignInFirst(t *testing.T) {
	signIn := regexp.MustCompile(`>\s*"\$\{AZURE_FEDERATED_TOKEN_FILE\}"|--federated-token "\$\{AZURE_ID_TOKEN\}"|ARM_OIDC_TOKEN="\$\{AZURE_ID_TOKEN\}"`)
	for _, stack := range stacksOf("gitlab_ci") {
		if stack.Registry != "azureml" {
			continue
		}
		t.Run(stackName(stack), func(t *testing.T) {
			checked := 0
			for _, j := range gitlabJobs(t, renderLadder(t, stack)) {
				lines := append(append([]string{}, j.BeforeScript...), j.Script...)
				first, login := -1, -1
				for i, line := range lines {
					if login < 0 && signIn.MatchString(line) {
						login = i
					}
					if first < 0 && callsAzure(line) {
						first = i
					}
				}
				if first < 0 {
					continue
				}
				checked++
				if aud := j.IDTokens["AZURE_ID_TOKEN"]; aud != "api://AzureADTokenExchange" {
					t.Errorf("%s calls Azure without the ID token AZURE_ID_TOKEN for api://AzureADTokenExchange (got %q)", j.Name, aud)
				}
				if login < 0 || login > first {
					call := azureCall.FindString(lines[first])
					if call == "" {
						call = strings.TrimSpace(lines[first])
					}
					t.Errorf("%s: %q runs before the job hands its ID token to Azure", j.Name, strings.TrimSpace(call))
				}
				if j.runsInMergeRequests() && j.Variables["AZURE_CLIENT_ID"] != "$"+readAzureIdentity {
					t.Errorf("%s runs in merge requests and signs in as %q, not the reader identity", j.Name, j.Variables["AZURE_CLIENT_ID"])
				}
			}
			if checked == 0 {
				t.Fatal("no GitLab job calls Azure: nothing was checked")
			}
			t.Logf("%d jobs call Azure, each after its sign-in", checked)
		})
	}
}

// TestGitLabDriftCheckSkipsBeforeInstalling: the drift check decides to skip
// (no prediction log or registry configured) before its first pip install.
func TestGitLabDriftCheckSkipsBeforeInstalling(t *testing.T) {
	for _, stack := range stacksOf("gitlab_ci") {
		t.Run(stackName(stack), func(t *testing.T) {
			for _, j := range gitlabJobs(t, renderLadder(t, stack)) {
				if j.Name != "automated_retraining:drift-check" {
					continue
				}
				lines := append(append([]string{}, j.BeforeScript...), j.Script...)
				skip, install := -1, -1
				for i, l := range lines {
					if skip < 0 && strings.Contains(l, "exit 0") {
						skip = i
					}
					if install < 0 && isPipInstall(l) {
						install = i
					}
				}
				if skip < 0 || install < 0 || skip > install {
					t.Errorf("the skip decision (line %d) does not come before the first pip install (line %d)", skip, install)
				}
				return
			}
			t.Fatal("no drift-check job")
		})
	}
}

// TestCIFilesValidOnEveryStack checks the CI files of all twelve stacks
// (the platform tests run the generated suites on one stack per platform):
// actionlint on GitHub workflows, the platforms' JSON schemas elsewhere.
func TestCIFilesValidOnEveryStack(t *testing.T) {
	for _, stack := range scaffold.BuiltinStacks() {
		t.Run(stackName(stack), func(t *testing.T) {
			files := renderLadder(t, stack)
			checked := 0
			for _, p := range sortedPaths(files, func(string) bool { return true }) {
				f := scaffold.File{Path: p, Content: files[p]}
				var err error
				switch {
				case stack.Platform == "github_actions" && strings.HasPrefix(p, ".github/workflows/"):
					err = checkWorkflow(t.TempDir(), f)
				case stack.Platform == "gitlab_ci" && (p == ".gitlab-ci.yml" || strings.HasPrefix(p, ".gitlab/ci/")):
					err = validateYAML(testschemas.Must(t, testschemas.GitLabCI), f.Content, decodeTyped)
				case stack.Platform == "azure_pipelines" && strings.HasPrefix(p, ".azure/pipelines/"):
					err = validateYAML(testschemas.Must(t, testschemas.AzurePipelines), f.Content, decodeStrings)
				default:
					continue
				}
				checked++
				if err != nil {
					t.Errorf("%s: %v", p, err)
				}
			}
			if checked == 0 {
				t.Fatal("no CI file checked")
			}
		})
	}
}

// ---------------------------------------------------------------- supply chain

// renovatePath is where each platform's Renovate configuration is rendered.
var renovatePath = map[string]string{
	"github_actions":  ".github/renovate.json",
	"gitlab_ci":       "renovate.json",
	"azure_pipelines": "renovate.json",
}

// ciManager is Renovate's manager of each platform's pipeline files.
var ciManager = map[string]string{
	"github_actions":  "github-actions",
	"gitlab_ci":       "gitlabci",
	"azure_pipelines": "azure-pipelines",
}

// TestRenovateConfiguration: every stack ships a Renovate configuration that
// Renovate's schema accepts, whose every key is an option the schema defines,
// that covers the CI files, the pip requirements and the Dockerfiles, and
// that pins images and actions by digest.
func TestRenovateConfiguration(t *testing.T) {
	schema := testschemas.Must(t, testschemas.Renovate)
	raw, err := testschemasRaw(testschemas.Renovate)
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]any{}
	collectProperties(raw, known)
	for _, stack := range scaffold.BuiltinStacks() {
		t.Run(stackName(stack), func(t *testing.T) {
			files := renderLadder(t, stack)
			if _, ok := files[".github/dependabot.yml"]; ok {
				t.Error("both Dependabot and Renovate would open the same pull requests")
			}
			content, ok := files[renovatePath[stack.Platform]]
			if !ok {
				t.Fatalf("no %s rendered", renovatePath[stack.Platform])
			}
			var cfg map[string]any
			if err := json.Unmarshal(content, &cfg); err != nil {
				t.Fatalf("renovate.json: %v", err)
			}
			if err := schema.Validate(cfg); err != nil {
				t.Errorf("renovate.json: %v", err)
			}
			for _, unknown := range unknownKeys(cfg, known, "") {
				t.Errorf("renovate.json: %s is not a Renovate option", unknown)
			}
			if cfg["pinDigests"] != true {
				t.Error("renovate.json: pinDigests is not true: images and actions stay on mutable tags")
			}
			managers := map[string]bool{}
			for _, m := range cfg["enabledManagers"].([]any) {
				managers[m.(string)] = true
			}
			for _, want := range []string{ciManager[stack.Platform], "pip_requirements", "dockerfile"} {
				if !managers[want] {
					t.Errorf("renovate.json: manager %s is not enabled", want)
				}
			}
			if stack.Platform == "azure_pipelines" && dig(cfg, "azure-pipelines", "enabled") != true {
				t.Error("renovate.json: the azure-pipelines manager is off by default and not enabled")
			}
			checkRenovateCoversFiles(t, cfg, files)
			checkRenovateCoversToolImages(t, stack, cfg, files)
			checkPinnableImages(t, stack, files)
		})
	}
}

func testschemasRaw(name string) (map[string]any, error) {
	b, err := os.ReadFile(filepath.Join("..", "testschemas", "testdata", name))
	if err != nil {
		return nil, err
	}
	var out map[string]any
	return out, json.Unmarshal(b, &out)
}

// collectProperties gathers every property name the schema defines anywhere
// (top level, package rules, manager objects).
func collectProperties(node any, into map[string]any) {
	switch x := node.(type) {
	case map[string]any:
		if props, ok := x["properties"].(map[string]any); ok {
			for k, v := range props {
				into[k] = v
			}
		}
		for _, v := range x {
			collectProperties(v, into)
		}
	case []any:
		for _, v := range x {
			collectProperties(v, into)
		}
	}
}

// unknownKeys lists the keys of a Renovate configuration (top level, manager
// objects, package rules, vulnerabilityAlerts) that are no Renovate option.
func unknownKeys(cfg map[string]any, known map[string]any, prefix string) []string {
	var out []string
	for k, v := range cfg {
		if k == "$schema" {
			continue
		}
		if _, ok := known[k]; !ok {
			out = append(out, prefix+k)
			continue
		}
		switch x := v.(type) {
		case map[string]any:
			out = append(out, unknownKeys(x, known, prefix+k+".")...)
		case []any:
			for i, e := range x {
				if m, ok := e.(map[string]any); ok {
					out = append(out, unknownKeys(m, known, fmt.Sprintf("%s%s[%d].", prefix, k, i))...)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// checkRenovateCoversFiles: every requirements file and every pipeline file
// matches a managerFilePatterns regex, or Renovate's default for that manager.
func checkRenovateCoversFiles(t *testing.T, cfg map[string]any, files map[string][]byte) {
	t.Helper()
	patterns := func(manager string, defaults ...string) []*regexp.Regexp {
		var out []*regexp.Regexp
		list, _ := dig(cfg, manager, "managerFilePatterns").([]any)
		for _, p := range list {
			s := p.(string)
			if !strings.HasPrefix(s, "/") || !strings.HasSuffix(s, "/") {
				t.Errorf("renovate.json: %s pattern %q is not a /regex/", manager, s)
				continue
			}
			out = append(out, regexp.MustCompile(s[1:len(s)-1]))
		}
		for _, d := range defaults {
			out = append(out, regexp.MustCompile(d))
		}
		return out
	}
	match := func(res []*regexp.Regexp, p string) bool {
		for _, re := range res {
			if re.MatchString(p) {
				return true
			}
		}
		return false
	}
	pip := patterns("pip_requirements")
	docker := patterns("dockerfile", `(^|/|\.)([Dd]ocker|[Cc]ontainer)file$`, `(^|/)([Dd]ocker|[Cc]ontainer)file[^/]*$`)
	ci := append(patterns("gitlabci", `\.gitlab-ci\.ya?ml$`), patterns("azure-pipelines")...)
	ci = append(ci, regexp.MustCompile(`^\.github/workflows/[^/]+\.ya?ml$`))
	for p := range files {
		switch {
		case strings.HasSuffix(p, ".txt") && strings.Contains(p, "requirements"):
			if !match(pip, p) {
				t.Errorf("renovate.json: %s is not covered by the pip_requirements manager", p)
			}
		case strings.HasSuffix(p, "Dockerfile"):
			if !match(docker, p) {
				t.Errorf("renovate.json: %s is not covered by the dockerfile manager", p)
			}
		case strings.HasPrefix(p, ".gitlab/ci/") || strings.HasPrefix(p, ".azure/pipelines/") || p == ".gitlab-ci.yml":
			if !match(ci, p) {
				t.Errorf("renovate.json: %s is not covered by the CI manager", p)
			}
		}
	}
}

var toolImage = regexp.MustCompile(`\b(anchore/(?:grype|syft)):(v[0-9][0-9.]*)`)

// checkRenovateCoversToolImages: a tool image a pipeline starts with `docker run`
// (outside any manager's own fields) is matched by a custom regex manager, so
// Renovate pins and updates it like the rest. GitLab job images belong to gitlabci.
func checkRenovateCoversToolImages(t *testing.T, stack scaffold.Stack, cfg map[string]any, files map[string][]byte) {
	t.Helper()
	if stack.Platform != "azure_pipelines" {
		return
	}
	var matchers []*regexp.Regexp
	custom, _ := cfg["customManagers"].([]any)
	for _, c := range custom {
		for _, m := range c.(map[string]any)["matchStrings"].([]any) {
			// Go's regexp spells named groups (?P<name>...).
			matchers = append(matchers, regexp.MustCompile(strings.ReplaceAll(m.(string), "(?<", "(?P<")))
		}
	}
	found := 0
	for _, p := range sortedPaths(files, func(p string) bool { return strings.HasPrefix(p, ".azure/pipelines/") }) {
		for _, ref := range toolImage.FindAllString(string(files[p]), -1) {
			found++
			covered := false
			for _, m := range matchers {
				if sm := m.FindStringSubmatch(ref); sm != nil && sm[m.SubexpIndex("depName")] != "" && sm[m.SubexpIndex("currentValue")] != "" {
					covered = true
				}
			}
			if !covered {
				t.Errorf("%s: Renovate does not see the tool image %s", p, ref)
			}
		}
	}
	if found == 0 {
		t.Error("no tool image found in the Azure pipelines: the check checked nothing")
	}
}

var (
	fromLine   = regexp.MustCompile(`(?m)^FROM\s+(\S+)`)
	gitlabImg  = regexp.MustCompile(`(?m)^\s+(?:image|name):\s+(\S+)\s*$`)
	literalRef = regexp.MustCompile(`^[a-z0-9.-]+(?:/[a-z0-9._-]+)*:[A-Za-z0-9._-]+(?:@sha256:[0-9a-f]{64})?$`)
)

// checkPinnableImages: every base image of a Dockerfile and every GitLab job
// image is a literal name:tag (or already name:tag@digest), which Renovate's
// pinDigests turns into a digest; an interpolated or :latest reference could not be pinned.
func checkPinnableImages(t *testing.T, stack scaffold.Stack, files map[string][]byte) {
	t.Helper()
	images := 0
	for _, p := range sortedPaths(files, func(p string) bool { return strings.HasSuffix(p, "Dockerfile") }) {
		for _, m := range fromLine.FindAllStringSubmatch(string(files[p]), -1) {
			images++
			if !literalRef.MatchString(m[1]) || strings.HasSuffix(m[1], ":latest") {
				t.Errorf("%s: base image %q cannot be pinned by digest", p, m[1])
			}
		}
	}
	if stack.Platform == "gitlab_ci" {
		for _, p := range sortedPaths(files, func(p string) bool {
			return p == ".gitlab-ci.yml" || strings.HasPrefix(p, ".gitlab/ci/")
		}) {
			for _, m := range gitlabImg.FindAllStringSubmatch(string(files[p]), -1) {
				ref := strings.Trim(m[1], `"'`)
				if strings.HasPrefix(ref, "$") || !strings.Contains(ref, ":") && !strings.Contains(ref, "/") {
					continue // a job name or a variable, not an image
				}
				images++
				if !literalRef.MatchString(ref) || strings.HasSuffix(ref, ":latest") {
					t.Errorf("%s: image %q cannot be pinned by digest", p, ref)
				}
			}
		}
	}
	if images == 0 {
		t.Error("no image reference found")
	}
}

// TestReleaseScansAndAttests: each platform's release pipeline scans the image
// (blocking), writes its SBOM and records build provenance, in that order
// around the push: the scan before (GitHub, Azure) or gating the digest
// (GitLab), SBOM and provenance of the pushed digest.
func TestReleaseScansAndAttests(t *testing.T) {
	for _, stack := range scaffold.BuiltinStacks() {
		if stack.Registry != "mlflow" || stack.Monitoring != "prometheus" {
			continue // the release pipeline does not depend on registry or monitoring
		}
		t.Run(stackName(stack), func(t *testing.T) {
			files := renderLadder(t, stack)
			switch stack.Platform {
			case "github_actions":
				checkGitHubRelease(t, files)
			case "gitlab_ci":
				checkGitLabRelease(t, files)
			case "azure_pipelines":
				checkAzureRelease(t, files)
			}
		})
	}
}

func checkGitHubRelease(t *testing.T, files map[string][]byte) {
	t.Helper()
	var w struct {
		Jobs map[string]struct {
			Permissions map[string]string `yaml:"permissions"`
			Steps       []ghStep          `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(files[".github/workflows/release.yml"], &w); err != nil {
		t.Fatal(err)
	}
	job := w.Jobs["image"]
	index := func(pred func(ghStep) bool) int {
		for i, s := range job.Steps {
			if pred(s) {
				return i
			}
		}
		return -1
	}
	scan := index(func(s ghStep) bool { return strings.HasPrefix(s.Uses, "anchore/scan-action@") })
	push := index(func(s ghStep) bool { return strings.Contains(s.Run, "docker push") })
	sbom := index(func(s ghStep) bool { return strings.HasPrefix(s.Uses, "anchore/sbom-action@") })
	attest := index(func(s ghStep) bool { return strings.HasPrefix(s.Uses, "actions/attest-build-provenance@") })
	if scan < 0 || push < 0 || sbom < 0 || attest < 0 {
		t.Fatalf("release.yml: scan %d, push %d, sbom %d, attest %d: a step is missing", scan, push, sbom, attest)
	}
	if scan > push || sbom < push || attest < push {
		t.Errorf("release.yml: the scan must run before the push, SBOM and provenance after it (scan %d, push %d, sbom %d, attest %d)", scan, push, sbom, attest)
	}
	if s := job.Steps[scan].With; s["fail-build"] != "true" {
		t.Errorf("release.yml: the scan does not fail the build: %v", s)
	}
	a := job.Steps[attest].With
	if !strings.Contains(a["subject-digest"], "steps.push.outputs.digest") || a["push-to-registry"] != "true" {
		t.Errorf("release.yml: provenance is not attested for the pushed digest: %v", a)
	}
	for perm, want := range map[string]string{"id-token": "write", "attestations": "write", "packages": "write"} {
		if job.Permissions[perm] != want {
			t.Errorf("release.yml: job image needs permission %s: %s", perm, want)
		}
	}
}

// gitlabReleasePipeline: every GitLab job by name, and the release
// pipeline's file as plain YAML (for keys gitlabJob does not model).
func gitlabReleasePipeline(t *testing.T, files map[string][]byte) (map[string]gitlabJob, map[string]any) {
	t.Helper()
	jobs := map[string]gitlabJob{}
	for _, j := range gitlabJobs(t, files) {
		jobs[j.Name] = j
	}
	var raw map[string]any
	if err := yaml.Unmarshal(files[".gitlab/ci/automated_application_release.yml"], &raw); err != nil {
		t.Fatal(err)
	}
	return jobs, raw
}

func checkGitLabRelease(t *testing.T, files map[string][]byte) {
	t.Helper()
	jobs, raw := gitlabReleasePipeline(t, files)
	scan, sbom := jobs["automated_application_release:scan"], jobs["automated_application_release:sbom"]
	if !strings.Contains(strings.Join(scan.Script, "\n"), "--fail-on high") {
		t.Errorf("the scan job does not fail on high findings: %v", scan.Script)
	}
	if !strings.Contains(strings.Join(sbom.Script, "\n"), "cyclonedx-json=") {
		t.Errorf("the sbom job writes no CycloneDX SBOM: %v", sbom.Script)
	}
	if sbom.Variables["RUNNER_GENERATE_ARTIFACTS_METADATA"] != "true" {
		t.Error("the sbom job does not ask the runner for the artifacts' provenance")
	}
	if dig(raw, "automated_application_release:sbom", "artifacts", "reports", "cyclonedx") == nil {
		t.Error("the SBOM is not a cyclonedx report")
	}
	base, _ := raw[".automated_application_release:supply-chain"].(map[string]any)
	needs := fmt.Sprint(base["needs"])
	if !strings.Contains(needs, "automated_application_release:image") || !strings.Contains(needs, "artifacts:true") {
		t.Errorf("the supply-chain jobs do not take the pushed digest from the image job: %s", needs)
	}
}

func checkAzureRelease(t *testing.T, files map[string][]byte) {
	t.Helper()
	_, jobs := azureJobs(t, "automated_application_release.yml", files[".azure/pipelines/automated_application_release.yml"])
	for _, j := range jobs {
		if j.Name != "image" {
			continue
		}
		scan, push, sbom := -1, -1, -1
		for i, s := range j.Steps {
			switch {
			case strings.Contains(s.run(), "anchore/grype") && strings.Contains(s.run(), "--fail-on high"):
				scan = i
			case s.Task == "Docker@2" && s.Inputs["command"] == "push":
				push = i
			case strings.Contains(s.run(), "anchore/syft") && strings.Contains(s.run(), "provenance.intoto.json"):
				sbom = i
			}
		}
		if scan < 0 || push < 0 || sbom < 0 || scan > push || sbom < push {
			t.Errorf("image job: scan %d must come before push %d, SBOM and provenance %d after it", scan, push, sbom)
		}
		return
	}
	t.Fatal("no image job in the release pipeline")
}

var (
	secretQuery    = regexp.MustCompile(`(?i)[?&](token|access_token|api[-_]?key|sig|signature|password|passwd|secret|client_secret|code)=`)
	urlWithUser    = regexp.MustCompile(`(?i)\b[a-z][a-z0-9+.-]*://[^/\s:@'"]+:[^/\s@'"]+@`)
	allowedUserURL = regexp.MustCompile(`(?i)://(user:pass(word)?|<user>:<password>|[^:]+:\$\{?[A-Z_]+\}?)@`)
)

// TestNoSecretInAnyURL scans every rendered file of every stack for a
// credential in a URL: a secret in a query string (?token=, ?sig=, ...) or a
// password in the user info (https://user:secret@host). Such URLs end up in
// configurations readable with Reader rights, in logs and in proxies.
func TestNoSecretInAnyURL(t *testing.T) {
	for _, stack := range scaffold.BuiltinStacks() {
		t.Run(stackName(stack), func(t *testing.T) {
			files := renderLadder(t, stack)
			// The generated tests feed such URLs on purpose (redaction, refusal).
			for _, p := range sortedPaths(files, func(p string) bool { return !strings.HasSuffix(p, ".csv") && !strings.HasPrefix(p, "tests/") }) {
				for n, line := range strings.Split(string(files[p]), "\n") {
					if m := secretQuery.FindString(line); m != "" {
						t.Errorf("%s:%d: a credential in a query string (%s): %s", p, n+1, m, strings.TrimSpace(line))
					}
					if m := urlWithUser.FindString(line); m != "" && !allowedUserURL.MatchString(m) {
						t.Errorf("%s:%d: a password in a URL: %s", p, n+1, strings.TrimSpace(line))
					}
				}
			}
		})
	}
}
