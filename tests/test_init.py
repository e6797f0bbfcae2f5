"""lpps init: a new registry that validates at once, and grows with lpps new without hand edits."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, run_lpps
from gitrepo import GIT_ENV, commit_all, git

INIT = [
    "--name",
    "Partnerstwo Lubelskie",
    "--short-name",
    "LPPS",
    "--languages",
    "pl,en",
    "--area",
    "pl-lubelskie",
    "--timezone",
    "Europe/Warsaw",
    "--country",
    "PL",
]


def test_init_new_new_validate(tmp_path):
    target = tmp_path / "lpps-registry"
    done = run_lpps("init", str(target), *INIT, input="")
    assert done.returncode == 0, done.stderr
    assert (target / ".git").is_dir()  # not in a repository before: git init
    for folder in ("members", "services", "groups", "documents", "meetings", "decisions", "projects"):
        assert (target / folder / ".gitkeep").is_file()
    partnership = (target / "partnership.yaml").read_text(encoding="utf-8")
    assert "status: forming" in partnership and "languages: [pl, en]" in partnership
    for path in [
        target / "partnership.yaml",
        *target.glob("taxonomy/*.yaml"),
        target / ".pre-commit-config.yaml",
        target / ".github/workflows/lpps.yml",
    ]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = first.split("$schema=", 1)[1]
        if not schema.startswith("https://"):
            assert json.loads((path.parent / schema).read_text())["title"]  # the modeline's file exists
    assert "lpps new member" in (target / "CONTRIBUTING.md").read_text(encoding="utf-8")

    forming = run_lpps("validate", "--format", "json", cwd=target)
    assert forming.returncode == 0, forming.stdout
    report = json.loads(forming.stdout)
    rules = {p["rule"] for p in report["problems"]}
    assert {"board", "documents"} <= rules  # what a working partnership needs: warnings while forming
    assert all(p["severity"] == "warning" for p in report["problems"])

    member = run_lpps(
        "new",
        "member",
        "--name",
        "Fundacja Przystań",
        "--sector",
        "ngo",
        "--kind",
        "ngo-local",
        "-s",
        "email=biuro@przystan.example.org",
        cwd=target,
        input="",
    )
    assert member.returncode == 0, member.stderr
    assert (target / "members/fundacja-przystan.yaml").is_file()
    service = run_lpps(
        "new",
        "service",
        "--name",
        "Schronisko Przystań",
        "--provider",
        "fundacja-przystan",
        "--type",
        "asylum-housing",
        "-s",
        "capacity.unit=beds",
        "-s",
        "capacity.total=20",
        "-s",
        "target_groups=homeless",
        cwd=target,
        input="",
    )
    assert service.returncode == 0, service.stderr
    final = run_lpps("validate", cwd=target)
    assert final.returncode == 0, final.stdout

    active = target / "partnership.yaml"
    active.write_text(partnership.replace("status: forming", "status: active"), encoding="utf-8")
    assert run_lpps("validate", cwd=target).returncode == 1  # the same gaps fail a working partnership


def test_init_refuses_a_non_empty_folder(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    done = run_lpps("init", str(tmp_path), "--name", "X", input="")
    assert done.returncode == 2 and "--force" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    assert run_lpps("init", str(tmp_path), "--name", "X", "--force", input="").returncode == 0


def test_init_without_flags_or_terminal_uses_defaults(tmp_path):
    done = run_lpps("init", str(tmp_path / "r"), input="")
    assert done.returncode == 0, done.stderr
    assert run_lpps("validate", cwd=tmp_path / "r").returncode == 0


def test_init_inside_a_repository_puts_ci_at_its_root(tmp_path):
    git(tmp_path, "init", "-q")
    done = run_lpps("init", str(tmp_path / "registry"), "--name", "X", input="")
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "registry/.git").exists()
    assert "--registry registry" in (tmp_path / ".github/workflows/lpps.yml").read_text()
    assert "args: [--registry, registry]" in (tmp_path / ".pre-commit-config.yaml").read_text()


def _hook_checkout(tmp_path):
    """The project as it is now (committed or not), as a git repository pre-commit can install."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout of lpps")
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    hook = tmp_path / "lpps-hook"
    for rel in listed:
        source = ROOT / rel
        if source.is_file():
            (hook / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, hook / rel)
    git(hook, "init", "-q")
    commit_all(hook, "hook under test")
    return hook, git(hook, "rev-parse", "HEAD").strip()


