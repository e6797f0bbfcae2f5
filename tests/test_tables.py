"""Tables in pipes: rich's look, fitted to $COLUMNS, nothing lost, one renderer for every table."""

from __future__ import annotations

import io
import re
from collections import Counter

import pytest
from conftest import EXAMPLE_TODAY, run_lpps
from hypothesis import given, settings
from hypothesis import strategies as st

from lpps_cli.cli import plaintable

BOX = re.compile(r"[┏┓┗┛┃━┳┻╇┡┩│─┴└┘]")


def cells_of(text: str, columns: int) -> list[list[str]]:
    """Each body line's cells, stripped (a row that wraps gives several lines)."""
    body = text.split("┩\n", 1)[1].rsplit("\n└", 1)[0]
    return [[part.strip() for part in line[1:-1].split("│")] for line in body.splitlines()]


def test_a_cell_too_long_wraps_at_spaces_and_keeps_every_word():
    name = "Caritas Archidiecezji Lubelskiej, Centrum Pomocy Bliźniemu im. św. Brata Alberta"
    text = plaintable.render(
        ["Id", "Name", "Free"], [["caritas", name, "12"], ["x", "", "3"]], [False, False, True], width=40
    )
    lines = text.splitlines()
    assert all(len(line) <= 40 for line in lines)
    assert lines[0].startswith("┏") and lines[2].startswith("┡") and lines[-1].startswith("└")
    rows = cells_of(text, 3)
    assert " ".join(row[1] for row in rows if row[1]) == name
    assert rows[0][0] == "caritas" and rows[0][2] == "12" and rows[-1] == ["x", "", "3"]
    assert lines[3].endswith("12 │") and lines[-2].endswith(" 3 │")  # numbers are right-aligned


def test_natural_widths_when_they_fit():
    text = plaintable.render(["a", "bb"], [["1", "22"]], [False, False], width=80, title="T")
    assert text == "T\n┏━━━┳━━━━┓\n┃ a ┃ bb ┃\n┡━━━╇━━━━┩\n│ 1 │ 22 │\n└───┴────┘\n"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 200), st.integers(1, 200)), min_size=1, max_size=12), st.integers(1, 300))
def test_fitted_widths_fit_and_never_grow_a_column(columns, available):
    natural = [n for n, _ in columns]
    words = [min(w, n) for n, w in columns]
    widths = plaintable.fitted_widths(natural, words, available)
    assert all(1 <= w <= n for w, n in zip(widths, natural))
    assert sum(widths) <= max(available, len(natural))
    minimum = [min(w, plaintable.LONGEST_WORD) for w in words]
    if sum(minimum) <= available:  # no column narrower than its longest word, where they fit
        assert all(w >= m for w, m in zip(widths, minimum))
    if len(natural) <= available:  # and no space wasted
        assert sum(widths) == min(available, sum(natural))


def test_members_in_a_pipe_have_the_same_words_as_rich_draws():
    """At a width where nothing wraps, lpps' table and rich's hold the very same words."""
    import json

    from rich.console import Console

    from lpps_cli.cli.lists import _table_columns
    from lpps_cli.cli.tables import NUMERIC, WIDE, cell, rich_table

    done = run_lpps("members", "--today", EXAMPLE_TODAY, "--format", "json")
    members = json.loads(done.stdout)
    columns = _table_columns("member")
    headings = [heading for _, heading in columns]
    cells = [[cell(member.get(key)) for key, _ in columns] for member in members]
    right, wide = [k in NUMERIC for k, _ in columns], [k in WIDE for k, _ in columns]
    captured = io.StringIO()
    Console(file=captured, width=400, no_color=True).print(rich_table(headings, cells, right, wide, "Members"))
    plain = plaintable.render(headings, cells, right, 400, "Members")
    assert Counter(BOX.sub(" ", captured.getvalue()).split()) == Counter(BOX.sub(" ", plain).split())
    table = run_lpps("members", "--today", EXAMPLE_TODAY, env={"COLUMNS": "400"})
    assert len(table.stdout.splitlines()) == len(members) + 4  # one line a member: nothing wrapped
    assert all(member["id"] in table.stdout for member in members)


