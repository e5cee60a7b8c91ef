package scaffold_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
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

// grafanaDashboard is the part of the Grafana dashboard JSON model the
// generated dashboard may use; decoding rejects any other field, so a typo in
// the template (or a field Grafana does not know) fails the test.
type grafanaDashboard struct {
	Title         string            `json:"title"`
	UID           string            `json:"uid"`
	Description   string            `json:"description"`
	Tags          []string          `json:"tags"`
	Timezone      string            `json:"timezone"`
	Editable      bool              `json:"editable"`
	SchemaVersion int               `json:"schemaVersion"`
	Version       int               `json:"version"`
	Refresh       string            `json:"refresh"`
	Time          grafanaTimeRange  `json:"time"`
	Templating    grafanaTemplating `json:"templating"`
	Panels        []grafanaPanel    `json:"panels"`
}

type grafanaTimeRange struct {
	From string `json:"from"`
	To   string `json:"to"`
}

type grafanaTemplating struct {
	List []grafanaVariable `json:"list"`
}

type grafanaVariable struct {
	Name  string `json:"name"`
	Label string `json:"label"`
	Type  string `json:"type"`
	Query string `json:"query"`
	Hide  int    `json:"hide"`
}

type grafanaDatasource struct {
	Type string `json:"type"`
	UID  string `json:"uid"`
}

type grafanaPanel struct {
	ID          int                `json:"id"`
	Type        string             `json:"type"`
	Title       string             `json:"title"`
	Description string             `json:"description"`
	Datasource  grafanaDatasource  `json:"datasource"`
	GridPos     grafanaGridPos     `json:"gridPos"`
	FieldConfig grafanaFieldConfig `json:"fieldConfig"`
	Targets     []grafanaTarget    `json:"targets"`
}

type grafanaGridPos struct {
	H int `json:"h"`
	W int `json:"w"`
	X int `json:"x"`
	Y int `json:"y"`
}

type grafanaFieldConfig struct {
	Defaults struct {
		Unit       string   `json:"unit"`
		Min        *float64 `json:"min"`
		Max        *float64 `json:"max"`
		Thresholds struct {
			Mode  string `json:"mode"`
			Steps []struct {
				Color string   `json:"color"`
				Value *float64 `json:"value"`
			} `json:"steps"`
		} `json:"thresholds"`
	} `json:"defaults"`
	Overrides []json.RawMessage `json:"overrides"`
}

type grafanaTarget struct {
	RefID        string            `json:"refId"`
	Datasource   grafanaDatasource `json:"datasource"`
	Expr         string            `json:"expr"`
	LegendFormat string            `json:"legendFormat"`
}

type prometheusRuleFile struct {
	Groups []struct {
		Name  string `yaml:"name"`
		Rules []struct {
			Alert       string            `yaml:"alert"`
			Record      string            `yaml:"record"`
			Expr        string            `yaml:"expr"`
			For         string            `yaml:"for"`
			Labels      map[string]string `yaml:"labels"`
			Annotations map[string]string `yaml:"annotations"`
		} `yaml:"rules"`
	} `yaml:"groups"`
}

