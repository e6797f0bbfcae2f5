"""lpps brochure: PDF read back with pypdf, HTML self-contained, audience, injection, overrides."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLE, VALID, run_lpps
from pypdf import PdfReader

from lpps_cli.documents.render import localize
from lpps_cli.reading.loader import load_registry

#: the shipped example registry once it exists in this checkout; the small valid one before
SOURCE = EXAMPLE if (EXAMPLE / "partnership.yaml").is_file() else VALID


def _emails(value, public: bool = False):
    """Every e-mail address in contact lists (internal unless visibility: public)."""
    if isinstance(value, dict):
        if "email" in value and ("visibility" in value or "name" in value):
            yield value["email"], value.get("visibility") == "public"
        for item in value.values():
            yield from _emails(item)
    elif isinstance(value, list):
        for item in value:
            yield from _emails(item)


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    root = tmp_path_factory.mktemp("brochure") / "registry"
    shutil.copytree(SOURCE, root)
    out = root.parent / "brochure.pdf"
    done = run_lpps("--lang", "pl", "brochure", "--format", "pdf", "-o", str(out), "-r", str(root))
    assert done.returncode == 0, done.stderr
    reader = PdfReader(out)
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    return load_registry(root), reader, text


def test_pdf_names_every_active_member(pdf):
    registry, _reader, text = pdf
    active = [m for m in registry.members.values() if m.get("status") == "active"]
    assert active
    for member in active:
        name = " ".join(localize(member.get("name"), "pl", registry.default_language)[0].split())
        assert name in text, name


def test_pdf_has_no_internal_email(pdf):
    registry, _reader, text = pdf
    seen = [pair for record in registry.all_records() for pair in _emails(record.data)]
    public = {address for address, is_public in seen if is_public}
    public |= {r.get("email") for r in registry.members.values()} | {registry.partnership.get("email")}
    internal = {address for address, is_public in seen if not is_public} - public
    assert internal, "the registry should have internal contacts to hide"
    leaked = [address for address in internal if address in text]
    assert not leaked


def test_pdf_is_a4_with_page_numbers_toc_and_polish_text(pdf):
    _registry, reader, text = pdf
    pages = len(reader.pages)
    assert pages >= 3
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert f"2 / {pages}" in " ".join((reader.pages[1].extract_text() or "").split())
    assert "Spis treści" in text and "Członkowie" in text
    toc = " ".join((reader.pages[1].extract_text() or "").split())
    assert re.search(r"Członkowie\s*\.*\s*\d+", toc), "the table of contents has page numbers"
    fonts = {
        str(font.get("/BaseFont"))
        for page in reader.pages[:3]
        for font in (page["/Resources"].get("/Font") or {}).values()
        for font in [font.get_object()]
    }
    assert any("Noto" in f or "DejaVu" in f for f in fonts), fonts


def _brochure(root: Path, *args: str) -> str:
    done = run_lpps("brochure", "-r", str(root), *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_html_is_one_self_contained_file(valid_registry):
    html = _brochure(valid_registry, "--format", "html", "--lang", "pl")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="pl">' in html
    assert "<link" not in html and 'src="http' not in html and "<script" not in html
    assert "@media print" in html and "@page" in html
    assert "Fundacja A" in html and 'href="#member-fundacja-a"' in html


def test_audience_decides_which_contacts_show(valid_registry):
    public = _brochure(valid_registry, "--format", "md")
    internal = _brochure(valid_registry, "--format", "md", "--audience", "internal")
    # representatives have no visibility: internal by default
    assert "jan.nowak@fundacja-a.example.org" not in public
    assert "jan.nowak@fundacja-a.example.org" in internal
    assert "sekretariat@fundacja-a.example.org" in public  # a public contact


def test_one_member_profile(valid_registry):
    md = _brochure(valid_registry, "--format", "md", "--member", "fundacja-a", "--lang", "pl")
    assert "Fundacja A" in md and "Fundacja B" not in md
    done = run_lpps("brochure", "-r", str(valid_registry), "--member", "fundacja-x")
    assert done.returncode == 2 and "did you mean" in done.stderr and "Traceback" not in done.stderr


def test_record_text_is_data_never_a_template(valid_registry):
    path = valid_registry / "members" / "fundacja-a.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^profile:.*$", "profile: '<script>alert(1)</script> {{ 7*191 }} {% raw %}'", text)
    path.write_text(text.replace('name: {pl: "Fundacja A"', 'name: {pl: "Fundacja <b>A</b>"'), encoding="utf-8")
    html = _brochure(valid_registry, "--format", "html", "--lang", "pl")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script" not in html
    assert "{{ 7*191 }}" in html and "1337" not in html and "{% raw %}" in html
    assert "Fundacja &lt;b&gt;A&lt;/b&gt;" in html and "<b>A</b>" not in html
    md = _brochure(valid_registry, "--format", "md", "--lang", "pl")
    assert "&lt;script>alert(1)&lt;/script>" in md and "{{ 7*191 }}" in md and "1337" not in md


def test_language_fallback_is_said_only_internally(valid_registry):
    # profiles exist in pl and en only; Czech falls back to Polish, the default language
    public = _brochure(valid_registry, "--format", "md", "--lang", "cs")
    internal = _brochure(valid_registry, "--format", "md", "--lang", "cs", "--audience", "internal")
    assert "Profil organizacji fundacja-a." in public
    assert "(v jazyce" not in public
    assert "(v jazyce polština" in internal


def test_registry_template_overrides_the_package(valid_registry):
    folder = valid_registry / "templates" / "brochure"
    folder.mkdir(parents=True)
    (folder / "brochure.md").write_text("OWN {{ partnership.name | text }} {{ _('Members') }}\n", encoding="utf-8")
    assert _brochure(valid_registry, "--format", "md", "--lang", "pl").strip() == "OWN Partnerstwo Testowe Członkowie"


def test_logo_is_embedded_and_only_from_inside_the_registry(valid_registry):
    (valid_registry / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
        encoding="utf-8",
    )
    path = valid_registry / "partnership.yaml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original + "logo: logo.svg\n", encoding="utf-8")
    assert 'src="data:image/svg+xml;base64,' in _brochure(valid_registry, "--format", "html")
    path.write_text(original + "logo: ../../../etc/hostname.svg\n", encoding="utf-8")
    done = run_lpps("brochure", "-r", str(valid_registry), "--format", "html")
    assert done.returncode == 2 and "data:image" not in done.stdout
    assert "partnership.yaml" in done.stderr and "outside the registry" in done.stderr
