"""Runs jobs of a generated project's pipeline files the way their platform runs them.

A small local runner for the three CI platforms, enough to execute the shell
steps of one job of a rendered project on this machine:

* GitHub Actions: `run:` steps with workflow, job and step `env:`, `${{ }}`
  expressions (secrets, vars, inputs, env, github, steps, needs; `hashFiles`,
  `toJSON`, `always()`...), step `if:`, GITHUB_OUTPUT / GITHUB_ENV /
  GITHUB_STEP_SUMMARY files, job outputs, `bash -eo pipefail` as the runner does.
* GitLab CI: the job's `before_script` and `script` (after `extends:`,
  `default:` and `!reference`), global and job `variables:` with `$VAR`
  expansion, predefined CI_* variables, `set -eo pipefail` as the shell
  executor does, the dotenv report as the job's outputs.
* Azure Pipelines: `script:`/`bash:` steps of a job or deployment job, `$(macro)`
  replacement (an undefined macro stays as written, as on Azure), pipeline and
  job variables as environment, step `env:`, `condition:`,
  `##vso[task.setvariable]` outputs, and the inline bash script of `AzureCLI@2`
  after a recorded `az login` (with the service connection's identity in the
  environment when the task adds it).

Steps that call other marketplace actions or tasks (checkout, setup-python,
caches, uploads, sign-ins) are not run; they are listed in the job's log. The
project is copied into the job's folder, as a checkout would, and `pip install`
is answered by a shim (the machine has the packages, and no index), as are the
images' package managers. kubectl, terraform and az are stand-ins that record
their calls (KUBECTL_LOG, TOOLS_LOG) and succeed; terraform reports the version
the pipelines pin, as an agent that has it would.
"""

import fnmatch
import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml


class JobFailed(AssertionError):
    pass


def _shim_dir(work):
    """A folder for PATH where `python -m pip ...` and `pip ...` succeed without an index."""
    shims = Path(work) / "shims"
    if not shims.exists():
        shims.mkdir(parents=True)
        python = shims / "python"
        python.write_text(
            "#!/bin/sh\n"
            'if [ "$1" = "-m" ] && [ "$2" = "pip" ]; then echo "pip $* (offline: packages preinstalled)"; exit 0; fi\n'
            f'exec {sys.executable} "$@"\n'
        )
        pip = shims / "pip"
        pip.write_text('#!/bin/sh\necho "pip $* (offline: packages preinstalled)"\n')
        # The job image's package manager: the machine already has what jobs install (curl, ...).
        for manager in ("apt-get", "apk"):
            (shims / manager).write_text(f'#!/bin/sh\necho "{manager} $* (packages preinstalled)"\n')
            (shims / manager).chmod(0o755)
        # The cluster: every kubectl call is recorded (KUBECTL_LOG) and succeeds.
        kubectl = shims / "kubectl"
        kubectl.write_text(
            '#!/bin/sh\nprintf "%s\\n" "$*" >> "${KUBECTL_LOG:-/dev/null}"\n'
            'case " $* " in *" get deployment"*) echo "deployment.apps/serving" ;; esac\n'
        )
        # Terraform and the Azure CLI: every call is recorded (TOOLS_LOG) and succeeds; `terraform
        # output -raw NAME` answers NAME-of-the-state, `az account show` a subscription id.
        terraform = shims / "terraform"
        terraform.write_text(
            '#!/bin/sh\nprintf "terraform %s\\n" "$*" >> "${TOOLS_LOG:-/dev/null}"\n'
            # Who Terraform signs in as: the azurerm settings of its environment (the token's presence only).
            'case " $* " in *" init "*) printf "terraform-env ARM_USE_OIDC=%s ARM_CLIENT_ID=%s ARM_TENANT_ID=%s '
            'ARM_SUBSCRIPTION_ID=%s ARM_OIDC_TOKEN=%s\\n" "${ARM_USE_OIDC:-}" "${ARM_CLIENT_ID:-}" "${ARM_TENANT_ID:-}" '
            '"${ARM_SUBSCRIPTION_ID:-}" "${ARM_OIDC_TOKEN:+set}" >> "${TOOLS_LOG:-/dev/null}" ;; esac\n'
            'for last; do :; done\n'
            'case " $* " in *" output -raw "*) printf "%s-of-the-state" "${last}" ;; esac\n'
            # The version the pipelines pin: the agent has it, as a self-hosted agent may.
            'if [ "$1" = version ]; then printf "Terraform v1.9.8\\non linux_amd64\\n"; fi\n'
        )
        az = shims / "az"
        az.write_text(
            '#!/bin/sh\nprintf "az %s\\n" "$*" >> "${TOOLS_LOG:-/dev/null}"\n'
            'case " $* " in *" account show "*) echo "00000000-0000-0000-0000-00000000a2b5" ;; esac\n'
        )
        for f in (python, pip, kubectl, terraform, az):
            f.chmod(0o755)
        (shims / "python3").symlink_to(python)
    return str(shims)


