package scaffold_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"reflect"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	sigsyaml "sigs.k8s.io/yaml"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

// k8sObject is a decoded manifest document.
type k8sObject struct {
	file string
	kind string
	name string
	ns   string
	obj  any
}

// newTyped is the typed k8s.io/api object of a kind; a kind missing here
// fails the test (add it rather than skipping the document).
func newTyped(apiVersion, kind string) (any, error) {
	switch apiVersion + "/" + kind {
	case "apps/v1/Deployment":
		return &appsv1.Deployment{}, nil
	case "v1/Service":
		return &corev1.Service{}, nil
	case "v1/ConfigMap":
		return &corev1.ConfigMap{}, nil
	case "v1/Secret":
		return &corev1.Secret{}, nil
	case "v1/ServiceAccount":
		return &corev1.ServiceAccount{}, nil
	case "policy/v1/PodDisruptionBudget":
		return &policyv1.PodDisruptionBudget{}, nil
	case "networking.k8s.io/v1/NetworkPolicy":
		return &networkingv1.NetworkPolicy{}, nil
	case "v1/Namespace":
		return &corev1.Namespace{}, nil
	case "v1/ResourceQuota":
		return &corev1.ResourceQuota{}, nil
	case "v1/LimitRange":
		return &corev1.LimitRange{}, nil
	case "batch/v1/Job":
		return &batchv1.Job{}, nil
	case "batch/v1/CronJob":
		return &batchv1.CronJob{}, nil
	}
	return nil, fmt.Errorf("no k8s.io/api type for %s %s in this test", apiVersion, kind)
}

// decodeManifests decodes every YAML document of a manifest file strictly
// into its k8s.io/api type: an unknown or misspelt field is an error.
func decodeManifests(t *testing.T, file string, content []byte) []k8sObject {
	t.Helper()
	out, errs := decodeManifestDocs(file, content)
	for _, err := range errs {
		t.Error(err)
	}
	return out
}

func decodeManifestDocs(file string, content []byte) ([]k8sObject, []error) {
	var out []k8sObject
	var errs []error
	for i, doc := range bytes.Split(content, []byte("\n---")) {
		if len(bytes.TrimSpace(stripComments(doc))) == 0 {
			continue
		}
		var meta unstructured.Unstructured
		if err := sigsyaml.Unmarshal(doc, &meta.Object); err != nil {
			errs = append(errs, fmt.Errorf("%s (document %d): %w", file, i, err))
			continue
		}
		typed, err := newTyped(meta.GetAPIVersion(), meta.GetKind())
		if err != nil {
			errs = append(errs, fmt.Errorf("%s (document %d): %w", file, i, err))
			continue
		}
		if err := sigsyaml.UnmarshalStrict(doc, typed); err != nil {
			errs = append(errs, fmt.Errorf("%s (document %d, %s %s): strict decoding: %w", file, i, meta.GetKind(), meta.GetName(), err))
			continue
		}
		out = append(out, k8sObject{file: file, kind: meta.GetKind(), name: meta.GetName(), ns: meta.GetNamespace(), obj: typed})
	}
	return out, errs
}

func stripComments(doc []byte) []byte {
	var b bytes.Buffer
	for _, line := range strings.Split(string(doc), "\n") {
		if t := strings.TrimSpace(line); t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		b.WriteString(line + "\n")
	}
	return b.Bytes()
}

// isManifest: the Kubernetes manifests of a scaffold live under deploy/k8s/
// (serving) and infra/k8s/ (namespaces, quotas, the training Job).
func isManifest(p string) bool {
	return (strings.HasPrefix(p, "deploy/k8s/") || strings.HasPrefix(p, "infra/k8s/")) &&
		(strings.HasSuffix(p, ".yml") || strings.HasSuffix(p, ".yaml"))
}

// TestKubernetesManifestsDecodeStrictly renders level 4 of every stack and
// decodes each manifest strictly against k8s.io/api, then checks what the
// rollout and the alert path rely on.
func TestKubernetesManifestsDecodeStrictly(t *testing.T) {
	for _, stack := range scaffold.BuiltinStacks() {
		t.Run(stackName(stack), func(t *testing.T) {
			_, files := renderStackLevels(t, stack, 4)
			var objects []k8sObject
			for _, f := range files {
				if isManifest(f.Path) {
					objects = append(objects, decodeManifests(t, f.Path, f.Content)...)
				}
			}
			if len(objects) == 0 {
				t.Fatal("no Kubernetes manifest under deploy/k8s/ or infra/k8s/")
			}
			t.Logf("%d objects decoded strictly", len(objects))
			checkManifestSet(t, objects)
		})
	}
}

