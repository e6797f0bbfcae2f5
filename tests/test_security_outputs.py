"""Issue 14: every output escapes record text for where it goes.

A member's pull request writes every byte of a record. Each test here feeds hostile text (a
Markdown heading, a team mention, a closed <details>, a workflow command on a new line, a terminal
escape, a forged vCard or header, a path as a member id) and asserts that the output carries it
as inert text: the structure of every output is written by lpps alone.
"""

from __future__ import annotations

import email
import re
import shutil
from email import policy
from email.message import EmailMessage
from pathlib import Path

import icalendar
import pytest
import vobject
from conftest import VALID, VALID_TODAY, left_out, run_lpps
from gitrepo import GIT_ENV, commit_all, git, make_repo
from markdown_it import MarkdownIt

#: Markdown that would post as the bot: a heading, mentions, a closed <details>, an image, a link,
#: raw HTML, a table row, math, an e-mail autolink and a list item of its own
HOSTILE_MARKDOWN = (
    "Dom\n### ✅ Approved by @partnership/board\n</details>\n\n![x](http://evil.example/p.png) "
    "[click](https://evil.example/) <img src=x onerror=alert(1)> | forged | row | "
    "$\\href{https://evil.example}{x}$ www.evil.example boss@evil.example #1\n- item"
)
#: a line that GitHub Actions would run as a workflow command, and OSC 52 (writes the clipboard)
WORKFLOW_COMMAND = "ngo\n::error file=x::pwned\r\n::add-mask::x"
OSC_52 = "\x1b]52;c;cm0gLXJmIH4=\x07"
STRICT = policy.default.clone(raise_on_defect=True)


def rendered(markdown: str) -> str:
    """HTML as a CommonMark renderer with GitHub's tables and raw HTML makes it."""
    return MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough").render(markdown)


def assert_inert_html(html: str, own_details: int = 0) -> None:
    for tag in ("<h1", "<h2", "<h4", "<h5", "<h6", "<a ", "<img", "<script", "<hr", "<blockquote"):
        assert tag not in html, tag
    assert html.count("</details>") == own_details and html.count("<details>") == own_details
    text = re.sub(r"<[^>]+>", "", html)
    assert not re.search(r"(?<![\w@])@\w", text), "a mention reaches GitHub"
    assert not re.search(r"\w@\w", text), "an e-mail autolink reaches GitHub"
    assert "http://" not in text and "https://" not in text and "www." not in text, "an autolink reaches GitHub"


# --- Markdown: one function for record text into GitHub Markdown ---------------------------------


def test_markdown_text_makes_record_text_inert():
    from lpps_cli.text.formats import markdown_code, markdown_line, markdown_text

    cell = markdown_text(HOSTILE_MARKDOWN)
    assert "\n" not in cell and "|" not in cell and "<" not in cell and "$" not in cell  # no math either
    html = rendered(f"| a |\n| --- |\n| {cell} |\n")
    assert_inert_html(html)
    assert html.count("<td>") == 1, "record text added a table cell"
    assert "Approved by" in html and "partnership/board" in html  # the reader still sees what was written
    assert len(markdown_text("x" * 10_000, 200).replace("&#", "")) < 400  # long values are capped
    for start in ("1. not a list", "- nested", "# heading", "> quote", "***", "+ item", "2) item"):
        html = rendered("- " + markdown_line(markdown_text(start)))
        assert html.count("<li>") == 1 and "<ol" not in html and "<h1" not in html and "<blockquote" not in html
        assert "<hr" not in html
    assert markdown_text("12") == "12"  # inside a line a number stays as it is
    assert markdown_code("services/a.yaml") == "`services/a.yaml`"
    assert "`" not in markdown_code("a` <b>x</b> `") and "<b>" not in rendered(markdown_code("a` <b>x</b> `"))