def checkout(project, root):
    """The job's working copy of the repository."""
    shutil.copytree(project, root, symlinks=True, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))


PIPELINE_RUN = [1]  # artifacts and dotenv outputs are shared within one pipeline run only


def new_pipeline_run():
    """Start another pipeline run: the jobs that follow see none of the earlier runs' artifacts."""
    PIPELINE_RUN[0] += 1


def _artifacts(work):
    return Path(work) / "artifact-store" / f"run-{PIPELINE_RUN[0]}"


def upload(work, name, root, patterns, strip_common=False):
    """Keep the files of a job that match patterns (paths relative to its root) as artifact name.
    strip_common: store them relative to their least common ancestor, as actions/upload-artifact does."""
    target = _artifacts(work) / name
    found_all = []
    for pattern in patterns:
        pattern = pattern.strip()
        if not pattern or pattern.startswith("!"):
            continue
        found_all += glob.glob(str(Path(root) / pattern.rstrip("/")), recursive=True)
    base = Path(root)
    if strip_common and found_all:  # the least common ancestor folder of what matched
        common = Path(os.path.commonpath(found_all))
        base = common if common.is_dir() else common.parent
    for found in found_all:
        rel = Path(found).relative_to(base)
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        if os.path.isdir(found):
            shutil.copytree(found, dest, dirs_exist_ok=True)
        else:
            shutil.copy2(found, dest)


def download(work, name, into):
    source = _artifacts(work) / name
    if not source.exists():
        return False
    shutil.copytree(source, into, dirs_exist_ok=True)
    return True


def _run_shell(argv, cwd, env, log, timeout=600):
    proc = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    log.append(proc.stdout + proc.stderr + (f"[exit {proc.returncode}]" if proc.returncode else ""))
    return proc


HOST_ENV = {}  # the runner machine's own environment (set by the caller)
API_URL = "https://platform.example.invalid"  # the CI platform's API (the caller may serve a local one)
# The identity an Azure service connection hands to AzureCLI@2 scripts (addSpnToEnvironment), made up.
SERVICE_CONNECTION_IDENTITY = {"servicePrincipalId": "00000000-0000-0000-0000-00000000c11e",
                               "tenantId": "00000000-0000-0000-0000-0000000007e1",
                               "idToken": "service-connection-id-token"}


def _base_env(work, extra):
    env = dict(HOST_ENV)
    env.update({"PATH": _shim_dir(work) + os.pathsep + os.environ["PATH"], "HOME": str(Path(work) / "home"),
           "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1"})
    env.update(extra or {})
    return env


# --- GitHub Actions -------------------------------------------------------------------------------

_TOKEN = re.compile(r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<num>-?\d+(?:\.\d+)?)|(?P<op>==|!=|<=|>=|&&|\|\||[!()<>,\[\]])"
                    r"|(?P<name>[A-Za-z_][A-Za-z0-9_\-]*(?:\.[A-Za-z_*][A-Za-z0-9_\-*]*)*))")


