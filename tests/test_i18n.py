"""Catalogs: complete for every message in the code and templates; Babel dates and plurals;
the same documents fully translated in cs, pl, uk and en; the sandbox."""

from __future__ import annotations

import shutil

import pytest
from conftest import run_lpps
from jinja2.sandbox import SecurityError

from lpps_cli.documents.render import environment, unit_count
from lpps_cli.i18n import catalogs as i18n_tools
from lpps_cli.i18n import translations as i18n

LANGUAGES = ["cs", "pl", "uk"]


@pytest.fixture(scope="module")
def template():
    return i18n_tools.extract()


def test_every_catalog_translates_every_message(template):
    assert len(template) > 50
    assert i18n_tools.languages() == LANGUAGES
    assert i18n_tools.problems(template) == []


def test_the_check_fails_when_a_catalog_lacks_a_message(template, tmp_path, monkeypatch):
    shutil.copytree(i18n_tools.LOCALE_DIR, tmp_path / "locale")
    monkeypatch.setattr(i18n_tools, "LOCALE_DIR", tmp_path / "locale")
    po = tmp_path / "locale" / "pl" / "LC_MESSAGES" / "lpps.po"
    catalog = i18n_tools.read("pl")
    catalog.delete("Attendance list")
    catalog["Members"].flags.add("fuzzy")
    i18n_tools.write(catalog, po)
    found = i18n_tools.problems(template)
    assert "pl: missing 'Attendance list'" in found and "pl: fuzzy 'Members'" in found


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("pl", ["1 miejsce", "3 miejsca", "5 miejsc", "22 miejsca"]),
        ("cs", ["1 místo", "3 místa", "5 míst", "22 míst"]),
        ("uk", ["1 місце", "3 місця", "5 місць", "21 місце"]),
        ("en", ["1 place", "3 places", "5 places", "22 places"]),
    ],
)
def test_plurals_by_babel_rules(lang, expected):
    i18n.set_language(lang)
    try:
        counts = [1, 3, 5, 21 if lang == "uk" else 22]
        assert [unit_count(n, "places") for n in counts] == expected
    finally:
        i18n.set_language("en")


def test_dates_through_babel():
    assert i18n.format_date("2027-01-15", "pl") == "15 stycznia 2027"
    assert i18n.format_date("2027-01-15", "cs") == "15. ledna 2027"
    assert i18n.format_number(1234567, "cs") == "1\xa0234\xa0567"


@pytest.mark.parametrize("lang", ["cs", "pl", "uk", "en"])
def test_documents_are_fully_translated(valid_registry, lang, tmp_path):
    """Every heading of the brochure and the agenda, and the invitation's subject, in ``lang``."""
    translations = i18n.translations(lang)
    brochure = run_lpps("--lang", lang, "brochure", "--format", "md", "-r", str(valid_registry)).stdout
    agenda = run_lpps(
        "meeting", "agenda", "2025-10-08-general", "--lang", lang, "--format", "md", "-r", str(valid_registry)
    ).stdout
    headings = {
        "brochure": [
            "Contents",
            "About the partnership",
            "How the partnership works",
            "Founding principles",
            "Members",
            "Services by target group",
            "Services by area",
        ],
        "agenda": ["Agenda", "Attendance list", "Member", "Representative", "Signature"],
    }
    for document, text in (("brochure", brochure), ("agenda", agenda)):
        heading_lines = [line for line in text.splitlines() if line.startswith(("#", "|", "- ["))]
        for msgid in headings[document]:
            word = translations.gettext(msgid)
            assert lang == "en" or word != msgid, (lang, msgid)
            assert any(word in line for line in heading_lines), (lang, document, word)
    done = run_lpps(
        "meeting", "invite", "2025-10-08-general", "--lang", lang, "-o", str(tmp_path), "-r", str(valid_registry)
    )
    assert done.returncode == 0, done.stderr
    subject_start = translations.gettext("Invitation: %(title)s, %(date)s").split("%")[0]
    eml = next(tmp_path.glob("*.eml")).read_text(encoding="utf-8")
    import email
    from email import policy

    assert email.message_from_string(eml, policy=policy.default)["Subject"].startswith(subject_start)


def test_environment_is_sandboxed_and_escapes(valid_registry):
    from lpps_cli.reading.loader import load_registry

    env = environment(load_registry(valid_registry), "pl", "public", "html")
    with pytest.raises(SecurityError):
        env.from_string("{{ x.__class__.__mro__[1].__subclasses__() }}").render(x="")
    assert env.from_string("{{ v | text }}").render(v={"pl": "<i>x</i>"}) == "&lt;i&gt;x&lt;/i&gt;"
    rendered = env.from_string("{{ v | markdown }}").render(v="**a** <script>alert(1)</script>")
    assert "<strong>a</strong>" in rendered and "<script>" not in rendered
    i18n.set_language("en")


def test_default_language_is_the_partnerships_first(valid_registry):
    """No --lang and no LPPS_LANG: the registry's first language (pl); LPPS_LANG chooses another."""
    done = run_lpps(
        "meeting", "agenda", "2025-10-08-general", "--format", "md", "-r", str(valid_registry), env={"LPPS_LANG": ""}
    )
    assert "## Porządek obrad" in done.stdout
    done = run_lpps(
        "meeting", "agenda", "2025-10-08-general", "--format", "md", "-r", str(valid_registry), env={"LPPS_LANG": "uk"}
    )
    assert "## Порядок денний" in done.stdout


def test_compiled_catalogs_are_kept_and_follow_the_po_file(tmp_path, monkeypatch):
    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, locale)
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale)
    monkeypatch.setenv("LPPS_CACHE_DIR", str(tmp_path / "cache"))
    compile_catalog = i18n.translations.__wrapped__  # the in-process @cache would hide the files
    assert compile_catalog("pl").gettext("member") != "member"
    [compiled] = (tmp_path / "cache" / "catalogs").glob("pl-*.mo")
    compiled.write_bytes(b"\x00broken")  # a broken compiled catalog is compiled again
    assert compile_catalog("pl").gettext("member") != "member"
    assert compiled.read_bytes()[:4] in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")
    po = locale / "pl" / "LC_MESSAGES" / "lpps.po"
    text = po.read_text(encoding="utf-8")
    assert 'msgid "member"\nmsgstr "' in text
    po.write_text(text.replace('msgid "member"\nmsgstr "', 'msgid "member"\nmsgstr "NEW ', 1), encoding="utf-8")
    assert compile_catalog("pl").gettext("member").startswith("NEW ")
    assert [p.name for p in (tmp_path / "cache" / "catalogs").glob("pl-*.mo")] != [compiled.name]
    assert len(list((tmp_path / "cache" / "catalogs").glob("pl-*.mo"))) == 1
    assert compile_catalog("xx").gettext("member") == "member"


def test_no_message_hides_in_an_f_string():
    """Babel's extractor does not look inside f-strings: `f"{_('none')}"` stays English forever."""
    import re

    hidden = re.compile(r"""\bf(["']).*\{\s*(_|gettext|ngettext|pgettext)\(""")
    found = [
        f"{path.name}:{number}"
        for path in sorted((i18n.LOCALE_DIR.parent).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if hidden.search(line)
    ]
    assert found == []
