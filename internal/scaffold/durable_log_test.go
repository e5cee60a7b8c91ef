package scaffold_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

// The monitoring jobs (feedback, drift check, production evaluation, A/B
// analysis) read the service's durable prediction log from the tracking
// server: with only the tracking settings and GROUND_TRUTH_URL configured,
// each job's own settings check lets it run and its script reads the log with
// `python -m <pkg>.prediction_log collect` (the A/B analysis: ab_compare
// without --results). PREDICTIONS_LOG_URL and AB_RESULTS_URL are optional
// overrides: set, they are downloaded instead. The tests run the jobs' shell
// scripts with bash, a fake environment and stub commands (python, curl, pip,
// apt-get) that record how they were called.

// durableJob names a monitoring job of one platform and what it reads.
type durableJob struct {
	file, job string
	// pipeline: the value of MLOPS_PIPELINE that starts it (GitLab).
	pipeline string
	ab       bool // the A/B analysis (ab_compare), else a prediction log reader
	labels   bool // also downloads GROUND_TRUTH_URL
}

var durableJobs = map[string][]durableJob{
	"github_actions": {
		{file: ".github/workflows/feedback.yml", job: "feedback", labels: true},
		{file: ".github/workflows/drift-check.yml", job: "drift-check"},
		{file: ".github/workflows/model-monitoring-eval.yml", job: "evaluate", labels: true},
		{file: ".github/workflows/ab-analysis.yml", job: "ab-analysis", ab: true},
	},
	"gitlab_ci": {
		{job: "production_feedback_loop:feedback", pipeline: "feedback", labels: true},
		{job: "automated_retraining:drift-check", pipeline: "drift-check"},
		{job: "automated_model_testing:evaluate", pipeline: "evaluation", labels: true},
		{job: "ab_testing:ab-analysis", pipeline: "evaluation", ab: true},
	},
	"azure_pipelines": {
		{file: ".azure/pipelines/production_feedback_loop.yml", job: "feedback", labels: true},
		{file: ".azure/pipelines/automated_retraining.yml", job: "drift_check"},
		{file: ".azure/pipelines/automated_model_testing.yml", job: "evaluate", labels: true},
		{file: ".azure/pipelines/ab_testing.yml", job: "ab_analysis", ab: true},
	},
}

const (
	fakeTracking    = "https://tracking.example.test"
	fakeGroundTruth = "https://labels.example.test/labels.csv"
	fakeLogURL      = "https://logs.example.test/predictions.csv"
	fakeResultsURL  = "https://ab.example.test/outcomes.csv"
)

// settingsCase is one configuration of the settings a job sees.
type settingsCase struct {
	name     string
	settings map[string]string
	// override: the URL the job must download instead of reading the durable log ("" = none).
	override string
}

func durableCases(j durableJob) []settingsCase {
	base := map[string]string{"MLFLOW_TRACKING_URI": fakeTracking, "GROUND_TRUTH_URL": fakeGroundTruth}
	with := func(k, v string) map[string]string {
		m := map[string]string{k: v}
		for a, b := range base {
			m[a] = b
		}
		return m
	}
	cases := []settingsCase{{name: "tracking only", settings: base}}
	if j.ab {
		cases = append(cases, settingsCase{name: "AB_RESULTS_URL override", settings: with("AB_RESULTS_URL", fakeResultsURL), override: fakeResultsURL})
	} else {
		cases = append(cases, settingsCase{name: "PREDICTIONS_LOG_URL override", settings: with("PREDICTIONS_LOG_URL", fakeLogURL), override: fakeLogURL})
	}
	return cases
}

