package scaffold_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	sigsyaml "sigs.k8s.io/yaml"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

var stages = []string{"dev", "test", "prod"}

// TestInfrastructureIsCodeThePipelinesApply: every stage has a namespace, a
// ResourceQuota and a LimitRange (strictly decoded) in the namespace its
// configuration names; the environments pipeline of every platform applies
// each stage with infra/apply.sh; the scripts pass shellcheck; azureml stacks
// carry Terraform (HCL that parses and is `terraform fmt` clean) whose compute
// cluster scales to zero and is the one azureml/train-job.yml runs on; mlflow
// stacks carry a Kubernetes training Job that fits every stage's quota.
func TestInfrastructureIsCodeThePipelinesApply(t *testing.T) {
	shellcheck, err := exec.LookPath("shellcheck")
	if err != nil {
		t.Fatal("shellcheck not found on PATH (Debian: apt-get install shellcheck)")
	}
	for _, stack := range scaffold.BuiltinStacks() {
		t.Run(stackName(stack), func(t *testing.T) {
			files := renderLadder(t, stack)
			quotas := checkStageNamespaces(t, files)
			checkEnvironmentsPipelineApplies(t, stack, files)
			// The managed-compute training pipeline runs the infrastructure's training job.
			trainPipeline := map[string]string{
				"github_actions":  ".github/workflows/train-managed.yml",
				"gitlab_ci":       ".gitlab/ci/managed_compute.yml",
				"azure_pipelines": ".azure/pipelines/managed_compute.yml",
			}[stack.Platform]
			want := map[string]string{"mlflow": "bash infra/train-on-cluster.sh", "azureml": "--file azureml/train-job.yml"}[stack.Registry]
			if !strings.Contains(string(files[trainPipeline]), want) {
				t.Errorf("%s does not run %q", trainPipeline, want)
			}
			scripts := []string{"infra/apply.sh"}
			if stack.Registry == "azureml" {
				checkTerraform(t, files)
				if !strings.Contains(string(files["infra/apply.sh"]), "infra/azureml") || !strings.Contains(string(files["infra/apply.sh"]), "azureml/environment.yml") {
					t.Error("infra/apply.sh applies neither the Terraform of infra/azureml nor azureml/environment.yml")
				}
			} else {
				checkTrainingJob(t, files, quotas)
				scripts = append(scripts, "infra/train-on-cluster.sh")
			}
			dir := t.TempDir()
			for _, s := range scripts {
				target := filepath.Join(dir, filepath.FromSlash(s))
				if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(target, files[s], 0o755); err != nil {
					t.Fatal(err)
				}
				if out, err := exec.Command(shellcheck, "-S", "style", target).CombinedOutput(); err != nil {
					t.Errorf("shellcheck %s: %v\n%s", s, err, out)
				}
			}
		})
	}
}

// checkStageNamespaces returns the ResourceQuota of each stage.
func checkStageNamespaces(t *testing.T, files map[string][]byte) map[string]*corev1.ResourceQuota {
	t.Helper()
	quotas := map[string]*corev1.ResourceQuota{}
	for _, stage := range stages {
		path := "infra/k8s/" + stage + ".yml"
		objs, err := decodeK8s(path, files[path])
		if err != nil || len(objs) == 0 {
			t.Errorf("%s: %v (%d objects)", path, err, len(objs))
			continue
		}
		var cfg struct {
			Serving struct {
				Namespace string `json:"namespace"`
			} `json:"serving"`
		}
		if err := sigsyaml.Unmarshal(files["configs/environments/"+stage+".yaml"], &cfg); err != nil || cfg.Serving.Namespace == "" {
			t.Fatalf("configs/environments/%s.yaml: serving.namespace: %v", stage, err)
		}
		kinds := map[string]bool{}
		for _, o := range objs {
			kinds[o.kind] = true
			switch x := o.obj.(type) {
			case *corev1.Namespace:
				if x.Name != cfg.Serving.Namespace {
					t.Errorf("%s: namespace %q, but configs/environments/%s.yaml serves in %q", path, x.Name, stage, cfg.Serving.Namespace)
				}
			case *corev1.ResourceQuota:
				if x.Namespace != cfg.Serving.Namespace {
					t.Errorf("%s: quota in %q", path, x.Namespace)
				}
				for _, r := range []corev1.ResourceName{"requests.cpu", "requests.memory", "limits.cpu", "limits.memory", "pods"} {
					if _, ok := x.Spec.Hard[r]; !ok {
						t.Errorf("%s: the quota does not bound %s", path, r)
					}
				}
				quotas[stage] = x
			case *corev1.LimitRange:
				if x.Namespace != cfg.Serving.Namespace {
					t.Errorf("%s: limit range in %q", path, x.Namespace)
				}
			}
		}
		for _, k := range []string{"Namespace", "ResourceQuota", "LimitRange"} {
			if !kinds[k] {
				t.Errorf("%s has no %s", path, k)
			}
		}
	}
	return quotas
}

