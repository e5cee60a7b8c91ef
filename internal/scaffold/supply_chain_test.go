package scaffold_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
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
