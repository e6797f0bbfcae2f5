"""lpps meeting invite: .eml files, and delivery to a real aiosmtpd server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import email
import socket
from email import policy
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from conftest import run_lpps
from icalendar import Calendar

MEETING = "2025-10-08-general"
UID = f"test-partnership-{MEETING}@urzad.example.org"
INVITED = ["caritas-test", "fundacja-a", "fundacja-b", "kandydat-e", "stowarzyszenie-c", "urzad-pracy"]
RECIPIENTS = {f"jan.nowak@{member}.example.org" for member in INVITED}
REFUSED = "jan.nowak@fundacja-b.example.org"


class Inbox:
    """An aiosmtpd handler that keeps what it receives and refuses one address."""

    def __init__(self, refuse: str | None = None):
        self.messages: list[tuple[list[str], bytes]] = []
        self.refuse = refuse
        self.logins: list[tuple[str, str]] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == self.refuse:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        self.logins.append((auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=auth_data.password == b"s3cret")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(request):
    inbox = Inbox(getattr(request, "param", None))
    controller = Controller(
        inbox, hostname="127.0.0.1", port=_free_port(), authenticator=inbox.authenticate, auth_require_tls=False
    )
    controller.start()
    yield controller, inbox
    controller.stop()


def _send(registry, controller, *args, env=None):
    return run_lpps(
        "meeting",
        "invite",
        MEETING,
        "-r",
        str(registry),
        "--send",
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        str(controller.port),
        "--smtp-security",
        "none",
        *args,
        env=env,
    )


def _calendar(message) -> Calendar:
    parts = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1 and parts[0].get_param("method") == "REQUEST"
    return Calendar.from_ical(parts[0].get_payload(decode=True))


def test_send_delivers_one_message_per_representative(valid_registry, smtp_server):
    controller, inbox = smtp_server
    done = _send(valid_registry, controller, "--lang", "pl")
    assert done.returncode == 0, done.stderr
    assert sorted(rcpt for rcpts, _ in inbox.messages for rcpt in rcpts) == sorted(RECIPIENTS)
    for rcpts, raw in inbox.messages:
        message = email.message_from_bytes(raw, policy=policy.default)
        assert message["To"].addresses[0].addr_spec == rcpts[0]
        assert message["Subject"] == "Zaproszenie: Zgromadzenie ogólne, 8 października 2025"
        assert message["From"].addresses[0].addr_spec == "koordynator@urzad.example.org"
        assert message.get_body(("plain",)).get_content().startswith("Szanowni Państwo,")
        assert "Porządek obrad" in message.get_body(("html",)).get_content()
        calendar = _calendar(message)
        assert str(calendar["METHOD"]) == "REQUEST"
        assert [c["TZID"] for c in calendar.walk("VTIMEZONE")] == ["Europe/Warsaw"]
        event = calendar.walk("VEVENT")[0]
        start = event.decoded("DTSTART")
        assert start == dt.datetime(2025, 10, 8, 10, 0, tzinfo=ZoneInfo("Europe/Warsaw"))
        assert event["DTSTART"].params["TZID"] == "Europe/Warsaw"
        assert str(event["UID"]) == UID
        assert str(event["ATTENDEE"]) == f"mailto:{rcpts[0]}"
        assert str(event["ORGANIZER"]) == "mailto:koordynator@urzad.example.org"


@pytest.mark.parametrize("smtp_server", [REFUSED], indirect=True)
def test_a_refused_recipient_is_reported_and_the_others_still_go(valid_registry, smtp_server):
    controller, inbox = smtp_server
    done = _send(valid_registry, controller)
    assert done.returncode == 2
    assert REFUSED in done.stderr and "550" in done.stderr and "Traceback" not in done.stderr
    assert {rcpts[0] for rcpts, _ in inbox.messages} == RECIPIENTS - {REFUSED}


def test_login_password_comes_from_the_environment_only(valid_registry, smtp_server):
    controller, inbox = smtp_server
    done = _send(valid_registry, controller, "--smtp-user", "coordinator", env={"LPPS_SMTP_PASSWORD": ""})
    assert done.returncode == 2 and "LPPS_SMTP_PASSWORD" in done.stderr and not inbox.messages
    done = _send(valid_registry, controller, "--smtp-user", "coordinator", env={"LPPS_SMTP_PASSWORD": "s3cret"})
    assert done.returncode == 0, done.stderr
    assert inbox.logins == [("coordinator", "s3cret")] and len(inbox.messages) == len(RECIPIENTS)


def test_dry_run_lists_recipients_and_sends_nothing(valid_registry, smtp_server):
    controller, inbox = smtp_server
    done = _send(valid_registry, controller, "--dry-run")
    assert done.returncode == 0
    assert {line.split("\t")[0] for line in done.stdout.splitlines()} == RECIPIENTS and not inbox.messages


def test_eml_files_and_a_resend_updates_the_same_event(valid_registry, tmp_path):
    uids, sequences = set(), []
    for round_ in (1, 2):
        out = tmp_path / f"round{round_}"
        done = run_lpps("meeting", "invite", MEETING, "-r", str(valid_registry), "-o", str(out), "--lang", "en")
        assert done.returncode == 0, done.stderr
        files = sorted(out.glob("*.eml"))
        assert len(files) == len(RECIPIENTS)
        message = email.message_from_bytes(files[0].read_bytes(), policy=policy.default)
        assert message["Subject"].startswith("Invitation: General meeting")
        event = _calendar(message).walk("VEVENT")[0]
        uids.add(str(event["UID"]))
        sequences.append(int(event["SEQUENCE"]))
    assert uids == {UID} and sequences[1] >= sequences[0]


def test_a_cancelled_meeting_sends_a_cancellation(valid_registry, tmp_path):
    path = valid_registry / "meetings" / f"{MEETING}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: planned", "status: cancelled"), encoding="utf-8")
    done = run_lpps("meeting", "invite", MEETING, "-r", str(valid_registry), "-o", str(tmp_path), "--lang", "en")
    assert done.returncode == 0, done.stderr
    message = email.message_from_bytes(next(tmp_path.glob("*.eml")).read_bytes(), policy=policy.default)
    part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    calendar = Calendar.from_ical(part.get_payload(decode=True))
    assert str(calendar["METHOD"]) == "CANCEL" and str(calendar.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"
    assert message["Subject"].startswith("Cancelled:")