class _Expr:
    """GitHub's expression language: enough of it for generated workflows."""

    def __init__(self, text, lookup, functions):
        self.tokens = []
        pos = 0
        text = text.strip()
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if not m or m.end() == pos:
                raise ValueError(f"cannot parse expression {text!r} at {pos}")
            self.tokens.append((m.lastgroup, m.group(m.lastgroup)))
            pos = m.end()
            while pos < len(text) and text[pos].isspace():
                pos += 1
        self.i = 0
        self.lookup = lookup
        self.functions = functions

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else (None, None)

    def take(self, value=None):
        tok = self.peek()
        if value is not None and tok[1] != value:
            raise ValueError(f"expected {value!r}, found {tok[1]!r}")
        self.i += 1
        return tok

    def parse(self):
        value = self.or_()
        if self.i != len(self.tokens):
            raise ValueError(f"trailing tokens in expression: {self.tokens[self.i:]}")
        return value

    def or_(self):
        value = self.and_()
        while self.peek()[1] == "||":
            self.take()
            right = self.and_()
            value = value if truthy(value) else right
        return value

    def and_(self):
        value = self.cmp()
        while self.peek()[1] == "&&":
            self.take()
            right = self.cmp()
            value = right if truthy(value) else value
        return value

    def cmp(self):
        value = self.unary()
        while self.peek()[1] in ("==", "!="):
            op = self.take()[1]
            right = self.unary()
            same = _equal(value, right)
            value = same if op == "==" else not same
        return value

    def unary(self):
        if self.peek()[1] == "!":
            self.take()
            return not truthy(self.unary())
        return self.primary()

    def primary(self):
        kind, text = self.take()
        if kind == "str":
            return text[1:-1].replace("''", "'")
        if kind == "num":
            return float(text)
        if text == "(":
            value = self.or_()
            self.take(")")
            return value
        if kind == "name":
            if text in ("true", "false"):
                return text == "true"
            if text == "null":
                return None
            if self.peek()[1] == "(":
                self.take("(")
                args = []
                while self.peek()[1] != ")":
                    args.append(self.or_())
                    if self.peek()[1] == ",":
                        self.take()
                self.take(")")
                name = text.lower()
                if name not in self.functions:
                    raise ValueError(f"unsupported function {text}()")
                return self.functions[name](*args)
            value = self.lookup(text)
            while self.peek()[1] == "[":  # index: a['b']
                self.take("[")
                key = self.or_()
                self.take("]")
                value = (value or {}).get(key) if isinstance(value, dict) else None
            return value
        raise ValueError(f"unexpected token {text!r}")


def _number(value):
    if value is None:
        return 0.0
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip()
    if not text:
        return 0.0
    try:
        return float(text)
    except ValueError:
        return float("nan")


def _equal(a, b):
    """GitHub's loose equality: strings compare case-insensitively, other mixes as numbers."""
    if isinstance(a, str) and isinstance(b, str):
        return a.lower() == b.lower()
    if type(a) is type(b) and not isinstance(a, (int, float, bool, type(None))):
        return a == b
    return _number(a) == _number(b)


def truthy(value):
    return value not in (None, False, "", 0, 0.0)


def _text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)


def _read_output_file(path):
    """GITHUB_OUTPUT / GITHUB_ENV: `name=value` lines and `name<<DELIM` blocks."""
    values = {}
    if not path.exists():
        return values
    lines = path.read_text().splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delim = line.split("<<", 1)
            block = []
            i += 1
            while i < len(lines) and lines[i] != delim:
                block.append(lines[i])
                i += 1
            values[name] = "\n".join(block)
        elif "=" in line:
            name, value = line.split("=", 1)
            values[name] = value
        i += 1
    return values


