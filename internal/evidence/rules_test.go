package evidence_test

import (
	"slices"
	"testing"

	"github.com/mlops-maturity/terraform-provider-mlops/internal/evidence"
	"github.com/mlops-maturity/terraform-provider-mlops/internal/maturity"
)

type evidenceOf = evidence.Evidence

// ruleCases exercise the catalog's rules one by one: for each rule, a
// repository it must decide (want true: the rule holds and names itself in
// the evidence) and one that looks close but must not show the capability
// (want false).
var ruleCases = []struct {
	id, rule, name string
	files          repo
	want           bool
}{
	// automated_data_pipeline
	{"automated_data_pipeline", "scheduled-dag", "prefect flow served on a cron ingests", repo{"flows/ingest_flow.py": "from prefect import flow\n\n@flow\ndef ingest_orders():\n    download_orders()\n\nif __name__ == '__main__':\n    ingest_orders.serve(name='nightly', cron='0 2 * * *')\n"}, true},
	{"automated_data_pipeline", "scheduled-dag", "dagster schedule of a feature job", repo{"pipelines/features_job.py": "from dagster import ScheduleDefinition\nfeatures = ScheduleDefinition(job=feature_engineering_job, cron_schedule='0 6 * * *')\n"}, true},
	{"automated_data_pipeline", "scheduled-dag", "daily drift check that only loads a demo set", repo{"dags/drift_dag.py": "from airflow import DAG\nwith DAG('drift', schedule_interval='@daily') as dag:\n    load_data = PythonOperator(task_id='load_data')\n"}, false},
	{"automated_data_pipeline", "scheduled-ingest-job-config", "databricks feature job on a quartz cron", repo{"resources/feature-engineering-workflow.yml": "resources:\n  jobs:\n    write_features:\n      tasks:\n        - task_key: GenerateFeatures\n          notebook_task:\n            notebook_path: ../feature_engineering/notebooks/GenerateAndWriteFeatures.py\n      schedule:\n        quartz_cron_expression: '0 0 7 * * ?'\n"}, true},
	{"automated_data_pipeline", "scheduled-ingest-job-config", "feature job without a schedule", repo{"resources/feature-engineering-workflow.yml": "resources:\n  jobs:\n    write_features:\n      tasks:\n        - task_key: GenerateFeatures\n"}, false},

	// automated_builds
	{"automated_builds", "cloud-build-or-codebuild", "cloud build runs pytest", repo{"cloudbuild.yaml": "steps:\n- name: python:3.11\n  entrypoint: pytest\n  args: ['tests']\n"}, true},
	{"automated_builds", "cloud-build-or-codebuild", "cloud build builds the image", repo{"build/cloudbuild.yaml": "steps:\n- name: 'gcr.io/cloud-builders/docker'\n  args: ['build', '-t', 'gcr.io/$PROJECT_ID/trainer', '.']\n"}, true},
	{"automated_builds", "cloud-build-or-codebuild", "codebuild installs the requirements", repo{"buildspec.yml": "version: 0.2\nphases:\n  install:\n    commands:\n      - pip install -r requirements.txt\n"}, true},
	{"automated_builds", "cloud-build-or-codebuild", "codebuild only installs a global tool", repo{"buildspec.yml": "version: 0.2\nphases:\n  install:\n    commands:\n      - npm install -g aws-cdk\n      - pip install --upgrade pip awscli\n"}, false},
	{"automated_builds", "github-actions-build", "a job that only installs a global tool", repo{".github/workflows/report.yml": "on: pull_request\njobs:\n  r:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm install -g json5\n      - run: cml comment create report.md\n"}, false},
	{"automated_builds", "github-actions-build", "a task runner runs the checks", repo{".github/workflows/ci.yml": "on: [push]\njobs:\n  c:\n    runs-on: ubuntu-latest\n    steps:\n      - run: mise run check\n"}, true},
	{"automated_builds", "github-actions-build", "the build step is commented out", repo{".github/workflows/ci.yml": "on: [push]\njobs:\n  c:\n    runs-on: ubuntu-latest\n    steps:\n      # - run: pip install -r requirements.txt\n      - run: echo hello\n"}, false},

	// application_unit_tests
	{"application_unit_tests", "ci-runs-tests", "make test target in CI", repo{".gitlab-ci.yml": "test:\n  script:\n    - make test-all-components\n", "tests/test_a.py": testsTree}, true},
	{"application_unit_tests", "ci-runs-tests", "cloud build entrypoint pytest", repo{"build/pipeline.yaml": "steps:\n- name: python\n  entrypoint: 'pytest'\n  args: ['src/tests/model_tests.py']\n", "src/tests/model_tests.py": testsTree}, true},
	{"application_unit_tests", "ci-runs-test-script", "CI submits a job whose script runs pytest", repo{".github/workflows/workloads.yml": "on: pull_request\njobs:\n  w:\n    runs-on: ubuntu-latest\n    steps:\n      - run: anyscale jobs submit deploy/jobs/workloads.yaml --wait\n", "deploy/jobs/workloads.sh": "#!/bin/bash\npython -m pytest tests/code\n", "tests/code/test_x.py": testsTree}, true},
	{"application_unit_tests", "ci-runs-test-script", "the script CI runs does not test", repo{".github/workflows/deploy.yml": "on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./deploy/release.sh\n", "deploy/release.sh": "#!/bin/bash\necho deploy\n", "tests/test_x.py": testsTree}, false},

	// model_integration_tests
	{"model_integration_tests", "test-loads-model-and-scores", "case-insensitive test name loads from the registry", repo{"tests/IO/Test_Registries.py": "def test_loads_and_predicts(model_uri, inputs):\n    adapter = loader.load(uri=model_uri)\n    assert adapter.predict(inputs=inputs) is not None\n"}, true},
	{"model_integration_tests", "test-loads-model-and-scores", "an endpoint test whose call is a stub", repo{"tests/test_endpoints.py": "def invoke_endpoint(name):\n    return {'success': True}\n\n\ndef test_endpoint():\n    assert invoke_endpoint('x')['success']\n"}, false},
	{"model_integration_tests", "conftest-loads-model-for-tests", "conftest fixture loads the predictor", repo{"tests/model/conftest.py": "import pytest\n\n\n@pytest.fixture\ndef predictor(run_id):\n    return TorchPredictor.from_checkpoint(best_checkpoint(run_id))\n", "tests/model/test_behavioral.py": "def test_invariance(predictor):\n    assert get_label('a', predictor) == get_label('b', predictor)\n"}, true},
	{"model_integration_tests", "conftest-loads-model-for-tests", "conftest fixture of plain data", repo{"tests/conftest.py": "import pytest\n\n\n@pytest.fixture\ndef frame():\n    return make_frame()\n", "tests/test_data.py": "def test_rows(frame):\n    assert len(frame)\n"}, false},

	// scoring_script_versioned
	{"scoring_script_versioned", "serving-api-with-signature", "bentoml service declares its io", repo{"service.py": "svc = bentoml.Service('iris', runners=[runner])\n\n@svc.api(input=NumpyNdarray(), output=NumpyNdarray())\nasync def classify(x):\n    return await runner.predict.async_run(x)\n"}, true},
	{"scoring_script_versioned", "serving-api-with-signature", "an API without a declared input", repo{"app.py": "@app.get('/health')\ndef health():\n    return {'ok': True}\n"}, false},

	// managed_compute
	{"managed_compute", "databricks-job-cluster", "bundle job on a new cluster", repo{"resources/model-workflow.yml": "resources:\n  jobs:\n    train:\n      job_clusters:\n        - job_cluster_key: c\n          new_cluster:\n            spark_version: 15.3.x-cpu-ml-scala2.12\n"}, true},
	{"managed_compute", "databricks-job-cluster", "bundle without clusters", repo{"databricks.yml": "bundle:\n  name: demo\ninclude:\n  - resources/*.yml\n"}, false},
	{"managed_compute", "cloud-training-job", "vertex custom training job", repo{"pipelines/train_pipeline.py": "job = aiplatform.CustomTrainingJob(display_name='t', script_path='train.py')\n"}, true},
	{"managed_compute", "kubernetes-training-job", "tfjob spec", repo{"k8s/tfjob.yaml": "apiVersion: kubeflow.org/v1\nkind: TFJob\nmetadata:\n  name: train\n"}, true},
	{"managed_compute", "kubernetes-training-job", "a plain kubernetes job", repo{"k8s/job.yaml": "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: backup\n"}, false},
	{"managed_compute", "cluster-compute-definition", "anyscale compute config", repo{"deploy/cluster_compute.yaml": "cloud: my-cloud\nhead_node_type:\n  name: head\n  instance_type: m5.2xlarge\n"}, true},
	{"managed_compute", "ci-launches-cloud-runner", "cml launches a cloud runner", repo{".github/workflows/exp.yml": "on: push\njobs:\n  l:\n    runs-on: ubuntu-latest\n    steps:\n      - run: cml runner launch --cloud=aws --cloud-type=g4dn.xlarge\n"}, true},
	{"managed_compute", "azureml-or-sagemaker-sdk", "sagemaker deployment only", repo{"steps/sagemaker_deployment.py": "import sagemaker\nfrom sagemaker.huggingface import HuggingFaceModel\nmodel.deploy(instance_type='ml.t2.medium')\n"}, false},

	// experiment_tracking
	{"experiment_tracking", "training-code-logs-runs", "lightning wandb logger", repo{"train.py": "from pytorch_lightning.loggers import WandbLogger\nlogger = WandbLogger(project='x')\n"}, true},
	{"experiment_tracking", "training-code-logs-runs", "dvclive in the evaluation step", repo{"src/evaluate.py": "from dvclive import Live\nwith Live('eval') as live:\n    live.log_metric('auc', auc)\n"}, true},
	{"experiment_tracking", "training-code-logs-runs", "clearml task", repo{"pipelines/train_job.py": "from clearml import Task\ntask = Task.init(project_name='p', task_name='t')\n"}, true},
	{"experiment_tracking", "training-code-logs-runs", "vertex experiments", repo{"src/model_training/task.py": "vertex_ai.init(experiment='e')\nvertex_ai.start_run('r')\nvertex_ai.log_metrics({'loss': 0.1})\n"}, true},
	{"experiment_tracking", "training-code-logs-runs", "tracking call commented out", repo{"train.py": "model.fit(x, y)\n# mlflow.log_metric('auc', auc)\n"}, false},
	{"experiment_tracking", "training-code-logs-runs", "tracking call in a docstring", repo{"train.py": "def train():\n    \"\"\"Call mlflow.log_metric('auc', auc) once ready.\"\"\"\n    model.fit(x, y)\n"}, false},
	{"experiment_tracking", "databricks-bundle-experiment", "bundle declares the experiment", repo{"resources/ml-artifacts.yml": "resources:\n  experiments:\n    exp:\n      name: /Shared/demo\n"}, true},

	// model_registry
	{"model_registry", "code-registers-model", "vertex model upload", repo{"pipelines/components.py": "model = vertex_ai.Model.upload(display_name='m', artifact_uri=uri)\n"}, true},
	{"model_registry", "code-registers-model", "sagemaker register step", repo{"pipelines/pipeline.py": "step_register = RegisterModel(name='Register', model_package_group_name=group)\n"}, true},
	{"model_registry", "registry-in-infrastructure", "model package group in cloudformation", repo{"infra/template.yml": "Resources:\n  Group:\n    Type: AWS::SageMaker::ModelPackageGroup\n"}, true},
	{"model_registry", "dvc-model-artifact", "dvc tracks the model file", repo{"dvcfiles/trained_model.dvc": "outs:\n- md5: 02f3b0034769ba45d758ad1bb9de33a3\n  size: 17562590\n  path: model.onnx\n"}, true},
	{"model_registry", "dvc-model-artifact", "dvc tracks a data file", repo{"data/raw.csv.dvc": "outs:\n- md5: 02f3b0034769ba45d758ad1bb9de33a3\n  path: raw.csv\n"}, false},
	{"model_registry", "code-registers-model", "bentoml local store", repo{"train.py": "bentoml.sklearn.save_model('iris_clf', clf)\n"}, false},

	// automated_training
	{"automated_training", "ci-trains-on-change", "codebuild runs the sagemaker pipeline", repo{"modelbuild_buildspec.yml": "version: 0.2\nphases:\n  build:\n    commands:\n      - run-pipeline --module-name pipelines.churn.pipeline\n"}, true},
	{"automated_training", "ci-trains-on-change", "azure pipeline with triggers off", repo{"azure-pipelines.yml": "trigger: none\nsteps:\n  - script: python train.py\n"}, false},
	{"automated_training", "scheduled-training-job-config", "eventbridge schedule starts retraining", repo{"pipeline.yml": "Resources:\n  ScheduledRule:\n    Type: AWS::Events::Rule\n    Properties:\n      ScheduleExpression: cron(0 12 1 * ? *)\n      Description: retrain the model monthly\n"}, true},
	{"automated_training", "scheduled-training-job-config", "a schedule that only backs up", repo{"infra/backup-rule.yml": "Resources:\n  Rule:\n    Properties:\n      ScheduleExpression: rate(1 day)\n      Description: backup\n"}, false},
	{"automated_training", "scheduled-dag-trains", "cdk schedule starts the training pipeline", repo{"infra/build_pipeline_construct.py": "rule = events.Rule(self, 'Schedule', schedule=events.Schedule.expression(retrain_schedule))\n"}, true},
	{"automated_training", "pubsub-triggered-pipeline", "pub/sub function submits the pipeline", repo{"src/pipeline_triggering/main.py": "def trigger_pipeline(event, context):\n    job = aiplatform.PipelineJob(display_name='train', template_path=path)\n    job.submit()\n"}, true},
	{"automated_training", "pubsub-triggered-pipeline", "a function that only logs", repo{"src/functions/main.py": "def handle(event, context):\n    print(event)\n"}, false},

	// centralized_training_metrics
	{"centralized_training_metrics", "compares-with-production-model", "new model compared with production", repo{"evaluate/evaluate_model.py": "if new_model_mse < production_model_mse:\n    register()\n"}, true},
	{"centralized_training_metrics", "compares-with-production-model", "a loop bound only", repo{"evaluate/evaluate_model.py": "for epoch in range(10):\n    if epoch > 5:\n        break\n"}, false},
	{"centralized_training_metrics", "evaluator-compares-with-baseline", "tfma change threshold", repo{"pipelines/training_pipeline.py": "threshold = tfma.MetricThreshold(change_threshold=tfma.GenericChangeThreshold(direction=tfma.MetricDirection.HIGHER_IS_BETTER, absolute={'value': -1e-10}))\n"}, true},

	// automated_model_release
	{"automated_model_release", "codepipeline-stages-with-approval", "terraform codepipeline staging, approval, prod", repo{"terraform/deploy_pipeline.tf": "stage {\n  name = \"DeployStaging\"\n}\nstage {\n  action {\n    category = \"Approval\"\n  }\n}\nstage {\n  name = \"DeployProd\"\n}\n"}, true},
	{"automated_model_release", "codepipeline-stages-with-approval", "pipeline straight to production", repo{"terraform/deploy_pipeline.tf": "stage {\n  name = \"DeployProd\"\n}\n"}, false},
	{"automated_model_release", "registry-approval-starts-deployment", "model approval event starts the deploy pipeline", repo{"infra/template.yml": "Resources:\n  Rule:\n    Properties:\n      Description: deploy on approval\n      EventPattern:\n        detail-type:\n          - SageMaker Model Package State Change\n"}, true},
	{"automated_model_release", "registry-stage-triggers-deployment", "gto stage tag deploys", repo{".gitlab-ci.yml": "deploy:\n  script:\n    - MODEL_STAGE=$(gto check-ref $CI_COMMIT_TAG --stage)\n    - python sagemaker/deploy_model.py --stage $MODEL_STAGE\n"}, true},

	// model_release_tests
	{"model_release_tests", "pipeline-condition-gate", "sagemaker condition step", repo{"pipelines/pipeline.py": "step_cond = ConditionStep(name='CheckMSE', conditions=[cond_lte], if_steps=[step_register])\n"}, true},
	{"model_release_tests", "pipeline-condition-gate", "kubeflow condition on accuracy", repo{"ml_pipeline.py": "with dsl.Condition(train_op.outputs['accuracy'] > 0.7):\n    deploy_op = Deploy()\n"}, true},
	{"model_release_tests", "mlflow-evaluate-thresholds", "mlflow evaluate with thresholds", repo{"validation/validation.py": "mlflow.evaluate(model_uri, data, targets='y', model_type='regressor', validation_thresholds=thresholds, baseline_model=champion)\n"}, true},
	{"model_release_tests", "mlflow-evaluate-thresholds", "mlflow evaluate without a threshold", repo{"validation/validation.py": "result = mlflow.evaluate(model_uri, data, targets='y', model_type='regressor')\n"}, false},
	{"model_release_tests", "promotion-only-when-better", "promoter compares with the current version", repo{"steps/model_promoter.py": "def promote(accuracy):\n    if accuracy > 0.8:\n        model.set_stage('production')\n        is_promoted = True\n"}, true},
	{"model_release_tests", "ci-runs-model-tests", "model tests against the trained run", repo{"deploy/jobs/workloads.sh": "pytest --run-id=$RUN_ID tests/model --verbose\n"}, true},

	// application_integration_tests
	{"application_integration_tests", "ci-tests-deployed-endpoint", "cloud build tests the endpoint", repo{"build/model-deployment.yaml": "steps:\n- name: python\n  entrypoint: 'pytest'\n  args: ['src/tests/model_deployment_tests.py::test_model_endpoint']\n", "src/tests/model_deployment_tests.py": "def test_model_endpoint():\n    assert endpoint.predict([x]).predictions\n"}, true},
	{"application_integration_tests", "ci-tests-deployed-endpoint", "endpoint test that never calls it", repo{".gitlab-ci.yml": "t:\n  script:\n    - pytest tests/test_endpoints.py\n", "tests/test_endpoints.py": "def test_endpoint():\n    assert True\n"}, false},

	// ab_testing
	{"ab_testing", "ab-test-deployment", "abtest chart weights", repo{"charts/abtest-istio/values.yaml": "weight:\n  green: 50\n  blue: 50\n"}, true},
	{"ab_testing", "endpoint-production-variants", "two weighted variants", repo{"ab_test.ipynb": "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\n\"variants = [{'VariantName': 'A', 'InitialVariantWeight': 1}, {'VariantName': 'B', 'InitialVariantWeight': 1}]\"\n]}]}\n"}, true},
	{"ab_testing", "endpoint-production-variants", "a single endpoint variant", repo{"endpoint-config-template.yml": "ProductionVariants:\n  - VariantName: AllTraffic\n    InitialVariantWeight: 1\n"}, false},

	// data_lineage
	{"data_lineage", "model-tagged-with-data-and-build", "registered with dataset and build", repo{"register/register_model.py": "model = Model.register(workspace=ws, model_name=name, datasets=[('training data', ds)], tags={'BuildId': build_id})\n"}, true},
	{"data_lineage", "model-tagged-with-data-and-build", "registered with no lineage", repo{"register/register_model.py": "model = Model.register(workspace=ws, model_name=name)\n"}, false},

	// managed_environments
	{"managed_environments", "bundle-targets-per-environment", "bundle dev, staging and prod targets", repo{"databricks.yml": "bundle:\n  name: demo\ntargets:\n  dev:\n    default: true\n  staging:\n    workspace: {}\n  prod:\n    workspace: {}\n"}, true},
	{"managed_environments", "bundle-targets-per-environment", "bundle with one target", repo{"databricks.yml": "bundle:\n  name: demo\ntargets:\n  dev:\n    default: true\n"}, false},
	{"managed_environments", "per-environment-config-and-pipeline", "staging and prod configs deployed by stage", repo{"staging-config.json": "{}\n", "prod-config.json": "{}\n", "terraform/pipeline.tf": "stage {\n  name = \"DeployProd\"\n}\n"}, true},

	// de_se_integration
	{"de_se_integration", "data-validation-library", "great expectations in the data tests' conftest", repo{"tests/data/conftest.py": "import great_expectations as ge\n"}, true},
	{"de_se_integration", "data-validation-library", "tfx example validator", repo{"pipelines/training_pipeline.py": "example_validator = ExampleValidator(statistics=stats, schema=schema)\n"}, true},
	{"de_se_integration", "data-validation-library", "validation library only in a comment", repo{"tests/conftest.py": "# import great_expectations as ge\n"}, false},

	// production_monitoring
	{"production_monitoring", "managed-model-monitor", "sagemaker monitoring schedule in cloudformation", repo{"assets/deploy-model-prd.yml": "Resources:\n  Monitoring:\n    Type: AWS::SageMaker::MonitoringSchedule\n"}, true},
	{"production_monitoring", "managed-model-monitor", "databricks quality monitor", repo{"resources/monitoring-resource.yml": "resources:\n  quality_monitors:\n    m:\n      table_name: inference\n"}, true},
	{"production_monitoring", "managed-model-monitor", "vertex model monitoring", repo{"08-model-monitoring.ipynb": "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\n\"objective = ModelMonitoringObjectiveConfig(skew_detection_config=skew)\"\n]}]}\n"}, true},
	{"production_monitoring", "drift-monitoring-code", "evidently drift report in a monitoring job", repo{"monitoring/drift_report.py": "from evidently.report import Report\n"}, true},
	{"production_monitoring", "drift-monitoring-code", "evidently on training data only", repo{"pipelines/feature_engineering.py": "from evidently.report import Report\n"}, false},

	// automated_retraining
	{"automated_retraining", "monitor-alarm-starts-retraining", "eventbridge alarm rule retrains", repo{"pipeline.yml": "Resources:\n  RetrainRule:\n    Type: AWS::Events::Rule\n    Properties:\n      EventPattern:\n        detail-type: [CloudWatch Alarm State Change]\n        detail:\n          alarmName: [model-drift-alarm]\n"}, true},
	{"automated_retraining", "monitor-alarm-starts-retraining", "alarm that only notifies", repo{"pipeline.yml": "Resources:\n  Rule:\n    Type: AWS::Events::Rule\n    Properties:\n      EventPattern:\n        detail-type: [CloudWatch Alarm State Change]\n      Targets: [email]\n"}, false},

	// automated_model_testing
	{"automated_model_testing", "scheduled-model-quality-monitor", "inference log monitor with labels", repo{"resources/monitoring-resource.yml": "resources:\n  quality_monitors:\n    m:\n      inference_log:\n        prediction_col: prediction\n        label_col: price\n      schedule:\n        quartz_cron_expression: 0 0 8 * * ?\n"}, true},
	{"automated_model_testing", "scheduled-model-quality-monitor", "monitor without labels", repo{"resources/monitoring-resource.yml": "resources:\n  quality_monitors:\n    m:\n      snapshot: {}\n"}, false},

	// zero_downtime_deployment
	{"zero_downtime_deployment", "codedeploy-canary-or-linear", "sam canary deployment", repo{"assets/deploy-model-prd.yml": "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      DeploymentPreference:\n        Type: Canary10Percent5Minutes\n"}, true},
	{"zero_downtime_deployment", "codedeploy-canary-or-linear", "all at once", repo{"assets/deploy-model-prd.yml": "Resources:\n  Fn:\n    Properties:\n      DeploymentPreference:\n        Type: AllAtOnce\n"}, false},
	{"zero_downtime_deployment", "service-mesh-weighted-blue-green", "istio weights between blue and green", repo{"charts/abtest-istio/templates/istio-canary.yaml": "kind: VirtualService\nspec:\n  http:\n    - route:\n        - destination:\n            host: model-blue\n          weight: 50\n        - destination:\n            host: model-green\n          weight: 50\n"}, true},
	{"zero_downtime_deployment", "progressive-delivery", "seldon canary traffic split", repo{"deploy/seldon.yaml": "kind: SeldonDeployment\nspec:\n  predictors:\n    - name: main\n      traffic: 90\n    - name: canary\n      traffic: 10\n"}, true},
	// rules that existed before, positive cases (their negatives are in capabilityCases)
	{"application_unit_tests", "ci-uses-test-task", "azure pipeline publishes test results", repo{"azure-pipelines.yml": "trigger: [main]\nsteps:\n  - task: PublishTestResults@2\n", "tests/test_a.py": testsTree}, true},
	{"experiment_tracking", "mlproject", "mlflow project", repo{"MLproject": "name: p\nentry_points:\n  main:\n    command: python train.py\n"}, true},
	{"managed_compute", "azureml-or-sagemaker-sdk", "sagemaker estimator on an instance type", repo{"pipelines/pipeline.py": "import sagemaker\nestimator = Estimator(image_uri=img, instance_type='ml.m5.xlarge')\n"}, true},
	{"managed_compute", "conda-training-environment", "pinned conda environment", repo{"environments/train.yml": "name: train\ndependencies:\n  - python=3.11\n"}, true},
	{"automated_training", "azureml-schedule", "azure ml schedule", repo{"mlops/schedule.yml": "create_job: ./train-job.yml\ntrigger:\n  type: recurrence\n"}, true},
	{"model_registry", "azureml-model-asset", "azure ml model asset", repo{"mlops/model.yml": "$schema: https://azuremlschemas.azureedge.net/latest/model.schema.json\nname: churn\n"}, true},
	{"de_se_integration", "great-expectations-project", "great expectations project", repo{"gx/great_expectations.yml": "config_version: 3\n"}, true},
	{"application_integration_tests", "ci-smoke-tests-deployed-service", "smoke test of the service", repo{".pipelines/cd.yml": "steps:\n  - script: python -m ml_service.util.smoke_test_scoring_service --service aci-svc\n"}, true},
	{"model_release_tests", "evaluation-gate-code", "gate script exits on a floor", repo{"scripts/evaluate_gate.py": "import sys\nchampion = registry['production']\nif auc < threshold or auc < champion.auc:\n    sys.exit(1)\n"}, true},
	{"ab_testing", "champion-challenger-analysis", "challenger analysis", repo{"analysis/compare_challenger.py": "# challenger gets 10% of traffic\nchallenger = load()\nsplit = route(traffic)\np_value = ttest(a, b)\n"}, true},
	{"data_lineage", "lineage-record-code", "lineage record", repo{"src/lineage.py": "record = {'git_sha': sha, 'data_sha256': data_hash, 'deployment': name}\n"}, true},
	{"production_feedback_loop", "scheduled-feedback-job", "scheduled feedback job", repo{".github/workflows/feedback.yml": "on:\n  schedule:\n    - cron: '0 5 * * *'\njobs:\n  f:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python jobs/feedback_join.py\n"}, true},
	{"automated_retraining", "azure-action-group-retrains", "azure action group retrains", repo{"infra/alerts.bicep": "resource ag 'Microsoft.Insights/actionGroups@2023-01-01' = {\n  name: 'retrain-model'\n}\n"}, true},
	{"automated_model_testing", "scheduled-production-evaluation", "scheduled production evaluation", repo{".github/workflows/eval.yml": "on:\n  schedule:\n    - cron: '0 6 * * *'\njobs:\n  e:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python scripts/production_eval.py\n"}, true},
	{"zero_downtime_deployment", "azureml-blue-green", "azure ml blue/green traffic", repo{"deploy.sh": "az ml online-deployment create --name green --endpoint e\naz ml online-endpoint update --name e --traffic 'blue=90 green=10'\n"}, true},

	{"automated_builds", "ci-runs-build-script", "pull requests submit a job whose script tests", repo{".github/workflows/workloads.yml": "on:\n  pull_request:\njobs:\n  w:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pip install anyscale typer\n      - run: anyscale jobs submit deploy/jobs/workloads.yaml\n", "deploy/jobs/workloads.sh": "python -m pytest tests/code\n"}, true},
	{"automated_builds", "ci-runs-build-script", "the script CI runs only notifies", repo{".github/workflows/notify.yml": "on: push\njobs:\n  n:\n    runs-on: ubuntu-latest\n    steps:\n      - run: bash scripts/notify.sh\n", "scripts/notify.sh": "curl -X POST $HOOK\n"}, false},
	{"automated_training", "codepipeline-runs-training-on-commit", "sagemaker project build pipeline", repo{"sm-custom-projects/build-train-deploy-codepipeline.yaml": "Resources:\n  ModelBuildPipeline:\n    Type: AWS::CodePipeline::Pipeline\n    Properties:\n      Stages:\n        - Name: Source\n          Actions:\n            - ActionTypeId: {Provider: CodeStarSourceConnection}\n        - Name: Build\n          Actions:\n            - Name: BuildAndExecuteSageMakerPipeline\n"}, true},
	{"automated_training", "codepipeline-runs-training-on-commit", "a pipeline that deploys a website", repo{"infra/site-pipeline.yaml": "Resources:\n  SitePipeline:\n    Type: AWS::CodePipeline::Pipeline\n    Properties:\n      Stages:\n        - Name: Source\n          Actions:\n            - ActionTypeId: {Provider: CodeCommit}\n        - Name: Deploy\n"}, false},

	{"production_monitoring", "managed-model-monitor", "whylogs profiles the scored batch", repo{"jobs/batch_score_job.py": "import whylogs as why\nresults = why.log(pandas=predictions)\n"}, true},
	{"production_monitoring", "managed-model-monitor", "whylogs only installed", repo{"jobs/batch_score_job.py": "import pandas as pd\n# why.log(pandas=predictions)\n"}, false},
	{"zero_downtime_deployment", "gradual-endpoint-traffic", "vertex deploy with a traffic share", repo{"pipelines/deploy_model.py": "endpoint.deploy(model=model, traffic_percentage=10, machine_type='n1-standard-4')\n"}, true},
	{"zero_downtime_deployment", "gradual-endpoint-traffic", "all traffic at once", repo{"pipelines/deploy_model.py": "endpoint.deploy(model=model, traffic_percentage=100)\n"}, false},
	{"automated_data_pipeline", "prefect-deployment-schedule", "prefect deployment of an ingest flow", repo{"prefect.yaml": "deployments:\n  - name: nightly-ingest\n    entrypoint: flows/ingest.py:ingest_orders\n    schedules:\n      - cron: '0 2 * * *'\n"}, true},
	{"automated_data_pipeline", "prefect-deployment-schedule", "prefect deployment without a schedule", repo{"prefect.yaml": "deployments:\n  - name: ingest\n    entrypoint: flows/ingest.py:ingest_orders\n"}, false},
	{"automated_training", "prefect-deployment-schedule-trains", "prefect deployment of a training flow", repo{"prefect.yaml": "deployments:\n  - name: weekly-train\n    entrypoint: flows/train.py:train_model\n    schedules:\n      - interval: 604800\n"}, true},
	{"automated_training", "prefect-deployment-schedule-trains", "scheduled prefect report", repo{"prefect.yaml": "deployments:\n  - name: report\n    entrypoint: flows/report.py:send\n    schedules:\n      - cron: '0 8 * * 1'\n"}, false},

	{"automated_model_release", "ci-promotes-through-stages", "gitlab stages train, test, deploy to one server", repo{".gitlab-ci.yml": "stages:\n  - train\n  - deploy\ndeploy:\n  stage: deploy\n  script:\n    - scp deploy.py server:/app\n"}, false},
	{"automated_model_release", "ci-promotes-through-stages", "github staging job then production environment", repo{".github/workflows/deploy.yml": "on: workflow_dispatch\njobs:\n  StagingDeploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python deploy_stack.py --stage staging\n  ProductionDeploy:\n    needs: StagingDeploy\n    environment:\n      name: production\n    runs-on: ubuntu-latest\n    steps:\n      - run: python deploy_stack.py --stage prod\n"}, true},

	{"automated_model_release", "ci-deploys-bundle-to-staging-then-prod", "bundle deployed to staging and prod", repo{".github/workflows/cd-staging.yml": "on:\n  push:\n    branches: [main]\njobs:\n  s:\n    runs-on: ubuntu-latest\n    steps:\n      - run: databricks bundle deploy -t staging\n", ".github/workflows/cd-prod.yml": "on:\n  push:\n    branches: [release]\njobs:\n  p:\n    runs-on: ubuntu-latest\n    steps:\n      - run: databricks bundle deploy -t prod\n"}, true},
	{"automated_model_release", "ci-deploys-bundle-to-staging-then-prod", "bundle deployed to prod only", repo{".github/workflows/cd-prod.yml": "on: push\njobs:\n  p:\n    runs-on: ubuntu-latest\n    steps:\n      - run: databricks bundle deploy -t prod\n"}, false},

	{"centralized_training_metrics", "code-compares-runs", "a test that searches runs", repo{"tests/jobs/test_tuning.py": "def test_tuning(client):\n    runs = client.search_runs(experiment_ids=ids, order_by=['metrics.best'])\n    assert runs\n"}, false},
	{"training_code_versioned", "training-code-and-pinned-dependencies", "sagemaker pipeline defines the training step", repo{"pipelines/churn/pipeline.py": "step_train = TrainingStep(name='Train', estimator=xgb_train)\n", "setup.py": "required_packages = ['sagemaker==2.93.0']\n"}, true},

	// negatives of the rules above
	{"managed_compute", "cloud-training-job", "vertex endpoint only", repo{"pipelines/deploy_pipeline.py": "endpoint = aiplatform.Endpoint(name)\nendpoint.predict([x])\n"}, false},
	{"managed_compute", "cluster-compute-definition", "compute file without machine types", repo{"deploy/cluster_compute.yaml": "name: c\nregion: us-west-2\n"}, false},
	{"managed_compute", "ci-launches-cloud-runner", "cml only comments", repo{".github/workflows/exp.yml": "on: push\njobs:\n  l:\n    runs-on: ubuntu-latest\n    steps:\n      - run: cml comment create report.md\n"}, false},
	{"experiment_tracking", "databricks-bundle-experiment", "bundle without experiments", repo{"resources/ml-artifacts.yml": "resources:\n  jobs:\n    j:\n      name: j\n"}, false},
	{"model_registry", "registry-in-infrastructure", "a bucket only", repo{"infra/template.yml": "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"}, false},
	{"automated_training", "scheduled-dag-trains", "cdk schedule of a report", repo{"infra/report_construct.py": "rule = events.Rule(self, 'Schedule', schedule=events.Schedule.expression('rate(1 day)'))\nrule.add_target(report_lambda)\n"}, false},
	{"centralized_training_metrics", "evaluator-compares-with-baseline", "tfma value threshold only", repo{"pipelines/training_pipeline.py": "threshold = tfma.MetricThreshold(value_threshold=tfma.GenericValueThreshold(lower_bound={'value': 0.7}))\n"}, false},
	{"automated_model_release", "registry-approval-starts-deployment", "approval event that only notifies", repo{"infra/template.yml": "Resources:\n  Rule:\n    Properties:\n      Description: notify the team\n      EventPattern:\n        detail-type:\n          - SageMaker Model Package State Change\n"}, false},
	{"automated_model_release", "registry-stage-triggers-deployment", "gto tag parsed, nothing deployed", repo{".gitlab-ci.yml": "parse:\n  script:\n    - gto check-ref $CI_COMMIT_TAG --stage\n"}, false},
	{"model_release_tests", "pipeline-condition-gate", "kubeflow condition on a flag", repo{"ml_pipeline.py": "with dsl.Condition(flag_op.output == 'true'):\n    notify()\n"}, false},
	{"model_release_tests", "promotion-only-when-better", "promotes without comparing", repo{"steps/model_promoter.py": "def promote():\n    model.set_stage('production')\n"}, false},
	{"model_release_tests", "ci-runs-model-tests", "code tests only", repo{"deploy/jobs/workloads.sh": "pytest tests/code --verbose\n"}, false},
	{"ab_testing", "ab-test-deployment", "abtest chart without weights", repo{"charts/abtest-istio/Chart.yaml": "name: abtest-istio\nversion: 0.1.0\n"}, false},
	{"production_monitoring", "managed-model-monitor", "monitoring permissions only", repo{"infra/template.yml": "Policy:\n  Action:\n    - sagemaker:DescribeMonitoringSchedule\n"}, false},
	{"zero_downtime_deployment", "service-mesh-weighted-blue-green", "one route, all traffic", repo{"charts/app/templates/vs.yaml": "kind: VirtualService\nspec:\n  http:\n    - route:\n        - destination:\n            host: model\n          weight: 100\n"}, false},
}

