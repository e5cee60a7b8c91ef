package scaffold_test

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

// The image rollout of every platform goes image -> staging -> production:
// one job deploys the released digest with deploy/rollout.sh to the staging
// namespace and manifests, runs the release smoke test there (rollout.sh
// --release-smoke rolls back on failure), and the production rollout depends
// on that job. Each platform's pipeline is parsed into rolloutJobs; the
// checks below are the same for all of them.

// rolloutJob is one job of the image rollout pipeline, as its platform declares it.
type rolloutJob struct {
	Name        string
	Environment string
	// Vars: the job's environment variables (NAMESPACE, MANIFESTS, ...).
	Vars map[string]string
	// Rollouts: the arguments of each deploy/rollout.sh run, in order.
	Rollouts [][]string
	// Needs: the jobs that must succeed before this one starts (direct).
	Needs []string
	// Secrets: the stored credentials the job's steps are given.
	Secrets []string
}

// rolloutJobsOf parses the image rollout pipeline of a platform.
var rolloutJobsOf = map[string]func(t *testing.T, files map[string][]byte) []rolloutJob{
	"github_actions":  githubRolloutJobs,
	"gitlab_ci":       gitlabRolloutJobs,
	"azure_pipelines": azureRolloutJobs,
}

var shellWord = regexp.MustCompile(`"[^"]*"|'[^']*'|\S+`)

// rolloutCalls finds every command line of a script that runs
// deploy/rollout.sh (directly or through bash) and returns its arguments.
func rolloutCalls(script string) [][]string {
	var calls [][]string
	for _, line := range strings.Split(script, "\n") {
		words := shellWord.FindAllString(strings.TrimSpace(line), -1)
		if len(words) > 0 && words[0] == "bash" {
			words = words[1:]
		}
		if len(words) == 0 || words[0] != "deploy/rollout.sh" {
			continue
		}
		args := []string{}
		for _, w := range words[1:] {
			args = append(args, strings.Trim(w, `"'`))
		}
		calls = append(calls, args)
	}
	return calls
}

func nodeStrings(n yaml.Node) []string {
	switch n.Kind {
	case yaml.ScalarNode:
		return []string{n.Value}
	case yaml.SequenceNode:
		var out []string
		for _, c := range n.Content {
			out = append(out, c.Value)
		}
		return out
	}
	return nil
}