// TestLevel4Monitoring checks the level-4 files beyond syntax: the Grafana
// dashboard model, the alert rules and their promtool unit tests, that every
// metric the rules and the dashboard query is really exposed by the
// generated code, and the zero-downtime Kubernetes manifests.
func TestLevel4Monitoring(t *testing.T) {
	dir, files := renderLevels(t, 4)
	pkg := scaffold.PackageName("demo-project")
	exposed := exposedMetricNames(t, dir, pkg)

	t.Run("grafana dashboard", func(t *testing.T) {
		raw := readRendered(t, dir, "monitoring/grafana/dashboard.json")
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		var dash grafanaDashboard
		if err := dec.Decode(&dash); err != nil {
			t.Fatalf("dashboard.json does not match the dashboard model: %v", err)
		}
		if _, err := dec.Token(); !errors.Is(err, io.EOF) {
			t.Fatalf("trailing data after the dashboard JSON")
		}
		if dash.Title == "" || dash.UID == "" || len(dash.UID) > 40 {
			t.Errorf("title %q and uid %q must be set (uid at most 40 characters)", dash.Title, dash.UID)
		}
		if dash.SchemaVersion != 39 {
			t.Errorf("schemaVersion = %d, want 39", dash.SchemaVersion)
		}
		if len(dash.Templating.List) == 0 || dash.Templating.List[0].Type != "datasource" {
			t.Errorf("the dashboard needs a datasource variable first in templating.list")
		}
		if len(dash.Panels) == 0 {
			t.Fatal("the dashboard has no panel")
		}
		ids := map[int]bool{}
		for _, p := range dash.Panels {
			if p.Type != "timeseries" && p.Type != "stat" {
				t.Errorf("panel %q: type %q, want timeseries or stat", p.Title, p.Type)
			}
			if ids[p.ID] {
				t.Errorf("panel id %d used twice", p.ID)
			}
			ids[p.ID] = true
			if p.GridPos.W <= 0 || p.GridPos.H <= 0 || p.GridPos.X+p.GridPos.W > 24 {
				t.Errorf("panel %q: bad gridPos %+v", p.Title, p.GridPos)
			}
			withExpr := 0
			for _, target := range p.Targets {
				if strings.TrimSpace(target.Expr) == "" {
					continue
				}
				withExpr++
				checkMetricNames(t, "panel "+p.Title, target.Expr, pkg, exposed)
			}
			if withExpr == 0 {
				t.Errorf("panel %q has no target with a PromQL expr", p.Title)
			}
		}
	})

	t.Run("alert rules", func(t *testing.T) {
		var rules prometheusRuleFile
		if err := yaml.Unmarshal(readRendered(t, dir, "monitoring/prometheus/alerts.yml"), &rules); err != nil {
			t.Fatal(err)
		}
		alerts := 0
		for _, g := range rules.Groups {
			for _, r := range g.Rules {
				if r.Alert == "" {
					continue
				}
				alerts++
				if r.For == "" {
					t.Errorf("alert %s has no `for:` duration", r.Alert)
				}
				if r.Labels["severity"] == "" {
					t.Errorf("alert %s has no severity label", r.Alert)
				}
				if r.Annotations["summary"] == "" || r.Annotations["description"] == "" || r.Annotations["runbook_url"] == "" {
					t.Errorf("alert %s needs summary, description and runbook_url annotations", r.Alert)
				}
				checkMetricNames(t, "alert "+r.Alert, r.Expr, pkg, exposed)
			}
		}
		if alerts == 0 {
			t.Fatal("alerts.yml defines no alert")
		}
	})

	t.Run("promtool test rules", func(t *testing.T) {
		promtool := requirePromtool(t)
		cmd := exec.Command(promtool, "test", "rules", "monitoring/tests/alerts_test.yml")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("promtool test rules: %v\n%s", err, out)
		}
	})

	t.Run("promtool check config", func(t *testing.T) {
		promtool := requirePromtool(t)
		cmd := exec.Command(promtool, "check", "config", "monitoring/scrape/prometheus.yml")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("promtool check config: %v\n%s", err, out)
		}
	})

	t.Run("kubernetes manifests", func(t *testing.T) {
		deployments, services := 0, 0
		for _, f := range files {
			if !strings.HasPrefix(f.Path, "deploy/k8s/") || (!strings.HasSuffix(f.Path, ".yml") && !strings.HasSuffix(f.Path, ".yaml")) {
				continue
			}
			dec := yaml.NewDecoder(bytes.NewReader(f.Content))
			for {
				var doc map[string]any
				err := dec.Decode(&doc)
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatalf("%s: %v", f.Path, err)
				}
				if doc == nil {
					continue
				}
				kind, _ := doc["kind"].(string)
				if doc["apiVersion"] == nil || kind == "" || lookup(doc, "metadata", "name") == nil {
					t.Errorf("%s: every document needs apiVersion, kind and metadata.name", f.Path)
				}
				if lookup(doc, "metadata", "namespace") == nil {
					t.Errorf("%s: %s must set metadata.namespace", f.Path, kind)
				}
				switch kind {
				case "Service":
					services++
				case "Deployment":
					deployments++
					if v, ok := lookup(doc, "spec", "strategy", "rollingUpdate", "maxUnavailable").(int); !ok || v != 0 {
						t.Errorf("%s: spec.strategy.rollingUpdate.maxUnavailable must be 0", f.Path)
					}
					containers, _ := lookup(doc, "spec", "template", "spec", "containers").([]any)
					if len(containers) == 0 {
						t.Errorf("%s: no container", f.Path)
					}
					for _, c := range containers {
						container, _ := c.(map[string]any)
						if lookup(container, "readinessProbe", "httpGet", "path") != "/health" {
							t.Errorf("%s: container %v needs a readinessProbe on /health", f.Path, container["name"])
						}
						if lookup(container, "livenessProbe") == nil {
							t.Errorf("%s: container %v needs a livenessProbe", f.Path, container["name"])
						}
						if image, _ := container["image"].(string); strings.HasSuffix(image, ":latest") {
							t.Errorf("%s: image %q uses :latest", f.Path, image)
						}
					}
				}
			}
		}
		if deployments < 2 || services == 0 {
			t.Errorf("want blue and green Deployments and a Service, got %d Deployments and %d Services", deployments, services)
		}
	})
}

