"""The fast paths (rapidyaml + orjson reading, jsonschema-rs screening, the e-mail regex) give
the same data and the same findings as the reference paths (ruamel's safe loader, jsonschema,
email-validator), over the example registry, the test registry, a generated registry and
Hypothesis-made YAML. LPPS_FAST=0 turns the fast paths off."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE, EXAMPLE_TODAY, ROOT, VALID, VALID_TODAY, run_lpps
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from yaml_strategies import EXAMPLES, documents

from lpps_cli.reading import fastyaml, yamlio

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import TODAY as GENERATED_TODAY
from generate import generate


def outcome(raw: bytes, fast: bool):
    """What yamlio.parse makes of ``raw``: the data (repr keeps int/float/bool apart) or the problem."""
    try:
        return "data", repr(yamlio.parse(raw, fast=fast))
    except yamlio.YamlProblem as exc:
        return "problem", exc.message, exc.line, exc.column


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("generated") / "registry"
    generate(root, members=30, services=100)
    return root


def registry_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.yaml"))


@pytest.mark.parametrize("name", ["valid", "example", "generated"])
def test_every_registry_file_reads_the_same_both_ways(name, generated):
    root = {"valid": VALID, "example": EXAMPLE, "generated": generated}[name]
    files = registry_files(root)
    if not files:
        pytest.skip(f"the {name} registry has no files on this branch")
    vouched = 0
    for path in files:
        raw = path.read_bytes()
        assert outcome(raw, fast=True) == outcome(raw, fast=False), path
        vouched += fastyaml.parse(raw, 32) is not fastyaml.UNDECIDED
    if name == "generated":  # the fast path must actually be the one taken
        assert vouched == len(files)


def validate_json(root: Path, today: str, fast: bool) -> list[dict]:
    done = run_lpps(
        "validate",
        "--format",
        "json",
        "--registry",
        str(root),
        "--today",
        today,
        env={"LPPS_FAST": "1" if fast else "0"},
    )
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)["problems"]


def break_registry(root: Path) -> dict[str, int]:
    """Plant problems the rules and schemas find, and return file -> line of one of them."""
    services = sorted((root / "services").glob("*.yaml"))
    members = sorted((root / "members").glob("*.yaml"))
    text = services[0].read_text(encoding="utf-8").splitlines()
    line = next(i for i, row in enumerate(text) if row.startswith("form:"))
    text[line] = "form: outdoors"  # schema: not one of the enum
    services[0].write_text("\n".join(text) + "\n", encoding="utf-8")
    with services[1].open("a", encoding="utf-8") as handle:
        handle.write("registraton: '017'\n")  # unknown field, quoted number
    with services[2].open("a", encoding="utf-8") as handle:
        handle.write("x-note: 017\nx-flag: True\nx-none: ~\n")  # plain values ruamel reads as int/bool/null
    members[0].write_text(
        members[0].read_text(encoding="utf-8").replace("status: active", "status: active\nstatus: former"),
        encoding="utf-8",
    )  # duplicate key
    members[1].write_text(
        members[1].read_text(encoding="utf-8").replace("email: ", "email: not an address ", 1), encoding="utf-8"
    )
    return {services[0].relative_to(root).as_posix(): line + 1}


def test_findings_are_the_same_both_ways(generated, tmp_path):
    import shutil

    root = tmp_path / "registry"
    shutil.copytree(generated, root)
    expected = break_registry(root)
    today = GENERATED_TODAY.isoformat()
    fast, slow = validate_json(root, today, True), validate_json(root, today, False)
    assert fast == slow
    assert len(fast) >= 5
    [(file, line)] = expected.items()
    assert any(p["file"] == file and p["line"] == line and p["rule"] == "schema" for p in fast), fast


@pytest.mark.parametrize("root,today", [(VALID, VALID_TODAY), (EXAMPLE, EXAMPLE_TODAY)])
def test_shipped_registries_give_the_same_findings(root, today):
    if not (root / "partnership.yaml").is_file():
        pytest.skip("no such registry on this branch")
    assert validate_json(root, today, True) == validate_json(root, today, False)


# -- Hypothesis-made YAML -----------------------------------------------------------------
@settings(max_examples=EXAMPLES or 300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_hypothesis_yaml_reads_the_same_both_ways(text):
    raw = text.encode("utf-8")
    assert outcome(raw, fast=True) == outcome(raw, fast=False)


@settings(max_examples=EXAMPLES or 200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60))
def test_any_text_reads_the_same_both_ways(text):
    raw = text.encode("utf-8")
    assert outcome(raw, fast=True) == outcome(raw, fast=False)


@pytest.mark.parametrize("kind", ["service", "member", "meeting"])
def test_schema_screening_finds_what_jsonschema_finds(kind):
    from hypothesis_jsonschema import from_schema

    from lpps_cli.reading import schemas

    loose = {**schemas.bundled(kind), "additionalProperties": True}  # also records the schema refuses

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.one_of(from_schema(schemas.bundled(kind)), from_schema(loose)))
    def check(record):
        assert schemas.check(kind, "f.yaml", record, fast=True) == schemas.check(kind, "f.yaml", record, fast=False)

    check()


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"[a-z0-9._+-]{1,20}@[a-z0-9.-]{1,30}", fullmatch=True))
def test_email_fast_path_agrees_with_email_validator(value):
    from lpps_cli.rules import contacts

    contacts.email_problem.cache_clear()
    fast = contacts.email_problem(value)
    import os

    os.environ["LPPS_FAST"] = "0"
    try:
        contacts.email_problem.cache_clear()
        slow = contacts.email_problem(value)
    finally:
        os.environ.pop("LPPS_FAST")
        contacts.email_problem.cache_clear()
    assert fast == slow


SECRET_WORDS = [
    "password",
    "PassWD",
    "paſſword",
    "hasło",
    "HASŁO",
    "heslo",
    "пароль",
    "ПаРоЛь",
    "парᲂль",
    "token",
    "api_key",
    "APIKEY",
    "private-key",
    "credentials",
    "secret",
    "ghp_" + "a" * 36,
    "AKIA" + "A" * 16,
    "xoxb-1234567890",
    "sk_live_" + "a" * 16,
    "-----BEGIN RSA PRIVATE KEY-----",
    "https://u:p@x.org",
    "https://x.org",
    "a@b.org",
    ":",
    "=",
    " ",
    "\n",
    "K",
    "ı",
    '"',
    "\\",
]
secret_texts = st.lists(st.one_of(st.sampled_from(SECRET_WORDS), st.text(max_size=6)), max_size=5).map("".join)


@settings(max_examples=EXAMPLES or 300, deadline=None)
@given(
    st.dictionaries(
        st.one_of(st.sampled_from(SECRET_WORDS), st.text(max_size=8)),
        st.one_of(secret_texts, st.integers(), st.lists(secret_texts, max_size=2)),
        max_size=4,
    )
)
def test_secret_screening_skips_only_records_without_secrets(data):
    import os
    from types import SimpleNamespace

    from lpps_cli.model.registry import Record
    from lpps_cli.rules.secrets import check_secrets

    registry = SimpleNamespace(all_records=lambda: [Record("member", "x", "members/x.yaml", data)])
    fast = list(check_secrets(registry, None))
    os.environ["LPPS_FAST"] = "0"
    try:
        slow = list(check_secrets(registry, None))
    finally:
        del os.environ["LPPS_FAST"]
    assert fast == slow


# -- placing problems: rapidyaml's offsets against ruamel's round-trip positions -------------
def every_pointer(data, prefix: str = ""):
    yield prefix
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        yield from every_pointer(value, f"{prefix}/{str(key).replace('~', '~0').replace('/', '~1')}")


def compare_locators(raw: bytes) -> tuple[int, int]:
    """(pointers the fast locator answered, pointers asked); every answer equal to ruamel's."""
    from lpps_cli.reading.fastlocate import FastLocator

    try:
        data = yamlio.parse(raw, fast=False)
    except yamlio.YamlProblem:
        return 0, 0
    fast, slow = FastLocator(raw), yamlio.Locator(yamlio.decode(raw))
    answered = asked = 0
    for pointer in [*every_pointer(data), "/no-such-field", "/contacts/99/name"]:
        for method in ("value", "key"):
            asked += 1
            mine = getattr(fast, method)(pointer)
            if mine is not None:
                answered += 1
                assert mine == getattr(slow, method)(pointer), (method, pointer, raw.decode("utf-8", "replace"))
    return answered, asked