func githubRolloutJobs(t *testing.T, files map[string][]byte) []rolloutJob {
	t.Helper()
	var w struct {
		Jobs map[string]struct {
			ghJob `yaml:",inline"`
			Needs yaml.Node `yaml:"needs"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(files[".github/workflows/rollout.yml"], &w); err != nil {
		t.Fatalf("rollout.yml: %v", err)
	}
	var out []rolloutJob
	for name, j := range w.Jobs {
		rj := rolloutJob{Name: name, Environment: j.environmentName(), Vars: j.Env, Needs: nodeStrings(j.Needs)}
		secrets := map[string]bool{}
		for _, s := range j.Steps {
			rj.Rollouts = append(rj.Rollouts, rolloutCalls(s.Run)...)
			for k := range ghSecrets(s.Env, s.With) {
				secrets[k] = true
			}
		}
		rj.Secrets = keys(secrets)
		out = append(out, rj)
	}
	return out
}

func gitlabRolloutJobs(t *testing.T, files map[string][]byte) []rolloutJob {
	t.Helper()
	var raw map[string]struct {
		Stage string           `yaml:"stage"`
		Needs []map[string]any `yaml:"needs"`
		Rules []map[string]any `yaml:"rules"`
	}
	if err := yaml.Unmarshal(files[".gitlab/ci/zero_downtime_deployment.yml"], &raw); err != nil {
		t.Fatalf("zero_downtime_deployment.yml: %v", err)
	}
	var root struct {
		Stages []string `yaml:"stages"`
	}
	if err := yaml.Unmarshal(files[".gitlab-ci.yml"], &root); err != nil {
		t.Fatal(err)
	}
	var out []rolloutJob
	for _, j := range gitlabJobs(t, files) {
		def, ok := raw[j.Name]
		if !ok {
			continue
		}
		rj := rolloutJob{Name: j.Name, Environment: j.Environment, Vars: j.Variables}
		rj.Rollouts = rolloutCalls(strings.Join(append(append([]string{}, j.BeforeScript...), j.Script...), "\n"))
		for _, n := range def.Needs {
			if n["optional"] == true {
				continue // may be absent from the pipeline: no ordering guarantee
			}
			rj.Needs = append(rj.Needs, fmt.Sprint(n["job"]))
		}
		out = append(out, rj)
	}
	// A need of a later stage on an earlier one is what GitLab runs; check the
	// stages too, and that the needed job runs wherever its dependant does.
	stageIndex := func(name string) int { return slices.Index(root.Stages, raw[name].Stage) }
	for _, rj := range out {
		for _, need := range rj.Needs {
			if stageIndex(need) < 0 || stageIndex(need) >= stageIndex(rj.Name) {
				t.Errorf("%s (stage %q) needs %s (stage %q): not an earlier stage", rj.Name, raw[rj.Name].Stage, need, raw[need].Stage)
			}
			for _, rule := range raw[rj.Name].Rules {
				found := false
				for _, r := range raw[need].Rules {
					found = found || r["if"] == rule["if"]
				}
				if !found {
					t.Errorf("%s runs on %v, where the job it needs, %s, does not", rj.Name, rule["if"], need)
				}
			}
		}
	}
	return out
}

func azureRolloutJobs(t *testing.T, files map[string][]byte) []rolloutJob {
	t.Helper()
	var doc struct {
		Jobs   []map[string]any `yaml:"jobs"`
		Stages []struct {
			Stage     string           `yaml:"stage"`
			DependsOn yaml.Node        `yaml:"dependsOn"`
			Condition string           `yaml:"condition"`
			Jobs      []map[string]any `yaml:"jobs"`
		} `yaml:"stages"`
	}
	path := ".azure/pipelines/zero_downtime_deployment.yml"
	if err := yaml.Unmarshal(files[path], &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(doc.Jobs) > 0 {
		t.Errorf("%s: top-level jobs run in one stage: staging and production need stages", path)
	}
	_, parsed := azureJobs(t, path, files[path])
	byName := map[string]azJob{}
	for _, j := range parsed {
		byName[j.Name] = j
	}
	jobsOfStage := map[string][]string{}
	for _, st := range doc.Stages {
		for _, j := range st.Jobs {
			name, _ := j["deployment"].(string)
			if name == "" {
				name, _ = j["job"].(string)
			}
			jobsOfStage[st.Stage] = append(jobsOfStage[st.Stage], name)
		}
	}
	var out []rolloutJob
	for _, st := range doc.Stages {
		if st.Condition != "" && strings.ReplaceAll(st.Condition, " ", "") != "succeeded()" {
			t.Errorf("%s: stage %s runs on %q, not only when the stages it depends on succeeded", path, st.Stage, st.Condition)
		}
		var needs []string
		for _, dep := range nodeStrings(st.DependsOn) {
			needs = append(needs, jobsOfStage[dep]...)
		}
		for _, j := range st.Jobs {
			name, _ := j["deployment"].(string)
			if name == "" {
				name, _ = j["job"].(string)
			}
			rj := rolloutJob{Name: name, Environment: byName[name].Environment, Vars: map[string]string{}, Needs: needs}
			if vars, ok := j["variables"].(map[string]any); ok {
				for k, v := range vars {
					rj.Vars[k] = fmt.Sprint(v)
				}
			}
			secrets := map[string]bool{}
			for _, s := range byName[name].Steps {
				rj.Rollouts = append(rj.Rollouts, rolloutCalls(s.run())...)
				for _, v := range s.Env {
					for _, m := range azMacro.FindAllStringSubmatch(v, -1) {
						secrets[m[1]] = true
					}
				}
			}
			rj.Secrets = keys(secrets)
			out = append(out, rj)
		}
	}
	return out
}

var digestArg = regexp.MustCompile(`@\$\{?[A-Z_]*DIGEST\}?$|^\$\{?IMAGE_REF\}?$`)

// TestImageGoesThroughStagingBeforeProduction parses the rollout pipeline of
// every stack: a staging job deploys the digest to the staging namespace with
// the staging manifests, runs the release smoke test, gets only cluster
// credentials, and the production rollout cannot start before it succeeded.
func TestImageGoesThroughStagingBeforeProduction(t *testing.T) {
	vars := renderedVars(t, scaffold.DefaultStack)
	stagingNS := vars["kubernetes_namespace"] + "-" + vars["staging_environment"]
	for _, stack := range scaffold.BuiltinStacks() {
		t.Run(stackName(stack), func(t *testing.T) {
			files := renderLadder(t, stack)
			parse, ok := rolloutJobsOf[stack.Platform]
			if !ok {
				t.Fatalf("platform %s: no parser of its rollout pipeline in rolloutJobsOf", stack.Platform)
			}
			jobs := parse(t, files)
			var staging, production []rolloutJob
			for _, j := range jobs {
				deploys := false
				for _, args := range j.Rollouts {
					deploys = deploys || (len(args) == 1 && digestArg.MatchString(args[0]))
				}
				if !deploys {
					continue
				}
				switch j.Environment {
				case vars["staging_environment"]:
					staging = append(staging, j)
				case vars["production_environment"]:
					production = append(production, j)
				default:
					t.Errorf("job %s deploys an image in the environment %q", j.Name, j.Environment)
				}
			}
			if len(staging) != 1 || len(production) != 1 {
				t.Fatalf("want one staging and one production rollout job, got %d and %d: %+v", len(staging), len(production), jobs)
			}
			st, prod := staging[0], production[0]

			checkRolloutTarget(t, files, st, stagingNS, "deploy/k8s/staging")
			checkRolloutTarget(t, files, prod, vars["kubernetes_namespace"], "deploy/k8s")

			if stack.Registry == "azureml" {
				checkServingIdentityReachesRollout(t, stack, files, st, prod)
			}

			smoke := slices.IndexFunc(st.Rollouts, func(a []string) bool { return slices.Equal(a, []string{"--release-smoke"}) })
			deploy := slices.IndexFunc(st.Rollouts, func(a []string) bool { return len(a) == 1 && digestArg.MatchString(a[0]) })
			if smoke < 0 || smoke < deploy {
				t.Errorf("%s: no release smoke test (deploy/rollout.sh --release-smoke) after the rollout: %v", st.Name, st.Rollouts)
			}

			// Production depends on staging, directly or through other jobs.
			needs := map[string][]string{}
			for _, j := range jobs {
				needs[j.Name] = j.Needs
			}
			if !dependsOn(needs, prod.Name, st.Name) {
				t.Errorf("%s does not depend on %s (needs %v): production could start before staging passed", prod.Name, st.Name, prod.Needs)
			}
			if dependsOn(needs, st.Name, prod.Name) {
				t.Errorf("%s depends on %s: staging must come first", st.Name, prod.Name)
			}

			// Staging gets cluster credentials only; never the production ones where they are named apart.
			for _, s := range st.Secrets {
				if !strings.HasPrefix(s, "KUBE_CONFIG") {
					t.Errorf("%s is given %s: the staging rollout needs cluster access only", st.Name, s)
				}
				if stack.Platform == "azure_pipelines" && s == "KUBE_CONFIG" {
					t.Errorf("%s maps KUBE_CONFIG, the production kubeconfig", st.Name)
				}
			}
			if stack.Platform == "azure_pipelines" && slices.Contains(prod.Secrets, "KUBE_CONFIG_STAGING") {
				t.Errorf("%s maps the staging kubeconfig", prod.Name)
			}
		})
	}
}

// checkRolloutTarget: the job's NAMESPACE and MANIFESTS name a generated
// manifest folder whose objects all live in that namespace.
func checkRolloutTarget(t *testing.T, files map[string][]byte, j rolloutJob, namespace, manifests string) {
	t.Helper()
	if j.Vars["NAMESPACE"] != namespace || j.Vars["MANIFESTS"] != manifests {
		t.Errorf("%s: NAMESPACE=%q MANIFESTS=%q, want %q and %q", j.Name, j.Vars["NAMESPACE"], j.Vars["MANIFESTS"], namespace, manifests)
		return
	}
	var seen []string
	for p, content := range files {
		if !strings.HasPrefix(p, manifests+"/") || strings.Contains(strings.TrimPrefix(p, manifests+"/"), "/") || !strings.HasSuffix(p, ".yml") {
			continue
		}
		var doc struct {
			Metadata struct {
				Namespace string `yaml:"namespace"`
			} `yaml:"metadata"`
		}
		if err := yaml.Unmarshal(content, &doc); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if doc.Metadata.Namespace != namespace {
			t.Errorf("%s deploys %s, whose namespace is %q, into %q", j.Name, p, doc.Metadata.Namespace, namespace)
		}
		seen = append(seen, strings.TrimPrefix(p, manifests+"/"))
	}
	sort.Strings(seen)
	for _, want := range []string{"configmap.yml", "deployment-blue.yml", "deployment-green.yml", "service.yml"} {
		if !slices.Contains(seen, want) {
			t.Errorf("%s: %s/%s is not generated (have %v)", j.Name, manifests, want, seen)
		}
	}
}

// checkServingIdentityReachesRollout: on azureml, deploy/rollout.sh refuses to
// run without SERVING_AZURE_CLIENT_ID (the scoring pods' workload identity).
// GitLab and Azure Pipelines hand their (non-secret) variables to every
// script, GitHub only what a job maps from vars; SECURITY.md names the setting.
func checkServingIdentityReachesRollout(t *testing.T, stack scaffold.Stack, files map[string][]byte, jobs ...rolloutJob) {
	t.Helper()
	const setting = "SERVING_AZURE_CLIENT_ID"
	if !strings.Contains(string(files["deploy/rollout.sh"]), setting) {
		t.Fatalf("deploy/rollout.sh does not read %s: update this check", setting)
	}
	if !strings.Contains(string(files["SECURITY.md"]), "`"+setting+"`") {
		t.Errorf("SECURITY.md does not name the setting %s that the rollout needs", setting)
	}
	for _, j := range jobs {
		value, mapped := j.Vars[setting]
		switch {
		case stack.Platform == "github_actions" && value != "${{ vars."+setting+" }}":
			t.Errorf("%s: %s=%q, want it mapped from the environment's variable (${{ vars.%s }})", j.Name, setting, value, setting)
		case stack.Platform != "github_actions" && mapped:
			t.Errorf("%s sets %s=%q itself, hiding the team's variable", j.Name, setting, value)
		}
	}
}

// dependsOn: from reaches to through the needs graph.
func dependsOn(needs map[string][]string, from, to string) bool {
	seen := map[string]bool{}
	var walk func(string) bool
	walk = func(n string) bool {
		if seen[n] {
			return false
		}
		seen[n] = true
		for _, m := range needs[n] {
			if m == to || walk(m) {
				return true
			}
		}
		return false
	}
	return walk(from)
}

// TestEveryPlatformHasARolloutParser: a new platform must say how its rollout pipeline is read.
func TestEveryPlatformHasARolloutParser(t *testing.T) {
	for _, p := range scaffold.Platforms {
		if rolloutJobsOf[p] == nil {
			t.Errorf("platform %s has no parser in rolloutJobsOf", p)
		}
	}
}