@pytest.fixture(scope="module")
def hostile_diff(tmp_path_factory):
    """A repository whose branch 'evil' writes hostile text into a service name and a member sector."""
    top = tmp_path_factory.mktemp("hostilediff")
    shutil.copytree(VALID, top / "registry")
    make_repo(top)
    git(top, "checkout", "-q", "-b", "evil")
    service = top / "registry/services/schronisko-test.yaml"
    text = service.read_text(encoding="utf-8")
    assert "Schronisko dla osób bezdomnych" in text
    service.write_text(
        text.replace('"Schronisko dla osób bezdomnych"', "Schronisko dla osób bezdomnych").replace(
            "Schronisko dla osób bezdomnych", _yaml_string(OSC_52 + HOSTILE_MARKDOWN)
        ),
        encoding="utf-8",
    )
    member = top / "registry/members/fundacja-a.yaml"
    member.write_text(
        member.read_text(encoding="utf-8").replace("sector: ngo", f"sector: {_yaml_string(WORKFLOW_COMMAND)}"),
        encoding="utf-8",
    )
    commit_all(top, "hostile")
    git(top, "checkout", "-q", "main")
    return top


def _yaml_string(text: str) -> str:
    """A YAML double-quoted scalar holding ``text`` exactly (control characters escaped)."""
    import json

    return json.dumps(text, ensure_ascii=True)


def _diff(repo: Path, *args: str) -> str:
    done = run_lpps("diff", "main", "evil", *args, cwd=repo / "registry", env=GIT_ENV)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_diff_markdown_comment_carries_record_text_as_inert_text(hostile_diff):
    md = _diff(hostile_diff, "--format", "md")
    assert md.startswith("### lpps diff:") and md.count("\n### ") == 0  # only lpps's own heading
    html = rendered(md)
    assert html.count("<h3>") == 1
    assert_inert_html(html.replace("<details><summary>", "<details>", 1), own_details=1)
    assert html.count("<li>") == 2, "record text added a list item"  # one sentence per change
    assert "\x1b" not in md and "\x07" not in md and "$" not in md
    table = md.partition("<details>")[2]
    rows = [line for line in table.splitlines() if line.startswith("|")]
    assert len(rows) >= 4
    cells = [len(re.findall(r"(?<!\\)\|", line)) for line in rows]
    assert set(cells) == {5}, "record text broke a table row"


def test_diff_text_shows_line_breaks_and_escape_sequences(hostile_diff):
    text = _diff(hostile_diff)
    assert "\x1b" not in text and "\x07" not in text and "\r" not in text
    assert "\\x1b]52;c;" in text  # shown, not sent
    assert not any(line.startswith("::") for line in text.splitlines())
    assert "ngo\\n::error file=x::pwned\\x0d\\n::add-mask::x" in text
    assert not any(line.lstrip().startswith(("###", "::", "-")) for line in text.splitlines()[1:])


# --- validate: text, GitHub workflow commands, the step summary ---------------------------------


def _hostile_email(registry: Path, value: str) -> None:
    path = registry / "members" / "fundacja-a.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("email: biuro@fundacja-a.example.org", f"email: {_yaml_string(value)}"), encoding="utf-8"
    )


HOSTILE_EMAIL = "x\n::error file=forged.yaml::forged\r::warning::cr 100% | <b>x</b>\u2028### y"


def test_validate_text_never_lets_record_text_start_a_line(valid_registry):
    _hostile_email(valid_registry, HOSTILE_EMAIL)
    done = run_lpps("validate", "-r", str(valid_registry), "--today", VALID_TODAY)
    assert done.returncode == 1
    assert not any(line.startswith("::") for line in done.stdout.splitlines())
    assert "x\\n::error file=forged.yaml::forged\\x0d::warning::cr" in done.stdout
    assert "\\u2028### y" in done.stdout and "\u2028" not in done.stdout