// stubBin writes the stub commands; each appends its argv (one line) to calls.log.
func stubBin(t *testing.T, dir string) (bin, calls string) {
	t.Helper()
	bin = filepath.Join(dir, "bin")
	calls = filepath.Join(dir, "calls.log")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	// A stub writes "{}" to the file after --output, --report or --summary, as the real
	// commands would, so the lines after it (cat, cp) run.
	body := `#!/bin/bash
printf '%s' "$(basename "$0")" >> CALLS
for a in "$@"; do printf ' %s' "$a" >> CALLS; done
printf '\n' >> CALLS
prev=""
for a in "$@"; do
  case "${prev}" in
    --output|--report|--summary) mkdir -p "$(dirname "${a}")" && printf '{}\n' > "${a}" ;;
  esac
  prev="${a}"
done
exit 0
`
	body = strings.ReplaceAll(body, "CALLS", fmt.Sprintf("%q", calls))
	for _, name := range []string{"python", "python3", "pip", "curl", "apt-get", "az", "gh"} {
		if err := os.WriteFile(filepath.Join(bin, name), []byte(body), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return bin, calls
}

// runBash runs script with exactly env (plus PATH with the stubs first) in dir.
func runBash(t *testing.T, dir, bin, script string, env map[string]string) (string, error) {
	t.Helper()
	cmd := exec.Command("/bin/bash", "-c", script)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + bin + string(os.PathListSeparator) + "/usr/bin:/bin", "HOME=" + dir, "LANG=C.UTF-8"}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func readCalls(t *testing.T, calls string) []string {
	t.Helper()
	raw, err := os.ReadFile(calls)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(raw)), "\n")
}

// durableRead reports whether a script line reads the durable source.
func durableRead(pkg string, j durableJob, line string) bool {
	if j.ab {
		return strings.Contains(line, "-m "+pkg+".ab_compare")
	}
	return strings.Contains(line, "-m "+pkg+".prediction_log collect")
}

// checkDurableCalls: what the stubs saw after the job ran up to its read step.
func checkDurableCalls(t *testing.T, pkg string, j durableJob, c settingsCase, calls []string) {
	t.Helper()
	var reads, downloads []string
	for _, call := range calls {
		fields := strings.Fields(call)
		if len(fields) == 0 {
			continue
		}
		switch {
		case (fields[0] == "python" || fields[0] == "python3") && len(fields) > 2 && fields[1] == "-m" &&
			(fields[2] == pkg+".prediction_log" || fields[2] == pkg+".ab_compare"):
			reads = append(reads, strings.Join(fields[1:], " "))
		case fields[0] == "curl":
			downloads = append(downloads, fields[len(fields)-1])
		}
	}
	has := func(list []string, want string) bool {
		for _, v := range list {
			if v == want {
				return true
			}
		}
		return false
	}
	if j.ab {
		if len(reads) != 1 {
			t.Fatalf("%s: want one ab_compare call, got %q (all calls: %q)", c.name, reads, calls)
		}
		args := strings.Fields(reads[0])
		if args[1] != pkg+".ab_compare" {
			t.Fatalf("%s: ran %q, not ab_compare", c.name, reads[0])
		}
		results := has(args, "--results")
		if c.override == "" && results {
			t.Errorf("%s: ab_compare %q reads a results file, not the durable prediction log", c.name, reads[0])
		}
		if c.override != "" && (!results || !has(downloads, c.override)) {
			t.Errorf("%s: the override was not downloaded and analysed (ab_compare %q, downloads %q)", c.name, reads[0], downloads)
		}
	} else {
		collect := has(reads, "-m "+pkg+".prediction_log collect")
		if c.override == "" && !collect {
			t.Errorf("%s: the durable prediction log was not read (python -m %s.prediction_log collect); calls: %q", c.name, pkg, calls)
		}
		if c.override != "" && (collect || !has(downloads, c.override)) {
			t.Errorf("%s: PREDICTIONS_LOG_URL was not read instead of the durable log (reads %q, downloads %q)", c.name, reads, downloads)
		}
	}
	if j.labels && !has(downloads, fakeGroundTruth) {
		t.Errorf("%s: GROUND_TRUTH_URL was not downloaded (downloads %q)", c.name, downloads)
	}
	for _, d := range downloads {
		if d == fakeLogURL && c.override != fakeLogURL || d == fakeResultsURL && c.override != fakeResultsURL {
			t.Errorf("%s: downloaded %s, which is not set", c.name, d)
		}
	}
}

func packageOf(t *testing.T, files map[string][]byte) string {
	t.Helper()
	for p := range files {
		if strings.HasPrefix(p, "src/") && strings.HasSuffix(p, "/prediction_log.py") {
			return strings.TrimSuffix(strings.TrimPrefix(p, "src/"), "/prediction_log.py")
		}
	}
	t.Fatal("no src/<package>/prediction_log.py rendered")
	return ""
}

