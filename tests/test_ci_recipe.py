"""The workflow lpps init writes, run for real: its validate and summary steps on a clone with a
pull-request branch, as GitHub Actions would run them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import run_lpps
from gitrepo import GIT_ENV, commit_all, git
from ruamel.yaml import YAML


def steps(workflow: Path) -> dict[str, dict]:
    data = YAML(typ="safe").load(workflow.read_text(encoding="utf-8"))
    [job] = data["jobs"].values()
    return {step["id"]: step for step in job["steps"] if "id" in step}


def test_workflow_annotates_problems_and_summarises_the_change(tmp_path):
    origin = tmp_path / "origin"
    assert (
        run_lpps("init", str(origin), "--name", "Partnerstwo", "--languages", "pl", input="", env=GIT_ENV).returncode
        == 0
    )
    assert (
        run_lpps(
            "new",
            "member",
            "--name",
            "Fundacja Przystań",
            "--sector",
            "ngo",
            "--kind",
            "ngo-local",
            cwd=origin,
            input="",
        ).returncode
        == 0
    )
    assert (
        run_lpps(
            "new",
            "service",
            "--name",
            "Schronisko",
            "--provider",
            "fundacja-przystan",
            "--type",
            "asylum-housing",
            "-s",
            "capacity.unit=beds",
            "-s",
            "capacity.total=20",
            "-s",
            "capacity.occupied=12",
            cwd=origin,
            input="",
        ).returncode
        == 0
    )
    commit_all(origin, "registry")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(origin), str(clone))
    git(clone, "checkout", "-q", "-b", "update-shelter")
    assert run_lpps("set", "schronisko", "capacity.occupied", "15", cwd=clone).returncode == 0
    member = clone / "members/fundacja-przystan.yaml"
    member.write_text(member.read_text(encoding="utf-8").replace("kind: ngo-local", "kind: ngo-locl"), encoding="utf-8")
    commit_all(clone, "update the shelter")

    workflow = steps(clone / ".github/workflows/lpps.yml")
    summary_file = tmp_path / "step-summary.md"
    env = {
        **os.environ,
        **GIT_ENV,
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": str(clone),
        "GITHUB_STEP_SUMMARY": str(summary_file),
        "BASE_REF": "main",
        "LPPS_LANG": "en",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    env.pop("LPPS_REGISTRY", None)

    def run(step_id: str) -> subprocess.CompletedProcess:
        step = workflow[step_id]
        step_env = {**env, **{k: v for k, v in (step.get("env") or {}).items() if "${{" not in str(v)}}
        return subprocess.run(
            ["bash", "-e", "-c", step["run"]], cwd=clone, env=step_env, capture_output=True, text=True, timeout=120
        )

    validate = run("validate")
    assert validate.returncode == 1
    annotations = [line for line in validate.stdout.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 1
    assert annotations[0].startswith("::error file=members/fundacja-przystan.yaml,line=")
    assert "title=taxonomy::" in annotations[0] and "ngo-locl" in annotations[0]

    summary = run("summary")
    assert summary.returncode == 0, summary.stderr
    comment = (clone / "lpps-diff.md").read_text(encoding="utf-8")
    assert comment.startswith("### lpps diff: 2 records changed")
    assert "- schronisko: occupied 12 → 15 beds" in comment
    assert "- fundacja-przystan: kind ngo-local → ngo-locl" in comment
    assert "<details>" in comment
    assert comment in summary_file.read_text(encoding="utf-8")