// checkEnvironmentsPipelineApplies: the environments pipeline runs infra/apply.sh for every stage.
func checkEnvironmentsPipelineApplies(t *testing.T, stack scaffold.Stack, files map[string][]byte) {
	t.Helper()
	pipeline := map[string]string{
		"github_actions":  ".github/workflows/environments.yml",
		"gitlab_ci":       ".gitlab/ci/managed_environments.yml",
		"azure_pipelines": ".azure/pipelines/managed_environments.yml",
	}[stack.Platform]
	content := string(files[pipeline])
	if content == "" {
		t.Fatalf("%s not rendered", pipeline)
	}
	// Every part of every stage is applied by some job: `infra/apply.sh <stage>`
	// applies them all, `infra/apply.sh <stage> <part>...` the ones it names.
	allParts := []string{"cluster"}
	if stack.Registry == "azureml" {
		allParts = append(allParts, "workspace", "environment")
	}
	calls := applyCalls(content)
	for _, stage := range stages {
		for _, part := range allParts {
			if !slices.ContainsFunc(calls, func(c applyCall) bool { return c.Stage == stage && c.applies(part) }) {
				t.Errorf("%s does not apply the %s part of the %s stage with infra/apply.sh (calls: %+v)", pipeline, part, stage, calls)
			}
		}
	}
	switch {
	case stack.Platform == "gitlab_ci":
		checkGitLabInfraJobsHaveTheirTools(t, stack, files)
	case stack.Registry == "azureml":
		// The hosted ubuntu-latest image has no terraform: each stage job installs it first.
		install := map[string]string{"github_actions": "uses: hashicorp/setup-terraform@", "azure_pipelines": "apt-get install -y -qq terraform="}[stack.Platform]
		if install == "" {
			t.Fatalf("%s: how does its environments job get terraform? add it here", stack.Platform)
		}
		beforeFirstApply, _, _ := strings.Cut(content, "infra/apply.sh dev")
		if installs := strings.Count(content, install); installs != len(stages) || !strings.Contains(beforeFirstApply, install) {
			t.Errorf("%s: %d of %d stage jobs install terraform (%q) before infra/apply.sh", pipeline, installs, len(stages), install)
		}
	}
	if strings.Contains(content, "TODO") && strings.Contains(content, "provision this stage") {
		t.Errorf("%s still only echoes a TODO", pipeline)
	}
}

// applyCall is one run of infra/apply.sh in a pipeline: the shell that runs
// it, the stage, and the parts it names (none: all of them).
type applyCall struct {
	Shell, Stage string
	Parts        []string
}

var applyCallPattern = regexp.MustCompile(`(?m)\b(bash|sh) infra/apply\.sh (dev|test|prod)((?: [a-z]+)*)[ \t]*$`)

// applyCalls finds every run of infra/apply.sh in a script or pipeline file.
func applyCalls(script string) []applyCall {
	var calls []applyCall
	for _, m := range applyCallPattern.FindAllStringSubmatch(script, -1) {
		calls = append(calls, applyCall{Shell: m[1], Stage: m[2], Parts: strings.Fields(m[3])})
	}
	return calls
}

// applies: the call applies that part (a call that names none applies all).
func (c applyCall) applies(part string) bool {
	return len(c.Parts) == 0 || slices.Contains(c.Parts, part)
}

// infraPartNeeds: the image prefix, shell and sign-in line each part of
// infra/apply.sh needs on GitLab (hashicorp/terraform has no bash).
var infraPartNeeds = map[string]struct{ image, shell, signIn string }{
	"cluster":     {"alpine/k8s:", "bash", ""},
	"workspace":   {"hashicorp/terraform:", "sh", `ARM_OIDC_TOKEN="${AZURE_ID_TOKEN}"`},
	"environment": {"mcr.microsoft.com/azure-cli:", "bash", `--federated-token "${AZURE_ID_TOKEN}"`},
}

// checkGitLabInfraJobsHaveTheirTools: GitLab runs each job in one image, so
// each part of infra/apply.sh runs where its tool is (kubectl, terraform, az),
// with the shell that image has, and a part that calls Azure hands the job's ID
// token to its own tool first (that the job asks for the token at all is
// TestGitLabAzureSignInFirst's check).
func checkGitLabInfraJobsHaveTheirTools(t *testing.T, stack scaffold.Stack, files map[string][]byte) {
	t.Helper()
	seen := 0
	for _, j := range gitlabJobs(t, files) {
		for i, line := range j.Script {
			before := strings.Join(j.Script[:i], "\n")
			for _, c := range applyCalls(line) {
				seen++
				parts := c.Parts
				if len(parts) == 0 {
					if stack.Registry == "azureml" {
						t.Errorf("%s applies every part of %s in one image (%s): split it by tool", j.Name, c.Stage, j.Image)
					}
					parts = []string{"cluster"}
				}
				for _, part := range parts {
					need, known := infraPartNeeds[part]
					if !known {
						t.Errorf("%s: unknown part %q", j.Name, part)
						continue
					}
					if !strings.HasPrefix(j.Image, need.image) {
						t.Errorf("%s runs the %s part on %q, want the image %s<version>", j.Name, part, j.Image, need.image)
					}
					if c.Shell != need.shell {
						t.Errorf("%s runs infra/apply.sh with %s; the image of the %s part has %s", j.Name, c.Shell, part, need.shell)
					}
					if need.signIn != "" && !strings.Contains(before, need.signIn) {
						t.Errorf("%s does not sign in with its ID token (%s) before infra/apply.sh", j.Name, need.signIn)
					}
				}
			}
		}
	}
	if seen == 0 {
		t.Error("no GitLab job runs infra/apply.sh")
	}
}