def test_validate_github_encodes_messages_and_properties(valid_registry, tmp_path):
    _hostile_email(valid_registry, HOSTILE_EMAIL)
    summary = tmp_path / "summary.md"
    done = run_lpps(
        "validate",
        "--today",
        VALID_TODAY,
        "--format",
        "github",
        cwd=valid_registry.parent,
        env={
            "GITHUB_STEP_SUMMARY": str(summary),
            "GITHUB_WORKSPACE": str(valid_registry.parent),
            "LPPS_REGISTRY": str(valid_registry),
        },
    )
    assert done.returncode == 1
    commands = [line for line in done.stdout.splitlines() if line.startswith("::")]
    assert commands and all(
        re.match(r"::(error|warning) file=[^:,]+,line=\d+,col=\d+,title=[^:,]+::", line) for line in commands
    )
    [ours] = [line for line in commands if "fundacja-a" in line and "%0A" in line]
    assert "x%0A::error file=forged.yaml::forged%0D::warning::cr 100%25 | <b>x</b>\\u2028### y" in ours
    assert "\r" not in done.stdout and "\\x0d" not in ours
    from lpps_cli.reporters.github import _escape_property

    assert _escape_property("a:b,c%d\r\n") == "a%3Ab%2Cc%25d%0D%0A"
    table = summary.read_text(encoding="utf-8")
    rows = [line for line in table.splitlines() if line.startswith("|")]
    assert len(rows) == len(commands) + 2, "record text added or broke a table row"
    assert all(len(re.findall(r"(?<!\\)\|", line)) == 6 for line in rows)
    html = rendered(table)
    assert html.count("<h3>") == 1 and "<b>" not in html and "<h3>y" not in html


# --- mailing lists: vCard and txt ---------------------------------------------------------------


def _representative(registry: Path, member: str, email_value: str, name: str = "Jan Nowak") -> None:
    path = registry / "members" / f"{member}.yaml"
    text = path.read_text(encoding="utf-8")
    old = re.search(r"representatives:\n  - \{[^\n]*\}", text).group(0)
    path.write_text(
        text.replace(
            old, "representatives:\n  - {name: " + _yaml_string(name) + ", email: " + _yaml_string(email_value) + "}"
        ),
        encoding="utf-8",
    )


FORGED_CARD = (
    "jan@fundacja-a.example.org\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nFN:Forged\r\nEMAIL:forged@evil.example"
)


def test_mailing_list_refuses_an_address_that_is_not_one_address(valid_registry):
    _representative(valid_registry, "fundacja-a", FORGED_CARD)
    _representative(valid_registry, "fundacja-b", "a@fundacja-b.example.org, b@evil.example")
    _representative(
        valid_registry,
        "caritas-test",
        "jan@caritas-test.example.org",
        name="Jan\r\nEND:VCARD\r\nBEGIN:VCARD\nFN:Forged\u2028x; y, z",
    )
    vcf = run_lpps("mailing-list", "-r", str(valid_registry), "--format", "vcf")
    assert vcf.returncode == 0, vcf.stderr
    cards = list(vobject.readComponents(vcf.stdout))
    emails = sorted(card.email.value for card in cards)
    assert "forged@evil.example" not in vcf.stdout and "b@evil.example" not in vcf.stdout
    assert all("evil" not in e and "fundacja-a" not in e and "fundacja-b" not in e for e in emails)
    assert [card.fn.value for card in cards if "caritas" in card.email.value] == [
        "Jan END:VCARD BEGIN:VCARD FN:Forged x; y, z"
    ]
    assert not any(card.fn.value == "Forged" for card in cards)
    assert "fundacja-a" in vcf.stderr and "fundacja-b" in vcf.stderr and "not one valid address" in vcf.stderr
    txt = run_lpps("mailing-list", "-r", str(valid_registry))
    lines = txt.stdout.splitlines()
    assert len(lines) == len(cards) and all(line.endswith(">") and "evil" not in line for line in lines)
    assert sum("caritas-test" in line for line in lines) == 1


