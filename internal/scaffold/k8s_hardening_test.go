package scaffold_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	sigsyaml "sigs.k8s.io/yaml"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

// TestServingManifestsAreHardened decodes every rendered Kubernetes manifest
// of every stack strictly (as TestKubernetesManifestsDecodeStrictly) and
// checks the serving hardening: a NetworkPolicy that selects exactly the
// scoring pods on their serving port, a dedicated service account without an
// API token, and on azureml stacks Azure workload identity on the pods.
func TestServingManifestsAreHardened(t *testing.T) {
	for _, stack := range scaffold.BuiltinStacks() {
		t.Run(stackName(stack), func(t *testing.T) {
			files := renderLadder(t, stack)
			var objects []k8sObject
			for _, p := range sortedPaths(files, isManifest) {
				objects = append(objects, decodeManifests(t, p, files[p])...)
			}
			if len(objects) == 0 {
				t.Fatal("no Kubernetes manifest rendered")
			}
			checkServingHardening(t, stack, objects, string(files["deploy/rollout.sh"]))
		})
	}
}

func checkServingHardening(t *testing.T, stack scaffold.Stack, objects []k8sObject, rollout string) {
	t.Helper()
	var policies []*networkingv1.NetworkPolicy
	var accounts = map[string]*corev1.ServiceAccount{}
	var deployments []*appsv1.Deployment
	for _, o := range objects {
		switch x := o.obj.(type) {
		case *networkingv1.NetworkPolicy:
			policies = append(policies, x)
		case *corev1.ServiceAccount:
			accounts[x.Name] = x
		case *appsv1.Deployment:
			if strings.HasPrefix(o.file, "deploy/k8s/deployment-") {
				deployments = append(deployments, x)
			}
		}
	}
	if len(deployments) != 2 || len(policies) == 0 {
		t.Fatalf("want the blue and green deployments and a NetworkPolicy, got %d deployments, %d policies", len(deployments), len(policies))
	}
	for _, d := range deployments {
		pod := d.Spec.Template
		covered := false
		for _, np := range policies {
			sel, err := metav1.LabelSelectorAsSelector(&np.Spec.PodSelector)
			if err != nil {
				t.Fatal(err)
			}
			if !sel.Matches(labelSet(pod.Labels)) || np.Namespace != d.Namespace {
				continue
			}
			covered = true
			if len(np.Spec.PolicyTypes) == 0 || np.Spec.PolicyTypes[0] != networkingv1.PolicyTypeIngress {
				t.Errorf("NetworkPolicy %s does not restrict ingress", np.Name)
			}
			for _, rule := range np.Spec.Ingress {
				if len(rule.From) == 0 {
					t.Errorf("NetworkPolicy %s admits every source", np.Name)
				}
				for _, port := range rule.Ports {
					if port.Port == nil || !containerHasPort(pod.Spec.Containers, port.Port.String()) {
						t.Errorf("NetworkPolicy %s opens port %v, which the scoring container does not name", np.Name, port.Port)
					}
				}
			}
		}
		if !covered {
			t.Errorf("deployment %s: no NetworkPolicy selects its pods", d.Name)
		}
		sa := accounts[pod.Spec.ServiceAccountName]
		if sa == nil {
			t.Errorf("deployment %s runs as service account %q, which no manifest creates", d.Name, pod.Spec.ServiceAccountName)
			continue
		}
		if pod.Spec.AutomountServiceAccountToken == nil || *pod.Spec.AutomountServiceAccountToken {
			t.Errorf("deployment %s mounts a Kubernetes API token it never uses", d.Name)
		}
		wi := pod.Labels["azure.workload.identity/use"] == "true"
		clientID := sa.Annotations["azure.workload.identity/client-id"]
		if stack.Registry == "azureml" && (!wi || clientID == "") {
			t.Errorf("deployment %s: azureml pods need the workload identity label and a service account with a client id (label %v, client id %q)", d.Name, wi, clientID)
		}
		if stack.Registry != "azureml" && (wi || clientID != "") {
			t.Errorf("deployment %s: workload identity on a stack without Azure", d.Name)
		}
	}
	for _, f := range []string{"networkpolicy.yml", "serviceaccount.yml"} {
		if !strings.Contains(rollout, f) {
			t.Errorf("deploy/rollout.sh never applies %s", f)
		}
	}
}

type labelSet map[string]string

func (l labelSet) Has(k string) bool   { _, ok := l[k]; return ok }
func (l labelSet) Get(k string) string { return l[k] }

func containerHasPort(containers []corev1.Container, port string) bool {
	for _, c := range containers {
		for _, p := range c.Ports {
			if p.Name == port || fmt.Sprint(p.ContainerPort) == port {
				return true
			}
		}
	}
	return false
}

// TestPrometheusProductionConfigScrapesTheClusterOnly: the production scrape
// configuration has no localhost target (the local-dev job lives in
// prometheus-local.yml), both files pass promtool, and the on-call receiver
// of Alertmanager is configured.
func TestPrometheusProductionConfigScrapesTheClusterOnly(t *testing.T) {
	promtool, err := exec.LookPath("promtool")
	if err != nil {
		t.Fatal("promtool not found on PATH (Debian: apt-get install prometheus)")
	}
	stack := scaffold.Stack{Platform: "github_actions", Registry: "mlflow", Monitoring: "prometheus"}
	files := renderLadder(t, stack)
	dir := t.TempDir()
	for p, c := range files {
		if strings.HasPrefix(p, "monitoring/") {
			target := filepath.Join(dir, p)
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(target, c, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	prod, local := string(files["monitoring/scrape/prometheus.yml"]), string(files["monitoring/scrape/prometheus-local.yml"])
	if strings.Contains(stripYAMLComments(prod), "localhost") || strings.Contains(stripYAMLComments(prod), "127.0.0.1") {
		t.Error("monitoring/scrape/prometheus.yml (production) scrapes a local target")
	}
	if !strings.Contains(local, "localhost:") {
		t.Error("monitoring/scrape/prometheus-local.yml has no local target")
	}
	for _, f := range []string{"monitoring/scrape/prometheus.yml", "monitoring/scrape/prometheus-local.yml"} {
		cmd := exec.Command(promtool, "check", "config", f)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("promtool check config %s: %v\n%s", f, err, out)
		}
	}
	var am struct {
		Receivers []map[string]any `json:"receivers"`
	}
	if err := sigsyaml.Unmarshal(files["monitoring/alertmanager/retrain-route.yml"], &am); err != nil {
		t.Fatal(err)
	}
	vars := renderedVars(t, stack)
	for _, r := range am.Receivers {
		if r["name"] != "demo-project-oncall" {
			continue
		}
		if len(r) < 2 || !strings.Contains(fmt.Sprint(r), vars["oncall_webhook_url_file"]) {
			t.Errorf("the on-call receiver is not configured from oncall_webhook_url_file: %v", r)
		}
		return
	}
	t.Error("no on-call receiver")
}

func stripYAMLComments(s string) string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "#") {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}