func level4Files(t *testing.T, stack scaffold.Stack) map[string][]byte {
	t.Helper()
	_, rendered := renderStackLevels(t, stack, 4)
	files := make(map[string][]byte, len(rendered))
	for _, f := range rendered {
		files[f.Path] = f.Content
	}
	return files
}

// TestMonitoringJobsReadTheDurablePredictionLog: on every stack, each
// feedback, drift, evaluation and A/B job runs with the tracking settings
// and GROUND_TRUTH_URL alone (a scheduled run, which would skip silently if
// its settings check wanted more) and reads the durable log; with the
// override URL set, it downloads that instead.
func TestMonitoringJobsReadTheDurablePredictionLog(t *testing.T) {
	for _, stack := range scaffold.BuiltinStacks() {
		t.Run(stackName(stack), func(t *testing.T) {
			files := level4Files(t, stack)
			pkg := packageOf(t, files)
			jobs := durableJobs[stack.Platform]
			if len(jobs) == 0 {
				t.Fatalf("no monitoring jobs listed for %s", stack.Platform)
			}
			checkNoOtherJobUsesTheURLs(t, stack.Platform, files, jobs)
			for _, j := range jobs {
				for _, c := range durableCases(j) {
					t.Run(j.job+"/"+c.name, func(t *testing.T) {
						dir := t.TempDir()
						bin, calls := stubBin(t, dir)
						switch stack.Platform {
						case "github_actions":
							runGitHubJob(t, files, pkg, j, c, dir, bin)
						case "gitlab_ci":
							runGitLabJob(t, files, pkg, j, c, dir, bin)
						case "azure_pipelines":
							runAzureJob(t, files, pkg, j, c, dir, bin)
						}
						checkDurableCalls(t, pkg, j, c, readCalls(t, calls))
					})
				}
			}
		})
	}
}

// checkNoOtherJobUsesTheURLs: the jobs above are every job that mentions
// PREDICTIONS_LOG_URL or AB_RESULTS_URL, so none is left that still needs them.
func checkNoOtherJobUsesTheURLs(t *testing.T, platform string, files map[string][]byte, listed []durableJob) {
	t.Helper()
	known := map[string]bool{}
	for _, j := range listed {
		known[j.file+"#"+j.job] = true
	}
	mentions := func(v any) bool {
		raw, _ := yaml.Marshal(v)
		return strings.Contains(string(raw), "PREDICTIONS_LOG_URL") || strings.Contains(string(raw), "AB_RESULTS_URL")
	}
	var found []string
	switch platform {
	case "gitlab_ci":
		for _, j := range gitlabJobs(t, files) {
			if mentions(j) {
				found = append(found, "#"+j.Name)
			}
		}
	case "github_actions":
		for _, p := range sortedPaths(files, func(p string) bool { return strings.HasPrefix(p, ".github/workflows/") }) {
			var wf struct {
				Jobs map[string]dlGitHubJob `yaml:"jobs"`
			}
			if err := yaml.Unmarshal(files[p], &wf); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			for name, job := range wf.Jobs {
				check := false // a settings check, run above through the job that needs it
				for _, s := range job.Steps {
					check = check || s.ID == "check"
				}
				if mentions(job) && !check {
					found = append(found, p+"#"+name)
				}
			}
		}
	case "azure_pipelines":
		for _, p := range sortedPaths(files, func(p string) bool { return strings.HasPrefix(p, ".azure/pipelines/") }) {
			var doc struct {
				Jobs []dlAzureJob `yaml:"jobs"`
			}
			if err := yaml.Unmarshal(files[p], &doc); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			for _, job := range doc.Jobs {
				check := false // a settings check job, run above through the job that depends on it
				for _, s := range job.Steps {
					check = check || s.Name == "check"
				}
				if mentions(job) && !check {
					found = append(found, p+"#"+job.Job)
				}
			}
		}
	}
	sort.Strings(found)
	if len(found) == 0 {
		t.Fatal("no job mentions PREDICTIONS_LOG_URL or AB_RESULTS_URL: the overrides are gone")
	}
	for _, f := range found {
		if !known[f] {
			t.Errorf("%s uses PREDICTIONS_LOG_URL or AB_RESULTS_URL but is not checked here", f)
		}
	}
}

// ---------------------------------------------------------------- GitHub Actions

