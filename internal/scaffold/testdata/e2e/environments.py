"""The environments pipeline of a generated project, run as its platform runs it.

usage: environments.py <platform> <registry> <work folder>   (run from the rendered project, PYTHONPATH=src)

The validate job and every stage's jobs of the project's own environments pipeline run in order
(dev, test, prod) through the local runner of pipelines.py, with the settings a team configures.
kubectl, terraform and az are stand-ins that record their calls. Checked: each stage applies its
own namespace manifest with the kubeconfig it was given; on azureml, each stage applies its own
Terraform state and tfvars, signed in as the writer identity, and registers the training
environment in the workspace Terraform reports, after an Azure sign-in. Each check prints a line;
a failed one raises.
"""

import os
import re
import sys
from pathlib import Path

sys.path.insert(0, os.environ["MLOPS_E2E_DIR"])
import pipelines  # noqa: E402

PROJECT = Path.cwd()
PLATFORM, REGISTRY = sys.argv[1], sys.argv[2]
WORK = Path(sys.argv[3])
STAGES = ["dev", "test", "prod"]
KUBECTL_LOG, TOOLS_LOG = WORK / "kubectl.log", WORK / "tools.log"
KUBECONFIG = "apiVersion: v1\nkind: Config\nclusters: []\n"
WRITER_CLIENT_ID = "00000000-0000-0000-0000-0000000000a1"
pipelines.HOST_ENV.update({"KUBECTL_LOG": str(KUBECTL_LOG), "TOOLS_LOG": str(TOOLS_LOG)})

# The settings a team configures for this pipeline (SECURITY.md of the project).
SETTINGS = {
    "KUBE_CONFIG": KUBECONFIG,
    "MLFLOW_TRACKING_URI": "https://tracking.example.invalid",
    "TF_STATE_RESOURCE_GROUP": "rg-tfstate",
    "TF_STATE_STORAGE_ACCOUNT": "sttfstate",
    "AZURE_CLIENT_ID": WRITER_CLIENT_ID,
    "AZURE_TENANT_ID": "00000000-0000-0000-0000-0000000000b2",
    "AZURE_SUBSCRIPTION_ID": "00000000-0000-0000-0000-0000000000c3",
}
if PLATFORM == "gitlab_ci":  # KUBE_CONFIG is a file variable there: the job gets the file's path
    kubeconfig_file = WORK / "kube-config"
    kubeconfig_file.write_text(KUBECONFIG)
    SETTINGS["KUBE_CONFIG"] = str(kubeconfig_file)


def jobs():
    """The jobs of the environments pipeline, in the order the pipeline runs them."""
    if PLATFORM in ("github_actions", "azure_pipelines"):
        return ["validate"] + STAGES
    if PLATFORM != "gitlab_ci":
        raise SystemExit(f"no job list for the platform {PLATFORM} in environments.py")
    names = ["managed_environments:validate"]
    for stage in STAGES:
        names.append(f"managed_environments:{stage}")
        if REGISTRY == "azureml":
            names += [f"managed_environments:{stage}:workspace", f"managed_environments:{stage}:environment"]
    return names


def run_all():
    pipelines.new_pipeline_run()
    outputs = {}
    for n, name in enumerate(jobs()):
        root = WORK / f"job-{n:02d}-{name.replace(':', '-')}"
        if PLATFORM == "github_actions":
            job = pipelines.GitHubJob(PROJECT / ".github" / "workflows" / "environments.yml", name)
            needs = job.job.get("needs")
            needs = [needs] if isinstance(needs, str) else needs or []
            result = job.run(root, WORK, secrets=SETTINGS, variables=SETTINGS, event="workflow_dispatch",
                             needs={k: outputs[k] for k in needs if k in outputs})
        elif PLATFORM == "gitlab_ci":
            result = pipelines.GitLabJob(PROJECT, name).run(root, WORK, variables=dict(SETTINGS, MLOPS_PIPELINE="environments"))
        else:
            job = pipelines.AzureJob(PROJECT / ".azure" / "pipelines" / "managed_environments.yml", name)
            result = job.run(root, WORK, variables=SETTINGS, secrets={"KUBE_CONFIG": KUBECONFIG})
        if not result.ok or result.skipped:
            raise pipelines.JobFailed(f"job {name} {'was skipped' if result.skipped else 'failed'}:\n{result.log}")
        outputs[name] = result.outputs
        print(f"job {name}: ok")


