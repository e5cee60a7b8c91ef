package evidence_test

import (
	"slices"
	"testing"
	"testing/fstest"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/evidence"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
)

// repo is a small synthetic repository: path -> content.
type repo map[string]string

func scanRepo(t *testing.T, files repo) *evidence.Result {
	t.Helper()
	fsys := fstest.MapFS{}
	for p, body := range files {
		fsys[p] = &fstest.MapFile{Data: []byte(body)}
	}
	res, err := evidence.Scan(fsys, maturity.MustDefault(), evidence.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

const (
	testsTree  = "from app import model\n\n\ndef test_fit():\n    assert model is not None\n"
	ghPytest   = "on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pip install -r requirements.txt\n      - run: pytest\n"
	trainCode  = "from sklearn.linear_model import LogisticRegression\n\n\ndef train(x, y):\n    model = LogisticRegression()\n    model.fit(x, y)\n    return model\n"
	pinnedReqs = "numpy==1.26.4\nscikit-learn==1.5.2\n"
)

// capabilityCases are hand-written repositories, as teams write them without
// this provider: for each capability at least one that shows it and one that
// looks close but does not.
var capabilityCases = []struct {
	id, name string
	files    repo
	want     bool
}{
	{"automated_data_pipeline", "scheduled workflow runs an ingest script", repo{".github/workflows/data.yml": "on:\n  schedule:\n    - cron: '0 2 * * *'\njobs:\n  ingest:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python scripts/ingest_data.py --snapshot\n"}, true},
	{"automated_data_pipeline", "airflow DAG on a schedule", repo{"dags/etl.py": "from airflow import DAG\n\nwith DAG('daily_etl', schedule_interval='@daily') as dag:\n    extract = extract_orders()\n"}, true},
	{"automated_data_pipeline", "scheduled workflow that only reports", repo{".github/workflows/report.yml": "on:\n  schedule:\n    - cron: '0 2 * * *'\njobs:\n  report:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python scripts/report.py\n"}, false},
	{"automated_data_pipeline", "ingest on push only", repo{".github/workflows/data.yml": "on: push\njobs:\n  ingest:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python scripts/ingest_data.py\n"}, false},

	{"automated_builds", "github actions on push installs and lints", repo{".github/workflows/ci.yml": "on:\n  push:\n    branches: [main]\n  pull_request:\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pip install -r requirements.txt\n      - run: ruff check .\n"}, true},
	{"automated_builds", "gitlab job installs the package", repo{".gitlab-ci.yml": "build:\n  image: python:3.12\n  script:\n    - pip install .\n"}, true},
	{"automated_builds", "azure pipeline builds a wheel", repo{"azure-pipelines.yml": "trigger:\n  - main\npool:\n  vmImage: ubuntu-latest\nsteps:\n  - script: python -m build\n"}, true},
	{"automated_builds", "github workflow on a schedule only", repo{".github/workflows/nightly.yml": "on:\n  schedule:\n    - cron: '0 1 * * *'\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pip install -r requirements.txt\n"}, false},
	{"automated_builds", "azure pipeline with every trigger off", repo{"azure-pipelines.yml": "trigger: none\npr: none\nsteps:\n  - script: python -m build\n"}, false},
	{"automated_builds", "azure pipeline with triggers off, pr first, list form", repo{"azure-pipelines.yml": "pr: none\ntrigger:\n- none\nsteps:\n  - script: python -m build\n"}, false},

	{"application_unit_tests", "CI runs pytest over a tests tree", repo{".github/workflows/ci.yml": ghPytest, "tests/test_model.py": testsTree}, true},
	{"application_unit_tests", "gitlab runs python -m pytest", repo{".gitlab-ci.yml": "test:\n  script:\n    - python -m pytest -q\n", "tests/unit/test_features.py": testsTree}, true},
	{"application_unit_tests", "a tests folder that no CI runs", repo{"tests/test_model.py": testsTree, "Makefile": "test:\n\tpytest\n"}, false},
	{"application_unit_tests", "CI runs pytest but there are no tests", repo{".github/workflows/ci.yml": ghPytest, "src/app.py": "print('hi')\n"}, false},
	{"application_unit_tests", "CI only installs pytest", repo{".github/workflows/ci.yml": "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pip install pytest\n", "tests/test_model.py": testsTree}, false},

	{"model_integration_tests", "test loads the model and predicts", repo{"tests/test_model.py": "import joblib\n\n\ndef test_predict_shape():\n    model = joblib.load('model.pkl')\n    assert model.predict([[1, 2]]).shape == (1,)\n"}, true},
	{"model_integration_tests", "test of a helper", repo{"tests/test_model_utils.py": "def test_add():\n    assert 1 + 1 == 2\n"}, false},

	{"automated_application_release", "tag push builds and pushes an image", repo{".github/workflows/release.yml": "on:\n  push:\n    tags: ['v*']\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n"}, true},
	{"automated_application_release", "gitlab tag pipeline pushes an image", repo{".gitlab-ci.yml": "release:\n  rules:\n    - if: $CI_COMMIT_TAG\n  script:\n    - docker build -t $IMAGE .\n    - docker push $IMAGE\n"}, true},
	{"automated_application_release", "image pushed on every branch push", repo{".github/workflows/image.yml": "on:\n  push:\n    branches: [main]\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker push registry/app:latest\n"}, false},

	{"scoring_script_versioned", "azure ML entry script", repo{"src/score.py": "import joblib\n\n\ndef init():\n    global model\n    model = joblib.load('model.pkl')\n\n\ndef run(raw):\n    return model.predict(raw).tolist()\n"}, true},
	{"scoring_script_versioned", "fastapi scoring with a request schema", repo{"app/predict.py": "from pydantic import BaseModel\n\n\nclass Features(BaseModel):\n    age: int\n\n\ndef predict(features: Features):\n    return {'score': 0.5}\n"}, true},
	{"scoring_script_versioned", "scoring without any schema", repo{"app/predict.py": "def predict(x):\n    return model.predict(x)\n"}, false},

	{"managed_compute", "azure ML compute cluster", repo{"azureml/cluster.yml": "$schema: https://azuremlschemas.azureedge.net/latest/amlCompute.schema.json\nname: cpu-cluster\ntype: amlcompute\nsize: STANDARD_DS3_v2\n"}, true},
	{"managed_compute", "MLproject with a docker environment", repo{"MLproject": "name: demo\ndocker_env:\n  image: demo-train:1\nentry_points:\n  main:\n    command: python train.py\n"}, true},
	{"managed_compute", "training image", repo{"docker/train.Dockerfile": "FROM python:3.12-slim\nRUN pip install -r requirements.txt\n"}, true},
	{"managed_compute", "serving image only", repo{"Dockerfile": "FROM python:3.12-slim\nCMD [\"python\", \"serve.py\"]\n"}, false},

	{"experiment_tracking", "training script logs to mlflow", repo{"src/train.py": "import mlflow\n\nwith mlflow.start_run():\n    mlflow.log_metric('auc', 0.9)\n"}, true},
	{"experiment_tracking", "azure ML command job", repo{"jobs/train-job.yml": "$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\ncommand: python train.py\nexperiment_name: churn\n"}, true},
	{"experiment_tracking", "training script without tracking", repo{"src/train.py": trainCode}, false},
	{"experiment_tracking", "mlflow call in an unrelated helper", repo{"src/utils.py": "import mlflow\nmlflow.log_metric('x', 1)\n"}, false},

	{"training_code_versioned", "training code with pinned requirements", repo{"src/train.py": trainCode, "requirements.txt": pinnedReqs}, true},
	{"training_code_versioned", "training code with loose requirements", repo{"src/train.py": trainCode, "requirements.txt": "numpy>=1.24\nscikit-learn\n"}, false},

	{"model_registry", "training registers the model", repo{"train.py": "mlflow.sklearn.log_model(model, 'model', registered_model_name='churn')\n"}, true},
	{"model_registry", "CI registers an azure ML model", repo{".github/workflows/register.yml": "on: push\njobs:\n  r:\n    runs-on: ubuntu-latest\n    steps:\n      - run: az ml model create --file model.yml\n"}, true},
	{"model_registry", "model logged but never registered", repo{"train.py": "mlflow.sklearn.log_model(model, 'model')\n"}, false},

	{"automated_training", "github schedule runs training", repo{".github/workflows/train.yml": "on:\n  schedule:\n    - cron: '0 3 * * 1'\njobs:\n  train:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python -m churn.train\n"}, true},
	{"automated_training", "gitlab scheduled pipeline trains", repo{".gitlab-ci.yml": "train:\n  rules:\n    - if: $CI_PIPELINE_SOURCE == \"schedule\"\n  script:\n    - python train.py\n"}, true},
	{"automated_training", "azure pipeline schedule trains", repo{"azure-pipelines.yml": "schedules:\n  - cron: '0 3 * * 1'\n    branches:\n      include: [main]\nsteps:\n  - script: python src/train.py\n"}, true},
	{"automated_training", "a schedule that does not train", repo{".github/workflows/nightly.yml": "on:\n  schedule:\n    - cron: '0 3 * * 1'\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ruff check .\n"}, false},
	// Training that CI runs on every change is automated training: no one
	// starts it by hand.
	{"automated_training", "training on every push", repo{".github/workflows/train.yml": "on: push\njobs:\n  train:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python train.py\n"}, true},
	{"automated_training", "training started by hand", repo{".github/workflows/train.yml": "on: workflow_dispatch\njobs:\n  train:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python train.py\n"}, false},
	{"automated_training", "schedule mentioned only in a comment", repo{".github/workflows/train.yml": "# schedule: weekly, some day\non: workflow_dispatch\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python train.py\n"}, false},

	{"centralized_training_metrics", "runs compared with the baseline", repo{"src/compare_runs.py": "import mlflow\nruns = mlflow.search_runs(experiment_names=['churn'])\nbaseline = runs.iloc[0]\n"}, true},
	{"centralized_training_metrics", "CI diffs dvc metrics", repo{".github/workflows/metrics.yml": "on: pull_request\njobs:\n  m:\n    runs-on: ubuntu-latest\n    steps:\n      - run: dvc metrics diff main\n"}, true},
	{"centralized_training_metrics", "metrics logged but never compared", repo{"src/train.py": "mlflow.log_metric('auc', 0.9)\n"}, false},

	{"scoring_script_tests", "tests check the scoring output types", repo{"tests/test_score.py": "from app import score\n\n\ndef test_output_dtype():\n    out = score.run(batch)\n    assert out['prediction'].dtype == 'float64'\n"}, true},
	{"scoring_script_tests", "test only calls the scoring script", repo{"tests/test_score.py": "from app import score\n\n\ndef test_runs():\n    assert score.run(batch) is not None\n"}, false},

	{"engineering_managed_release", "CODEOWNERS on model paths", repo{".github/CODEOWNERS": "/models/ @org/ml-release\n"}, true},
	{"engineering_managed_release", "ruleset with required reviews", repo{".github/rulesets/main.json": "{\"rules\": [{\"type\": \"pull_request\", \"parameters\": {\"required_approving_review_count\": 2}}]}\n"}, true},
	{"engineering_managed_release", "CODEOWNERS on docs only", repo{"CODEOWNERS": "/docs/ @org/writers\n"}, false},

	{"ds_de_collaboration", "review template for data and model changes", repo{".github/pull_request_template.md": "## Data\n- [ ] Data engineer reviewed the schema change\n## Model\n- [ ] Experiment linked\n"}, true},
	{"ds_de_collaboration", "CODEOWNERS split between data and models", repo{"CODEOWNERS": "/data/ @org/data-eng\n/models/ @org/data-science\n"}, true},
	{"ds_de_collaboration", "generic review template", repo{".github/pull_request_template.md": "Describe your change.\n"}, false},

	{"automated_model_release", "staging then production with promotion", repo{".github/workflows/deploy.yml": "on: workflow_dispatch\njobs:\n  staging:\n    environment: staging\n    runs-on: ubuntu-latest\n    steps:\n      - run: python promote_model.py --to staging\n  production:\n    needs: staging\n    environment: production\n    runs-on: ubuntu-latest\n    steps:\n      - run: python promote_model.py --to production\n"}, true},
	{"automated_model_release", "straight to production", repo{".github/workflows/deploy.yml": "on: push\njobs:\n  production:\n    environment: production\n    runs-on: ubuntu-latest\n    steps:\n      - run: python promote_model.py\n"}, false},

	{"model_release_tests", "evaluation gate before promotion", repo{".gitlab-ci.yml": "gate:\n  script:\n    - python scripts/evaluate_model.py --min-auc 0.8\npromote:\n  script:\n    - python scripts/promote.py\n"}, true},
	{"model_release_tests", "evaluation without any promotion", repo{".gitlab-ci.yml": "eval:\n  script:\n    - python scripts/evaluate_model.py\n"}, false},

	{"application_integration_tests", "CI runs integration tests against the service", repo{".github/workflows/it.yml": "on: pull_request\njobs:\n  it:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest tests/integration\n", "tests/integration/test_api.py": "import requests\n\n\ndef test_score():\n    assert requests.post('http://localhost:8080/score', json={}).ok\n"}, true},
	{"application_integration_tests", "integration tests CI never runs", repo{".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest tests/unit\n", "tests/integration/test_api.py": "import requests\n"}, false},

	{"ab_testing", "traffic split between champion and challenger", repo{"k8s/virtual-service.yaml": "kind: VirtualService\nspec:\n  http:\n    - route:\n        - destination: {host: champion}\n          weight: 90\n        - destination: {host: challenger}\n          weight: 10\n"}, true},
	{"ab_testing", "all traffic to one model", repo{"k8s/virtual-service.yaml": "kind: VirtualService\nspec:\n  http:\n    - route:\n        - destination: {host: model}\n          weight: 100\n"}, false},

	{"all_code_tested", "CI enforces a coverage floor", repo{".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest --cov=src --cov-fail-under=85\n"}, true},
	{"all_code_tested", "configured floor and CI measures coverage", repo{"pyproject.toml": "[tool.coverage.report]\nfail_under = 90\n", ".gitlab-ci.yml": "test:\n  script:\n    - pytest --cov=src\n"}, true},
	{"all_code_tested", "coverage measured without a floor", repo{".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest --cov=src\n"}, false},

	{"data_lineage", "dvc lock file", repo{"dvc.lock": "schema: '2.0'\nstages:\n  train:\n    cmd: python train.py\n    outs:\n    - path: model.pkl\n      md5: 3f2a\n"}, true},
	{"data_lineage", "mlflow dataset inputs", repo{"src/train.py": "dataset = mlflow.data.from_pandas(df, source='s3://bucket/data.csv')\nmlflow.log_input(dataset, context='training')\n"}, true},
	{"data_lineage", "dvc pipeline never run", repo{"dvc.yaml": "stages:\n  train:\n    cmd: python train.py\n"}, false},

	{"managed_environments", "per-environment configs and deployment stages", repo{"config/dev.yaml": "replicas: 1\n", "config/prod.yaml": "replicas: 3\n", ".github/workflows/deploy.yml": "on: push\njobs:\n  prod:\n    environment: production\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./deploy.sh\n"}, true},
	{"managed_environments", "configs but no pipeline stage", repo{"config/dev.yaml": "replicas: 1\n", "config/prod.yaml": "replicas: 3\n"}, false},

	{"de_se_integration", "great expectations validation", repo{"pipelines/validate_orders.py": "import great_expectations as gx\n"}, true},
	{"de_se_integration", "contract schemas enforced by tests", repo{"contracts/orders.schema.json": "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"type\": \"object\"}\n", "tests/test_orders.py": "CONTRACT = 'contracts/orders.schema.json'\n\n\ndef test_contract():\n    pass\n"}, true},
	{"de_se_integration", "contract nobody checks", repo{"contracts/orders.schema.json": "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"}\n"}, false},

	{"production_monitoring", "prometheus alert on model latency", repo{"monitoring/rules.yml": "groups:\n  - name: model\n    rules:\n      - alert: ModelLatencyHigh\n        expr: histogram_quantile(0.95, rate(model_prediction_seconds_bucket[5m])) > 0.5\n"}, true},
	{"production_monitoring", "azure monitor metric alert on the model endpoint", repo{"infra/alerts.json": "{\"type\": \"Microsoft.Insights/metricAlerts\", \"properties\": {\"criteria\": {\"metricName\": \"model_request_latency\"}}}\n"}, true},
	{"production_monitoring", "alert on node CPU only", repo{"monitoring/rules.yml": "groups:\n  - name: nodes\n    rules:\n      - alert: NodeCPUHigh\n        expr: node_cpu_seconds_total > 0.9\n"}, false},

	{"automated_retraining", "alertmanager routes drift to a retraining webhook", repo{"monitoring/alertmanager.yml": "route:\n  receiver: retrain\nreceivers:\n  - name: retrain\n    webhook_configs:\n      - url: http://retrain-relay:8080/retrain\n"}, true},
	{"automated_retraining", "drift check starts the training workflow", repo{".github/workflows/drift.yml": "on:\n  schedule:\n    - cron: '0 * * * *'\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python drift_check.py\n      - run: gh workflow run train.yml\n"}, true},
	{"automated_retraining", "drift report that nobody acts on", repo{".github/workflows/drift.yml": "on:\n  schedule:\n    - cron: '0 * * * *'\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python drift_check.py --report drift.html\n"}, false},

	{"automated_model_testing", "scheduled evaluation on fresh labels", repo{".github/workflows/eval.yml": "on:\n  schedule:\n    - cron: '0 6 * * *'\njobs:\n  e:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python evaluate.py --model production --labels data/labels.csv\n"}, true},
	{"automated_model_testing", "scheduled evaluation of a candidate without labels", repo{".github/workflows/eval.yml": "on:\n  schedule:\n    - cron: '0 6 * * *'\njobs:\n  e:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python evaluate.py --candidate latest\n"}, false},

	{"zero_downtime_deployment", "rolling update with readiness probes", repo{"k8s/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nspec:\n  strategy:\n    rollingUpdate:\n      maxUnavailable: 0\n  template:\n    spec:\n      containers:\n        - name: model\n          readinessProbe:\n            httpGet: {path: /ready, port: 8080}\n"}, true},
	{"zero_downtime_deployment", "argo rollout", repo{"deploy/rollout.yaml": "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\n"}, true},
	{"zero_downtime_deployment", "deployment without readiness checks", repo{"k8s/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nspec:\n  strategy:\n    rollingUpdate:\n      maxUnavailable: 0\n"}, false},

	{"production_feedback_loop", "predictions joined with ground truth into training data", repo{"jobs/join_feedback.py": "preds = pd.read_csv(PREDICTION_LOG)\ntruth = pd.read_csv(GROUND_TRUTH)\nrows = preds.merge(truth, on='request_id')\nrows.to_csv('data/training_data.csv')\n"}, true},
	{"production_feedback_loop", "predictions joined for a report only", repo{"jobs/monitor_report.py": "preds = pd.read_csv(PREDICTION_LOG)\ntruth = pd.read_csv(GROUND_TRUTH)\nreport = preds.merge(truth, on='request_id').describe()\n"}, false},
}

func TestCapabilityRules(t *testing.T) {
	for _, tc := range capabilityCases {
		t.Run(tc.id+"/"+tc.name, func(t *testing.T) {
			res := scanRepo(t, tc.files)
			f, ok := res.Finding(tc.id)
			if !ok {
				t.Fatalf("no finding for %s", tc.id)
			}
			if f.Detected != tc.want {
				t.Fatalf("detected = %v, want %v (evidence %v)", f.Detected, tc.want, f.Evidence)
			}
			if f.Detected && len(f.Evidence) == 0 {
				t.Fatal("detected without evidence")
			}
		})
	}
}

// TestEveryCapabilityHasPositiveAndNegativeCases keeps the table complete as
// the catalog grows.
func TestEveryCapabilityHasPositiveAndNegativeCases(t *testing.T) {
	for _, cp := range maturity.MustDefault().Capabilities {
		var pos, neg bool
		for _, tc := range capabilityCases {
			if tc.id == cp.ID {
				pos, neg = pos || tc.want, neg || !tc.want
			}
		}
		if !pos || !neg {
			t.Errorf("%s: positive case %v, negative case %v; want both", cp.ID, pos, neg)
		}
		if len(cp.Evidence) == 0 {
			t.Errorf("%s has no evidence rules", cp.ID)
		}
	}
	if !slices.ContainsFunc(capabilityCases, func(tc struct {
		id, name string
		files    repo
		want     bool
	}) bool {
		return tc.id == "automated_training" && !tc.want
	}) {
		t.Error("automated_training needs a schedule that does not train")
	}
}