// requirePromtool fails (never skips) when promtool is missing.
func requirePromtool(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("promtool"); err == nil {
		return p
	}
	t.Fatal("promtool not found on PATH: install it with `apt-get install prometheus`")
	return ""
}

func readRendered(t *testing.T, dir, rel string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatalf("level 4 must render %s: %v", rel, err)
	}
	return raw
}

// lookup walks nested YAML maps; it returns nil when a key is missing.
func lookup(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// exposedMetricNames runs the generated code with the system Python and
// returns every sample name it exposes: the serving metrics after one
// request, and the live-performance metrics the feedback job pushes.
func exposedMetricNames(t *testing.T, dir, pkg string) map[string]bool {
	t.Helper()
	script := `
import datetime, json
from prometheus_client.parser import text_string_to_metric_families
from PACKAGE import feedback, metrics

service = metrics.ServiceMetrics()
service.observe(0.01, 200, [{"prediction": 1, "probability": 0.8, "model_version": "1"}])
service.observe(0.01, 500, [])
body = service.render()[0].decode()
body += feedback.exposition({"1": {"accuracy": 0.9, "f1": 0.9, "rows": 10}}, datetime.datetime.now(datetime.timezone.utc))
names = sorted({s.name for f in text_string_to_metric_families(body) for s in f.samples})
print(json.dumps(names))
`
	cmd := exec.Command(systemPython, "-c", strings.ReplaceAll(script, "PACKAGE", pkg))
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PYTHONPATH=src", "PYTHONDONTWRITEBYTECODE=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("render the metrics of the generated code with %s (needs prometheus-client): %v\n%s", systemPython, err, stderr.String())
	}
	var names []string
	if err := json.Unmarshal(out, &names); err != nil {
		t.Fatalf("metric names: %v\n%s", err, out)
	}
	set := make(map[string]bool, len(names))
	for _, n := range names {
		set[n] = true
	}
	return set
}

// checkMetricNames reports every metric of the project's namespace that a
// PromQL expression uses but the generated code never exposes.
func checkMetricNames(t *testing.T, where, expr, pkg string, exposed map[string]bool) {
	t.Helper()
	re := regexp.MustCompile(`\b` + regexp.QuoteMeta(pkg) + `_[a-zA-Z0-9_]+\b`)
	var unknown []string
	for _, name := range re.FindAllString(expr, -1) {
		if !exposed[name] {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		t.Errorf("%s queries metrics the code does not expose: %v", where, unknown)
	}
}
