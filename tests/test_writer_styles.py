"""lpps set writes a list in the file's own style: flow or block, its indentation and dash offset,
its comments with their spacing; a change is the list's lines only, however often it is made."""

from __future__ import annotations

import pytest
from conftest import EXAMPLE_TODAY, ROOT, run_lpps
from gitrepo import commit_all, git, make_repo


def edit(text: str, field: str, *, add=None, remove=None, value=None) -> str:
    from lpps_cli.changes import fieldpath
    from lpps_cli.changes.edit import new_text
    from lpps_cli.reading.yamlio import parse

    parts = fieldpath.split(field)
    current = parse(text.encode("utf-8")).get(parts[0]) if len(parts) == 1 else None
    current = list(current) if isinstance(current, list) else []
    if add is not None:
        return new_text(text, parts, [*current, add], added=add)
    if remove is not None:
        return new_text(
            text, parts, [v for v in current if v != remove], removed=remove, position=current.index(remove)
        )
    return new_text(text, parts, value)


BLOCK_NO_OFFSET = "id: g\nmembers:\n- a\n- b   # the lead\nname: G\n"
BLOCK_WIDE = "id: g\nname: G\nmembers:\n    -   a\n    -   b\n\n# end\n"
FLOW = "id: s\ntarget_groups: [homeless, refugees]  # who it is for\nareas: []\n"


@pytest.mark.parametrize(
    "text,field,item,expected",
    [
        (BLOCK_NO_OFFSET, "members", "c", "id: g\nmembers:\n- a\n- b   # the lead\n- c\nname: G\n"),
        (BLOCK_WIDE, "members", "c", "id: g\nname: G\nmembers:\n    -   a\n    -   b\n    -   c\n\n# end\n"),
        (
            FLOW,
            "target_groups",
            "seniors",
            "id: s\ntarget_groups: [homeless, refugees, seniors]  # who it is for\nareas: []\n",
        ),
        (FLOW, "areas", "lublin", "id: s\ntarget_groups: [homeless, refugees]  # who it is for\nareas: [lublin]\n"),
    ],
)
def test_an_added_item_is_one_line_or_one_entry_in_the_files_style(text, field, item, expected):
    assert edit(text, field, add=item) == expected


@pytest.mark.parametrize(
    "text,field,item,expected",
    [
        (BLOCK_NO_OFFSET, "members", "b", "id: g\nmembers:\n- a\nname: G\n"),
        (BLOCK_NO_OFFSET, "members", "a", "id: g\nmembers:\n- b   # the lead\nname: G\n"),
        (BLOCK_WIDE, "members", "a", "id: g\nname: G\nmembers:\n    -   b\n\n# end\n"),
        (FLOW, "target_groups", "homeless", "id: s\ntarget_groups: [refugees]  # who it is for\nareas: []\n"),
        (FLOW, "target_groups", "refugees", "id: s\ntarget_groups: [homeless]  # who it is for\nareas: []\n"),
        ("id: g\nmembers:\n  - a\nname: G\n", "members", "a", "id: g\nmembers: []\nname: G\n"),
    ],
)
def test_a_removed_item_takes_only_its_line_or_entry(text, field, item, expected):
    assert edit(text, field, remove=item) == expected


def test_a_new_list_follows_the_file_block_lists_indented_as_the_file_does():
    meeting = "id: m\nattended:\n  - a\n  - b\ntitle: M\n"
    assert edit(meeting, "decisions", add="d-1") == meeting + "decisions:\n  - d-1\n"
    service = "id: s\nareas: [lublin]\nlocations:\n  - name: A\n"
    assert edit(service, "target_groups", add="homeless") == service + "target_groups: [homeless]\n"
    nested = "id: s\ncapacity:\n    unit: beds\n    total: 3  # beds\nstatus: active\n"
    assert (
        edit(nested, "capacity.occupied", value=2)
        == "id: s\ncapacity:\n    unit: beds\n    total: 3  # beds\n    occupied: 2\nstatus: active\n"
    )
    flow_map = "id: s\ncapacity: {unit: beds, total: 20}  # both houses\n"
    assert (
        edit(flow_map, "capacity.occupied", value=3)
        == "id: s\ncapacity: {unit: beds, total: 20, occupied: 3}  # both houses\n"
    )


def test_an_empty_key_gets_its_list_on_its_line():
    assert (
        edit("id: s\nareas:   # where\nname: S\n", "areas", add="lublin")
        == "id: s\nareas: [lublin]   # where\nname: S\n"
    )


def test_values_that_need_quotes_get_them_in_a_flow_list():
    text = edit("id: s\nlanguages: [pl]\n", "languages", add="a, b")
    assert text == 'id: s\nlanguages: [pl, "a, b"]\n'


def test_twenty_adds_and_removes_come_back_to_the_same_bytes():
    for text, field in ((BLOCK_NO_OFFSET, "members"), (BLOCK_WIDE, "members"), (FLOW, "target_groups")):
        current = text
        for round_ in range(10):
            current = edit(current, field, add=f"x{round_}")
        for round_ in range(10):
            current = edit(current, field, remove=f"x{round_}")
        assert current == text