def test_vcard_values_escape_every_line_break():
    from lpps_cli.query.mailing import Recipient, as_vcf

    card = as_vcf(
        [
            Recipient(
                name="A\rB\u2028C\x85D",
                email="a@example.org",
                organisations=["O\nEND:VCARD"],
                role="R;\\,",
                phone="+48 1\r\nTEL:2",
            )
        ]
    )
    lines = card.split("\r\n")
    assert [line.split(":")[0].split(";")[0] for line in lines if line and not line.startswith(" ")] == [
        "BEGIN",
        "VERSION",
        "FN",
        "N",
        "EMAIL",
        "ORG",
        "ROLE",
        "TEL",
        "END",
    ]
    [parsed] = vobject.readComponents(card)
    assert parsed.fn.value == "A\nB\nC\nD" and parsed.org.value == ["O\nEND:VCARD"]  # escaped: \n
    assert parsed.role.value == "R;\\,"


# --- iCalendar -----------------------------------------------------------------------------------


HOSTILE_TITLE = "Walne\r\nATTENDEE:mailto:evil@example.org\nX-A:1\u2028BEGIN:VEVENT;x,y\\z\x1b"


def _hostile_meeting(registry: Path) -> None:
    path = registry / "meetings" / "2025-10-08-general.yaml"
    text = path.read_text(encoding="utf-8")
    hostile = _yaml_string(HOSTILE_TITLE)
    text += (
        f"title: {{pl: {hostile}, en: {hostile}}}\n"
        f"place: {{name: {hostile}, online: {_yaml_string('https://meet.example/x' + chr(13) + chr(10) + 'ORGANIZER:mailto:e@x.org')},"
        f" address: {{street: {hostile}, city: Lublin}}}}\n"
    )
    text = text.replace("{pl: Przyjęcie kandydata, en: Admission of an applicant}", f"{{pl: {hostile}, en: {hostile}}}")
    path.write_text(text, encoding="utf-8")


def _assert_calendar_inert(data: bytes) -> None:
    for calendar in (icalendar.Calendar.from_ical(data),):
        events = calendar.walk("VEVENT")
        assert len(events) >= 1
        for event in events:
            assert "X-A" not in event
            attendees = event.get("attendee")
            attendees = attendees if isinstance(attendees, list) else [attendees] if attendees else []
            assert all("evil" not in str(a) for a in attendees)
            if "ORGANIZER" in event:
                assert "e@x.org" not in str(event["ORGANIZER"])
            assert "URL" not in event or "\r" not in str(event["URL"])
    parsed = list(vobject.readComponents(data.decode("utf-8")))
    assert len(parsed) == 1
    lines = data.decode("utf-8").split("\r\n")
    names = [line.split(":")[0].split(";")[0] for line in lines if line and not line.startswith(" ")]
    assert names.count("BEGIN") == names.count("END") and "X-A" not in names
    assert all("evil" not in line for line in lines if line.startswith(("BEGIN", "END")))
    assert "\u2028" not in data.decode("utf-8") and "\x1b" not in data.decode("utf-8")


#: what a title may hold and validate accepts (one line, no control character), yet each
#: character iCalendar or a header gives a meaning to: the command must write it as text
ACCEPTED_TITLE = "Walne ATTENDEE:mailto:evil@example.org X-A:1 BEGIN:VEVENT;x,y\\z"


def _accepted_title(registry: Path, meeting: str) -> None:
    path = registry / "meetings" / f"{meeting}.yaml"
    title = _yaml_string(ACCEPTED_TITLE)
    path.write_text(path.read_text(encoding="utf-8") + f"title: {{pl: {title}, en: {title}}}\n", encoding="utf-8")


def test_ics_export_leaves_out_a_hostile_meeting_and_escapes_what_validate_accepts(valid_registry):
    """Command level: the meeting with line breaks in one-line fields is left out and named; the
    other meetings are exported, one with every iCalendar-special character in its title."""
    _hostile_meeting(valid_registry)
    _accepted_title(valid_registry, "2025-07-09-general")
    out = valid_registry.parent / "meetings.ics"
    done = run_lpps("export", "ics", "-r", str(valid_registry), "--lang", "en", "-o", str(out), "--today", VALID_TODAY)
    assert left_out(done) == {"meetings/2025-10-08-general.yaml"}
    data = out.read_bytes()
    _assert_calendar_inert(data)
    events = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert not [e for e in events if "2025-10-08" in str(e["UID"])]
    assert b"meet.example" not in data and b"ORGANIZER" not in data  # the hostile place is not there
    assert not any("Walne" in str(e.get("LOCATION", "")) for e in events)
    [event] = [e for e in events if "2025-07-09" in str(e["UID"])]
    assert str(event["SUMMARY"]) == ACCEPTED_TITLE
    [card] = vobject.readComponents(data.decode("utf-8"))
    assert ACCEPTED_TITLE in [e.summary.value for e in card.vevent_list]