@pytest.mark.parametrize("name", ["valid", "example", "generated", "cases"])
def test_problems_are_placed_the_same_both_ways(name, generated):
    root = {"valid": VALID, "example": EXAMPLE, "generated": generated, "cases": ROOT / "tests" / "cases"}[name]
    answered = asked = 0
    for path in registry_files(root):
        done = compare_locators(path.read_bytes())
        answered, asked = answered + done[0], asked + done[1]
    assert asked and answered / asked > 0.9, (answered, asked)  # ruamel is the exception, not the rule


@settings(max_examples=EXAMPLES or 300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_hypothesis_yaml_is_placed_the_same_both_ways(text):
    compare_locators(text.encode("utf-8"))


def test_hand_written_styles_are_placed_the_same_both_ways():
    text = (
        'id: "x"\n\'name\': {pl: "Jadłodajnia „Ż”", en: Food}\ntags:\n  - a\n  - "b"\n  - [c, d]\n'
        "  - {e: 1}\n  - |\n    block\nnote: >-\n  folded # not a comment\ncapacity:\n  total: 5\n"
        "  empty:\n  quoted: ''\ncontacts:\n  - name: Ołena Коваль\n    phone: '+48 1'\n  - - nested\n"
    )
    answered, asked = compare_locators(text.encode("utf-8"))
    assert answered > asked / 2
