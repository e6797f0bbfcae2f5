"""lpps site build: a static multilingual portal; search runs in headless Chromium from file://."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import EXAMPLE, EXAMPLE_TODAY, VALID, run_lpps
from public_data import REGISTRIES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module", params=REGISTRIES, ids=[r[0] for r in REGISTRIES])
def site(request, tmp_path_factory):
    _, root, today = request.param
    out = tmp_path_factory.mktemp("site")
    done = run_lpps("site", "build", str(out), "-r", str(root), "--today", today)
    assert done.returncode == 0, done.stderr
    from lpps_cli.reading.loader import load_registry

    return out, load_registry(root)


def dump_dom(url: str, tmp_path: Path) -> str:
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'chromium'}",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def visible_rows(dom: str) -> set[str]:
    rows = re.findall(r'<tr data-id="([^"]+)"([^>]*)>', dom)
    assert rows
    return {rid for rid, attributes in rows if "hidden" not in attributes}


class Outline(HTMLParser):
    """lang of <html>, headings, form controls and their labels."""

    def __init__(self):
        super().__init__()
        self.lang, self.headings, self.controls, self.labels = None, [], [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag in ("input", "select", "textarea"):
            self.controls.append(attrs.get("id"))
        elif tag == "label":
            self.labels.add(attrs.get("for"))


def test_one_tree_per_language_with_lang_headings_and_labels(site):
    out, registry = site
    assert (out / "index.html").exists() and (out / "meetings.ics").exists()
    for lang in registry.languages:
        pages = sorted((out / lang).rglob("*.html"))
        assert len(pages) >= 5 + len(registry.services)
        for page in pages:
            outline = Outline()
            outline.feed(page.read_text(encoding="utf-8"))
            assert outline.lang == lang, page
            assert outline.headings and outline.headings[0] == 1, page
            assert all(b - a <= 1 for a, b in zip(outline.headings, outline.headings[1:])), page
            assert set(outline.controls) <= outline.labels, page
            assert f'href="{"../" * (len(page.relative_to(out).parts) - 1)}' in page.read_text(encoding="utf-8")


def test_a_page_per_record_with_a_stable_url(site):
    out, registry = site
    lang = registry.default_language
    for sid in registry.services:
        assert (out / lang / "services" / f"{sid}.html").exists()
    for mid, member in registry.members.items():  # members listed on the portal; not applicants or former
        assert (out / lang / "members" / f"{mid}.html").exists() == (member.get("status") in ("active", "suspended"))
    other = registry.languages[-1]
    page = (out / lang / "services.html").read_text(encoding="utf-8")
    assert f'href="../{other}/services.html"' in page  # the language switcher


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is installed by .ci/run")
def test_search_by_target_group_shows_only_matching_services(site, tmp_path):
    out, registry = site
    groups = {g for s in registry.services.values() for g in s.get("target_groups", [])}
    group = sorted(groups)[0]
    expected = {sid for sid, s in registry.services.items() if group in s.get("target_groups", [])}
    assert expected != set(registry.services)  # the filter must hide something
    page = (out / registry.default_language / "services.html").as_uri()
    assert visible_rows(dump_dom(f"{page}?target_group={group}", tmp_path)) == expected
    label = registry.taxonomy.label("target-groups", group, registry.default_language)
    typed = visible_rows(dump_dom(f"{page}?q={label}", tmp_path))
    assert expected <= typed < set(registry.services)


def test_registry_templates_override_and_markdown_stays_text(valid_registry, tmp_path):
    (valid_registry / "templates" / "site").mkdir(parents=True)
    (valid_registry / "templates" / "site" / "index.html").write_text(
        '{% extends "site/base.html" %}{% block main %}<h1>Our own home page</h1>{% endblock %}', encoding="utf-8"
    )
    (valid_registry / "documents" / "code-of-ethics.md").write_text(
        "# Principles\n\n1. Dignity\n\n<script>alert(1)</script>\n", encoding="utf-8"
    )
    done = run_lpps("site", "build", str(tmp_path / "out"), "-r", str(valid_registry))
    assert done.returncode == 0, done.stderr
    assert "Our own home page" in (tmp_path / "out" / "pl" / "index.html").read_text(encoding="utf-8")
    body = (tmp_path / "out" / "pl" / "documents" / "code-of-ethics.html").read_text(encoding="utf-8")
    assert "<h2>Principles</h2>" in body and "<li>Dignity</li>" in body
    assert "<script>alert" not in body


def test_serve_rejects_a_busy_port(tmp_path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        done = run_lpps("site", "serve", str(tmp_path / "out"), "-r", str(VALID), "--port", str(busy.getsockname()[1]))
    assert done.returncode == 2
    assert "--port" in done.stderr


def test_the_portal_lists_and_counts_the_same_members_and_no_others(tmp_path):
    """Applicants and former (or excluded) members get no page; the home page counts who is listed."""
    import re

    from lpps_cli.reading.loader import load_registry

    out = tmp_path / "site"
    done = run_lpps("site", "build", str(out), "--today", EXAMPLE_TODAY)
    assert done.returncode == 0, done.stderr
    members = load_registry(EXAMPLE).members.values()
    listed = {m.id for m in members if m.get("status") in ("active", "suspended")}
    assert listed and listed != {m.id for m in members}  # the example has applicants and former members
    pages = {p.stem for p in (out / "en" / "members").glob("*.html")}
    assert pages == listed
    directory = (out / "en" / "members.html").read_text(encoding="utf-8")
    assert set(re.findall(r'href="members/([^"]+)\.html"', directory)) == listed
    home = (out / "en" / "index.html").read_text(encoding="utf-8")
    assert f"{len(listed)} member organisations." in home
    for page in (out / "en" / "services").glob("*.html"):  # no link to a page that is not there
        for target in re.findall(r'href="\.\./members/([^"]+)\.html"', page.read_text(encoding="utf-8")):
            assert target in listed, (page.name, target)