def test_generated_pre_commit_config_passes(tmp_path):
    hook, rev = _hook_checkout(tmp_path)
    target = tmp_path / "registry"
    assert run_lpps("init", str(target), *INIT, "--hook-repo", str(hook), "--hook-rev", rev, input="").returncode == 0
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
            cwd=target,
            input="",
        ).returncode
        == 0
    )
    git(target, "add", "-A")
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"), "NO_COLOR": "1"}
    env.pop("LPPS_REGISTRY", None)
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"],
        cwd=target,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "lpps validate" in done.stdout and "Passed" in done.stdout

    member = target / "members/fundacja-przystan.yaml"
    member.write_text(
        member.read_text(encoding="utf-8").replace("kind: ngo-local", "kind: no-such-kind"), encoding="utf-8"
    )
    failed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"],
        cwd=target,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert failed.returncode == 1 and "no-such-kind" in failed.stdout


@pytest.mark.parametrize(
    "value,close", [("lublin", "pl-lubelskie"), ("Kyiv", "ua-kyiv-city"), ("mazowsze", "pl-mazowieckie")]
)
def test_init_refuses_an_area_the_taxonomy_lacks(tmp_path, value, close):
    target = tmp_path / "r"
    done = run_lpps("init", str(target), "--name", "X", "--area", value, input="")
    assert done.returncode == 2, done.stdout
    [line] = done.stderr.strip().splitlines()
    assert "Traceback" not in done.stderr
    assert "--area" in line and f"'{value}'" in line and close in line
    assert not target.exists()  # nothing made, not even the folder


def test_init_takes_a_whole_label_for_the_area_and_validates(tmp_path):
    target = tmp_path / "r"
    done = run_lpps("init", str(target), "--name", "X", "--area", "Lublin Voivodeship", input="")
    assert done.returncode == 0, done.stderr
    assert "area: pl-lubelskie\n" in (target / "partnership.yaml").read_text(encoding="utf-8")
    assert run_lpps("validate", cwd=target).returncode == 0


@pytest.mark.parametrize(
    "option,value", [("--country", "Poland"), ("--languages", "polski"), ("--email", "nope"), ("--id", "Bad_Id")]
)
def test_init_refuses_a_value_the_registry_would_reject(tmp_path, option, value):
    target = tmp_path / "r"
    done = run_lpps("init", str(target), "--name", "X", option, value, input="")
    assert done.returncode == 2, done.stdout
    [line] = done.stderr.strip().splitlines()
    assert option in line and value in line and "Traceback" not in done.stderr
    assert not target.exists()


def test_init_ships_the_projects_yamllint_settings_and_its_files_pass_them(tmp_path):
    from yamllint import linter
    from yamllint.config import YamlLintConfig

    target = tmp_path / "r"
    assert run_lpps("init", str(target), *INIT, input="").returncode == 0
    shipped = (target / ".yamllint").read_text(encoding="utf-8")
    assert shipped == (ROOT / ".yamllint").read_text(encoding="utf-8")  # one set of rules, the project's
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
            "-s",
            "target_groups=homeless",
            cwd=target,
            input="",
        ).returncode
        == 0
    )
    config = YamlLintConfig(shipped)
    files = [p for p in target.rglob("*") if p.suffix in (".yaml", ".yml") and ".git" not in p.parts]
    assert len(files) > 8
    for path in [*files, target / ".yamllint"]:
        problems = list(linter.run(path.read_text(encoding="utf-8"), config, str(path)))
        assert problems == [], (path, problems)
