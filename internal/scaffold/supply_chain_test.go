package scaffold_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

// gitlabJobSecrets are credentials a GitLab job can hold: the registry's and
// the cluster's (scoped to environments), the Azure identity's token, the
// project's pipeline tokens and the job token.
var gitlabJobSecrets = []string{
	"MLFLOW_TRACKING_USERNAME", "MLFLOW_TRACKING_PASSWORD", "MLFLOW_TRACKING_TOKEN", "MLFLOW_READER_PASSWORD",
	"KUBE_CONFIG", "AZURE_ID_TOKEN", "AZURE_CLIENT_SECRET", "RETRAIN_TRIGGER_TOKEN", "GITLAB_API_TOKEN",
	"CI_JOB_TOKEN", "CI_REGISTRY_PASSWORD", "SIGSTORE_ID_TOKEN",
}

// TestGitLabInstallsSeeNoSecret: GitLab hands every variable of a job to all
// of its commands, so each pip install of every job (the jobs of environments
// with write credentials included) runs through .gitlab/clean-env.sh. Each
// install line is run with bash, the job's variables and every credential in
// the environment and a fake python that prints what it received: no
// credential may reach it, pip's own settings must.
func TestGitLabInstallsSeeNoSecret(t *testing.T) {
	for _, stack := range stacksOf("gitlab_ci") {
		t.Run(stackName(stack), func(t *testing.T) {
			files := renderLadder(t, stack)
			dir := t.TempDir()
			wrapper := files[".gitlab/clean-env.sh"]
			if wrapper == nil {
				t.Fatal(".gitlab/clean-env.sh not rendered")
			}
			if err := os.MkdirAll(filepath.Join(dir, ".gitlab"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, ".gitlab/clean-env.sh"), wrapper, 0o755); err != nil {
				t.Fatal(err)
			}
			bin := filepath.Join(dir, "bin")
			if err := os.MkdirAll(bin, 0o755); err != nil {
				t.Fatal(err)
			}
			fake := "#!/bin/sh\necho \"ARGS $*\"\nenv\n"
			if err := os.WriteFile(filepath.Join(bin, "python"), []byte(fake), 0o755); err != nil {
				t.Fatal(err)
			}
			checked := map[string]bool{}
			secretJobs, installs := 0, 0
			for _, j := range gitlabJobs(t, files) {
				env := []string{"PATH=" + bin + ":/usr/bin:/bin", "HOME=" + dir, "PIP_CACHE_DIR=" + dir + "/.cache/pip", "PIP_DISABLE_PIP_VERSION_CHECK=1"}
				for _, s := range gitlabJobSecrets {
					env = append(env, s+"=leak-"+s)
				}
				var jobVars []string
				for k, v := range j.Variables {
					if strings.HasPrefix(v, "$") { // a reference to a CI/CD variable: a credential, or one like it
						jobVars = append(jobVars, k)
						env = append(env, k+"=leak-"+k)
					}
				}
				sort.Strings(jobVars)
				holdsSecret := j.Environment != "" || len(jobVars) > 0
				jobInstalls := 0
				for _, entry := range append(append([]string{}, j.BeforeScript...), j.Script...) {
					for _, line := range strings.Split(entry, "\n") {
						line = strings.TrimSpace(line)
						if !isPipInstall(line) || strings.HasPrefix(line, "#") {
							continue
						}
						jobInstalls++
						if !strings.HasPrefix(line, "bash .gitlab/clean-env.sh python -m pip install ") {
							t.Errorf("%s: installs with the job's variables in its environment: %s", j.Name, line)
							continue
						}
						key := line + "\x00" + strings.Join(jobVars, ",")
						if checked[key] {
							continue
						}
						checked[key] = true
						cmd := exec.Command("bash", "-c", line)
						cmd.Dir = dir
						cmd.Env = env
						out, err := cmd.CombinedOutput()
						if err != nil {
							t.Errorf("%s: %s: %v\n%s", j.Name, line, err, out)
							continue
						}
						got := string(out)
						if !strings.Contains(got, "ARGS -m pip install") {
							t.Errorf("%s: %s: python did not run the install: %s", j.Name, line, got)
						}
						if strings.Contains(got, "leak-") {
							for _, l := range strings.Split(got, "\n") {
								if strings.Contains(l, "leak-") {
									t.Errorf("%s: %s: the install sees %s", j.Name, line, strings.SplitN(l, "=", 2)[0])
								}
							}
						}
						for _, want := range []string{"PIP_CACHE_DIR=" + dir + "/.cache/pip\n", "HOME=" + dir + "\n", "PATH=" + bin} {
							if !strings.Contains(got, want) {
								t.Errorf("%s: %s: the install lost %q", j.Name, line, want)
							}
						}
					}
				}
				installs += jobInstalls
				if holdsSecret && jobInstalls > 0 {
					secretJobs++
				}
			}
			if secretJobs == 0 || installs == 0 {
				t.Fatalf("%d installs, %d in jobs holding credentials: nothing was checked", installs, secretJobs)
			}
		})
	}
}

