package scaffold_test

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"testing"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/scaffold"
)

// platformFacts is everything the scaffold's tests know of one CI platform
// beyond what its templates/platform/<name>/platform.yaml says: how its API
// is called to start a pipeline, which pipelines the retraining events start,
// and how its pipelines read settings. One row per platform; a platform
// without a row fails the tests (TestEveryPlatformHasTestFacts).
type platformFacts struct {
	// api starts a pipeline from the retrain relay.
	api platformAPI
	// retrainEvents are the pipeline files that must listen to the events
	// retrain_trigger.py sends, with fragments each must hold.
	retrainEvents []pipelineEvent
	// settingsInScripts: the platform hands settings to scripts as
	// environment variables (GitHub reads them only through secrets.X/vars.X).
	settingsInScripts bool
	// settingsMacros find settings the platform expands in its own syntax.
	settingsMacros []*regexp.Regexp
}

type pipelineEvent struct {
	file string
	want []string // fragments the parsed file must hold
}

var platformTestFacts = map[string]platformFacts{
	"github_actions": {
		api: platformAPI{
			env: func(base string) map[string]string {
				return map[string]string{"GITHUB_API_URL": base, "GITHUB_TOKEN": "gh-secret", "GITHUB_REPOSITORY": "acme/demo-project"}
			},
			// POST /repos/{owner}/{repo}/dispatches, Bearer token, JSON event_type + client_payload.
			check: func(t *testing.T, r recordedRequest) {
				expectRequest(t, r, http.MethodPost, "/repos/acme/demo-project/dispatches", "Bearer gh-secret", "application/json")
				var body struct {
					EventType     string         `json:"event_type"`
					ClientPayload map[string]any `json:"client_payload"`
				}
				decodeJSONBody(t, r, &body)
				if body.EventType != "drift_alert" {
					t.Errorf("event_type = %q, want drift_alert", body.EventType)
				}
				if body.ClientPayload["count"] != float64(1) || body.ClientPayload["alerts"] == nil {
					t.Errorf("client_payload = %v, want the alert", body.ClientPayload)
				}
			},
		},
		retrainEvents: []pipelineEvent{
			{".github/workflows/drift-check.yml", []string{"repository_dispatch", "drift_alert", "drift \"${args[@]}\"", "args+=(--trigger)"}},
			{".github/workflows/train.yml", []string{"repository_dispatch", "retrain"}},
		},
		settingsInScripts: false,
	},
	"gitlab_ci": {
		api: platformAPI{
			env: func(base string) map[string]string {
				return map[string]string{"CI_API_V4_URL": base + "/api/v4", "CI_PROJECT_ID": "42", "RETRAIN_TRIGGER_TOKEN": "glptt-secret"}
			},
			// POST /api/v4/projects/:id/trigger/pipeline, form fields token, ref and variables[...].
			check: func(t *testing.T, r recordedRequest) {
				expectRequest(t, r, http.MethodPost, "/api/v4/projects/42/trigger/pipeline", "", "application/x-www-form-urlencoded")
				form, err := url.ParseQuery(string(r.Body))
				if err != nil {
					t.Fatalf("form body: %v", err)
				}
				want := map[string]string{"token": "glptt-secret", "ref": "main", "variables[MLOPS_PIPELINE]": "drift-check"}
				for k, v := range want {
					if form.Get(k) != v {
						t.Errorf("form field %s = %q, want %q (form %v)", k, form.Get(k), v, form)
					}
				}
			},
		},
		retrainEvents: []pipelineEvent{
			{".gitlab/ci/automated_retraining.yml", []string{`$CI_PIPELINE_SOURCE =~ /^(schedule|web|api|trigger)$/ && $MLOPS_PIPELINE == "drift-check"`, "drift --report artifacts/drift_report.json --cooldown-store registry --trigger"}},
			{".gitlab/ci/automated_training.yml", []string{`$RETRAIN == "true" && $CI_PIPELINE_SOURCE =~ /^(trigger|pipeline|api|web)$/`}},
		},
		settingsInScripts: true,
	},
	"azure_pipelines": {
		api: platformAPI{
			env: func(base string) map[string]string {
				return map[string]string{"AZURE_DEVOPS_ORG_URL": base + "/acme", "AZURE_DEVOPS_PROJECT": "ml", "DRIFT_PIPELINE_ID": "12", "AZURE_DEVOPS_PAT": "ado-pat"}
			},
			// POST {org}/{project}/_apis/pipelines/{id}/runs?api-version=7.1, Basic auth with the PAT as password.
			check: func(t *testing.T, r recordedRequest) {
				basic := "Basic " + base64.StdEncoding.EncodeToString([]byte(":ado-pat"))
				expectRequest(t, r, http.MethodPost, "/acme/ml/_apis/pipelines/12/runs?api-version=7.1", basic, "application/json")
				var body struct {
					Resources struct {
						Repositories map[string]struct {
							RefName string `json:"refName"`
						} `json:"repositories"`
					} `json:"resources"`
				}
				decodeJSONBody(t, r, &body)
				if got := body.Resources.Repositories["self"].RefName; got != "refs/heads/main" {
					t.Errorf("resources.repositories.self.refName = %q, want refs/heads/main", got)
				}
			},
		},
		retrainEvents: []pipelineEvent{
			{".azure/pipelines/automated_retraining.yml", []string{"drift \"${args[@]}\"", "args+=(--trigger)", "$(System.AccessToken)", "$(TRAIN_PIPELINE_ID)"}},
		},
		settingsInScripts: true,
		settingsMacros:    []*regexp.Regexp{azureMacro},
	},
}

// platformFactsOf returns a platform's row; a platform without one panics,
// which fails the calling test.
func platformFactsOf(platform string) platformFacts {
	f, ok := platformTestFacts[platform]
	if !ok {
		panic("platform " + platform + " has no row in platformTestFacts (internal/scaffold/platforms_test.go)")
	}
	return f
}

// TestEveryPlatformHasTestFacts: the table has exactly the platforms of
// templates/platform, each with the facts the tests rely on.
func TestEveryPlatformHasTestFacts(t *testing.T) {
	var rows []string
	for name, f := range platformTestFacts {
		rows = append(rows, name)
		if f.api.env == nil || f.api.check == nil || len(f.retrainEvents) == 0 {
			t.Errorf("platform %s: the row lacks its API or its retraining events", name)
		}
	}
	slices.Sort(rows)
	want := slices.Sorted(slices.Values(scaffold.Platforms))
	if !slices.Equal(rows, want) {
		t.Errorf("platformTestFacts has rows %v, templates/platform has %v", rows, want)
	}
}