@pytest.mark.parametrize(
    "command", [("members",), ("services",), ("report", "members"), ("report", "capacity"), ("show", "caritas-lublin")]
)
def test_tables_fit_the_width_in_a_pipe(command):
    done = run_lpps(*command, "--today", EXAMPLE_TODAY, env={"COLUMNS": "72"})
    assert done.returncode == 0, done.stderr
    assert "┏" in done.stdout and "\x1b[" not in done.stdout
    assert max(len(line) for line in done.stdout.splitlines()) <= 72


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("ab ćЖ\n"), max_size=60), st.integers(1, 12))
def test_wrapping_keeps_every_character_and_the_width(text, width):
    lines = plaintable._lines(text, width)
    assert all(len(line) <= width for line in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())  # nothing lost but spaces
    words = text.split()
    if all(len(word) <= width for word in words):  # words are only cut when longer than a line
        assert sorted(" ".join(lines).split()) == sorted(words)


def test_terminal_escapes_in_record_text_never_reach_the_output(valid_registry):
    """Text lpps draws itself (tables and refer in pipes) loses control characters, as rich's does."""
    path = valid_registry / "members" / "fundacja-a.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\nname:" in text or text.startswith("name:")
    hostile = '"Fundacja [bold]\\e]0;pwned\\a\\e[31mRED\\e[0m\\b\\rX [/link]"'
    path.write_text(
        "\n".join(f"name: {hostile}" if line.startswith("name:") else line for line in text.splitlines()) + "\n",
        encoding="utf-8",
    )
    for args in (("members",), ("refer", "--format", "table"), ("show", "fundacja-a")):
        done = run_lpps(*args, "-r", str(valid_registry), "--today", "2025-10-01")
        assert done.returncode in (0, 1), done.stderr
        assert not any(c in done.stdout for c in "\x1b\x07\x08\r"), (args, done.stdout)
        assert "[bold]" in done.stdout and "[/link]" in done.stdout  # markup in record text stays text
    assert "RED" in run_lpps("members", "-r", str(valid_registry), "--today", "2025-10-01").stdout


def test_on_a_terminal_record_text_cannot_drive_it_either(valid_registry):
    """On a terminal rich draws the tables; record text still reaches it as text."""
    import os
    import subprocess

    from conftest import lpps_command

    path = valid_registry / "members" / "fundacja-a.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        "\n".join(
            'name: "Fundacja [bold]\\e]0;pwned\\a\\e[2J"' if line.startswith("name:") else line
            for line in text.splitlines()
        )
        + "\n",
        encoding="utf-8",
    )
    for args in (("members",), ("show", "fundacja-a"), ("refer",)):
        leader, follower = os.openpty()
        env = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR", "LPPS_REGISTRY")}
        done = subprocess.run(
            [*lpps_command(), *args, "-r", str(valid_registry), "--today", "2025-10-01"],
            stdout=follower,
            stderr=subprocess.PIPE,
            env={**env, "LPPS_LANG": "en", "COLUMNS": "200"},
            timeout=60,
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(leader)
        shown = b"".join(chunks).decode("utf-8", "replace")
        assert done.returncode in (0, 1), done.stderr
        assert "Fundacja" in shown and "[bold]" in shown, (args, shown)
        assert "\x1b]0;" not in shown and "\x07" not in shown and "\x1b[2J" not in shown, (args, shown)


@pytest.mark.parametrize("args", [("show", "caritas-lublin"), ("report", "members"), ("members",)])
def test_a_reader_that_stops_early_is_a_normal_end(args):
    """`lpps show x | head -1`: exit 0 and no traceback, as for every command (1 means a broken rule)."""
    import os
    import subprocess

    from conftest import lpps_command

    env = {k: v for k, v in os.environ.items() if k != "LPPS_REGISTRY"}
    process = subprocess.Popen(
        [*lpps_command(), *args, "--today", EXAMPLE_TODAY],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**env, "CI": "true", "LPPS_LANG": "en"},
    )
    assert process.stdout.readline()
    process.stdout.close()
    error = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0, error
    assert "Traceback" not in error


def test_a_word_too_long_for_its_column_starts_a_line_of_its_own():
    assert plaintable._lines("Dom Samotnej Matki", 6) == ["Dom", "Samotn", "ej", "Matki"]
