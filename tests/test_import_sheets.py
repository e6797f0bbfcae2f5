"""lpps import from spreadsheets: CSV (cp1250 with semicolons, UTF-8 with a BOM, cp1251),
XLSX and ODS, with Polish, Czech, Ukrainian and English headers and values; the written
YAML checked field by field; every format gives the same registry."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import run_lpps
from gitrepo import commit_all, git
from sheetfiles import write_csv, write_ods, write_xlsx

from lpps_cli.reading.yamlio import parse

HEADERS = {
    "pl": [
        "Nazwa",
        "Nazwa (en)",
        "Sektor",
        "Rodzaj",
        "KRS",
        "E-mail",
        "Telefon",
        "Grupy docelowe",
        "Status",
        "Data przystąpienia",
        "Deklaracja podpisana",
        "Członek założyciel",
    ],
    "cs": [
        "Název",
        "Název (en)",
        "Sektor",
        "Druh",
        "KRS",
        "E-mail",
        "Telefon",
        "Cílové skupiny",
        "Stav",
        "Datum vstupu",
        "Deklarace podepsána",
        "Zakládající člen",
    ],
    "uk": [
        "Назва",
        "Назва (en)",
        "Сектор",
        "Вид",
        "KRS",
        "Електронна пошта",
        "Телефон",
        "Цільові групи",
        "Статус",
        "Дата вступу",
        "Декларацію підписано",
        "Засновник",
    ],
    "en": [
        "name",
        "name_en",
        "sector",
        "kind",
        "registration_krs",
        "email",
        "phone",
        "target_groups",
        "status",
        "joined",
        "commitment_signed",
        "founding",
    ],
}
WORDS = {  # the same values, as a person writing in each language types them
    "pl": {
        "kind": "Organizacja pozarządowa",
        "homeless": "bezdomni",
        "seniors": "Osoby starsze",
        "active": "aktywny",
        "yes": "tak",
        "no": "nie",
    },
    "cs": {
        "kind": "Nestátní nezisková organizace",
        "homeless": "Lidé bez domova",
        "seniors": "Senioři",
        "active": "aktivní",
        "yes": "ano",
        "no": "ne",
    },
    "uk": {
        "kind": "Неурядова організація",
        "homeless": "Люди в ситуації безхатності",
        "seniors": "Люди похилого віку",
        "active": "активний",
        "yes": "так",
        "no": "ні",
    },
    "en": {"kind": "ngo", "homeless": "homeless", "seniors": "seniors", "active": "active", "yes": "yes", "no": "no"},
}


def rows(lang: str, dates_as_cells: bool = False, iso: bool = False) -> list[list]:
    w = WORDS[lang]

    def day(value: dt.date):
        return value if dates_as_cells else value.isoformat() if iso else value.strftime("%d.%m.%Y")

    return [
        HEADERS[lang],
        [
            "Fundacja Przystań",
            "Haven Foundation",
            "NGO",
            w["kind"],
            "0000123456",
            "biuro@przystan.example.org",
            "81 532 15 05",
            f"{w['homeless']}; {w['seniors']}",
            w["active"],
            day(dt.date(2024, 3, 12)),
            day(dt.date(2024, 3, 1)),
            w["yes"],
        ],
        [
            "Spolek Dům na půl cesty",
            None,
            "ngo",
            w["kind"],
            None,
            "info@dum.example.org",
            "+48 81 744 21 30",
            w["homeless"],
            w["active"],
            day(dt.date(2024, 6, 12)),
            None,
            w["no"],
        ],
    ]


def new_registry(parent: Path) -> Path:
    done = run_lpps(
        "init",
        str(parent / "reg"),
        "--name",
        "Partnerstwo Testowe",
        "--languages",
        "pl,en",
        "--area",
        "pl-lubelskie",
        "--country",
        "PL",
    )
    assert done.returncode == 0, done.stderr
    return parent / "reg"


def imported(tmp_path: Path, name: str, make) -> Path:
    base = tmp_path / name
    base.mkdir()
    registry = new_registry(base)
    path = make(base)
    done = run_lpps("import", "members", str(path), "--admitted-as-of", "2024-06-12", "--write", cwd=registry)
    assert done.returncode == 0, done.stderr
    return registry


FORMATS = {
    "csv-cp1250": lambda d: write_csv(d / "members.csv", rows("pl"), "cp1250", ";"),
    "csv-bom": lambda d: write_csv(d / "members.csv", rows("uk", iso=True), "utf-8", ",", bom=True),
    "xlsx": lambda d: write_xlsx(d / "members.xlsx", {"Členové": rows("cs", dates_as_cells=True)}),
    "ods": lambda d: write_ods(d / "members.ods", {"члени": rows("en", dates_as_cells=True)}),
}


def snapshot(registry: Path) -> dict[str, object]:
    out: dict[str, object] = {}
    for path in sorted((registry / "members").glob("*.yaml")):
        out[path.name] = path.read_text("utf-8")
    for path in sorted((registry / "decisions").glob("*.yaml")):
        data = parse(path.read_bytes())
        data.pop("text")  # names the file it came from
        out[path.name] = data
    return out


def test_every_format_and_language_gives_the_same_registry(tmp_path):
    registries = {name: imported(tmp_path, name, make) for name, make in FORMATS.items()}
    first = snapshot(registries["csv-cp1250"])
    for name, registry in registries.items():
        assert snapshot(registry) == first, name
    registry = registries["xlsx"]
    haven = parse((registry / "members/fundacja-przystan.yaml").read_bytes())
    assert haven["name"] == {"pl": "Fundacja Przystań", "en": "Haven Foundation"}
    assert haven["sector"] == "ngo" and haven["kind"] == "ngo"
    assert haven["registration"] == {"krs": "0000123456"}
    assert haven["email"] == "biuro@przystan.example.org"
    assert haven["phone"] == "+48 81 532 15 05"  # the partnership's country code added
    assert haven["target_groups"] == ["homeless", "seniors"]
    assert haven["status"] == "active" and haven["founding"] is True
    assert haven["joined"] == "2024-03-12" and haven["commitment_signed"] == "2024-03-01"
    assert "admitted_by" not in haven  # a founder needs no admission
    dom = parse((registry / "members/spolek-dum-na-pul-cesty.yaml").read_bytes())
    assert dom["name"] == "Spolek Dům na půl cesty"  # the default language only: a plain text
    assert dom["founding"] is False and dom["target_groups"] == ["homeless"]
    assert dom["admitted_by"] == "2024-06-12-admission-imported-members"
    assert dom["commitment_signed"] == "2024-06-12" and dom["joined"] == "2024-06-12"
    decision = parse((registry / "decisions/2024-06-12-admission-imported-members.yaml").read_bytes())
    assert decision["kind"] == "admission" and decision["outcome"] == "adopted"
    assert decision["subject"] == ["spolek-dum-na-pul-cesty"]
    assert run_lpps("validate", "-r", str(registry)).returncode == 0


def test_ukrainian_csv_in_cp1251_with_tabs(tmp_path):
    registry = new_registry(tmp_path)
    path = write_csv(
        tmp_path / "члени.csv",
        [
            ["Назва", "Сектор", "Вид", "Цільові групи"],
            ["Благодійний фонд «Надія»", "NGO", "Неурядова організація", "Внутрішньо переміщені особи (ВПО)"],
        ],
        "cp1251",
        "\t",
    )
    done = run_lpps("import", "members", str(path), "--write", cwd=registry)
    assert done.returncode == 0, done.stderr
    data = parse(next((registry / "members").glob("blagod*.yaml")).read_bytes())
    assert data["name"] == "Благодійний фонд «Надія»"
    assert data["target_groups"] == ["internally-displaced-persons"] and data["status"] == "applicant"


def test_problems_are_reported_at_row_and_column_and_nothing_is_written(tmp_path):
    registry = new_registry(tmp_path)
    commit_all(registry, "empty registry")
    bad = [
        ["Nazwa", "Sektor", "E-mail", "Grupy docelowe", "Data przystąpienia", "Status"],
        ["Fundacja A", "ngo", "biuro@@a.example.org", "bezdomni", "12.03.2024", "aktywny"],
        ["Fundacja B", "ngo", "b@b.example.org", "kotki", "31.02.2024", "aktywny"],
        ["Fundacja A", "ngo", "a@a.example.org", "bezdomni", "12.03.2024", "aktywny"],
    ]
    path = write_csv(tmp_path / "members.csv", bad, "cp1250", ";")
    done = run_lpps("import", "members", str(path), "--write", cwd=registry)
    assert done.returncode == 1
    err = done.stderr
    assert "members.csv:2:C (E-mail): 'biuro@@a.example.org' is not an e-mail address" in err
    assert "members.csv:3:D (Grupy docelowe): 'kotki' is not a term of target-groups" in err
    assert "members.csv:3:E (Data przystąpienia): '31.02.2024' is not a date" in err
    assert "members.csv:4: this row and row 2 are both about fundacja-a" in err
    assert "members.csv:1: there is no kind column, and a new member needs one" in err
    assert git(registry, "status", "--porcelain") == ""
    good = [
        ["Nazwa", "Sektor", "Rodzaj", "E-mail", "Grupy docelowe", "Data przystąpienia", "Status"],
        ["Fundacja A", "ngo", "ngo-local", "biuro@a.example.org", "bezdomni", "12.03.2024", "aktywny"],
        ["Fundacja B", "ngo", "ngo-local", "b@b.example.org", "bezdomny", "28.02.2024", "aktywny"],
    ]
    write_csv(path, good, "cp1250", ";")
    done = run_lpps("import", "members", str(path), "--admitted-as-of", "2024-02-28", "--write", cwd=registry)
    assert done.returncode == 0, done.stderr
    assert run_lpps("validate", "-r", str(registry)).returncode == 0


def test_did_you_mean_for_a_misspelt_term(tmp_path):
    registry = new_registry(tmp_path)
    path = write_csv(
        tmp_path / "m.csv", [["name", "sector", "kind", "target_groups"], ["Fundacja C", "ngo", "ngo", "senjors"]]
    )
    done = run_lpps("import", "members", str(path), cwd=registry)
    assert done.returncode == 1 and "did you mean 'seniors'?" in done.stderr


def test_reimport_is_a_no_op_and_one_cell_changes_one_field_keeping_a_comment(tmp_path):
    registry = new_registry(tmp_path)
    sheet = rows("pl")
    path = write_csv(tmp_path / "members.csv", sheet, "cp1250", ";")
    assert (
        run_lpps("import", "members", str(path), "--admitted-as-of", "2024-06-12", "--write", cwd=registry).returncode
        == 0
    )
    member = registry / "members/fundacja-przystan.yaml"
    text = member.read_text("utf-8").replace("phone: +48 81 532 15 05", "phone: +48 81 532 15 05  # reception desk")
    member.write_text(text, "utf-8")
    commit_all(registry, "imported")
    again = run_lpps("import", "members", str(path), "--admitted-as-of", "2024-06-12", "--write", cwd=registry)
    assert again.returncode == 0 and "nothing to change" in again.stderr
    assert git(registry, "status", "--porcelain") == ""
    sheet[1][6] = "81 532 15 99"
    write_csv(path, sheet, "cp1250", ";")
    dry = run_lpps("import", "members", str(path), cwd=registry)
    assert dry.returncode == 0
    assert dry.stdout.strip() == "fundacja-przystan: phone +48 81 532 15 05 → +48 81 532 15 99"
    assert git(registry, "status", "--porcelain") == ""  # a dry run writes nothing
    done = run_lpps("import", "members", str(path), "--write", cwd=registry)
    assert done.returncode == 0, done.stderr
    diff = git(registry, "diff", "-U0").splitlines()
    changed = [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == ["-phone: +48 81 532 15 05  # reception desk", "+phone: +48 81 532 15 99  # reception desk"]


def test_json_format_gives_the_same_as_data(tmp_path):
    import json

    registry = new_registry(tmp_path)
    path = write_csv(tmp_path / "m.csv", rows("en"))
    done = run_lpps("import", "members", str(path), "--format", "json", "--admitted-as-of", "2024-06-12", cwd=registry)
    data = json.loads(done.stdout)
    assert {n["id"] for n in data["new"]} == {
        "fundacja-przystan",
        "spolek-dum-na-pul-cesty",
        "2024-06-12-admission-imported-members",
    }
    assert data["problems"] == [] and data["written"] is False


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://evil.example")', "+1+1", "-2+3", "@SUM(A1)"])
def test_formula_looking_cells_are_text(tmp_path, cell):
    registry = new_registry(tmp_path)
    sheet = [["name", "sector", "kind", "profile"], ["Fundacja D", "ngo", "ngo", cell]]
    csv_path = write_csv(tmp_path / "m.csv", sheet)
    assert run_lpps("import", "members", str(csv_path), "--write", cwd=registry).returncode == 0
    assert parse((registry / "members/fundacja-d.yaml").read_bytes())["profile"] == cell
    sheet[1][0] = "Fundacja E"
    xlsx = write_xlsx(tmp_path / "m.xlsx", {"members": sheet})
    assert run_lpps("import", "members", str(xlsx), "--write", cwd=registry).returncode == 0
    assert parse((registry / "members/fundacja-e.yaml").read_bytes())["profile"] == cell


def test_services_groups_and_representatives(tmp_path):
    registry = new_registry(tmp_path)
    book = write_xlsx(
        tmp_path / "book.xlsx",
        {
            "członkowie": rows("pl")[:2],
            "przedstawiciele": [
                ["Członek", "Imię i nazwisko", "Funkcja", "E-mail"],
                ["Fundacja Przystań", "Anna Nowak", "prezeska", "anna@przystan.example.org"],
            ],
        },
    )
    assert run_lpps("import", "members", str(book), "--write", cwd=registry).returncode == 0
    haven = parse((registry / "members/fundacja-przystan.yaml").read_bytes())
    assert haven["representatives"] == [
        {"name": "Anna Nowak", "role": "prezeska", "email": "anna@przystan.example.org"}
    ]
    services = write_ods(
        tmp_path / "services.ods",
        {
            "usługi": [
                [
                    "Nazwa",
                    "Realizator",
                    "Rodzaj usługi",
                    "Grupy docelowe",
                    "Liczba miejsc",
                    "Zajęte",
                    "Stan na",
                    "Forma",
                    "Języki",
                    "Jednostka",
                ],
                [
                    "Schronisko Przystań",
                    "Fundacja Przystań",
                    "Schronisko dla osób bezdomnych",
                    "bezdomni",
                    20,
                    12,
                    dt.date(2024, 5, 1),
                    "Forma stacjonarna (całodobowa)",
                    "pl; uk",
                    "beds",
                ],
            ]
        },
    )
    done = run_lpps("import", "services", str(services), "--write", "--today", "2024-05-02", cwd=registry)
    assert done.returncode == 0, done.stderr
    shelter = parse((registry / "services/schronisko-przystan.yaml").read_bytes())
    assert shelter["provider"] == "fundacja-przystan" and shelter["type"] == "asylum-housing"
    assert shelter["capacity"] == {"total": 20, "occupied": 12, "as_of": "2024-05-01", "unit": "beds"}
    assert shelter["form"] == "residential" and shelter["languages"] == ["pl", "uk"]
    groups = write_csv(
        tmp_path / "g.csv",
        [["Nazwa", "Członkowie", "Lider"], ["Koalicja schronisk", "Fundacja Przystań", "fundacja-przystan"]],
    )
    assert run_lpps("import", "groups", str(groups), "--write", cwd=registry).returncode == 0
    group = parse((registry / "groups/koalicja-schronisk.yaml").read_bytes())
    assert group["members"] == ["fundacja-przystan"] and group["lead"] == "fundacja-przystan"


def test_template_headers_hints_and_drop_downs(tmp_path):
    from openpyxl import load_workbook

    registry = new_registry(tmp_path)
    out = tmp_path / "members.xlsx"
    assert run_lpps("import", "template", "members", "-o", str(out), "--lang", "pl", cwd=registry).returncode == 0
    book = load_workbook(out)
    sheet = book["members"]
    assert sheet["A1"].value == "identyfikator" and sheet["B1"].value == "nazwa"
    assert str(sheet["A2"].value).startswith("# ")
    ranges = [str(v.sqref) for v in sheet.data_validations.dataValidation]
    assert ranges  # drop-down lists of terms
    sector_column = next(c.column_letter for c in sheet[1] if c.value == "sektor")
    assert any(r.startswith(sector_column) for r in ranges)
    sheet.cell(row=3, column=2, value="Fundacja Nowa")
    for cell in sheet[1]:
        if cell.value in ("sektor", "rodzaj"):
            sheet.cell(row=3, column=cell.column, value="Organizacja pozarządowa" if cell.value == "rodzaj" else "ngo")
    book.save(out)
    done = run_lpps("import", "members", str(out), "--write", cwd=registry)
    assert done.returncode == 0, done.stderr
    assert (registry / "members/fundacja-nowa.yaml").exists()
