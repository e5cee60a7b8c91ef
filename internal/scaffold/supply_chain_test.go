package scaffold_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
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

// kubectlImages: job images known to ship kubectl and bash.
var kubectlImages = map[string]bool{"alpine/k8s": true}

var (
	bashScript     = regexp.MustCompile(`\bbash ([A-Za-z0-9_./-]+\.sh)\b`)
	kubectlCommand = regexp.MustCompile(`(?m)^[^#\n]*(\bkubectl\b|\$\{KUBECTL\}|"\$\{KUBECTL\}")`)
	// A pinned kubectl downloaded from the Kubernetes release site and checked against its sha256.
	kubectlDownload = regexp.MustCompile(`dl\.k8s\.io/release/[^\s"]+/kubectl"[\s\S]*kubectl\.sha256[\s\S]*sha256sum --check`)
	apkKubectl      = regexp.MustCompile(`(?m)^\s*apk add [^\n]*\bkubectl\b`)
	aptCurl         = regexp.MustCompile(`apt-get install [^\n]*\bcurl\b`)
)

// appliesTheCluster: some infra/apply.sh call of the script applies the
// cluster part, the one that calls kubectl.
func appliesTheCluster(script string) bool {
	return slices.ContainsFunc(applyCalls(script), func(c applyCall) bool { return c.applies("cluster") })
}

// TestGitLabKubectlJobsHaveKubectl: every GitLab job whose commands, or the
// scripts it runs, call kubectl either runs on an image that ships kubectl,
// adds it from the Alpine packages of its docker image, or installs a pinned,
// checksum-verified kubectl itself (and then has curl).
func TestGitLabKubectlJobsHaveKubectl(t *testing.T) {
	for _, stack := range stacksOf("gitlab_ci") {
		t.Run(stackName(stack), func(t *testing.T) {
			files := renderLadder(t, stack)
			users := 0
			for _, j := range gitlabJobs(t, files) {
				all := strings.Join(append(append([]string{}, j.BeforeScript...), j.Script...), "\n")
				code := all
				for _, m := range bashScript.FindAllStringSubmatch(all, -1) {
					if m[1] == "infra/apply.sh" && !appliesTheCluster(all) {
						continue // only its Azure parts: kubectl is not called
					}
					if c, ok := files[m[1]]; ok {
						code += "\n" + string(c)
					} else if m[1] != ".gitlab/clean-env.sh" {
						t.Errorf("%s runs %s, which is not rendered", j.Name, m[1])
					}
				}
				if !kubectlCommand.MatchString(code) {
					continue
				}
				users++
				name, _, _ := strings.Cut(j.Image, ":")
				switch {
				case kubectlImages[name]:
				case strings.HasPrefix(j.Image, "docker:") && apkKubectl.MatchString(all):
				case kubectlDownload.MatchString(code):
					if strings.HasPrefix(j.Image, "python:") && strings.HasSuffix(j.Image, "-slim") && !aptCurl.MatchString(all) {
						t.Errorf("%s downloads kubectl on %s, which has no curl, without installing it", j.Name, j.Image)
					}
				default:
					t.Errorf("%s calls kubectl on %q, an image without it, and does not install it", j.Name, j.Image)
				}
			}
			if users == 0 {
				t.Fatal("no job calls kubectl: nothing was checked")
			}
		})
	}
}

var (
	cosignSign   = regexp.MustCompile(`(?m)^cosign sign "\$\{IMAGE_REPOSITORY\}@\$\{IMAGE_DIGEST\}"`)
	cosignAttest = regexp.MustCompile(`(?m)^cosign attest --type (\S+) --predicate \S+ "\$\{IMAGE_REPOSITORY\}@\$\{IMAGE_DIGEST\}"`)
	pinnedTool   = regexp.MustCompile(`^v\d+\.\d+\.\d+$`)
)

