package scaffold_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

// relayToken is the shared secret the relay is started with.
const relayToken = "relay-shared-secret-0123456789"

// platformAPI describes what a CI platform's API must receive when a drift
// alert reaches the relay: the settings the relay is started with, pointed at
// a local server, and a check of the one request it must send.
type platformAPI struct {
	env   func(base string) map[string]string
	check func(t *testing.T, r recordedRequest)
}

type recordedRequest struct {
	Method string
	Path   string // with the query
	Header http.Header
	Body   []byte
}

func expectRequest(t *testing.T, r recordedRequest, method, path, authorization, contentType string) {
	t.Helper()
	if r.Method != method || r.Path != path {
		t.Errorf("request %s %s, want %s %s", r.Method, r.Path, method, path)
	}
	if got := r.Header.Get("Authorization"); got != authorization {
		t.Errorf("Authorization = %q, want %q", got, authorization)
	}
	if got := r.Header.Get("Content-Type"); !strings.HasPrefix(got, contentType) {
		t.Errorf("Content-Type = %q, want %s", got, contentType)
	}
}

func decodeJSONBody(t *testing.T, r recordedRequest, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("body is not JSON: %v\n%s", err, r.Body)
	}
}

// alertPayload is what the monitoring stack posts when the drift alert fires,
// and the relay path and authentication it uses.
type alertPayload struct {
	path    string
	body    func(alertName string) any
	request func(req *http.Request)
}

var alertPayloads = map[string]alertPayload{
	// Alertmanager webhook payload (version 4), token in the Authorization header.
	"prometheus": {
		path: "/alertmanager",
		body: func(name string) any {
			return map[string]any{
				"version": "4", "status": "firing", "receiver": "demo-project-retrain-trigger",
				"groupLabels": map[string]string{"alertname": name},
				"alerts": []map[string]any{{
					"status": "firing", "labels": map[string]string{"alertname": name, "retrain": "true"},
					"startsAt": "2026-03-01T10:00:00Z", "fingerprint": "abc",
				}},
			}
		},
		request: func(req *http.Request) { req.Header.Set("Authorization", "Bearer "+relayToken) },
	},
	// Azure Monitor common alert schema. The action group itself authenticates with an
	// Entra ID token (useAadAuth; the generated tests/test_aad_webhook.py checks that path);
	// here the relay's shared secret stands in, in the header: a token in the query is refused.
	"azure_monitor": {
		path: "/azure-monitor",
		body: func(name string) any {
			return map[string]any{
				"schemaId": "azureMonitorCommonAlertSchema",
				"data": map[string]any{"essentials": map[string]any{
					"alertRule": name, "severity": "Sev2", "signalType": "Log", "monitorCondition": "Fired",
					"firedDateTime": "2026-03-01T10:00:00Z",
				}},
			}
		},
		request: func(req *http.Request) { req.Header.Set("Authorization", "Bearer "+relayToken) },
	},
}

// TestAlertToRetrainingRequest starts the generated relay as a process for
// every platform and monitoring stack, fires the monitoring stack's alert
// payload at it, and checks that the CI platform (a local server) receives its
// own API call, with the platform's authentication; an unauthenticated alert
// is refused and reaches nothing.
func TestAlertToRetrainingRequest(t *testing.T) {
	requireSystemPython(t)
	for _, platform := range scaffold.Platforms {
		for _, monitoring := range scaffold.Monitorings {
			stack := scaffold.Stack{Platform: platform, Registry: "mlflow", Monitoring: monitoring}
			t.Run(platform+"-"+monitoring, func(t *testing.T) {
				dir, _ := renderStackLevels(t, stack, 4)
				api := platformFactsOf(platform).api
				alert := alertPayloads[monitoring]

				var mu sync.Mutex
				var got []recordedRequest
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					body, _ := io.ReadAll(r.Body)
					mu.Lock()
					got = append(got, recordedRequest{Method: r.Method, Path: r.URL.RequestURI(), Header: r.Header.Clone(), Body: body})
					mu.Unlock()
					w.Header().Set("Content-Type", "application/json")
					w.WriteHeader(http.StatusCreated)
					_, _ = w.Write([]byte(`{"id": 7}`))
				}))
				defer srv.Close()

				relay := startRelay(t, dir, api.env(srv.URL))
				name := driftAlertName(t, dir, monitoring)

				// Unauthenticated, or the secret in the query string: refused, nothing reaches the platform.
				status := fireAlert(t, relay+alert.path, alert.body(name), nil)
				if status != http.StatusUnauthorized {
					t.Errorf("unauthenticated alert: HTTP %d, want 401", status)
				}
				inQuery := func(req *http.Request) { req.URL.RawQuery = url.Values{"token": {relayToken}}.Encode() }
				if status := fireAlert(t, relay+alert.path, alert.body(name), inQuery); status != http.StatusUnauthorized {
					t.Errorf("alert with the secret in the query string: HTTP %d, want 401", status)
				}
				mu.Lock()
				if len(got) != 0 {
					t.Errorf("an unauthenticated alert reached the platform: %+v", got)
				}
				mu.Unlock()

				status = fireAlert(t, relay+alert.path, alert.body(name), alert.request)
				if status != http.StatusAccepted {
					t.Fatalf("authenticated alert: HTTP %d, want 202", status)
				}
				mu.Lock()
				defer mu.Unlock()
				if len(got) != 1 {
					t.Fatalf("the platform received %d requests, want 1: %+v", len(got), got)
				}
				api.check(t, got[0])
			})
		}
	}
}