type dlGitHubStep struct {
	ID   string            `yaml:"id"`
	Name string            `yaml:"name"`
	If   string            `yaml:"if"`
	Uses string            `yaml:"uses"`
	Run  string            `yaml:"run"`
	Env  map[string]string `yaml:"env"`
}

type dlGitHubJob struct {
	Needs any               `yaml:"needs"`
	If    string            `yaml:"if"`
	Env   map[string]string `yaml:"env"`
	Steps []dlGitHubStep    `yaml:"steps"`
}

var ghExpr = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

// ghResolve evaluates the expressions of an env value: `secrets.X`, `vars.X`
// and `a || b` read the fake settings; anything else is a placeholder.
func ghResolve(value string, settings map[string]string) string {
	return ghExpr.ReplaceAllStringFunc(value, func(m string) string {
		expr := ghExpr.FindStringSubmatch(m)[1]
		for _, alt := range strings.Split(expr, "||") {
			alt = strings.TrimSpace(alt)
			for _, prefix := range []string{"secrets.", "vars."} {
				if strings.HasPrefix(alt, prefix) {
					if v := settings[strings.TrimPrefix(alt, prefix)]; v != "" {
						return v
					}
				}
			}
		}
		if strings.Contains(expr, "secrets.") || strings.Contains(expr, "vars.") || strings.Contains(expr, "inputs.") {
			return ""
		}
		return "placeholder"
	})
}

var ghEnvCondition = regexp.MustCompile(`^env\.([A-Z_]+) != ''$`)

