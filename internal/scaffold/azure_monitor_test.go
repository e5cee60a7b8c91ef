package scaffold_test

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

// TestAzureMonitorQueriesUseExportedMetrics renders level 4 with
// monitoring = "azure_monitor" and checks that the ARM alert rules and the
// workbook query only metrics that the rendered metrics.py defines.
func TestAzureMonitorQueriesUseExportedMetrics(t *testing.T) {
	stack := scaffold.Stack{Platform: "github_actions", Registry: "mlflow", Monitoring: "azure_monitor"}
	dir, files := renderStackLevels(t, stack, 4)
	pkg := scaffold.PackageName("demo-project")

	owners := map[string]string{}
	for _, f := range files {
		owners[f.Path] = f.Capability
	}
	for _, p := range []string{
		"src/" + pkg + "/metrics.py",
		"requirements-monitoring.txt",
		"monitoring/azure/alerts.json",
		"monitoring/azure/workbook.json",
		"monitoring/RUNBOOK.md",
		"tests/test_production_monitoring.py",
	} {
		if owners[p] != "production_monitoring" {
			t.Errorf("%s: owned by %q, want production_monitoring", p, owners[p])
		}
	}
	for _, p := range []string{"monitoring/prometheus/alerts.yml", "monitoring/grafana/dashboard.json", "monitoring/alertmanager/retrain-route.yml"} {
		if _, ok := owners[p]; ok {
			t.Errorf("the azure_monitor stack renders the Prometheus file %s", p)
		}
	}

	// The metric names are the METRIC_* string constants of metrics.py.
	source := string(readRendered(t, dir, "src/"+pkg+"/metrics.py"))
	defined := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^METRIC_[A-Z0-9_]+ = "([^"]+)"$`).FindAllStringSubmatch(source, -1) {
		defined[m[1]] = true
	}
	if len(defined) < 6 {
		t.Fatalf("metrics.py defines %d METRIC_* names, want the full set: %v", len(defined), defined)
	}
	names := regexp.MustCompile(`\b` + regexp.QuoteMeta(pkg) + `_[a-zA-Z0-9_]+\b`)
	checkQuery := func(where, query string) {
		t.Helper()
		found := names.FindAllString(query, -1)
		if len(found) == 0 {
			t.Errorf("%s: query mentions no metric of metrics.py:\n%s", where, query)
		}
		var unknown []string
		for _, n := range found {
			if !defined[n] {
				unknown = append(unknown, n)
			}
		}
		if len(unknown) > 0 {
			sort.Strings(unknown)
			t.Errorf("%s: queries metrics metrics.py does not define: %v", where, unknown)
		}
		if !strings.Contains(query, "customMetrics") {
			t.Errorf("%s: query does not read customMetrics:\n%s", where, query)
		}
	}

	var arm struct {
		Schema     string         `json:"$schema"`
		Parameters map[string]any `json:"parameters"`
		Resources  []struct {
			Type       string `json:"type"`
			Name       string `json:"name"`
			Properties struct {
				Severity *int `json:"severity"`
				Criteria struct {
					AllOf []struct {
						Query string `json:"query"`
					} `json:"allOf"`
				} `json:"criteria"`
			} `json:"properties"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(readRendered(t, dir, "monitoring/azure/alerts.json"), &arm); err != nil {
		t.Fatalf("alerts.json: %v", err)
	}
	if !strings.Contains(arm.Schema, "deploymentTemplate.json") {
		t.Errorf("alerts.json is not an ARM deployment template: $schema %q", arm.Schema)
	}
	for _, p := range []string{"appInsightsResourceId", "actionGroupId"} {
		if _, ok := arm.Parameters[p]; !ok {
			t.Errorf("alerts.json has no parameter %s", p)
		}
	}
	rules := 0
	for _, r := range arm.Resources {
		if !strings.EqualFold(r.Type, "Microsoft.Insights/scheduledQueryRules") {
			continue
		}
		rules++
		if r.Properties.Severity == nil {
			t.Errorf("alert rule %s has no severity", r.Name)
		}
		if len(r.Properties.Criteria.AllOf) == 0 {
			t.Errorf("alert rule %s has no criteria", r.Name)
		}
		for _, c := range r.Properties.Criteria.AllOf {
			checkQuery("alerts.json "+r.Name, c.Query)
		}
	}
	if rules < 4 {
		t.Errorf("alerts.json has %d scheduledQueryRules, want latency, error ratio, drift and no traffic", rules)
	}

	var workbook struct {
		Version string `json:"version"`
		Items   []struct {
			Type    int    `json:"type"`
			Name    string `json:"name"`
			Content struct {
				Query string `json:"query"`
			} `json:"content"`
		} `json:"items"`
	}
	if err := json.Unmarshal(readRendered(t, dir, "monitoring/azure/workbook.json"), &workbook); err != nil {
		t.Fatalf("workbook.json: %v", err)
	}
	if workbook.Version != "Notebook/1.0" {
		t.Errorf("workbook version %q, want Notebook/1.0", workbook.Version)
	}
	if len(workbook.Items) == 0 {
		t.Fatal("workbook.json has no items")
	}
	for _, item := range workbook.Items {
		if item.Type != 3 {
			t.Errorf("workbook item %s has type %d, want 3 (KQL query)", item.Name, item.Type)
		}
		checkQuery("workbook.json "+item.Name, item.Content.Query)
	}

	var group struct {
		Resources []struct {
			Type       string `json:"type"`
			Properties struct {
				WebhookReceivers []struct {
					ServiceURI    string `json:"serviceUri"`
					UseAadAuth    bool   `json:"useAadAuth"`
					ObjectID      string `json:"objectId"`
					IdentifierURI string `json:"identifierUri"`
					TenantID      string `json:"tenantId"`
				} `json:"webhookReceivers"`
			} `json:"properties"`
		} `json:"resources"`
	}
	if owners["monitoring/azure/retrain-action-group.json"] != "automated_retraining" {
		t.Fatalf("monitoring/azure/retrain-action-group.json is not rendered by automated_retraining")
	}
	if err := json.Unmarshal(readRendered(t, dir, "monitoring/azure/retrain-action-group.json"), &group); err != nil {
		t.Fatalf("retrain-action-group.json: %v", err)
	}
	if len(group.Resources) != 1 || !strings.EqualFold(group.Resources[0].Type, "Microsoft.Insights/actionGroups") ||
		len(group.Resources[0].Properties.WebhookReceivers) == 0 {
		t.Errorf("retrain-action-group.json must hold one action group with a webhook receiver: %+v", group.Resources)
	}
	for _, r := range group.Resources {
		for _, w := range r.Properties.WebhookReceivers {
			// A secure webhook: Entra ID authentication, nothing secret in the address
			// (readable by anyone with Reader on the action group).
			if !w.UseAadAuth || w.ObjectID == "" || w.IdentifierURI == "" || w.TenantID == "" {
				t.Errorf("retrain-action-group.json: webhook %+v does not use Entra ID authentication", w)
			}
			if strings.ContainsAny(w.ServiceURI, "?&") || strings.Contains(strings.ToLower(w.ServiceURI), "token") {
				t.Errorf("retrain-action-group.json: serviceUri %q carries a query (a secret would be readable)", w.ServiceURI)
			}
		}
	}
}
