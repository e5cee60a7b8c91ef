"""The level 3-4 loop of a generated project, run as its pipelines and image run it.

usage: loop.py <platform> <work folder>   (run from the rendered project, PYTHONPATH=src)

Every pipeline step is a job of the project's own pipeline files, run by the
local runner of pipelines.py (shell steps, expressions, outputs and artifacts as
the platform passes them; actions and tasks that need a cloud are not run). A
local tracking store (MLOPS_TRACKING_BACKEND=local, one folder shared by every
job) stands in for the tracking server the settings name; each job gets a
fresh checkout, as a fresh CI runner would. The service runs as its image does
(configs/ab_test.yaml on). Each step prints one line; a failed expectation raises.
"""

import http.server
import json
import os
import subprocess
import threading
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd

sys.path.insert(0, os.environ["MLOPS_E2E_DIR"])
import pipelines  # noqa: E402

PKG = "PACKAGE"
PROJECT = Path.cwd()
PLATFORM = sys.argv[1]
WORK = Path(sys.argv[2])
STORE = WORK / "tracking-server"
WORK = WORK / "run"
WORK.mkdir()
SAMPLE = PROJECT / "data" / "sample" / "sample.csv"
LABELS = WORK / "labels" / "labels.csv"
# The runner machine: the tracking server is stood in for by a shared local store.
pipelines.HOST_ENV.update({
    "MLOPS_TRACKING_BACKEND": "local",
    "MLOPS_TRACKING_DIR": str(STORE),
    "GIT_DIR": str(WORK / "no-git"),  # lineage: the commit is "unknown" outside git; registration allows it below
    "MLOPS_ALLOW_MISSING_LINEAGE": "1",
    "KUBECTL_LOG": str(WORK / "kubectl.log"),  # the cluster: kubectl calls are recorded (pipelines.py)
})
# The settings a team configures (repository variables and secrets, CI/CD variables, pipeline variables).
SETTINGS = {
    "MLFLOW_TRACKING_URI": "https://tracking.example.invalid",
    "MLFLOW_EXPERIMENT_NAME": "demo-project",
    "GROUND_TRUTH_URL": LABELS.as_uri(),
    "KUBE_CONFIG": "apiVersion: v1\nkind: Config\nclusters: []\n",
}


class PlatformAPI(http.server.BaseHTTPRequestHandler):
    """The CI platform's API, as far as the pipelines call it: records every request."""
    calls = []

    def do_POST(self):  # noqa: N802 - the http.server name
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8", "replace")
        PlatformAPI.calls.append((self.path, body))
        answer = b'{"id": 1, "web_url": "https://platform.example/pipelines/1"}'
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


api = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PlatformAPI)
threading.Thread(target=api.serve_forever, daemon=True).start()
pipelines.API_URL = f"http://127.0.0.1:{api.server_address[1]}"
SETTINGS.update({"GITHUB_TOKEN": "workflow-token", "RETRAIN_TRIGGER_TOKEN": "trigger-token",
                 "AZURE_DEVOPS_PROJECT": "project", "TRAIN_PIPELINE_ID": "7"})
BASE = dict(pipelines.HOST_ENV, PATH=os.environ["PATH"], PYTHONPATH=str(PROJECT / "src"),
            PYTHONDONTWRITEBYTECODE="1", MLOPS_MODEL_NAME="demo-project", MLOPS_PREDICTION_LOG_STORE="tracking")
JOBS = 0

# Where each step of the loop lives in each platform's pipeline files.
GITHUB, GITLAB, AZURE = "github_actions", "gitlab_ci", "azure_pipelines"
PIPELINE = {
    "train": {GITHUB: ("train.yml", "train"), GITLAB: "automated_training:train", AZURE: ("automated_training.yml", "train")},
    "release": {
        GITHUB: ("deploy.yml", ["evaluate", "deploy-staging", "smoke-test-staging", "promote-production"]),
        GITLAB: ["automated_model_release:evaluate", "automated_model_release:deploy-staging",
                 "automated_model_release:smoke-test-staging", "automated_model_release:promote-production"],
        AZURE: ("automated_model_release.yml", ["evaluate", "deploy_staging", "smoke_test_staging", "promote_production"]),
    },
    "feedback": {GITHUB: ("feedback.yml", ["config", "feedback"]), GITLAB: "production_feedback_loop:feedback",
                 AZURE: ("production_feedback_loop.yml", ["config", "feedback"])},
    "ab": {GITHUB: ("ab-analysis.yml", ["ab-config", "ab-analysis"]), GITLAB: "ab_testing:ab-analysis",
           AZURE: ("ab_testing.yml", ["ab_config", "ab_analysis"])},
    "drift": {GITHUB: ("drift-check.yml", ["config", "drift-check"]), GITLAB: "automated_retraining:drift-check",
              AZURE: ("automated_retraining.yml", "drift_check")},
}
# Steps whose last job must run (not be skipped by a settings check).
MUST_RUN = {"train", "feedback", "drift", "ab"}