func runGitHubJob(t *testing.T, files map[string][]byte, pkg string, j durableJob, c settingsCase, dir, bin string) {
	t.Helper()
	var wf struct {
		Env  map[string]string      `yaml:"env"`
		Jobs map[string]dlGitHubJob `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(files[j.file], &wf); err != nil {
		t.Fatalf("%s: %v", j.file, err)
	}
	job, ok := wf.Jobs[j.job]
	if !ok {
		t.Fatalf("%s: no job %s", j.file, j.job)
	}
	var needs []string
	switch n := job.Needs.(type) {
	case string:
		needs = []string{n}
	case []any:
		for _, v := range n {
			needs = append(needs, fmt.Sprint(v))
		}
	}
	if strings.Contains(job.If, "PREDICTIONS_LOG_URL") || strings.Contains(job.If, "AB_RESULTS_URL") {
		t.Errorf("the job's condition %q requires an override URL", job.If)
	}
	base := map[string]string{"GITHUB_EVENT_NAME": "schedule", "GITHUB_REPOSITORY": "o/r"}
	for k, v := range wf.Env {
		base[k] = ghResolve(v, c.settings)
	}
	// The settings check: the step with id `check` of a needed job, whose `ready` output gates this job.
	checked := false
	for _, need := range needs {
		for _, s := range wf.Jobs[need].Steps {
			if s.ID != "check" {
				continue
			}
			if !strings.Contains(job.If, "needs."+need+".outputs.ready == 'true'") {
				t.Fatalf("the job's condition %q does not follow the settings check of %s", job.If, need)
			}
			output := filepath.Join(dir, "check.out")
			env := copyEnv(base, map[string]string{"GITHUB_OUTPUT": output})
			for k, v := range s.Env {
				env[k] = ghResolve(v, c.settings)
			}
			if out, err := runBash(t, dir, bin, "set -eo pipefail\n"+s.Run, env); err != nil {
				t.Fatalf("settings check failed: %v\n%s", err, out)
			}
			raw, _ := os.ReadFile(output)
			if !strings.Contains(string(raw), "ready=true") {
				t.Fatalf("the settings check of %s does not let the job run (output %q)", need, raw)
			}
			checked = true
		}
	}
	if !checked {
		t.Fatal("no settings check (a step with id `check` in a needed job)")
	}
	// The job's steps, in order, up to the one that reads the durable source.
	jobEnv := copyEnv(base, nil)
	for k, v := range job.Env {
		jobEnv[k] = ghResolve(v, c.settings)
	}
	githubEnv := filepath.Join(dir, "github.env")
	for _, s := range job.Steps {
		if s.Run == "" {
			continue
		}
		env := copyEnv(jobEnv, map[string]string{"GITHUB_ENV": githubEnv, "GITHUB_OUTPUT": filepath.Join(dir, "step.out"), "GITHUB_STEP_SUMMARY": filepath.Join(dir, "summary.md")})
		for k, v := range s.Env {
			env[k] = ghResolve(v, c.settings)
		}
		if raw, err := os.ReadFile(githubEnv); err == nil {
			for _, line := range strings.Split(string(raw), "\n") {
				if k, v, ok := strings.Cut(line, "="); ok {
					env[k] = v
				}
			}
		}
		if m := ghEnvCondition.FindStringSubmatch(s.If); m != nil && env[m[1]] == "" {
			continue
		} else if s.If != "" && m == nil {
			continue // steps after a failure, or on another event
		}
		out, err := runBash(t, dir, bin, "set -eo pipefail\n"+s.Run, env) // GitHub's bash: -eo pipefail
		if err != nil {
			t.Fatalf("step %q failed: %v\n%s", s.Name, err, out)
		}
		if durableRead(pkg, j, s.Run) {
			return
		}
	}
	t.Fatal("no step reads the durable prediction log")
}

func copyEnv(a, b map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

// ---------------------------------------------------------------- GitLab CI

var gitlabVarRef = regexp.MustCompile(`^\$\{?([A-Za-z0-9_]+)\}?$`)

func runGitLabJob(t *testing.T, files map[string][]byte, pkg string, j durableJob, c settingsCase, dir, bin string) {
	t.Helper()
	var job *gitlabJob
	for _, candidate := range gitlabJobs(t, files) {
		if candidate.Name == j.job {
			candidate := candidate
			job = &candidate
		}
	}
	if job == nil {
		t.Fatalf("no job %s", j.job)
	}
	started := false
	for _, r := range job.Rules {
		cond, _ := r["if"].(string)
		if strings.Contains(cond, "PREDICTIONS_LOG_URL") || strings.Contains(cond, "AB_RESULTS_URL") {
			t.Errorf("rule %q requires an override URL", cond)
		}
		if strings.Contains(cond, "schedule") && strings.Contains(cond, j.pipeline) && r["when"] != "never" {
			started = true
		}
	}
	if !started {
		t.Fatalf("no rule starts the job on a schedule with MLOPS_PIPELINE = %s", j.pipeline)
	}
	env := map[string]string{"CI_PIPELINE_SOURCE": "schedule", "MLOPS_PIPELINE": j.pipeline}
	for k, v := range c.settings {
		env[k] = v
	}
	for k, v := range job.Variables {
		if m := gitlabVarRef.FindStringSubmatch(v); m != nil {
			v = c.settings[m[1]]
		}
		env[k] = v
	}
	env["AZURE_FEDERATED_TOKEN_FILE"] = filepath.Join(dir, "azure-federated-token")
	// before_script and script share one shell; the runner stops at the first failing line.
	var lines []string
	reached := false
	for _, l := range append(append([]string{}, job.BeforeScript...), job.Script...) {
		lines = append(lines, l)
		if durableRead(pkg, j, l) {
			reached = true
			break
		}
	}
	if !reached {
		t.Fatal("no script line reads the durable prediction log")
	}
	// The job's checkout: the scripts its lines call (the install wrapper).
	for _, name := range []string{".gitlab/clean-env.sh"} {
		if content, ok := files[name]; ok {
			path := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, content, 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
	script := "set -eo pipefail\n" + strings.Join(lines, "\n") + "\necho DURABLE-READ-REACHED\n"
	out, err := runBash(t, dir, bin, script, env)
	if err != nil || !strings.Contains(out, "DURABLE-READ-REACHED") {
		t.Fatalf("the job stopped before reading the prediction log: %v\n%s", err, out)
	}
}

// ---------------------------------------------------------------- Azure Pipelines

type dlAzureStep struct {
	Script      string            `yaml:"script"`
	Task        string            `yaml:"task"`
	Name        string            `yaml:"name"`
	DisplayName string            `yaml:"displayName"`
	Condition   string            `yaml:"condition"`
	Env         map[string]string `yaml:"env"`
}

type dlAzureJob struct {
	Job       string        `yaml:"job"`
	DependsOn any           `yaml:"dependsOn"`
	Condition string        `yaml:"condition"`
	Steps     []dlAzureStep `yaml:"steps"`
}

var (
	azSetVariable  = regexp.MustCompile(`##vso\[task\.setvariable variable=([A-Za-z_]+)(;isOutput=true)?\]([^\r\n]*)`)
	azVarCondition = regexp.MustCompile(`eq\(variables\['([A-Za-z_.]+)'\], '([a-z_]+)'\)`)
	azDepCondition = regexp.MustCompile(`eq\(dependencies\.([a-z_]+)\.outputs\['([a-z_]+)\.([a-z_]+)'\], '([a-z_]+)'\)`)
)

// azSecrets are the settings that are secret variables: a script sees them only
// through its env mapping. The others are plain variables, in every step's environment.
var azSecrets = map[string]bool{"GROUND_TRUTH_URL": true, "PREDICTIONS_LOG_URL": true, "AB_RESULTS_TOKEN": true}

// azRun runs a script step as Azure does: macros $(X) expanded (an undefined
// one stays as the text), secret variables only through env.
func azRun(t *testing.T, s dlAzureStep, c settingsCase, variables map[string]string, dir, bin string) (string, error) {
	t.Helper()
	macro := func(text string) string {
		return azMacro.ReplaceAllStringFunc(text, func(m string) string {
			name := azMacro.FindStringSubmatch(m)[1]
			switch name {
			case "Build.Reason":
				return "Schedule"
			case "Agent.TempDirectory", "Build.ArtifactStagingDirectory", "Pipeline.Workspace":
				return dir
			}
			if v, ok := variables[name]; ok {
				return v
			}
			if v, ok := c.settings[name]; ok {
				return v
			}
			return m
		})
	}
	env := map[string]string{}
	for k, v := range c.settings {
		if !azSecrets[k] {
			env[k] = v
		}
	}
	for k, v := range variables {
		env[strings.ToUpper(k)] = v
	}
	for k, v := range s.Env {
		env[k] = macro(v)
	}
	return runBash(t, dir, bin, macro(s.Script), env)
}

func runAzureJob(t *testing.T, files map[string][]byte, pkg string, j durableJob, c settingsCase, dir, bin string) {
	t.Helper()
	var doc struct {
		Jobs []dlAzureJob `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(files[j.file], &doc); err != nil {
		t.Fatalf("%s: %v", j.file, err)
	}
	outputs := map[string]string{} // job.step.name -> value
	run := func(job dlAzureJob, stopAtRead bool) bool {
		variables := map[string]string{}
		if strings.Contains(job.Condition, "PREDICTIONS_LOG_URL") || strings.Contains(job.Condition, "AB_RESULTS_URL") {
			t.Errorf("job %s: condition %q requires an override URL", job.Job, job.Condition)
		}
		for _, m := range azDepCondition.FindAllStringSubmatch(job.Condition, -1) {
			if outputs[m[1]+"."+m[2]+"."+m[3]] != m[4] {
				t.Fatalf("job %s does not run: %s", job.Job, m[0])
			}
		}
		for _, s := range job.Steps {
			if s.Script == "" {
				continue
			}
			skip := false
			for _, m := range azVarCondition.FindAllStringSubmatch(s.Condition, -1) {
				if variables[m[1]] != m[2] {
					skip = true
				}
			}
			if skip || strings.Contains(s.Condition, "failed()") || strings.Contains(s.Condition, "succeededOrFailed()") {
				continue
			}
			out, err := azRun(t, s, c, variables, dir, bin)
			if err != nil {
				t.Fatalf("job %s step %q failed: %v\n%s", job.Job, s.DisplayName, err, out)
			}
			for _, m := range azSetVariable.FindAllStringSubmatch(out, -1) {
				if m[2] != "" {
					outputs[job.Job+"."+s.Name+"."+m[1]] = m[3]
				} else {
					variables[m[1]] = m[3]
				}
			}
			if stopAtRead && durableRead(pkg, j, s.Script) {
				return true
			}
		}
		return false
	}
	var target *dlAzureJob
	for i := range doc.Jobs {
		if doc.Jobs[i].Job == j.job {
			target = &doc.Jobs[i]
		}
	}
	if target == nil {
		t.Fatalf("%s: no job %s", j.file, j.job)
	}
	if dep, ok := target.DependsOn.(string); ok && dep != "" {
		for _, job := range doc.Jobs {
			if job.Job == dep && strings.Contains(target.Condition, "dependencies."+dep+".outputs") {
				run(job, false)
			}
		}
	}
	if !run(*target, true) {
		t.Fatal("no step reads the durable prediction log")
	}
}