def lines(path):
    return path.read_text().splitlines() if path.exists() else []


def check_cluster():
    applied = [line for line in lines(KUBECTL_LOG) if line.startswith("apply -f ")]
    stages = [re.search(r"infra/k8s/(\w+)\.yml$", line) for line in applied]
    got = [m.group(1) for m in stages if m]
    assert got == STAGES, f"namespace manifests applied {got}, want {STAGES} in order: {applied}"
    print(f"cluster: namespace, quota and limits of {', '.join(got)} applied in order")


def check_azureml():
    calls = lines(TOOLS_LOG)
    seen, stage_start = [], 0
    for stage in STAGES:
        init = [i for i, c in enumerate(calls) if c.startswith("terraform ") and " init " in c and f"key=demo-project-{stage}.tfstate" in c]
        assert len(init) == 1, f"{stage}: want one terraform init with its own state key, got {init}: {calls}"
        i = init[0]
        assert "storage_account_name=sttfstate" in calls[i] and "resource_group_name=rg-tfstate" in calls[i], calls[i]
        signed_in = calls[i + 1]  # the stand-in records who init signs in as right after the call
        assert signed_in.startswith("terraform-env "), signed_in
        settings = dict(kv.split("=", 1) for kv in signed_in.split()[1:])
        assert settings["ARM_USE_OIDC"] == "true", f"{stage}: Terraform does not sign in with OIDC: {signed_in}"
        want_client = pipelines.SERVICE_CONNECTION_IDENTITY["servicePrincipalId"] if PLATFORM == "azure_pipelines" \
            else WRITER_CLIENT_ID
        assert settings["ARM_CLIENT_ID"] == want_client, f"{stage}: Terraform signs in as {settings['ARM_CLIENT_ID']}, want {want_client}"
        assert settings["ARM_SUBSCRIPTION_ID"], f"{stage}: no subscription for Terraform: {signed_in}"
        if PLATFORM != "github_actions":  # GitHub's token is fetched by the provider from the runner
            assert settings["ARM_OIDC_TOKEN"] == "set", f"{stage}: Terraform gets no OIDC token: {signed_in}"
        rest = calls[i:]
        apply_at = next(k for k, c in enumerate(rest) if c.startswith("terraform ") and " apply " in c)
        assert f"-var-file={stage}.tfvars" in rest[apply_at], rest[apply_at]
        create_at = next(k for k, c in enumerate(rest) if c.startswith("az ml environment create"))
        create = rest[create_at]
        assert create_at > apply_at and "azureml/environment.yml" in create, create
        assert "--resource-group resource_group_name-of-the-state" in create and \
            "--workspace-name workspace_name-of-the-state" in create, f"{stage}: not the workspace Terraform applied: {create}"
        if PLATFORM != "github_actions":  # GitHub's azure/login is an action, not run here
            before = calls[stage_start:i + create_at]
            logins = [c for c in before if c.startswith("az login")]
            assert logins, f"{stage}: the training environment is registered without an Azure sign-in: {before}"
            if PLATFORM == "gitlab_ci":
                assert f"--username {WRITER_CLIENT_ID}" in logins[-1] and "--federated-token gitlab-id-token.api://AzureADTokenExchange." in logins[-1], logins[-1]
        seen.append(stage)
        stage_start = i + create_at + 1
    print(f"azureml: workspace (own state and tfvars, OIDC as the writer) and training environment of {', '.join(seen)}")


run_all()
check_cluster()
if REGISTRY == "azureml":
    check_azureml()