def test_ics_export_escapes_titles_places_and_agenda(valid_registry):
    """Renderer level: given the hostile meeting anyway (loaded without validate's filter), the
    feed folds every line break and writes every special character as text."""
    from lpps_cli.exporters.ics import calendar
    from lpps_cli.reading.loader import load_registry

    _hostile_meeting(valid_registry)
    data = calendar(load_registry(valid_registry), "en", "public")
    _assert_calendar_inert(data)
    [event] = [e for e in icalendar.Calendar.from_ical(data).walk("VEVENT") if "2025-10-08" in str(e["UID"])]
    assert str(event["SUMMARY"]) == "Walne ATTENDEE:mailto:evil@example.org X-A:1 BEGIN:VEVENT;x,y\\z"
    assert "URL" not in event  # a URL with a line break is not one address
    assert "BEGIN:VEVENT;x,y\\z" in str(event["DESCRIPTION"])
    [card] = vobject.readComponents(data.decode("utf-8"))
    summaries = [e.summary.value for e in card.vevent_list]
    assert "Walne ATTENDEE:mailto:evil@example.org X-A:1 BEGIN:VEVENT;x,y\\z" in summaries


# --- e-mail invitations --------------------------------------------------------------------------


MEETING = "2025-10-08-general"


def _invite(registry: Path, out: Path):
    return run_lpps("meeting", "invite", MEETING, "-r", str(registry), "-o", str(out), "--lang", "en")


def _hostile_representatives(registry: Path) -> None:
    _representative(registry, "fundacja-a", "a@fundacja-a.example.org, b@evil.example")
    _representative(registry, "fundacja-b", "jan@fundacja-b.example.org\r\nBcc: evil@example.org")
    _representative(
        registry, "caritas-test", "jan@caritas-test.example.org", name="Jan\u2028Bcc: evil@example.org\r\nX-Evil: 1"
    )


def _assert_invitation_inert(file: Path, title: str) -> EmailMessage:
    message = email.message_from_bytes(file.read_bytes(), policy=STRICT)
    for header in ("Bcc", "X-Evil", "X-A", "ATTENDEE"):
        assert header not in message
    assert len(message.get_all("To")) == 1 and len(message["To"].addresses) == 1
    assert "evil" not in message["To"].addresses[0].addr_spec
    assert message["Subject"].startswith(f"Invitation: {title}")
    part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    _assert_calendar_inert(part.get_payload(decode=True))
    return message