// TestGitLabReleaseSignsAndRolloutVerifies: the GitLab release signs the
// pushed digest keyless (GitLab ID token with audience sigstore) after the
// scan, attests its SBOM and provenance, and the production rollout verifies
// the signature before it deploys; .gitlab/verify-image.sh, run with a fake
// cosign, asks for a certificate of this project's release tags only.
func TestGitLabReleaseSignsAndRolloutVerifies(t *testing.T) {
	for _, stack := range stacksOf("gitlab_ci") {
		if stack.Registry != "mlflow" || stack.Monitoring != "prometheus" {
			continue // the release does not depend on registry or monitoring
		}
		t.Run(stackName(stack), func(t *testing.T) {
			files := renderLadder(t, stack)
			jobs, raw := gitlabReleasePipeline(t, files)
			image := strings.Join(jobs["automated_application_release:image"].Script, "\n")
			push, record := strings.Index(image, "docker push"), strings.Index(image, "IMAGE_DIGEST=${digest}")
			if push < 0 || record < push || !strings.Contains(image, "RepoDigests") {
				t.Errorf("the image job does not record the pushed digest after the push (push %d, record %d)", push, record)
			}
			const name = "automated_application_release:sign"
			sign, ok := jobs[name]
			if !ok {
				t.Fatal("no sign job")
			}
			if aud := sign.IDTokens["SIGSTORE_ID_TOKEN"]; aud != "sigstore" {
				t.Errorf("the sign job's SIGSTORE_ID_TOKEN has audience %v, want sigstore", aud)
			}
			needs := map[string]bool{}
			if list, ok := dig(raw, name, "needs").([]any); ok {
				for _, n := range list {
					m, _ := n.(map[string]any)
					needs[fmt.Sprint(m["job"])] = m["artifacts"] == true
				}
			}
			for job, artifacts := range map[string]bool{"automated_application_release:image": true, "automated_application_release:scan": false, "automated_application_release:sbom": true} {
				got, ok := needs[job]
				if !ok || artifacts && !got {
					t.Errorf("the sign job does not need %s (artifacts %v): %v", job, artifacts, needs)
				}
			}
			if v := sign.Variables["COSIGN_VERSION"]; !pinnedTool.MatchString(v) {
				t.Errorf("cosign is not pinned to a release: %q", v)
			}
			script := strings.Join(sign.Script, "\n")
			if !strings.Contains(script, "cosign_checksums.txt") || !strings.Contains(script, "sha256sum -c") {
				t.Error("the sign job installs cosign without checking its checksum")
			}
			if !cosignSign.MatchString(script) {
				t.Errorf("the sign job does not sign the pushed digest: %s", script)
			}
			types := map[string]bool{}
			for _, m := range cosignAttest.FindAllStringSubmatch(script, -1) {
				types[m[1]] = true
			}
			if !types["cyclonedx"] || !types["slsaprovenance"] {
				t.Errorf("the digest's attestations are %v, want cyclonedx and slsaprovenance", types)
			}
			if strings.Contains(script, "--key") {
				t.Error("the sign job signs with a stored key, not keyless")
			}

			rollout, ok := jobs["zero_downtime_deployment:rollout"]
			if !ok || rollout.Environment == "" {
				t.Fatal("no production rollout job")
			}
			verify, deploy := -1, -1
			for i, l := range rollout.Script {
				if strings.HasPrefix(l, `bash .gitlab/verify-image.sh "${IMAGE_REPOSITORY}@${IMAGE_DIGEST}"`) {
					verify = i
				}
				if strings.HasPrefix(l, `bash deploy/rollout.sh "${IMAGE_REPOSITORY}@${IMAGE_DIGEST}"`) {
					deploy = i
				}
			}
			if verify < 0 || deploy < 0 || verify > deploy {
				t.Errorf("the rollout does not verify the digest it deploys first (verify %d, deploy %d)", verify, deploy)
			}
			checkVerifyImageScript(t, files[".gitlab/verify-image.sh"])
		})
	}
}