func TestEvidenceRules(t *testing.T) {
	for _, tc := range ruleCases {
		t.Run(tc.rule+"/"+tc.name, func(t *testing.T) {
			f, ok := scanRepo(t, tc.files).Finding(tc.id)
			if !ok {
				t.Fatalf("no finding for %s", tc.id)
			}
			if !tc.want {
				if f.Detected {
					t.Fatalf("%s detected, want not: %+v", tc.id, f.Evidence)
				}
				return
			}
			if !slices.ContainsFunc(f.Evidence, func(e evidenceOf) bool { return e.Rule == tc.rule }) {
				t.Fatalf("rule %s did not decide %s: detected %v, evidence %+v", tc.rule, tc.id, f.Detected, f.Evidence)
			}
		})
	}
}

// TestEveryRuleIsExercisedAndExplained: every rule of the built-in catalog
// has a reason in words and decides at least one case of these tables; the
// rules added for real repositories have a negative case too.
func TestEveryRuleIsExercisedAndExplained(t *testing.T) {
	fired := map[string]bool{}
	for _, tc := range capabilityCases {
		if !tc.want {
			continue
		}
		f, _ := scanRepo(t, tc.files).Finding(tc.id)
		for _, e := range f.Evidence {
			fired[tc.id+"/"+e.Rule] = true
		}
	}
	negative := map[string]bool{}
	for _, tc := range ruleCases {
		if tc.want {
			fired[tc.id+"/"+tc.rule] = true
		} else {
			negative[tc.id+"/"+tc.rule] = true
		}
	}
	for _, cp := range maturity.MustDefault().Capabilities {
		for _, r := range cp.Evidence {
			key := cp.ID + "/" + r.Name
			if !fired[key] {
				t.Errorf("rule %s has no positive case", key)
			}
			if len(r.Reason) < 20 {
				t.Errorf("rule %s: reason %q does not explain it", key, r.Reason)
			}
		}
	}
	for _, tc := range ruleCases {
		// Rules that existed before have their negatives in capabilityCases.
		key := tc.id + "/" + tc.rule
		coveredElsewhere := preexisting[key] && negativeInCapabilityCases(tc.id)
		if tc.want && !negative[key] && !coveredElsewhere {
			t.Errorf("rule %s has no negative case", key)
		}
	}
}