class GitHubJob:
    def __init__(self, workflow_file, job_id):
        self.file = Path(workflow_file)
        self.doc = yaml.safe_load(self.file.read_text())
        self.job_id = job_id
        self.job = self.doc["jobs"][job_id]

    def run(self, root, work, secrets=None, variables=None, inputs=None, event="workflow_dispatch", needs=None):
        root, log = Path(root), []
        runner_temp = Path(work) / f"runner-{root.name}"
        runner_temp.mkdir(parents=True, exist_ok=True)
        status = {"failed": False}
        ctx = {
            "secrets": dict(secrets or {}),
            "vars": dict(variables or {}),
            "inputs": dict(inputs or {}),
            "github": {"event_name": event, "sha": "0" * 40, "ref": "refs/heads/main", "ref_name": "main",
                       "run_id": "1", "run_attempt": "1", "repository": "team/project", "actor": "ci",
                       "workspace": str(root), "event": {"inputs": dict(inputs or {})}, "server_url": "https://github.com",
                       "token": "workflow-token", "api_url": API_URL},
            "needs": {k: {"outputs": v, "result": "success"} for k, v in (needs or {}).items()},
            "steps": {},
            "env": {},
            "runner": {"temp": str(runner_temp), "os": "Linux"},
            "job": {"status": "success"},
            "matrix": {},
        }

        def lookup(name):
            parts = name.split(".")
            value = ctx.get(parts[0])
            for part in parts[1:]:
                value = value.get(part) if isinstance(value, dict) else None
            return value

        def hash_files(*patterns):
            files = sorted({f for p in patterns for f in glob.glob(str(root / p), recursive=True) if os.path.isfile(f)})
            if not files:
                return ""
            digest = hashlib.sha256()
            for f in files:
                digest.update(hashlib.sha256(Path(f).read_bytes()).digest())
            return digest.hexdigest()

        functions = {
            "always": lambda: True,
            "success": lambda: not status["failed"],
            "failure": lambda: status["failed"],
            "cancelled": lambda: False,
            "hashfiles": hash_files,
            "tojson": lambda v: json.dumps(v, indent=2),
            "fromjson": lambda v: json.loads(v),
            "contains": lambda a, b: (str(b).lower() in str(a).lower()) if isinstance(a, str) else b in (a or []),
            "startswith": lambda a, b: str(a).lower().startswith(str(b).lower()),
            "endswith": lambda a, b: str(a).lower().endswith(str(b).lower()),
            "format": lambda f, *a: re.sub(r"\{(\d+)\}", lambda m: _text(a[int(m.group(1))]), f),
        }

        def evaluate(expression):
            return _Expr(expression, lookup, functions).parse()

        def interpolate(value):
            if not isinstance(value, str):
                return _text(value)
            return re.sub(r"\$\{\{(.*?)\}\}", lambda m: _text(evaluate(m.group(1))), value, flags=re.S)

        def condition(text, default="success()"):
            text = _text(text) if text is not None else default
            text = text.strip()
            if text.startswith("${{") and text.endswith("}}"):
                text = text[3:-2]
            if not re.search(r"\b(success|failure|always|cancelled)\(", text):
                text = f"success() && ({text})"
            return truthy(evaluate(text))

        if not condition(self.job.get("if")):
            return JobResult(self.job_id, True, {}, "[job skipped by its if:]", root, skipped=True)
        checkout(self._project(), root)
        env = {}
        for scope in (self.doc.get("env") or {}, self.job.get("env") or {}):
            for k, v in scope.items():
                ctx["env"] = env
                env[k] = interpolate(v)
        ctx["env"] = env
        files = {n: runner_temp / n for n in ("output", "env", "summary", "path")}
        for n, step in enumerate(self.job.get("steps") or []):
            name = step.get("name") or step.get("uses") or f"step {n}"
            if not condition(step.get("if")):
                log.append(f"[skipped: {name}]")
                if step.get("id"):
                    ctx["steps"][step["id"]] = {"outputs": {}, "outcome": "skipped", "conclusion": "skipped"}
                continue
            if "uses" in step:
                action, given = step["uses"].split("@")[0], {k: interpolate(v) for k, v in (step.get("with") or {}).items()}
                if action == "actions/upload-artifact":
                    upload(work, given["name"], root, given["path"].splitlines(), strip_common=True)
                    log.append(f"[uploaded artifact {given['name']}]")
                elif action == "actions/download-artifact":
                    found = download(work, given["name"], root / given.get("path", "."))
                    log.append(f"[downloaded artifact {given['name']}: {found}]")
                else:
                    log.append(f"[action not run here: {step['uses']}]")
                if step.get("id"):
                    ctx["steps"][step["id"]] = {"outputs": {}, "outcome": "success", "conclusion": "success"}
                continue
            step_env = dict(env)
            ctx["env"] = step_env
            for k, v in (step.get("env") or {}).items():
                step_env[k] = interpolate(v)
            script = interpolate(step["run"])
            for f in files.values():
                f.write_text("")
            script_file = runner_temp / f"step-{n}.sh"
            script_file.write_text(script)
            full = _base_env(work, step_env)
            full.update(GITHUB_OUTPUT=str(files["output"]), GITHUB_ENV=str(files["env"]),
                        GITHUB_STEP_SUMMARY=str(files["summary"]), GITHUB_PATH=str(files["path"]),
                        GITHUB_WORKSPACE=str(root), GITHUB_SHA=ctx["github"]["sha"], GITHUB_REF="refs/heads/main",
                        GITHUB_EVENT_NAME=event, GITHUB_RUN_ID="1", GITHUB_REPOSITORY="team/project",
                        GITHUB_ACTOR="ci", RUNNER_TEMP=str(runner_temp), CI="true", GITHUB_ACTIONS="true",
                        GITHUB_API_URL=API_URL, GITHUB_SERVER_URL="https://github.com")
            cwd = root / step.get("working-directory", ".")
            log.append(f"[run: {name}]")
            proc = _run_shell(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script_file)], cwd, full, log)
            if files["summary"].stat().st_size:
                log.append("[step summary]\n" + files["summary"].read_text())
            outcome = "success" if proc.returncode == 0 else "failure"
            if step.get("id"):
                ctx["steps"][step["id"]] = {"outputs": _read_output_file(files["output"]), "outcome": outcome,
                                            "conclusion": outcome}
            env.update(_read_output_file(files["env"]))
            if proc.returncode != 0 and not step.get("continue-on-error"):
                status["failed"] = True
                ctx["job"]["status"] = "failure"
        ctx["env"] = env
        outputs = {k: interpolate(v) for k, v in (self.job.get("outputs") or {}).items()}
        return JobResult(self.job_id, not status["failed"], outputs, "\n".join(log), root)

    def _project(self):
        return self.file.parents[2]  # <project>/.github/workflows/<file>