func checkVerifyImageScript(t *testing.T, script []byte) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "verify-image.sh"), script, 0o755); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "bin")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	calls := filepath.Join(dir, "calls")
	// One line per call, the arguments separated by a unit separator.
	fake := "#!/bin/bash\n(IFS=$'\\x1f'; echo \"$*\") >> \"" + calls + "\"\n"
	if err := os.WriteFile(filepath.Join(bin, "cosign"), []byte(fake), 0o755); err != nil {
		t.Fatal(err)
	}
	const project, server = "https://gitlab.example.com/group/demo.project", "https://gitlab.example.com"
	ref := "registry.gitlab.example.com/group/demo.project@sha256:" + strings.Repeat("b", 64)
	run := func(arg string) error {
		cmd := exec.Command("bash", "verify-image.sh", arg)
		cmd.Dir = dir
		cmd.Env = []string{"PATH=" + bin + ":/usr/bin:/bin", "HOME=" + dir, "CI_PROJECT_URL=" + project, "CI_SERVER_URL=" + server}
		out, err := cmd.CombinedOutput()
		if err != nil {
			return fmt.Errorf("%w: %s", err, out)
		}
		return nil
	}
	if err := run("registry.gitlab.example.com/group/demo.project:v1.0.0"); err == nil {
		t.Error("verify-image.sh accepts a tag instead of a digest")
	}
	if err := run(ref); err != nil {
		t.Fatalf("verify-image.sh: %v", err)
	}
	out, err := os.ReadFile(calls)
	if err != nil {
		t.Fatal(err)
	}
	verified := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		args := strings.Split(line, "\x1f")
		if args[0] != "verify" && args[0] != "verify-attestation" {
			continue
		}
		verified++
		flags := map[string]string{}
		for i := 0; i+1 < len(args); i++ {
			if strings.HasPrefix(args[i], "--") {
				flags[args[i]] = args[i+1]
			}
		}
		if args[1] != ref {
			t.Errorf("cosign %s checks %q, not the digest %q", args[0], args[1], ref)
		}
		if flags["--certificate-oidc-issuer"] != server {
			t.Errorf("cosign %s trusts the issuer %q, want %q", args[0], flags["--certificate-oidc-issuer"], server)
		}
		re, err := regexp.Compile(flags["--certificate-identity-regexp"])
		if err != nil {
			t.Fatalf("cosign %s: identity %q: %v", args[0], flags["--certificate-identity-regexp"], err)
		}
		for identity, want := range map[string]bool{
			project + "//.gitlab-ci.yml@refs/tags/v1.4.0":                                true,
			project + "//.gitlab-ci.yml@refs/heads/main":                                 false,
			project + "//.gitlab-ci.yml@refs/heads/feature":                              false,
			"https://gitlab.example.com/group/demoXproject//.gitlab-ci.yml@refs/tags/v1": false,
			project + "-fork//.gitlab-ci.yml@refs/tags/v1.4.0":                           false,
			"https://evil.example/x?" + project + "//.gitlab-ci.yml@refs/tags/v1":        false,
		} {
			if re.MatchString(identity) != want {
				t.Errorf("cosign %s: identity %q accepted %v, want %v (regexp %s)", args[0], identity, !want, want, re)
			}
		}
	}
	if verified != 2 {
		t.Errorf("verify-image.sh made %d cosign verifications, want the signature and the SBOM attestation:\n%s", verified, out)
	}
}

var semver = regexp.MustCompile(`^\d+\.\d+\.\d+$`)