// preexisting are rules whose negative cases live in capabilityCases.
var preexisting = map[string]bool{
	"application_unit_tests/ci-runs-tests":                          true,
	"managed_environments/per-environment-config-and-pipeline":      true,
	"zero_downtime_deployment/progressive-delivery":                 true,
	"model_integration_tests/test-loads-model-and-scores":           true,
	"training_code_versioned/training-code-and-pinned-dependencies": true,
	"application_unit_tests/ci-uses-test-task":                      true,
	"experiment_tracking/mlproject":                                 true,
	"managed_compute/conda-training-environment":                    true,
	"automated_training/azureml-schedule":                           true,
	"model_registry/azureml-model-asset":                            true,
	"de_se_integration/great-expectations-project":                  true,
	"application_integration_tests/ci-smoke-tests-deployed-service": true,
	"model_release_tests/evaluation-gate-code":                      true,
	"ab_testing/champion-challenger-analysis":                       true,
	"data_lineage/lineage-record-code":                              true,
	"production_feedback_loop/scheduled-feedback-job":               true,
	"automated_retraining/azure-action-group-retrains":              true,
	"automated_model_testing/scheduled-production-evaluation":       true,
	"zero_downtime_deployment/azureml-blue-green":                   true,
}

func negativeInCapabilityCases(id string) bool {
	return slices.ContainsFunc(capabilityCases, func(tc struct {
		id, name string
		files    repo
		want     bool
	}) bool {
		return tc.id == id && !tc.want
	})
}
