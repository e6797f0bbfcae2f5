"""lpps diff: records and fields compared between git revisions, never checked out."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import VALID, run_lpps
from gitrepo import GIT_ENV, commit_all, git, make_repo


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """A repository with the registry in registry/, main, and a branch with every kind of change."""
    top = tmp_path_factory.mktemp("diffrepo")
    shutil.copytree(VALID, top / "registry")
    (top / "README.md").write_text("partnership data\n")
    make_repo(top)
    git(top, "checkout", "-q", "-b", "change")
    reg = top / "registry"
    member = (reg / "members/kandydat-e.yaml").read_text(encoding="utf-8")
    new_member = member.replace("kandydat-e", "fundacja-przystan")
    (reg / "members/fundacja-przystan.yaml").write_text(new_member, encoding="utf-8")
    old_service = (reg / "services/stara-usluga.yaml").read_text(encoding="utf-8")
    (reg / "services/stara-usluga.yaml").unlink()
    (reg / "services/nowa-usluga.yaml").write_text(
        old_service.replace("id: stara-usluga", "id: nowa-usluga"), encoding="utf-8"
    )
    (reg / "groups/koalicja-test.yaml").unlink()
    service = reg / "services/schronisko-test.yaml"
    text = service.read_text(encoding="utf-8")
    text = text.replace("Schronisko dla osób bezdomnych", "Schronisko Przystań").replace(
        "target_groups: [homeless]", "target_groups: [homeless, refugees]"
    )
    service.write_text(text, encoding="utf-8")
    commit_all(top, "a change")
    git(top, "checkout", "-q", "main")  # what a clone's origin/HEAD then names
    return top


def diff(repo, *args):
    done = run_lpps("diff", *args, cwd=repo / "registry", env=GIT_ENV)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_json_names_records_and_fields(repo):
    data = json.loads(diff(repo, "main", "change", "--format", "json"))
    assert [r["id"] for r in data["added"]] == ["fundacja-przystan"]
    assert data["added"][0]["status"] == "applicant"
    assert [(r["old_id"], r["id"]) for r in data["renamed"]] == [("stara-usluga", "nowa-usluga")]
    assert [r["id"] for r in data["removed"]] == ["koalicja-test"]
    [changed] = data["changed"]
    fields = {f["field"]: f for f in changed["fields"]}
    assert fields["name.pl"] == {
        "field": "name.pl",
        "old": "Schronisko dla osób bezdomnych",
        "new": "Schronisko Przystań",
    }
    assert fields["target_groups"] == {"field": "target_groups", "added": ["refugees"], "removed": []}
    assert "name.en" not in fields


def test_text_and_markdown_phrase_it_for_people(repo):
    text = diff(repo, "main", "change")
    assert "new member: fundacja-przystan (applicant)" in text
    assert "renamed service: stara-usluga → nowa-usluga" in text
    assert "removed group: koalicja-test" in text
    assert "schronisko-test: name (pl) Schronisko dla osób bezdomnych → Schronisko Przystań" in text
    assert "schronisko-test: target_groups + refugees" in text
    md = diff(repo, "main", "change", "--format", "md")
    head, _, details = md.partition("<details>")
    assert head.startswith("### lpps diff:") and "1 record added" in head and "1 record renamed" in head
    assert "- new member: fundacja-przystan (applicant)" in head
    assert (
        "| `services/schronisko-test.yaml` | `name.pl` | Schronisko dla osób bezdomnych | Schronisko Przystań |"
        in details
    )
    assert details.rstrip().endswith("</details>")


def test_default_is_merge_base_against_working_tree(repo, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--branch", "change", str(repo), str(clone))
    path = clone / "registry/services/doradztwo-test.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: active", "status: suspended"), encoding="utf-8")
    data = json.loads(diff(clone, "--format", "json"))
    assert data["base"].startswith("origin/main")
    assert data["head"] == "working tree"
    ids = {r["id"] for r in data["changed"]}
    assert ids == {"schronisko-test", "doradztwo-test"}  # the branch's commit and the uncommitted edit
    assert [r["id"] for r in data["added"]] == ["fundacja-przystan"]


def test_unknown_revision_is_one_line_exit_2(repo):
    done = run_lpps("diff", "no-such-branch", cwd=repo / "registry", env=GIT_ENV)
    assert done.returncode == 2
    assert "no-such-branch" in done.stderr and "Traceback" not in done.stderr


def test_compare_is_pure_data():
    from lpps_cli.changes.semdiff import Snapshot, compare

    old = Snapshot(
        "a",
        {("service", "s"): {"id": "s", "capacity": {"total": 10, "occupied": 2}}},
        {("service", "s"): "services/s.yaml"},
    )
    new = Snapshot(
        "b",
        {("service", "s"): {"id": "s", "capacity": {"total": 10, "occupied": 5}}},
        {("service", "s"): "services/s.yaml"},
    )
    result = compare(old, new)
    [record] = result.changed
    assert [(f.field, f.old, f.new) for f in record.fields] == [("capacity.occupied", 2, 5)]
    assert not (result.added or result.removed or result.renamed)