// checkManifestSet: for each namespace, every colour has a disruption budget
// of its own and spreads its pods; every Service selects pods of a Deployment
// of its namespace.
func checkManifestSet(t *testing.T, objects []k8sObject) {
	t.Helper()
	byNS := map[string][]k8sObject{}
	for _, o := range objects {
		byNS[o.ns] = append(byNS[o.ns], o)
	}
	for ns, objs := range byNS {
		var deployments []*appsv1.Deployment
		var budgets []*policyv1.PodDisruptionBudget
		for _, o := range objs {
			switch v := o.obj.(type) {
			case *appsv1.Deployment:
				deployments = append(deployments, v)
			case *policyv1.PodDisruptionBudget:
				budgets = append(budgets, v)
			}
		}
		for _, d := range deployments {
			labels := d.Spec.Template.Labels
			covering := 0
			for _, b := range budgets {
				if b.Spec.Selector == nil {
					continue
				}
				if subset(b.Spec.Selector.MatchLabels, labels) {
					covering++
					for _, other := range deployments {
						if other != d && subset(b.Spec.Selector.MatchLabels, other.Spec.Template.Labels) {
							t.Errorf("%s: PodDisruptionBudget %s selects the pods of both %s and %s: a drain can evict every pod of one of them",
								ns, b.Name, d.Name, other.Name)
						}
					}
				}
			}
			if covering != 1 && *d.Spec.Replicas > 1 {
				t.Errorf("%s: Deployment %s is covered by %d PodDisruptionBudgets, want exactly 1", ns, d.Name, covering)
			}
			if *d.Spec.Replicas > 1 && len(d.Spec.Template.Spec.TopologySpreadConstraints) == 0 {
				t.Errorf("%s: Deployment %s has %d replicas and no topologySpreadConstraints", ns, d.Name, *d.Spec.Replicas)
			}
			for _, c := range d.Spec.Template.Spec.TopologySpreadConstraints {
				if c.LabelSelector == nil || !subset(c.LabelSelector.MatchLabels, labels) {
					t.Errorf("%s: Deployment %s spreads on %v, which does not select its own pods", ns, d.Name, c.LabelSelector)
				}
			}
		}
		for _, o := range objs {
			svc, ok := o.obj.(*corev1.Service)
			if !ok {
				continue
			}
			found := false
			for _, d := range deployments {
				if subset(svc.Spec.Selector, d.Spec.Template.Labels) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: Service %s selects %v, no Deployment of the namespace has such pods", ns, svc.Name, svc.Spec.Selector)
			}
		}
	}
}

func subset(want, have map[string]string) bool {
	if len(want) == 0 {
		return false
	}
	for k, v := range want {
		if have[k] != v {
			return false
		}
	}
	return true
}

// TestStrictDecodingRejectsUnknownFields guards the check itself: a misspelt
// field and an unknown kind fail.
func TestStrictDecodingRejectsUnknownFields(t *testing.T) {
	for name, doc := range map[string]string{
		"misspelt field": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  replica: 2\n",
		"unknown kind":   "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: x\n",
		"nested field":   "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: x\nspec:\n  minAvailable: 1\n  selector:\n    matchLabel: {a: b}\n",
	} {
		t.Run(name, func(t *testing.T) {
			if _, errs := decodeManifestDocs("x.yml", []byte(doc)); len(errs) == 0 {
				t.Errorf("%q decoded without an error", doc)
			}
		})
	}
}