def test_set_add_on_an_example_service_changes_one_line_and_stays_lint_clean(example_registry):
    from yamllint import linter
    from yamllint.config import YamlLintConfig

    repo = make_repo(example_registry)
    rel = "services/alternatywa-hostel.yaml"
    config = YamlLintConfig((ROOT / ".yamllint").read_text(encoding="utf-8"))
    for args in (
        ["target_groups", "--add", "refugees"],
        ["target_groups", "--remove", "offenders"],
        ["funded_by", "--add", "razem-do-samodzielnosci"],
    ):
        done = run_lpps("set", "alternatywa-hostel", *args, "--today", EXAMPLE_TODAY, cwd=repo)
        assert done.returncode == 0, done.stderr
        numstat = git(repo, "diff", "--numstat").split()
        assert numstat[:2] in (["1", "1"], ["1", "0"]) and numstat[2] == rel, numstat
        assert list(linter.run((repo / rel).read_text(encoding="utf-8"), config)) == []
        commit_all(repo, " ".join(args))
    text = (repo / rel).read_text(encoding="utf-8")
    assert "target_groups: [people-leaving-prison, homeless, refugees]\n" in text
    assert text.endswith(
        "  en: free for the first 3 months, then PLN 400 a month\nfunded_by: [razem-do-samodzielnosci]\n"
    )


def test_set_on_a_block_list_of_a_meeting_is_one_line(example_registry):
    repo = make_repo(example_registry)
    rel = "meetings/2025-09-10-general.yaml"
    done = run_lpps(
        "set", "2025-09-10-general", "attended", "--add", "fundacja-praca-teraz", "--today", EXAMPLE_TODAY, cwd=repo
    )
    assert done.returncode == 0, done.stderr
    diff = git(repo, "diff", "-U0", "--", rel)
    assert [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")] == [
        "+  - fundacja-praca-teraz"
    ]


def test_a_list_added_to_a_file_lpps_new_made_is_indented_and_before_the_hints(valid_registry):
    done = run_lpps(
        "new",
        "member",
        "--name",
        "Fundacja Przystań",
        "--sector",
        "ngo",
        "--kind",
        "ngo",
        "--today",
        "2025-10-01",
        "-r",
        str(valid_registry),
        input="",
    )
    assert done.returncode == 0, done.stderr
    path = valid_registry / "members/fundacja-przystan.yaml"
    before = path.read_text(encoding="utf-8")
    added = run_lpps(
        "set",
        "fundacja-przystan",
        "target_groups",
        "--add",
        "homeless",
        "--today",
        "2025-10-01",
        "-r",
        str(valid_registry),
    )
    assert added.returncode == 0, added.stderr
    after = path.read_text(encoding="utf-8")
    assert after == before.replace("status: applicant\n", "status: applicant\ntarget_groups: [homeless]\n", 1)


def test_windows_line_ends_are_kept_on_new_lines_too():
    text = BLOCK_NO_OFFSET.replace("\n", "\r\n")
    assert edit(text, "members", add="c") == "id: g\r\nmembers:\r\n- a\r\n- b   # the lead\r\n- c\r\nname: G\r\n"


@pytest.mark.parametrize(
    "value",
    [
        "a, b",
        "x # not a comment",
        "[a]",
        "- a",
        "a: b",
        "'q'",
        '"dq"',
        "yes",
        "null",
        "12",
        "2025-01-01",
        " lead",
        "tail ",
        "line\nbreak",
        "{x}",
        "&anchor",
        "*alias",
        "Ks. Andrzej Kamiński",
        "Благодійний фонд «Надія»",
        "NO",
        "off",
        "1:20",
    ],
)
def test_any_text_reads_back_as_itself_in_block_and_flow_places(value):
    from lpps_cli.reading.yamlio import parse

    for text, field, how in (
        (FLOW, "target_groups", "add"),
        (BLOCK_WIDE, "members", "add"),
        ("id: s\nname: {pl: P, en: E}\n", "name.en", "set"),
        ("id: s\nname:\n  pl: P   # Polish\n", "name.en", "set"),
        ("id: s\nname:\n  pl: P   # Polish\n", "name.pl", "set"),
    ):
        after = edit(text, field, add=value) if how == "add" else edit(text, field, value=value)
        data = parse(after.encode("utf-8"))
        got = data[field] if how == "add" else data["name"][field.split(".")[1]]
        assert (got[-1] if how == "add" else got) == value, after
        changed = [line for line in after.splitlines() if line not in text.splitlines()]
        assert len(changed) == 1, after  # one line, whatever the value
        if not lint(text):  # (BLOCK_WIDE is not the lint's style, on purpose)
            assert lint(after) == [], after


def lint(text: str) -> list:
    from yamllint import linter
    from yamllint.config import YamlLintConfig

    config = YamlLintConfig((ROOT / ".yamllint").read_text(encoding="utf-8"))
    return [f"{p.line}:{p.column} {p.message}" for p in linter.run(text, config)]


def test_words_other_yaml_readers_take_for_booleans_or_numbers_are_quoted():
    from lpps_cli.changes.yamlsplice import scalar_text

    assert [scalar_text(v) for v in ("yes", "NO", "on", "1:20", "0123", "Ks. Andrzej")] == [
        '"yes"',
        '"NO"',
        '"on"',
        '"1:20"',
        '"0123"',
        "Ks. Andrzej",
    ]