def job_root(name):
    """A fresh runner folder for one job."""
    global JOBS
    JOBS += 1
    return WORK / f"job-{JOBS:02d}-{name}"


def run_jobs(step, schedule=False, expect_ok=True, retrain=False, stop_before=None, same_run=False):
    """Run the jobs of one step of the loop on this platform, in order, passing outputs on, in a new
    pipeline run (same_run: in the run of the previous step, as GitLab's training pipeline goes on
    to the release jobs). Returns the results, by job name."""
    if not same_run:
        pipelines.new_pipeline_run()
    where = PIPELINE[step][PLATFORM]
    if stop_before is not None:  # the last jobs wait for an approval that is not given
        if PLATFORM == GITLAB:
            where = where[:stop_before]
        else:
            where = (where[0], where[1][:stop_before])
    results, outputs = {}, {}
    if PLATFORM == GITHUB:
        file, names = where
        for name in [names] if isinstance(names, str) else names:
            job = pipelines.GitHubJob(PROJECT / ".github" / "workflows" / file, name)
            needed = {n: outputs[n] for n in job.job.get("needs", []) if n in outputs} if isinstance(
                job.job.get("needs"), list) else {k: v for k, v in outputs.items() if k == job.job.get("needs")}
            if any(r.skipped for r in results.values()):
                result = pipelines.JobResult(name, True, {}, "[a job it needs was skipped]", WORK, skipped=True)
            else:
                result = job.run(job_root(name), WORK, secrets=SETTINGS, variables=SETTINGS,
                                 event="repository_dispatch" if retrain else "schedule" if schedule else "workflow_dispatch",
                                 needs=needed)
            results[name], outputs[name] = result, result.outputs
            if not result.ok:
                break
    elif PLATFORM == GITLAB:
        for name in [where] if isinstance(where, str) else where:
            given = dict(SETTINGS, RETRAIN="true") if retrain else SETTINGS
            result = pipelines.GitLabJob(PROJECT, name).run(job_root(name.split(":")[-1]), WORK, variables=given,
                                                             source="trigger" if retrain else "schedule" if schedule else "web")
            results[name.split(":")[-1]] = result
            if not result.ok:
                break
    else:
        file, names = where
        deps = {}
        for name in [names] if isinstance(names, str) else names:
            job = pipelines.AzureJob(PROJECT / ".azure" / "pipelines" / file, name)
            if any(r.skipped for r in results.values()):
                result = pipelines.JobResult(name, True, {}, "[a stage or job it depends on was skipped]", WORK,
                                             skipped=True)
            else:
                result = job.run(job_root(name), WORK, variables=SETTINGS, dependencies=deps,
                                 reason="Schedule" if schedule else "Manual")
            deps.update(result.outputs)
            results[name.replace("_", "-")] = result
            if not result.ok:
                break
    last = list(results.values())[-1]
    if step in MUST_RUN and last.skipped:
        raise pipelines.JobFailed(f"{step}: job {last.name} was skipped with the settings {sorted(SETTINGS)}\n"
                                  + "\n".join(r.log for r in results.values()))
    failed = [r for r in results.values() if not r.ok]
    if expect_ok and failed:
        raise pipelines.JobFailed(f"{step}: job {failed[0].name} failed\n{failed[0].log}")
    return results


def module(name):
    return f"{PKG}.{name}"


def registry():
    return json.loads((STORE / "registry" / "demo-project" / "model.json").read_text())


def aliases():
    return registry()["aliases"]


def say(text):
    print(f"loop: {text}", flush=True)


def run(root, *args, expect=(0,), env=None):
    """A command outside any pipeline (the service, a developer's hand-made model)."""
    if not root.exists():
        pipelines.checkout(PROJECT, root)  # a developer's working copy
    full = dict(BASE, PYTHONPATH=str(root / "src"), **(env or {}))
    proc = subprocess.run([sys.executable, *args], cwd=root, env=full, capture_output=True, text=True, timeout=300)
    if proc.returncode not in expect:
        raise AssertionError(f"{' '.join(args)}: exit {proc.returncode}, want {expect}\n{proc.stdout}\n{proc.stderr}")
    return proc


def release(expect_ok=True, approve=True, after_training=True):
    """The model release pipeline: gate, staging, smoke test and, when the production approval is
    given, production. After training it goes on in the training's run where the platform does
    (GitLab); a release on its own is a run of its own. Returns its results."""
    return run_jobs("release", expect_ok=expect_ok, stop_before=None if approve else -1,
                    same_run=after_training and PLATFORM == GITLAB)