// TestTrainingJobReferencesResolve runs infra/apply.sh and
// infra/train-on-cluster.sh of every stage with a kubectl that records what
// it is asked to apply, decodes those manifests, and checks that everything
// the training Job references in its namespace (ConfigMaps and their keys,
// Secrets, its service account) is applied there by infra/apply.sh, or, for
// a Secret, named in SECURITY.md as one the team creates, with its keys.
func TestTrainingJobReferencesResolve(t *testing.T) {
	for _, stack := range scaffold.BuiltinStacks() {
		if stack.Registry != "mlflow" {
			continue // azureml stacks train on Azure ML compute (azureml/train-job.yml)
		}
		t.Run(stackName(stack), func(t *testing.T) {
			files := renderLadder(t, stack)
			dir := t.TempDir()
			for p, c := range files {
				if strings.HasPrefix(p, "infra/") {
					target := filepath.Join(dir, filepath.FromSlash(p))
					if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(target, c, 0o755); err != nil {
						t.Fatal(err)
					}
				}
			}
			kubectl := filepath.Join(dir, "kubectl")
			fake := "#!/bin/sh\nif [ \"$1\" = apply ] && [ \"$2\" = -f ]; then cat \"$3\" >> \"$CAPTURE\"; printf '\\n---\\n' >> \"$CAPTURE\"; fi\nexit 0\n"
			if err := os.WriteFile(kubectl, []byte(fake), 0o755); err != nil {
				t.Fatal(err)
			}
			kubeconfig := filepath.Join(dir, "kubeconfig")
			if err := os.WriteFile(kubeconfig, []byte("apiVersion: v1\nkind: Config\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			run := func(capture string, args ...string) []byte {
				cmd := exec.Command("bash", args...)
				cmd.Dir = dir
				cmd.Env = []string{"PATH=/usr/bin:/bin", "HOME=" + dir, "KUBECTL=" + kubectl, "KUBE_CONFIG=" + kubeconfig, "CAPTURE=" + capture}
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Fatalf("bash %s: %v\n%s", strings.Join(args, " "), err, out)
				}
				content, err := os.ReadFile(capture)
				if err != nil {
					t.Fatalf("bash %s applied nothing: %v", strings.Join(args, " "), err)
				}
				return content
			}
			security := string(files["SECURITY.md"])
			for _, stage := range stages {
				applied := run(filepath.Join(dir, "applied-"+stage+".yml"), "infra/apply.sh", stage)
				objs, err := decodeK8s("infra/apply.sh "+stage, applied)
				if err != nil {
					t.Fatal(err)
				}
				have := map[string]*corev1.ConfigMap{}
				secrets, namespaces := map[string]bool{}, map[string]bool{}
				for _, o := range objs {
					switch x := o.obj.(type) {
					case *corev1.ConfigMap:
						have[x.Namespace+"/"+x.Name] = x
					case *corev1.Secret:
						secrets[x.Namespace+"/"+x.Name] = true
					case *corev1.Namespace:
						namespaces[x.Name] = true
					}
				}
				jobObjs, err := decodeK8s("infra/train-on-cluster.sh "+stage, run(filepath.Join(dir, "job-"+stage+".yml"), "infra/train-on-cluster.sh", stage, "registry.example/train@sha256:"+strings.Repeat("a", 64), "0123abc"))
				if err != nil || len(jobObjs) != 1 {
					t.Fatalf("the training Job of %s: %v (%d objects)", stage, err, len(jobObjs))
				}
				job, ok := jobObjs[0].obj.(*batchv1.Job)
				if !ok {
					t.Fatalf("infra/train-on-cluster.sh %s applied a %s", stage, jobObjs[0].kind)
				}
				ns := job.Namespace
				if !namespaces[ns] {
					t.Errorf("%s: the training Job runs in namespace %q, which infra/apply.sh %s does not create", stage, ns, stage)
				}
				pod := job.Spec.Template.Spec
				if sa := pod.ServiceAccountName; sa != "" && sa != "default" {
					t.Errorf("%s: the training Job runs as service account %q, which nothing creates", stage, sa)
				}
				secretKeys := map[string][]string{}
				checked := 0
				for _, c := range append(append([]corev1.Container{}, pod.InitContainers...), pod.Containers...) {
					for _, e := range c.Env {
						if e.ValueFrom == nil {
							continue
						}
						if r := e.ValueFrom.ConfigMapKeyRef; r != nil {
							checked++
							cm := have[ns+"/"+r.Name]
							switch {
							case cm == nil:
								t.Errorf("%s: the training Job reads ConfigMap %s/%s, which infra/apply.sh %s does not apply", stage, ns, r.Name, stage)
							case cm.Data[r.Key] == "":
								t.Errorf("%s: ConfigMap %s/%s has no value for %s", stage, ns, r.Name, r.Key)
							}
						}
						if r := e.ValueFrom.SecretKeyRef; r != nil {
							checked++
							secretKeys[r.Name] = append(secretKeys[r.Name], r.Key)
						}
					}
					for _, e := range c.EnvFrom {
						if r := e.ConfigMapRef; r != nil && have[ns+"/"+r.Name] == nil {
							t.Errorf("%s: the training Job loads ConfigMap %s/%s, which infra/apply.sh %s does not apply", stage, ns, r.Name, stage)
						}
						if r := e.SecretRef; r != nil {
							secretKeys[r.Name] = append(secretKeys[r.Name], "")
						}
					}
				}
				for _, v := range pod.Volumes {
					if v.ConfigMap != nil && have[ns+"/"+v.ConfigMap.Name] == nil {
						t.Errorf("%s: the training Job mounts ConfigMap %s/%s, which infra/apply.sh %s does not apply", stage, ns, v.ConfigMap.Name, stage)
					}
					if v.Secret != nil {
						secretKeys[v.Secret.SecretName] = append(secretKeys[v.Secret.SecretName], "")
					}
				}
				for name, ks := range secretKeys {
					if secrets[ns+"/"+name] {
						continue
					}
					// Created by the team: SECURITY.md must say so, with the keys.
					for _, want := range append([]string{name}, ks...) {
						if want != "" && !strings.Contains(security, fmt.Sprintf("`%s`", want)) {
							t.Errorf("%s: the training Job reads Secret %s (key %q), which infra/apply.sh does not apply and SECURITY.md does not name", stage, name, want)
						}
					}
				}
				if checked == 0 {
					t.Errorf("%s: the training Job references nothing: nothing was checked", stage)
				}
			}
		})
	}
}
