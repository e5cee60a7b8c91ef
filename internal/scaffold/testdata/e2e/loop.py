"""The level 3-4 loop of a generated project, step by step as its pipelines and image run it.

usage: loop.py <work folder>   (run from the rendered project, PYTHONPATH=src)

A local tracking store (MLOPS_TRACKING_BACKEND=local, one folder shared by every
step) stands in for the tracking server; every pipeline job runs in a fresh
project root, as a fresh CI runner would, and shares nothing else with the others.
Each step prints one line; a failed expectation raises.
"""

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd

PKG = "PACKAGE"
PROJECT = Path.cwd()
WORK = Path(sys.argv[1])
STORE = WORK / "tracking-server"
SAMPLE = PROJECT / "data" / "sample" / "sample.csv"
BASE = {
    "PATH": os.environ["PATH"],
    "PYTHONPATH": str(PROJECT / "src"),
    "PYTHONDONTWRITEBYTECODE": "1",
    "MLOPS_TRACKING_BACKEND": "local",
    "MLOPS_TRACKING_DIR": str(STORE),
    "MLOPS_MODEL_NAME": "demo-project",
    "MLOPS_PREDICTION_LOG_STORE": "tracking",
    "MLOPS_RAW_DATA": str(SAMPLE),
    "GIT_DIR": str(WORK / "no-git"),  # lineage: the commit is "unknown" outside git; registration allows it below
    "MLOPS_ALLOW_MISSING_LINEAGE": "1",
}
JOBS = 0


def job(name):
    """A fresh project root: a new CI runner with nothing on its disk."""
    global JOBS
    JOBS += 1
    root = WORK / f"job-{JOBS:02d}-{name}"
    root.mkdir(parents=True)
    return root


def run(root, *args, expect=(0,), env=None):
    full = dict(BASE, MLOPS_PROJECT_ROOT=str(root), **(env or {}))
    proc = subprocess.run([sys.executable, *args], cwd=PROJECT, env=full, capture_output=True, text=True, timeout=300)
    if proc.returncode not in expect:
        raise AssertionError(f"{' '.join(args)}: exit {proc.returncode}, want {expect}\n{proc.stdout}\n{proc.stderr}")
    return proc


def module(name):
    return f"{PKG}.{name}"


def registry():
    return json.loads((STORE / "registry" / "demo-project" / "model.json").read_text())


def aliases():
    return registry()["aliases"]


def say(text):
    print(f"loop: {text}", flush=True)


# 1. Train v1 and promote it: training pipeline, then the release pipeline.
root = job("train-v1")
run(root, "-m", module("ingest"))
run(root, "-m", module("train"))
v1 = run(root, "-m", module("register")).stdout.strip().splitlines()[-1]
assert aliases()["candidate"] == v1 and "challenger" not in aliases(), aliases()
root = job("release-v1")
run(root, "-m", module("evaluate"), "--candidate-alias", "candidate", "--new-only", "--pass-alias", "challenger")
run(root, "-m", module("promote"), "--version", v1, "--alias", "staging")
run(root, "-m", module("promote"), "--version", v1, "--expect-alias", "staging")
assert aliases()["champion"] == v1
say(f"v1 = version {v1} trained, passed the gate and promoted")

# 2. Serve with the A/B test on (the image's config), predictions logged durably.
serving = job("serving-pod")
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
# Production moved: feature_a is shifted (inside the input contract).
shifted = sample.copy()
shifted["feature_a"] = shifted["feature_a"] + 3.0
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
root = job("collect")
run(root, "-m", module("prediction_log"), "collect")
log = pd.read_csv(root / "data" / "predictions" / "predictions.csv")
assert set(log["request_id"]) >= {r["request_id"] for r in records}, len(log)
say(f"the durable log holds {len(log)} predictions")

# 4. Labels arrive: the feedback job joins them and stores the labelled rows.
root = job("feedback")
truth = root / "data" / "ground_truth" / "labels.csv"
truth.parent.mkdir(parents=True)
pd.DataFrame({"request_id": [r["request_id"] for r in records], "label": sample["label"]}).to_csv(truth, index=False)
run(root, "-m", module("feedback"), "--window-days", "0")
summary = json.loads((root / "artifacts" / "feedback_summary.json").read_text())
assert summary["joined"] == len(records) and summary["feedback_file"]["stored"], summary
say(f"feedback: {summary['joined']} labelled predictions stored")

# 5. Shifted data raises drift, against the champion's training snapshot.
root = job("drift-check")
run(root, "-m", module("drift"), "--window-hours", "0")
report = json.loads((root / "artifacts" / "drift_report.json").read_text())
assert report["status"] == "drift" and "feature_a" in report["drifted_features"], report
v1_data = registry()["versions"][v1]["tags"]["data_sha256"]
assert Path(report["reference"]).name == f"{v1_data}.csv", report["reference"]
say(f"drift found (max PSI {report['max_psi']:.2f}) against the champion's snapshot {v1_data[:12]}")

# 6. Retraining reads the new production data and yields a different candidate.
root = job("retrain")
run(root, "-m", module("ingest"))
snapshot = json.loads((root / "data" / "snapshot.json").read_text())
assert snapshot.get("feedback_rows") == len(records), snapshot
assert snapshot["sha256"] != v1_data
run(root, "-m", module("train"))
v2 = run(root, "-m", module("register")).stdout.strip().splitlines()[-1]
assert v2 not in (v1, "unchanged"), v2
assert registry()["versions"][v2]["tags"]["data_sha256"] == snapshot["sha256"]
root = job("release-v2")
code = run(root, "-m", module("evaluate"), "--candidate-alias", "candidate", "--new-only", "--pass-alias", "challenger",
           expect=(0, 1)).returncode
gate = json.loads((root / "artifacts" / "evaluation.json").read_text())
assert gate["holdout"]["sha256"] == snapshot["sha256"], gate["holdout"]
assert gate["champion"]["version"] == v1 and gate["champion"]["metrics"], gate["champion"]
say(f"v2 = version {v2} retrained on production data ({snapshot['rows']} rows), judged with the champion "
    f"on the same holdout: {'passed' if code == 0 else 'blocked'}")
assert aliases().get("challenger") == (v2 if code == 0 else v1), aliases()

# 7. A blocked candidate gets no traffic.
root = job("train-bad")
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
before = aliases().get("challenger")
root = job("release-v3")
run(root, "-m", module("evaluate"), "--candidate-alias", "candidate", "--new-only", "--pass-alias", "challenger", expect=(1,))
assert aliases().get("challenger") == before != v3, aliases()
proc, health = serve()
answered = predict(records)
stop(proc)
assert all(p["model_version"] != v3 for p in answered), "the blocked candidate served traffic"
say(f"v3 = version {v3} blocked by the gate: 0 of {len(answered)} predictions from it")

# 8. An unchanged week: the scheduled training registers nothing, the release asks nothing.
versions = len(registry()["versions"])
root = job("scheduled-train")
run(root, "-m", module("ingest"))
run(root, "-m", module("train"))
last = run(root, "-m", module("register"), "--model", str(root / "artifacts" / "model.pkl")).stdout.strip().splitlines()[-1]
# v2's data and code again (v3 was a hand-made bad model): identical to v2
assert last == "unchanged", last
assert len(registry()["versions"]) == versions
root = job("scheduled-release")
run(root, "-m", module("evaluate"), "--candidate-alias", "candidate", "--new-only", "--pass-alias", "challenger", expect=(3,))
say("an unchanged week registered nothing and released nothing")