# 1. Train v1 and promote it: the training pipeline, then the model release pipeline.
run_jobs("train")
v1 = aliases()["candidate"]
assert "challenger" not in aliases(), aliases()
release()
assert aliases()["champion"] == v1 and aliases()["staging"] == v1, aliases()
calls = (WORK / "kubectl.log").read_text().splitlines()
for namespace in ("demo-project-staging", "demo-project"):
    restarts = [c for c in calls if "rollout restart" in c and f" {namespace} " in f" {c} "]
    assert restarts, f"no rollout restart in {namespace}: {calls}"
say(f"v1 = version {v1} trained, passed the gate, staged, smoke-tested and promoted by the pipelines")

# 2. Serve with the A/B test on (the image's config), predictions logged durably.
serving = WORK / "serving-pod"
serving.mkdir()
port = 18000 + os.getpid() % 1000
server_env = dict(BASE, MLOPS_PROJECT_ROOT=str(serving), MLOPS_MODEL_ALIAS="champion", PORT=str(port),
                  HOST="127.0.0.1", MLOPS_PREDICTION_LOG_FLUSH_ROWS="50")
(serving / "configs").mkdir()
(serving / "configs" / "ab_test.yaml").write_bytes((PROJECT / "configs" / "ab_test.yaml").read_bytes())


def serve():
    proc = subprocess.Popen([sys.executable, "-m", module("serve")], cwd=serving, env=server_env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1) as answer:
                return proc, json.load(answer)
        except OSError:
            if proc.poll() is not None:
                raise AssertionError(f"the service exited: {proc.stdout.read()}")
            time.sleep(0.1)
    proc.kill()
    raise AssertionError("the service never answered /health")


def stop(proc):
    proc.terminate()  # SIGTERM: the service stores its last part of the log
    proc.wait(timeout=30)