def test_invitations_leave_out_members_with_hostile_addresses(valid_registry, tmp_path):
    """Command level: the three members whose representative validate refuses are left out and
    named; the others are invited, with a title validate accepts written inertly in every header."""
    _hostile_representatives(valid_registry)
    _accepted_title(valid_registry, MEETING)
    out = tmp_path / "out"
    done = _invite(valid_registry, out)
    assert left_out(done) == {"members/fundacja-a.yaml", "members/fundacja-b.yaml", "members/caritas-test.yaml"}
    files = sorted(out.glob("*.eml"))
    assert [f.name.partition("--")[0] for f in files] == ["kandydat-e", "stowarzyszenie-c", "urzad-pracy"]
    assert sorted(tmp_path.rglob("*.eml")) == files
    for file in files:
        assert not any(hostile in file.read_bytes() for hostile in (b"evil.example", b"X-Evil", b"Bcc"))
        message = _assert_invitation_inert(file, ACCEPTED_TITLE)
        part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
        assert (
            str(icalendar.Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")[0]["SUMMARY"])
            == ACCEPTED_TITLE
        )


def test_invitation_headers_cannot_be_injected_and_one_bad_address_skips_one_person(valid_registry, tmp_path):
    """Renderer level: given the hostile meeting and representatives anyway (loaded without
    validate's filter), the builder skips the two bad addresses, names them, invites the rest,
    and no value adds a header or a calendar property."""
    from lpps_cli.documents.invitations import build_invitations, write_invitations
    from lpps_cli.reading.loader import load_registry

    _hostile_meeting(valid_registry)
    _hostile_representatives(valid_registry)
    built = build_invitations(load_registry(valid_registry), MEETING, "en")
    assert sorted(s.member for s in built.skipped) == ["fundacja-a", "fundacja-b"]
    assert all("not one valid address" in s.reason for s in built.skipped)
    out = tmp_path / "out"
    files = sorted(write_invitations(built.sent, out))
    assert len(files) == 4  # the six invited members, but the two skipped
    assert not any("fundacja-a" in f.name or "fundacja-b" in f.name for f in files)
    for file in files:
        _assert_invitation_inert(file, "Walne ATTENDEE:mailto:evil@example.org X-A:1")
    caritas = email.message_from_bytes(next(f for f in files if "caritas" in f.name).read_bytes(), policy=STRICT)
    assert caritas["To"].addresses[0].display_name == "Jan Bcc: evil@example.org X-Evil: 1"


def test_member_ids_never_become_paths_outside_the_output_folder(tmp_path):
    from lpps_cli.documents.invitations import Invitation, write_invitations

    out = tmp_path / "deep" / "out"
    ids = ["/tmp/x", "../../x", "..", ".", "a/../../b", "\\..\\x", "x\u2028y", "../../x"]
    invitations = [Invitation("jan@example.org", "Jan", member, _message()) for member in ids]
    paths = write_invitations(invitations, out)
    assert len(paths) == len(ids) == len(set(paths))  # two ids that make the same name keep both files
    for path in paths:
        assert path.parent == out and path.exists()
        assert path.resolve().parent == out.resolve() and not path.name.startswith(".")
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in paths)
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.eml")) == sorted(
        p.relative_to(tmp_path) for p in paths
    )  # nothing written beside the folder


def _id_with_a_path(registry: Path) -> None:
    path = registry / "members" / "fundacja-a.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: fundacja-a", "id: ../../escaped"), encoding="utf-8")


def test_a_member_whose_id_is_a_path_is_left_out_of_the_invitations(valid_registry, tmp_path):
    """Command level: the member is left out and named (its id is not its file name), the
    others are invited, and every file lands inside the folder."""
    _id_with_a_path(valid_registry)
    out = tmp_path / "a" / "b" / "out"
    done = _invite(valid_registry, out)
    assert "members/fundacja-a.yaml" in left_out(done) and "'../../escaped'" in done.stderr
    written = sorted(tmp_path.rglob("*.eml"))
    assert len(written) == 5 and all(p.parent == out for p in written)
    assert not any("escaped" in p.name or "fundacja-a" in p.name for p in written)
    assert not list(tmp_path.rglob("*escaped*"))


def test_a_member_id_with_a_path_is_written_inside_the_folder(valid_registry, tmp_path):
    """Renderer level: given the member anyway, its id becomes one file name, never a path."""
    from lpps_cli.documents.invitations import build_invitations, write_invitations
    from lpps_cli.reading.loader import load_registry

    _id_with_a_path(valid_registry)
    registry = load_registry(valid_registry)
    assert "../../escaped" in registry.members  # no filter in between
    out = tmp_path / "a" / "b" / "out"
    write_invitations(build_invitations(registry, MEETING, "en").sent, out)
    written = sorted(tmp_path.rglob("*.eml"))
    assert len(written) == 6 and all(p.parent == out for p in written)
    assert (out / "_.._escaped--jan.nowak_fundacja-a.example.org.eml").exists()  # a name, never a path


def _message() -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = "x"
    message.set_content("x")
    return message