func checkTerraform(t *testing.T, files map[string][]byte) {
	t.Helper()
	terraform, err := exec.LookPath("terraform")
	if err != nil {
		t.Fatal("terraform not found on PATH")
	}
	parser := hclparse.NewParser()
	dir := t.TempDir()
	var clusterName string
	minNodes := ""
	tf := 0
	for _, p := range sortedPaths(files, func(p string) bool { return strings.HasPrefix(p, "infra/azureml/") }) {
		target := filepath.Join(dir, filepath.Base(p))
		if err := os.WriteFile(target, files[p], 0o644); err != nil {
			t.Fatal(err)
		}
		f, diags := parser.ParseHCL(files[p], p)
		if diags.HasErrors() {
			t.Errorf("%s: %s", p, diags.Error())
			continue
		}
		tf++
		body := f.Body.(*hclsyntax.Body)
		if strings.HasSuffix(p, ".tfvars") {
			stage := strings.TrimSuffix(filepath.Base(p), ".tfvars")
			attrs, _ := body.JustAttributes()
			if v, d := attrs["environment"].Expr.Value(nil); d.HasErrors() || v.AsString() != stage {
				t.Errorf("%s does not set environment = %q", p, stage)
			}
			continue
		}
		for _, b := range body.Blocks {
			switch {
			case b.Type == "variable" && b.Labels[0] == "compute_cluster_name":
				if a, ok := b.Body.Attributes["default"]; ok {
					v, _ := a.Expr.Value(nil)
					clusterName = v.AsString()
				}
			case b.Type == "resource" && b.Labels[0] == "azurerm_machine_learning_compute_cluster":
				for _, inner := range b.Body.Blocks {
					if inner.Type == "scale_settings" {
						if a, ok := inner.Body.Attributes["min_node_count"]; ok {
							v, _ := a.Expr.Value(nil)
							minNodes = v.AsBigFloat().String()
						}
					}
				}
			}
		}
	}
	for _, stage := range stages {
		if _, ok := files["infra/azureml/"+stage+".tfvars"]; !ok {
			t.Errorf("no infra/azureml/%s.tfvars", stage)
		}
	}
	if tf == 0 {
		t.Fatal("no Terraform file rendered")
	}
	if minNodes != "0" {
		t.Errorf("the compute cluster does not scale to zero (min_node_count %q)", minNodes)
	}
	job := string(files["azureml/train-job.yml"])
	if clusterName == "" || !strings.Contains(job, "compute: azureml:"+clusterName+"\n") {
		t.Errorf("azureml/train-job.yml does not run on the Terraform compute cluster %q", clusterName)
	}
	cmd := exec.Command(terraform, "fmt", "-check", "-diff", dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("terraform fmt -check: %v\n%s", err, out)
	}
}

func checkTrainingJob(t *testing.T, files map[string][]byte, quotas map[string]*corev1.ResourceQuota) {
	t.Helper()
	objs, err := decodeK8s("infra/k8s/train-job.yml", files["infra/k8s/train-job.yml"])
	if err != nil || len(objs) != 1 {
		t.Fatalf("infra/k8s/train-job.yml: %v", err)
	}
	job, ok := objs[0].obj.(*batchv1.Job)
	if !ok {
		t.Fatalf("infra/k8s/train-job.yml is a %s, not a Job", objs[0].kind)
	}
	if job.Spec.ActiveDeadlineSeconds == nil || job.Spec.BackoffLimit == nil {
		t.Error("the training Job has no deadline or no backoff limit")
	}
	c := job.Spec.Template.Spec.Containers[0]
	for _, stage := range stages {
		q := quotas[stage]
		if q == nil {
			continue
		}
		for name, want := range map[corev1.ResourceName]resource.Quantity{
			"requests.cpu": c.Resources.Requests[corev1.ResourceCPU], "requests.memory": c.Resources.Requests[corev1.ResourceMemory],
			"limits.cpu": c.Resources.Limits[corev1.ResourceCPU], "limits.memory": c.Resources.Limits[corev1.ResourceMemory],
		} {
			hard := q.Spec.Hard[name]
			if want.IsZero() || want.Cmp(hard) > 0 {
				t.Errorf("the training Job's %s %s does not fit the %s quota %s", name, want.String(), stage, hard.String())
			}
		}
	}
	script := string(files["infra/train-on-cluster.sh"])
	if !strings.Contains(script, "infra/k8s/train-job.yml") || !strings.Contains(script, "wait --for=condition=complete") {
		t.Error("infra/train-on-cluster.sh does not run and wait for infra/k8s/train-job.yml")
	}
}