// TestStagingManifestsFollowProduction: deploy/k8s/staging/ holds every
// production manifest, in the staging namespace the release pipelines
// restart, serving the staging alias alone (A/B off) without writing to the
// production prediction log, and otherwise the same objects.
func TestStagingManifestsFollowProduction(t *testing.T) {
	for _, stack := range scaffold.BuiltinStacks() {
		t.Run(stackName(stack), func(t *testing.T) {
			_, files := renderStackLevels(t, stack, 4)
			prod, staging := map[string]map[string]any{}, map[string]map[string]any{}
			for _, f := range files {
				dir, base := path.Split(f.Path)
				var into map[string]map[string]any
				switch dir {
				case "deploy/k8s/":
					into = prod
				case "deploy/k8s/staging/":
					into = staging
				default:
					continue
				}
				for _, o := range decodeManifests(t, f.Path, f.Content) {
					generic := map[string]any{}
					raw, err := json.Marshal(o.obj)
					if err != nil {
						t.Fatal(err)
					}
					if err := json.Unmarshal(raw, &generic); err != nil {
						t.Fatal(err)
					}
					into[base+" "+o.kind+" "+o.name] = generic
				}
			}
			if len(prod) == 0 || len(staging) != len(prod) {
				t.Fatalf("%d production objects, %d staging objects: want the same set", len(prod), len(staging))
			}
			for key, want := range prod {
				got, ok := staging[key]
				if !ok {
					t.Errorf("no staging object for %s", key)
					continue
				}
				meta := got["metadata"].(map[string]any)
				if meta["namespace"] != "demo-project-staging" {
					t.Errorf("%s: staging namespace %v, want demo-project-staging", key, meta["namespace"])
				}
				meta["namespace"] = want["metadata"].(map[string]any)["namespace"]
				if data, ok := got["data"].(map[string]any); ok && data["MLOPS_MODEL_ALIAS"] != nil {
					if data["MLOPS_MODEL_ALIAS"] != "staging" {
						t.Errorf("%s: staging serves alias %v, want staging", key, data["MLOPS_MODEL_ALIAS"])
					}
					data["MLOPS_MODEL_ALIAS"] = want["data"].(map[string]any)["MLOPS_MODEL_ALIAS"]
					// Staging serves its alias alone and keeps its predictions out of the production log.
					for setting, value := range map[string]string{"MLOPS_AB_TEST": "off", "MLOPS_PREDICTION_LOG_STORE": "off"} {
						if data[setting] != value {
							t.Errorf("%s: staging %s = %v, want %q", key, setting, data[setting], value)
						}
						if prodValue, ok := want["data"].(map[string]any)[setting]; ok {
							data[setting] = prodValue
						} else {
							delete(data, setting)
						}
					}
				}
				if spec, ok := got["spec"].(map[string]any); ok && got["kind"] == "Deployment" {
					spec["replicas"] = want["spec"].(map[string]any)["replicas"] // one replica in staging
				}
				if !reflect.DeepEqual(got, want) {
					a, _ := json.MarshalIndent(want, "", " ")
					b, _ := json.MarshalIndent(got, "", " ")
					t.Errorf("%s: the staging object differs from production beyond namespace and alias:\nproduction %s\nstaging %s", key, a, b)
				}
			}
		})
	}
}

// TestRunbookRollsBackTheModelInThePlatformsWords: the runbook's rollback
// covers a model release (the alias and a reload), not only the image, and on
// GitLab and Azure Pipelines it never names GitHub's mechanisms.
func TestRunbookRollsBackTheModelInThePlatformsWords(t *testing.T) {
	for _, stack := range scaffold.BuiltinStacks() {
		t.Run(stackName(stack), func(t *testing.T) {
			_, files := renderStackLevels(t, stack, 4)
			for _, f := range files {
				if f.Path != "monitoring/RUNBOOK.md" && !strings.HasPrefix(f.Path, "monitoring/prometheus/") &&
					!strings.HasPrefix(f.Path, "monitoring/alertmanager/") {
					continue
				}
				text := string(f.Content)
				if f.Path == "monitoring/RUNBOOK.md" {
					for _, want := range []string{"rollout.sh --rollback", "set_alias(", "reload-alias.sh"} {
						if !strings.Contains(text, want) {
							t.Errorf("%s: the rollback does not mention %q", f.Path, want)
						}
					}
				}
				if stack.Platform != "github_actions" {
					for _, foreign := range []string{"repository_dispatch", "workflow"} {
						if strings.Contains(text, foreign) {
							t.Errorf("%s on %s speaks of %q, a GitHub Actions word", f.Path, stack.Platform, foreign)
						}
					}
				}
			}
		})
	}
}

// decodeK8s is decodeManifestDocs with its errors joined, for checks that
// want one error per file.
func decodeK8s(file string, content []byte) ([]k8sObject, error) {
	objects, errs := decodeManifestDocs(file, content)
	return objects, errors.Join(errs...)
}
