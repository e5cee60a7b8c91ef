package evidence_test

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/evidence"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
)

// TestRealRepositoryLayouts scans the layouts of public ML repositories that
// this project did not write, kept under testdata/repos as file names and the
// lines that matter. Every capability not listed is expected absent; the
// comments argue each expectation.
func TestRealRepositoryLayouts(t *testing.T) {
	cases := []struct {
		dir  string
		want []string
	}{
		{
			// mlflow/mlflow, examples/sklearn_elasticnet_wine: a tracked
			// training script and an MLflow project, no CI at all.
			dir: "mlflow-sklearn-elasticnet-wine",
			want: []string{
				"managed_compute",         // MLproject runs in the python_env it declares
				"experiment_tracking",     // MLproject entry point; train.py calls mlflow.log_metric
				"training_code_versioned", // train.py fits; python_env.yaml pins scikit-learn==1.2.0
				"model_registry",          // log_model(..., registered_model_name=...)
				// automated_builds, application_unit_tests and every CI-driven
				// capability: the example has no pipeline; automated_training:
				// nothing runs train.py on a schedule.
			},
		},
		{
			// microsoft/MLOpsPython: Azure Pipelines driving Azure ML.
			dir: "microsoft-mlopspython",
			want: []string{
				"automated_builds",              // the code quality template's steps run pytest on every push to master
				"application_unit_tests",        // that template runs pytest, and training/test_train.py has tests
				"scoring_script_versioned",      // scoring/score.py: init/run entry script with @input_schema/@output_schema
				"managed_compute",               // the training pipeline's steps run with compute_target=aml_compute
				"experiment_tracking",           // train_aml.py logs to the Azure ML run (Run.get_context)
				"training_code_versioned",       // train.py fits; conda_dependencies.yml pins azureml-sdk==1.6.*
				"model_registry",                // register_model.py calls AMLModel.register with tags and datasets
				"application_integration_tests", // CI smoke-tests the deployed scoring service (--service)
				// model_integration_tests: test_train.py trains in memory, it never loads a
				// model through the scoring code. automated_training: training runs on push,
				// not on a schedule. model_release_tests: evaluate_model.py compares with the
				// production model but has no metric floor and cancels the run rather than
				// failing a gate. automated_model_release: ACI then AKS, no staging/production
				// environments or approval. all_code_tested: coverage is measured, no floor.
			},
		},
		{
			// Azure/mlops-v2: Azure ML components driven by templates of
			// another repository.
			dir: "azure-mlops-v2",
			want: []string{
				"managed_compute",         // mlops/environments/train.yml defines the training environment
				"experiment_tracking",     // data-science/src/train.py: mlflow.sklearn.autolog()
				"training_code_versioned", // train.py fits; the environment pins scikit-learn==0.24.1
				// automated_builds: the only pipeline here has `trigger: - none` and runs
				// templates kept in another repository. managed_environments: dev and prod
				// infrastructure configs exist, but no pipeline stage targets an environment.
			},
		},
		{
			// drivendata/cookiecutter-data-science: the project template's
			// layout, a Makefile and scripts, no CI, no tracking.
			dir:  "cookiecutter-data-science",
			want: nil, // test_environment.py is no test suite and nothing runs anything automatically
		},
	}
	cat := maturity.MustDefault()
	for _, tc := range cases {
		t.Run(tc.dir, func(t *testing.T) {
			res, err := evidence.ScanDir(filepath.Join("testdata", "repos", tc.dir), cat, evidence.Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := res.Detected()
			for _, id := range tc.want {
				if !slices.Contains(got, id) {
					t.Errorf("%s not detected", id)
				}
			}
			for _, id := range got {
				if !slices.Contains(tc.want, id) {
					f, _ := res.Finding(id)
					t.Errorf("%s detected but not expected: %v", id, f.Evidence)
				}
			}
		})
	}
}
