"""Issue 14, part 1: a registry's templates, static files, logo and document bodies stay inside
the registry; templates see plain data only, so no file is read or written through them and no
internal contact reaches a public output. Every attack below is one a hostile member's pull
request can make; each fails safely: a clear error naming the file (exit 2), or output without
what was reached for."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import run_lpps

SECRET = "s3cr3t-outside-the-registry-7f3a"
INTERNAL = "hidden.person.4d2c@internal.example.org"


@pytest.fixture
def hostile(valid_registry, tmp_path):
    """The valid registry with a secret file next to it (outside) and an internal contact."""
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    member = valid_registry / "members" / "fundacja-a.yaml"
    member.write_text(
        member.read_text(encoding="utf-8").replace("jan.nowak@fundacja-a.example.org", INTERNAL), encoding="utf-8"
    )
    (valid_registry / "templates" / "site").mkdir(parents=True)
    (valid_registry / "templates" / "brochure").mkdir(parents=True)
    return valid_registry


def every_output(folder: Path) -> str:
    return (
        "".join(p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*") if p.is_file())
        if folder.exists()
        else ""
    )


def refused_or_clean(done, out_text: str, *unwanted: str) -> None:
    """A hostile template either fails with one clear message (no traceback) or renders without
    what it reached for."""
    assert done.returncode in (0, 2), done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    if done.returncode == 2:
        assert "template" in done.stderr
    for text in unwanted:
        assert text not in out_text and text not in done.stdout and text not in done.stderr


ATTACKS = [
    "site.registry.root.joinpath('{secret}').read_text()",
    "site.registry.root.joinpath('{planted}').write_text('x')",
    "site.registry.members['fundacja-a'].data",
    "site | attr('registry')",
    "site.t.__globals__",
    "site.t.__closure__[0].cell_contents",
    "site.markdown.__closure__",
    "site.t.__self__",
    "''.__class__.__mro__[1].__subclasses__()",
    "cycler.__init__.__globals__.os.popen('cat {secret}').read()",
    "lipsum.__globals__['os'].popen('cat {secret}').read()",
    "self._TemplateReference__context",
    "range.__self__",
    "namespace.__init__.__globals__",
    "site.records.member",
    "site.records.member.update({{'x': 1}})",
    "site.records.member['fundacja-a'].representatives",
    "'{{0.__class__}}'.format(site)",
]


@pytest.mark.parametrize("expression", ATTACKS)
def test_a_portal_template_reads_no_file_writes_no_file_and_sees_no_internal_contact(hostile, tmp_path, expression):
    planted = tmp_path / "planted.txt"
    code = expression.format(secret=tmp_path / "secret.txt", planted=planted)
    (hostile / "templates" / "site" / "index.html").write_text(
        '{% extends "site/base.html" %}{% block main %}<h1>x</h1><pre>{{ ' + code + " }}</pre>{% endblock %}",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    done = run_lpps("site", "build", str(out), "-r", str(hostile))
    refused_or_clean(done, every_output(out), SECRET, INTERNAL)
    assert not planted.exists()


@pytest.mark.parametrize(
    "expression",
    [
        "partnership.__class__",
        "profiles",
        "profiles[0].update({})",
        "partnership.name.__class__.__base__.__subclasses__()",
    ],
)
def test_a_brochure_template_sees_only_the_public_view(hostile, expression):
    (hostile / "templates" / "brochure" / "brochure.html").write_text(
        "<html><body><pre>{{ " + expression + " }}</pre></body></html>", encoding="utf-8"
    )
    done = run_lpps("brochure", "-r", str(hostile), "--format", "html")
    refused_or_clean(done, done.stdout, SECRET, INTERNAL)


@pytest.mark.parametrize("name", ["../../secret.txt", "/etc/hostname", "../secret.txt"])
def test_an_include_cannot_name_a_file_outside_the_templates(hostile, tmp_path, name):
    (hostile / "templates" / "site" / "index.html").write_text(
        '{% extends "site/base.html" %}{% block main %}<h1>x</h1>{% include "' + name + '" %}{% endblock %}',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    done = run_lpps("site", "build", str(out), "-r", str(hostile))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert not out.exists()
    assert SECRET not in done.stderr


def test_a_linked_template_is_refused_and_named(hostile, tmp_path):
    os.symlink(tmp_path / "secret.txt", hostile / "templates" / "site" / "index.html")
    out = tmp_path / "out"
    done = run_lpps("site", "build", str(out), "-r", str(hostile))
    assert done.returncode == 2, done.stderr
    assert "templates/site/index.html" in done.stderr and "outside the registry" in done.stderr
    assert not out.exists() and SECRET not in done.stderr


def test_a_linked_templates_folder_is_refused(hostile, tmp_path):
    outside = tmp_path / "elsewhere"
    (outside / "site").mkdir(parents=True)
    (outside / "site" / "index.html").write_text(SECRET, encoding="utf-8")
    for child in (hostile / "templates").iterdir():
        child.rmdir()
    (hostile / "templates").rmdir()
    os.symlink(outside, hostile / "templates")
    done = run_lpps("site", "build", str(tmp_path / "out"), "-r", str(hostile))
    assert done.returncode == 2 and "templates/site/index.html" in done.stderr
    done = run_lpps("brochure", "-r", str(hostile), "--format", "html")  # even a template it does not hold
    assert done.returncode == 2 and "templates/brochure/brochure.html" in done.stderr
    assert SECRET not in done.stdout


@pytest.mark.parametrize("link", ["folder", "file", "linked-subfolder"])
def test_linked_static_files_are_refused(hostile, tmp_path, link):
    outside = tmp_path / "static-outside"
    outside.mkdir()
    (outside / "site.css").write_text(SECRET, encoding="utf-8")
    static = hostile / "templates" / "site" / "static"
    if link == "folder":
        os.symlink(outside, static)
        named = "templates/site/static"
    else:
        static.mkdir()
        (static / "own.css").write_text("body { color: #123; }", encoding="utf-8")
        target, name = (outside / "site.css", "site.css") if link == "file" else (outside, "fonts")
        os.symlink(target, static / name)
        named = f"templates/site/static/{name}"
    out = tmp_path / "out"
    done = run_lpps("site", "build", str(out), "-r", str(hostile))
    assert done.returncode == 2, done.stderr
    assert named in done.stderr and "Traceback" not in done.stderr
    assert SECRET not in every_output(out)


def test_static_files_inside_the_registry_are_copied(hostile, tmp_path):
    static = hostile / "templates" / "site" / "static"
    static.mkdir()
    (static / "site.css").write_text("body { color: #123456; }", encoding="utf-8")
    done = run_lpps("site", "build", str(tmp_path / "out"), "-r", str(hostile))
    assert done.returncode == 0, done.stderr
    assert "#123456" in (tmp_path / "out" / "static" / "site.css").read_text(encoding="utf-8")


def test_a_linked_document_body_is_refused(hostile, tmp_path):
    os.symlink(tmp_path / "secret.txt", hostile / "documents" / "code-of-ethics.md")
    out = tmp_path / "out"
    done = run_lpps("site", "build", str(out), "-r", str(hostile))
    assert done.returncode == 2
    assert "documents/code-of-ethics.md" in done.stderr and "outside the registry" in done.stderr
    assert not out.exists() and SECRET not in done.stderr


def test_a_huge_document_body_is_refused_without_reading_it(hostile, tmp_path):
    import time

    with open(hostile / "documents" / "code-of-ethics.md", "wb") as body:
        body.truncate(54 * 1024 * 1024)  # 54 MB (sparse: only a bounded read can be quick)
    started = time.monotonic()
    done = run_lpps("site", "build", str(tmp_path / "out"), "-r", str(hostile))
    assert done.returncode == 2 and "documents/code-of-ethics.md" in done.stderr
    assert "larger than" in done.stderr
    assert time.monotonic() - started < 30


def test_a_linked_logo_is_refused(hostile, tmp_path):
    (tmp_path / "logo.png").write_bytes(b"\x89PNG" + SECRET.encode())
    os.symlink(tmp_path / "logo.png", hostile / "logo.png")
    partnership = hostile / "partnership.yaml"
    partnership.write_text(partnership.read_text(encoding="utf-8") + "logo: logo.png\n", encoding="utf-8")
    done = run_lpps("brochure", "-r", str(hostile), "--format", "html")
    assert done.returncode == 2
    assert "partnership.yaml" in done.stderr and "logo.png" in done.stderr
    import base64

    assert base64.b64encode(b"\x89PNG" + SECRET.encode()).decode()[:16] not in done.stdout


def test_a_template_that_fails_is_one_clear_error(hostile, tmp_path):
    (hostile / "templates" / "site" / "member.html").write_text("{{ 1 // 0 }}{% if %}", encoding="utf-8")
    done = run_lpps("site", "build", str(tmp_path / "out"), "-r", str(hostile))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "templates/site/member.html" in done.stderr and "line 1" in done.stderr
    (hostile / "templates" / "site" / "member.html").write_text("x\n{{ 1 // 0 }}", encoding="utf-8")
    done = run_lpps("site", "build", str(tmp_path / "out"), "-r", str(hostile))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "templates/site/member.html, line 2" in done.stderr and "ZeroDivisionError" in done.stderr


def test_templates_get_plain_data_only():
    from pathlib import PurePosixPath

    from conftest import VALID

    from lpps_cli.documents.render import plain
    from lpps_cli.reading.loader import load_registry

    registry = load_registry(VALID)
    for thing in (
        registry,
        registry.root,
        PurePosixPath("x"),
        next(iter(registry.members.values())),
        {"nested": [registry.taxonomy]},
        print,
        str.upper,
        open,
    ):
        with pytest.raises(TypeError):
            plain(thing)
    assert plain({"a": [1, 2.5, None, True, ("x", "\ud800")]}) == {"a": [1, 2.5, None, True, ("x", "\ufffd")]}


def test_a_linked_report_template_is_refused(hostile, tmp_path):
    (hostile / "templates" / "reports").mkdir()
    os.symlink(tmp_path / "secret.txt", hostile / "templates" / "reports" / "members.html.j2")
    done = run_lpps("report", "members", "-r", str(hostile), "--format", "html", "--today", "2025-10-01")
    assert done.returncode == 2, done.stderr
    assert "templates/reports/members.html.j2" in done.stderr and SECRET not in done.stdout + done.stderr


def test_a_huge_template_is_refused(hostile, tmp_path):
    (hostile / "templates" / "site" / "index.html").write_text("x" * (300 * 1024), encoding="utf-8")
    done = run_lpps("site", "build", str(tmp_path / "out"), "-r", str(hostile))
    assert done.returncode == 2 and "templates/site/index.html" in done.stderr and "larger than" in done.stderr