# --- GitLab CI ------------------------------------------------------------------------------------

class _Reference(list):
    pass


class _GitLabLoader(yaml.SafeLoader):
    pass


_GitLabLoader.add_constructor("!reference", lambda loader, node: _Reference(loader.construct_sequence(node)))


def _deep_merge(base, over):
    out = dict(base)
    for k, v in over.items():
        out[k] = _deep_merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


class GitLabJob:
    PREDEFINED = {"CI": "true", "GITLAB_CI": "true", "CI_COMMIT_SHA": "0" * 40, "CI_COMMIT_SHORT_SHA": "00000000",
                  "CI_COMMIT_BRANCH": "main", "CI_COMMIT_REF_NAME": "main", "CI_COMMIT_REF_SLUG": "main",
                  "CI_DEFAULT_BRANCH": "main", "CI_PIPELINE_ID": "1", "CI_PIPELINE_IID": "1", "CI_JOB_ID": "1",
                  "CI_PROJECT_ID": "1", "CI_PROJECT_PATH": "team/project", "CI_PROJECT_NAME": "project",
                  "CI_SERVER_URL": "https://gitlab.example", "CI_API_V4_URL": "https://gitlab.example/api/v4",
                  "GITLAB_USER_LOGIN": "ci", "CI_JOB_TOKEN": "job-token"}

    def __init__(self, project, job_name):
        self.project = Path(project)
        doc = yaml.load((self.project / ".gitlab-ci.yml").read_text(), Loader=_GitLabLoader) or {}
        for include in sorted((self.project / ".gitlab" / "ci").glob("*.yml")):
            doc.update(yaml.load(include.read_text(), Loader=_GitLabLoader) or {})
        self.doc = doc
        self.job_name = job_name
        self.job = self._resolve(job_name)

    def _resolve(self, name, seen=()):
        if name in seen:
            raise ValueError(f"extends loop at {name}")
        job = self.doc[name]
        extends = job.get("extends") or []
        merged = {}
        for parent in [extends] if isinstance(extends, str) else extends:
            merged = _deep_merge(merged, self._resolve(parent, seen + (name,)))
        merged = _deep_merge(merged, {k: v for k, v in job.items() if k != "extends"})
        return self._references(merged)

    def _references(self, value):
        if isinstance(value, _Reference):
            target = self.doc
            for key in value:
                target = target[key]
            return self._references(target)
        if isinstance(value, dict):
            return {k: self._references(v) for k, v in value.items()}
        if isinstance(value, list):
            out = []
            for item in value:
                item = self._references(item)
                out.extend(item if isinstance(item, list) and not isinstance(item, str) else [item])
            return out
        return value

    @staticmethod
    def _expand(value, env):
        return re.sub(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?", lambda m: env.get(m.group(1), ""), _text(value))

    def run(self, root, work, variables=None, source="web"):
        root, log = Path(root), []
        checkout(self.project, root)
        env = dict(self.PREDEFINED, CI_API_V4_URL=API_URL + "/api/v4", CI_PROJECT_DIR=str(root), CI_BUILDS_DIR=str(root.parent),
                   CI_PIPELINE_SOURCE=source, CI_JOB_NAME=self.job_name)
        default = self.doc.get("default") or {}
        scopes = [self.doc.get("variables") or {}, self.job.get("variables") or {}]
        for scope in scopes:
            for k, v in scope.items():
                value = v.get("value", "") if isinstance(v, dict) else v
                env[k] = self._expand(value, env)
        env.update(variables or {})  # CI/CD settings and trigger variables win over the file's values
        for token, spec in (self.job.get("id_tokens") or {}).items():  # a made-up JWT per audience
            env[token] = f"gitlab-id-token.{(spec or {}).get('aud', '')}.{self.job_name}"
        for need in self.job.get("needs") or []:
            name = need if isinstance(need, str) else need.get("job")
            if isinstance(need, dict) and need.get("artifacts") is False:
                continue
            if download(work, f"gitlab:{name}", root):
                log.append(f"[artifacts of {name}]")
            dotenv_file = _artifacts(work) / f"gitlab-dotenv:{name}.json"
            if dotenv_file.exists():
                env.update(json.loads(dotenv_file.read_text()))
        env.update(variables or {})
        lines = list(self.job.get("before_script", default.get("before_script", [])) or [])
        lines += list(self.job.get("script") or [])
        script = "set -eo pipefail\n" + "\n".join(_text(line) for line in lines) + "\n"
        script_file = root.parent / f"{root.name}.script.sh"
        script_file.write_text(script)
        log.append(f"[script of {self.job_name}]")
        proc = _run_shell(["bash", "--noprofile", "--norc", str(script_file)], root, _base_env(work, env), log)
        ok = proc.returncode == 0
        after = self.job.get("after_script", default.get("after_script"))
        if after:
            after_file = root.parent / f"{root.name}.after.sh"
            after_file.write_text("\n".join(_text(line) for line in after) + "\n")
            _run_shell(["bash", "--noprofile", "--norc", str(after_file)], root, _base_env(work, env), log)
        artifacts = self.job.get("artifacts") or {}
        if ok or artifacts.get("when") in ("always", "on_failure"):
            upload(work, f"gitlab:{self.job_name}", root, artifacts.get("paths") or [])
        outputs = {}
        dotenv = ((self.job.get("artifacts") or {}).get("reports") or {}).get("dotenv")
        for name in [dotenv] if isinstance(dotenv, str) else (dotenv or []):
            path = root / name
            if path.exists():
                outputs.update(_read_output_file(path))
        _artifacts(work).mkdir(parents=True, exist_ok=True)
        (_artifacts(work) / f"gitlab-dotenv:{self.job_name}.json").write_text(json.dumps(outputs))
        return JobResult(self.job_name, ok, outputs, "\n".join(log), root)


# --- Azure Pipelines ------------------------------------------------------------------------------

def _azure_env_name(name):
    return re.sub(r"[^A-Za-z0-9_]", "_", name).upper()


_VSO = re.compile(r"##vso\[task\.setvariable ([^\]]*)\](.*)")


class AzureJob:
    PREDEFINED = {"Build.SourceBranch": "refs/heads/main", "Build.SourceBranchName": "main",
                  "Build.SourceVersion": "0" * 40, "Build.Repository.Name": "team/project", "Build.BuildId": "1",
                  "Build.RequestedFor": "ci", "Build.Reason": "Manual", "Agent.OS": "Linux",
                  "System.TeamFoundationCollectionUri": "https://dev.azure.com/team/",
                  "System.TeamProject": "project", "System.DefinitionId": "1"}

    def __init__(self, pipeline_file, job_name):
        self.file = Path(pipeline_file)
        self.doc = yaml.safe_load(self.file.read_text())
        self.job_name = job_name
        self.stage, self.job = self._find(job_name)

    def _find(self, name):
        stages = self.doc.get("stages") or [{"stage": None, "jobs": self.doc.get("jobs") or []}]
        for stage in stages:
            for job in stage.get("jobs") or []:
                if job.get("job") == name or job.get("deployment") == name:
                    return stage, job
        raise KeyError(f"no job {name} in {self.file}")

    def _steps(self):
        if "steps" in self.job:
            return self.job["steps"]
        strategy = self.job.get("strategy") or {}
        run_once = strategy.get("runOnce") or {}
        return (run_once.get("deploy") or {}).get("steps") or []

    @staticmethod
    def _variables(block):
        out = {}
        if isinstance(block, dict):
            return {k: _text(v) for k, v in block.items()}
        for item in block or []:
            if "name" in item:
                out[item["name"]] = _text(item.get("value", ""))
        return out

    def run(self, root, work, variables=None, secrets=None, dependencies=None, reason="Manual"):
        root, log = Path(root), []
        checkout(self.file.parents[2], root)  # <project>/.azure/pipelines/<file>
        staging = Path(work) / f"staging-{root.name}"
        staging.mkdir(parents=True, exist_ok=True)
        macros = dict(self.PREDEFINED, **{"System.CollectionUri": API_URL + "/org/",
                                          "System.TeamFoundationCollectionUri": API_URL + "/org/",
                                          "System.AccessToken": "job-access-token", "Build.Reason": reason, "Pipeline.Workspace": str(root.parent),
                                          "System.DefaultWorkingDirectory": str(root),
                                          "Build.SourcesDirectory": str(root),
                                          "Build.ArtifactStagingDirectory": str(staging),
                                          "Agent.TempDirectory": str(staging)})
        deps = dependencies or {}
        status = {"failed": False}
        for block in (self.doc.get("variables"), (self.stage or {}).get("variables"), self.job.get("variables")):
            for k, v in self._variables(block).items():
                runtime = re.fullmatch(r"\$\[(.*)\]", v.strip(), flags=re.S)
                if runtime:  # a runtime expression, e.g. another job's output
                    macros[k] = _text(self._condition(runtime.group(1).strip(), macros, status, deps))
                else:
                    macros[k] = self._macro(v, macros)
        macros.update(variables or {})
        explicit = any("download" in step for step in self._steps())
        if "deployment" in self.job and not explicit:  # a deployment job downloads the run's artifacts first
            store = _artifacts(work)
            for found in sorted(store.glob("azure:*")) if store.exists() else []:
                download(work, found.name, root.parent / found.name.split(":", 1)[1])
        secret_values = dict(secrets or {})
        outputs = {}

        def condition(text):
            if text is None:
                return not status["failed"]
            return truthy(self._condition(_text(text), macros, status, deps))

        for scope in (self.stage or {}, self.job):
            if not condition(scope.get("condition")):
                return JobResult(self.job_name, True, {}, "[skipped by its condition]", root, skipped=True)

        for n, step in enumerate(self._steps()):
            name = step.get("displayName") or step.get("name") or f"step {n}"
            if not condition(step.get("condition")):
                log.append(f"[skipped: {name}]")
                continue
            if "publish" in step:
                folder = Path(self._macro(step["publish"], macros))
                upload(work, f"azure:{step.get('artifact')}", folder, ["*"])
                log.append(f"[published {step.get('artifact')}]")
                continue
            if "download" in step:
                name = step.get("artifact")
                if step["download"] != "none" and name:
                    download(work, f"azure:{name}", root.parent / name)
                    log.append(f"[downloaded {name}]")
                continue
            body = step.get("script", step.get("bash"))
            task, inputs = str(step.get("task", "")), step.get("inputs") or {}
            if body is None and task.startswith("Bash@"):
                body = inputs.get("script")
            spn = {}
            if body is None and task.startswith("AzureCLI@") and inputs.get("scriptType") == "bash" \
                    and inputs.get("scriptLocation") == "inlineScript":
                # AzureCLI@2 signs in with its service connection, then runs the script; here the
                # sign-in is a recorded `az login` and the connection's identity is made up.
                connection = self._macro(_text(inputs.get("azureSubscription")), macros)
                body = f"az login --service-connection '{connection}' --output none\n" + _text(inputs.get("inlineScript"))
                if str(inputs.get("addSpnToEnvironment")).lower() == "true":
                    spn = SERVICE_CONNECTION_IDENTITY
            if body is None:
                what = step.get("task") or next(iter(step))
                log.append(f"[task not run here: {what}]")
                continue
            every = dict(macros, **secret_values)
            script = self._macro(body, every)
            env = {_azure_env_name(k): v for k, v in macros.items()}
            env.update(spn)
            for k, v in (step.get("env") or {}).items():
                env[k] = self._macro(_text(v), every)
            script_file = staging / f"step-{n}.sh"
            script_file.write_text(script)
            log.append(f"[script: {name}]")
            proc = _run_shell(["bash", "--noprofile", "--norc", str(script_file)], root, _base_env(work, env), log)
            for line in proc.stdout.splitlines():
                m = _VSO.search(line)
                if not m:
                    continue
                props = dict(p.split("=", 1) for p in m.group(1).split(";") if "=" in p)
                var, value = props.get("variable"), m.group(2)
                if props.get("isOutput", "false").lower() == "true" and step.get("name"):
                    outputs[f"{self.job_name}.{step['name']}.{var}"] = value
                    macros[f"{step['name']}.{var}"] = value
                else:
                    macros[var] = value
            if proc.returncode != 0 and not step.get("continueOnError"):
                status["failed"] = True
        return JobResult(self.job_name, not status["failed"], outputs, "\n".join(log), root)

    @staticmethod
    def _macro(text, values):
        return re.sub(r"\$\(([A-Za-z0-9_.]+)\)", lambda m: values.get(m.group(1), m.group(0)), _text(text))

    def _condition(self, text, macros, status, deps):
        """Azure's condition functions: and, or, not, eq, ne, in, startsWith, succeeded, failed, always..."""
        tokens = re.findall(r"'(?:[^']|'')*'|[A-Za-z_][A-Za-z0-9_.]*(?:\[[^\]]*\])*(?:\.[A-Za-z0-9_]+)*|[(),]", text)
        pos = [0]

        def value():
            tok = tokens[pos[0]]
            pos[0] += 1
            if tok.startswith("'"):
                return tok[1:-1].replace("''", "'")
            if pos[0] < len(tokens) and tokens[pos[0]] == "(":
                pos[0] += 1
                args = []
                while tokens[pos[0]] != ")":
                    args.append(value())
                    if tokens[pos[0]] == ",":
                        pos[0] += 1
                pos[0] += 1
                return call(tok.lower(), args)
            if tok.lower() in ("true", "false"):
                return tok.lower() == "true"
            m = re.fullmatch(r"variables\['([^']+)'\]|variables\.([A-Za-z0-9_.]+)", tok)
            if m:
                return macros.get(m.group(1) or m.group(2), "")
            # Outputs are keyed job.step.variable: dependencies.<stage>.outputs['<job>.<step>.<var>'],
            # stageDependencies.<stage>.<job>.outputs['<step>.<var>'], dependencies.<job>.outputs['<step>.<var>'].
            m = re.fullmatch(r"stageDependencies\.[A-Za-z0-9_]+\.([A-Za-z0-9_]+)\.outputs\['([^']+)'\]", tok)
            if m:
                return deps.get(f"{m.group(1)}.{m.group(2)}", "")
            m = re.fullmatch(r"dependencies\.([A-Za-z0-9_]+)\.outputs\['([^']+)'\]", tok)
            if m:
                key = m.group(2) if m.group(2).count(".") == 2 else f"{m.group(1)}.{m.group(2)}"
                return deps.get(key, "")
            raise ValueError(f"unsupported condition term {tok!r} in {text!r}")

        def call(name, args):
            def same(a, b):
                return _text(a).lower() == _text(b).lower()
            table = {
                "succeeded": lambda: not status["failed"], "failed": lambda: status["failed"],
                "succeededorfailed": lambda: True, "always": lambda: True, "canceled": lambda: False,
                "and": lambda *a: all(truthy(x) for x in a), "or": lambda *a: any(truthy(x) for x in a),
                "not": lambda a: not truthy(a), "eq": same, "ne": lambda a, b: not same(a, b),
                "in": lambda a, *b: any(same(a, x) for x in b),
                "startswith": lambda a, b: _text(a).lower().startswith(_text(b).lower()),
                "contains": lambda a, b: _text(b).lower() in _text(a).lower(),
            }
            if name not in table:
                raise ValueError(f"unsupported condition function {name}")
            return table[name](*args)

        return value()


class JobResult:
    def __init__(self, name, ok, outputs, log, root, skipped=False):
        self.name, self.ok, self.outputs, self.log, self.root = name, ok, outputs, log, Path(root)
        self.skipped = skipped

    def require(self):
        if not self.ok:
            raise JobFailed(f"job {self.name} failed:\n{self.log}")
        return self