def predict(records):
    body = json.dumps({"records": records}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/predict", data=body,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer)["predictions"]


sample = pd.read_csv(SAMPLE)
features = ["feature_a", "feature_b", "feature_c", "feature_d", "tenure_months"]
# Production moved: feature_c is shifted (inside the input contract), and the labels that arrive
# follow another concept (feature_c no longer matters), which the champion misses and a retrain learns.
shifted = sample.copy()
shifted["feature_c"] = shifted["feature_c"] + 3.0
records = [dict(r, request_id=f"prod-{i}", user_id=f"user-{i % 97}") for i, r in
           enumerate(shifted[features].to_dict("records"))]
proc, health = serve()
assert health["model_version"] == v1, health
predictions = predict(records)
stop(proc)
served = {p.get("variant") for p in predictions}
assert served == {"champion", "challenger"}, served  # the challenger is v1 too: it passed the gate
say(f"served {len(predictions)} production predictions with the A/B test on ({sorted(served)})")

# 3. The log is durable: a fresh job (not the pod) reads every prediction.
root = WORK / "collect"
run(root, "-m", module("prediction_log"), "collect")
log = pd.read_csv(root / "data" / "predictions" / "predictions.csv")
# Production traffic only: the pipelines' smoke tests log nothing there.
assert set(log["request_id"]) == {r["request_id"] for r in records}, sorted(set(log["request_id"]))[:10]
say(f"the durable log holds {len(log)} predictions")

# 4. Labels arrive (GROUND_TRUTH_URL): the feedback pipeline joins them and stores the labelled rows.
LABELS.parent.mkdir(parents=True)
production_labels = (2.6 * shifted["feature_a"] - 1.98 * shifted["feature_b"] > 0).astype(int)
pd.DataFrame({"request_id": [r["request_id"] for r in records], "label": production_labels}).to_csv(LABELS, index=False)
feedback = run_jobs("feedback", schedule=True)
summary = json.loads((list(feedback.values())[-1].root / "artifacts" / "feedback_summary.json").read_text())
assert summary["joined"] == len(records) and summary["feedback_file"]["stored"], summary
say(f"feedback pipeline: {summary['joined']} labelled predictions stored")

# 5. Shifted data raises drift, against the champion's training snapshot.
drift = run_jobs("drift", schedule=True)
report = json.loads((list(drift.values())[-1].root / "artifacts" / "drift_report.json").read_text())
assert report["status"] == "drift" and "feature_c" in report["drifted_features"], report
v1_data = registry()["versions"][v1]["tags"]["data_sha256"]
assert Path(report["reference"]).name == f"{v1_data}.csv", report["reference"]
# The platform's own way to start the training: repository_dispatch `retrain` (GitHub), the
# pipeline trigger API with RETRAIN=true (GitLab), a run of the training pipeline (Azure).
RETRAIN_PATHS = {GITHUB: "/repos/team/project/dispatches", GITLAB: "/api/v4/projects/1/trigger/pipeline",
                 AZURE: "/org/project/_apis/pipelines/7/runs"}
events = [call for call in PlatformAPI.calls if call[0].startswith(RETRAIN_PATHS[PLATFORM])]
assert events, f"the drift pipeline sent no retrain event: {PlatformAPI.calls}"
say(f"drift pipeline: drift found (max PSI {report['max_psi']:.2f}) against the champion's snapshot {v1_data[:12]}; "
    f"retrain event sent to {events[-1][0]}")

# 6. Retraining (the retrain event) reads the new production data and yields a different candidate.
train = run_jobs("train", retrain=True)
snapshot = json.loads((list(train.values())[-1].root / "data" / "snapshot.json").read_text())
assert snapshot.get("feedback_rows") == len(records), snapshot
assert snapshot["sha256"] != v1_data
v2 = aliases()["candidate"]
assert v2 != v1, v2
assert registry()["versions"][v2]["tags"]["data_sha256"] == snapshot["sha256"]
results = release(expect_ok=False, approve=False)
gate = json.loads((results["evaluate"].root / "artifacts" / "evaluation.json").read_text())
assert gate["holdout"]["sha256"] == snapshot["sha256"], gate["holdout"]
assert gate["champion"]["version"] == v1 and gate["champion"]["metrics"], gate["champion"]
assert results["evaluate"].ok, results["evaluate"].log
assert gate["candidate"]["metrics"]["roc_auc"] > gate["champion"]["metrics"]["roc_auc"], gate
assert aliases().get("challenger") == v2, aliases()
say(f"v2 = version {v2} retrained on production data ({snapshot['rows']} rows), judged with the champion "
    f"on the same holdout (roc_auc {gate['candidate']['metrics']['roc_auc']:.3f} vs "
    f"{gate['champion']['metrics']['roc_auc']:.3f}): passed, now the challenger")

# 7. A blocked candidate gets no traffic: a bad model registered by hand, then the release pipeline.
root = WORK / "train-bad"
run(root, "-m", module("ingest"))
run(root, "-c", f"""
import json
from {PKG} import model as model_lib, paths, datasets
path, sha = datasets.training_data()
frame = model_lib.load_frame(path)
estimator = model_lib.build_model().fit(frame[model_lib.FEATURES], 1 - frame[model_lib.TARGET])
model_lib.save_model(estimator, paths.model_artifact(), {{"version": "bad", "data_sha256": sha}})
""")
v3 = run(root, "-m", module("register")).stdout.strip().splitlines()[-1]
before = dict(aliases())
results = release(expect_ok=False, after_training=False)
assert not results["evaluate"].ok and len(results) == 1, {k: r.ok for k, r in results.items()}
assert aliases().get("challenger") == before.get("challenger") != v3, aliases()
assert aliases()["champion"] == before["champion"], aliases()
proc, health = serve()
answered = predict(records)
stop(proc)
assert all(p["model_version"] != v3 for p in answered), "the blocked candidate served traffic"
say(f"v3 = version {v3} blocked by the release pipeline's gate: 0 of {len(answered)} predictions from it")

# 8. An unchanged week: the scheduled training registers nothing, the release asks nothing.
versions = len(registry()["versions"])
candidate = aliases()["candidate"]
run_jobs("train", schedule=True)
assert len(registry()["versions"]) == versions, "an unchanged week registered a version"
results = release()
assert "promote-production" not in results or results["promote-production"].skipped or \
    "Nothing new" in results["promote-production"].log, {k: r.log[-400:] for k, r in results.items()}
say("an unchanged week registered nothing and released nothing")

# 9. The A/B test of champion v1 and challenger v2: live traffic, labels, then the A/B analysis
# pipeline reads the durable log joined with the stored feedback.
records_ab = [dict(r, request_id=f"ab-{i}") for i, r in enumerate(records)]
proc, health = serve()
answered = predict(records_ab)
stop(proc)
by_variant = {v: {p["model_version"] for p in answered if p.get("variant") == v} for v in ("champion", "challenger")}
assert by_variant == {"champion": {v1}, "challenger": {v2}}, by_variant
pd.DataFrame({"request_id": [r["request_id"] for r in records_ab], "label": production_labels}).to_csv(LABELS, index=False)
run_jobs("feedback", schedule=True)
ab = run_jobs("ab", schedule=True, expect_ok=False)
decision_file = list(ab.values())[-1].root / "ab_decision.json"
assert decision_file.exists(), "\n".join(r.log for r in ab.values())
decision = json.loads(decision_file.read_text())
counted = decision["champion"]["n"] + decision["challenger"]["n"]
assert counted == 2 * len(records) and decision["challenger"]["n"] > 0, decision
assert decision["decision"] in ("promote_challenger", "keep_champion", "keep_collecting"), decision
say(f"A/B analysis pipeline: {decision['champion']['n']} champion and {decision['challenger']['n']} challenger "
    f"outcomes from the durable log and the stored feedback: {decision['decision']}")