func requireSystemPython(t *testing.T) {
	t.Helper()
	if out, err := exec.Command(systemPython, "-c", "import sys; assert sys.version_info >= (3, 9)").CombinedOutput(); err != nil {
		t.Fatalf("%s is needed to run the generated relay: %v\n%s", systemPython, err, out)
	}
}

// startRelay runs python -m <pkg>.retrain_webhook in dir with only the given
// settings (no variable of this machine leaks in) and waits for /health.
func startRelay(t *testing.T, dir string, settings map[string]string) string {
	t.Helper()
	port := freePort(t)
	cmd := exec.Command(systemPython, "-m", scaffold.PackageName("demo-project")+".retrain_webhook", "--host", "127.0.0.1", "--port", fmt.Sprint(port))
	cmd.Dir = dir
	cmd.Env = []string{"PYTHONPATH=src", "PYTHONDONTWRITEBYTECODE=1", "NO_PROXY=*", "no_proxy=*", "RETRAIN_WEBHOOK_TOKEN=" + relayToken}
	for k, v := range settings {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait returns once the output is copied: reading logs after done is race-free.
	done := make(chan struct{})
	var waitErr error
	go func() { waitErr = cmd.Wait(); close(done) }()
	stop := func() {
		_ = cmd.Process.Kill()
		<-done
	}
	t.Cleanup(stop)
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	client := &http.Client{Timeout: 2 * time.Second}
	for attempt := 0; attempt < 300; attempt++ {
		select {
		case <-done:
			t.Fatalf("the relay exited before serving: %v\n%s", waitErr, logs.String())
		default:
		}
		if resp, err := client.Get(base + "/health"); err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return base
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	stop()
	t.Fatalf("the relay never answered /health:\n%s", logs.String())
	return ""
}

func fireAlert(t *testing.T, target string, payload any, authenticate func(*http.Request)) int {
	t.Helper()
	data, err := json.Marshal(payload)
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, target, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if authenticate != nil {
		authenticate(req)
	}
	resp, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode
}

// driftAlertName is the alert the monitoring stack routes to the relay: the
// alertname matcher of the Alertmanager retrain route, or the name of the
// Azure Monitor drift rule.
func driftAlertName(t *testing.T, dir, monitoring string) string {
	t.Helper()
	if monitoring == "prometheus" {
		var route struct {
			Route struct {
				Routes []struct {
					Receiver string   `yaml:"receiver"`
					Matchers []string `yaml:"matchers"`
				} `yaml:"routes"`
			} `yaml:"route"`
			Receivers []struct {
				Name           string `yaml:"name"`
				WebhookConfigs []struct {
					URL        string         `yaml:"url"`
					HTTPConfig map[string]any `yaml:"http_config"`
				} `yaml:"webhook_configs"`
			} `yaml:"receivers"`
		}
		if err := yaml.Unmarshal(readRendered(t, dir, "monitoring/alertmanager/retrain-route.yml"), &route); err != nil {
			t.Fatal(err)
		}
		for _, r := range route.Receivers {
			if !strings.Contains(r.Name, "retrain") {
				continue // the on-call receiver goes to the team's incident tool
			}
			for _, w := range r.WebhookConfigs {
				u, err := url.Parse(w.URL)
				if err != nil || u.Path != alertPayloads["prometheus"].path {
					t.Errorf("receiver %s posts to %q, want the relay path %s", r.Name, w.URL, alertPayloads["prometheus"].path)
				}
				if lookup(w.HTTPConfig, "authorization", "credentials_file") == nil {
					t.Errorf("receiver %s sends no bearer token (http_config.authorization.credentials_file)", r.Name)
				}
			}
		}
		for _, r := range route.Route.Routes {
			for _, m := range r.Matchers {
				if name, ok := strings.CutPrefix(m, "alertname = "); ok && strings.Contains(r.Receiver, "retrain") {
					return strings.Trim(name, `"`)
				}
			}
		}
		t.Fatal("the retrain route has no alertname matcher")
	}
	var arm struct {
		Resources []struct {
			Type string `json:"type"`
			Name string `json:"name"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(readRendered(t, dir, "monitoring/azure/alerts.json"), &arm); err != nil {
		t.Fatal(err)
	}
	for _, r := range arm.Resources {
		if strings.Contains(strings.ToLower(r.Name), "drift") {
			return r.Name
		}
	}
	t.Fatal("monitoring/azure/alerts.json has no drift rule")
	return ""
}

// TestRetrainEventsStartTheirPipelines checks, for every platform, that the
// pipelines listen to the events retrain_trigger.py sends: drift_alert starts
// the drift check, retrain starts training.
func TestRetrainEventsStartTheirPipelines(t *testing.T) {
	type eventCase struct {
		platform string
		pipelineEvent
	}
	var cases []eventCase
	for _, platform := range scaffold.Platforms {
		for _, e := range platformFactsOf(platform).retrainEvents {
			cases = append(cases, eventCase{platform, e})
		}
	}
	rendered := map[string]string{}
	for _, c := range cases {
		dir, ok := rendered[c.platform]
		if !ok {
			dir, _ = renderStackLevels(t, scaffold.Stack{Platform: c.platform, Registry: "mlflow", Monitoring: "prometheus"}, 4)
			rendered[c.platform] = dir
		}
		var doc any
		if err := yaml.Unmarshal(readRendered(t, dir, c.file), &doc); err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		flat := flattenStrings(doc)
		for _, w := range c.want {
			if !strings.Contains(flat, w) {
				t.Errorf("%s (%s): no %q", c.file, c.platform, w)
			}
		}
	}
}

// flattenStrings joins every key and string value of a parsed YAML document.
func flattenStrings(v any) string {
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				b.WriteString(k + "\n")
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		case string:
			b.WriteString(x + "\n")
		}
	}
	walk(v)
	return b.String()
}

// TestReloadAliasRestartsTheServingDeployments runs the generated
// deploy/reload-alias.sh with a recording kubectl: it restarts every
// Deployment of the service and waits for each, and without cluster access or
// a service URL it refuses to pretend the alias reached the service.
func TestReloadAliasRestartsTheServingDeployments(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Fatalf("bash is needed to run deploy/reload-alias.sh: %v", err)
	}
	dir, _ := renderStackLevels(t, scaffold.DefaultStack, 4)
	bin := t.TempDir()
	calls := filepath.Join(bin, "calls.log")
	fake := "#!/bin/sh\n" +
		"echo \"$*\" >> \"" + calls + "\"\n" +
		"case \"$*\" in *' get deployment '*) printf 'deployment.apps/demo-project-blue\\ndeployment.apps/demo-project-green\\n' ;; esac\n"
	if err := os.WriteFile(filepath.Join(bin, "kubectl"), []byte(fake), 0o755); err != nil {
		t.Fatal(err)
	}
	run := func(env ...string) ([]byte, error) {
		cmd := exec.Command(bash, "deploy/reload-alias.sh", "demo-project", "7")
		cmd.Dir = dir
		cmd.Env = append([]string{"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH"), "HOME=" + t.TempDir()}, env...)
		return cmd.CombinedOutput()
	}

	if out, err := run(); err == nil {
		t.Errorf("without KUBE_CONFIG or a service URL the reload must fail:\n%s", out)
	}
	if out, err := run("KUBE_CONFIG=apiVersion: v1\nkind: Config\n"); err != nil {
		t.Fatalf("reload-alias.sh: %v\n%s", err, out)
	}
	raw, err := os.ReadFile(calls)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Split(strings.TrimSpace(string(raw)), "\n")
	want := []string{
		"--namespace demo-project get deployment --selector app.kubernetes.io/name=demo-project --output name",
		"--namespace demo-project rollout restart deployment --selector app.kubernetes.io/name=demo-project",
		"--namespace demo-project rollout status deployment.apps/demo-project-blue --timeout 10m",
		"--namespace demo-project rollout status deployment.apps/demo-project-green --timeout 10m",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("kubectl calls:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