// TestAzureReleaseSignsAndRolloutVerifies: the Azure release signs, after
// the push, the digest it recorded (the step that names it is run on a
// release record) with Notation and the Azure Key Vault plugin, pinned; the
// production rollout verifies the signature, with a strict trust policy, before
// it deploys.
func TestAzureReleaseSignsAndRolloutVerifies(t *testing.T) {
	for _, stack := range stacksOf("azure_pipelines") {
		if stack.Registry != "mlflow" || stack.Monitoring != "prometheus" {
			continue // the release does not depend on registry or monitoring
		}
		t.Run(stackName(stack), func(t *testing.T) {
			files := renderLadder(t, stack)
			_, jobs := azureJobs(t, "automated_application_release.yml", files[".azure/pipelines/automated_application_release.yml"])
			var image *azJob
			for i := range jobs {
				if jobs[i].Name == "image" {
					image = &jobs[i]
				}
			}
			if image == nil {
				t.Fatal("no image job")
			}
			push, name, sign, login := -1, -1, -1, -1
			for i, s := range image.Steps {
				switch {
				case s.Task == "Docker@2" && s.Inputs["command"] == "push":
					push = i
				case s.Task == "Docker@2" && s.Inputs["command"] == "login":
					login = i
				case strings.Contains(s.run(), "variable=SIGN_REF"):
					name = i
				case s.Task == "Notation@0" && s.Inputs["command"] == "sign":
					sign = i
				}
			}
			if push < 0 || name < push || sign < name || login < 0 || login > sign {
				t.Fatalf("the sign step must follow the push and the step naming the digest, after a registry login (push %d, name %d, login %d, sign %d)", push, name, login, sign)
			}
			in := image.Steps[sign].Inputs
			if in["artifactRefs"] != "$(SIGN_REF)" || in["plugin"] != "azureKeyVault" || !semver.MatchString(in["akvPluginVersion"]) || in["keyid"] == "" || in["azurekvServiceConection"] == "" {
				t.Errorf("the sign step: %v", in)
			}
			for i, s := range image.Steps {
				if s.Task == "Notation@0" && s.Inputs["command"] == "install" {
					if !semver.MatchString(s.Inputs["version"]) || i > sign {
						t.Errorf("Notation is not installed pinned before signing: %v", s.Inputs)
					}
				}
			}
			// The step that names the digest, run on a release record.
			dir := t.TempDir()
			digest := "sha256:" + strings.Repeat("c", 64)
			if err := os.MkdirAll(filepath.Join(dir, "release"), 0o755); err != nil {
				t.Fatal(err)
			}
			record := fmt.Sprintf(`{"version": "v1.0.0", "commit": "abc", "image": "myacr.azurecr.io/demo-project", "digest": %q}`, digest)
			if err := os.WriteFile(filepath.Join(dir, "release", "release.json"), []byte(record), 0o644); err != nil {
				t.Fatal(err)
			}
			script := strings.ReplaceAll(image.Steps[name].run(), "$(Build.ArtifactStagingDirectory)", dir)
			out, err := exec.Command("bash", "-c", script).CombinedOutput()
			if err != nil {
				t.Fatalf("the step naming the digest: %v\n%s", err, out)
			}
			if want := "##vso[task.setvariable variable=SIGN_REF]myacr.azurecr.io/demo-project@" + digest; strings.TrimSpace(string(out)) != want {
				t.Errorf("the sign step signs %q, want %q", strings.TrimSpace(string(out)), want)
			}

			_, deploy := azureJobs(t, "zero_downtime_deployment.yml", files[".azure/pipelines/zero_downtime_deployment.yml"])
			checked := false
			for _, j := range deploy {
				if !j.Deployment || j.Environment == "" {
					continue
				}
				verify, rollout := -1, -1
				for i, s := range j.Steps {
					if s.Task == "Notation@0" && s.Inputs["command"] == "verify" && s.Inputs["artifactRefs"] == "$(IMAGE_REF)" {
						verify = i
					}
					if strings.Contains(s.run(), `deploy/rollout.sh "${IMAGE_REF}"`) {
						rollout = i
					}
				}
				if rollout < 0 {
					continue
				}
				checked = true
				if verify < 0 || verify > rollout {
					t.Errorf("%s: the rollout (step %d) is not preceded by a signature verification of the digest (step %d)", j.Name, rollout, verify)
					continue
				}
				in := j.Steps[verify].Inputs
				var policy struct {
					TrustPolicies []struct {
						SignatureVerification struct {
							Level string `json:"level"`
						} `json:"signatureVerification"`
						TrustStores []string `json:"trustStores"`
					} `json:"trustPolicies"`
				}
				if err := json.Unmarshal(files[in["trustPolicy"]], &policy); err != nil || len(policy.TrustPolicies) == 0 {
					t.Fatalf("trust policy %q: %v", in["trustPolicy"], err)
				}
				for _, p := range policy.TrustPolicies {
					if p.SignatureVerification.Level != "strict" {
						t.Errorf("trust policy level %q, want strict", p.SignatureVerification.Level)
					}
					for _, store := range p.TrustStores {
						kind, name, _ := strings.Cut(store, ":")
						doc := string(files[strings.TrimSuffix(in["trustStore"], "truststore")+"README.md"])
						if !strings.Contains(doc, in["trustStore"][len(".azure/notation/"):]+"/x509/"+kind+"/"+name+"/") {
							t.Errorf("the trust store %s is not documented: where does the signing certificate go?", store)
						}
					}
				}
			}
			if !checked {
				t.Fatal("no production deployment job runs deploy/rollout.sh")
			}
		})
	}
}
