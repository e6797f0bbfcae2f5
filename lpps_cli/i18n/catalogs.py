"""Keep the translation catalogs in step with the code (run from a source checkout).

    python -m lpps_cli.i18n.catalogs update       extract every message from lpps_cli/ and
                                               templates/ (babel.cfg), write lpps_cli/locale/lpps.pot
                                               and update every catalog: new messages are added
                                               empty, removed ones dropped
    python -m lpps_cli.i18n.catalogs check        list messages a catalog lacks, leaves empty or
                                               fuzzy, or whose placeholders differ; exit 1 if any
    python -m lpps_cli.i18n.catalogs init LANG    start the catalog of a new language

After ``update``, translate the empty entries (any PO editor, or by hand) and run ``check``.
"""

from __future__ import annotations

import sys
from io import BytesIO
from pathlib import Path

from lpps_cli.i18n.translations import DOMAIN, LOCALE_DIR

ROOT = Path(__file__).resolve().parents[2]
MAPPING = ROOT / "babel.cfg"
POT = LOCALE_DIR / f"{DOMAIN}.pot"


def extract():
    """A Babel catalog of every message in the code and the templates."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with open(MAPPING, encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    catalog = Catalog(project="lpps", msgid_bugs_address="", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, strip_comment_tags=True
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def catalog_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages() -> list[str]:
    return sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def read(lang: str):
    from babel.messages.pofile import read_po

    with open(catalog_path(lang), "rb") as handle:
        return read_po(handle, locale=lang)


def write(catalog, path: Path) -> None:
    from babel.messages.pofile import write_po

    from lpps_cli.fsio import atomic_write

    buffer = BytesIO()
    write_po(buffer, catalog, width=100, ignore_obsolete=True, include_previous=False, sort_output=False)
    atomic_write(path, buffer.getvalue())


def update() -> list[str]:
    """Extract, write the .pot, and merge it into every catalog. Returns the languages updated."""
    template = extract()
    write(template, POT)
    for lang in languages():
        catalog = read(lang)
        catalog.update(template, no_fuzzy_matching=True)
        write(catalog, catalog_path(lang))
    return languages()


def init(lang: str) -> Path:
    from babel import Locale

    path = catalog_path(lang)
    if path.exists():
        raise SystemExit(f"{path} exists; run update instead")
    template = extract()
    template.locale = Locale.parse(lang)
    template.fuzzy = False
    write(template, path)
    return path


def _translated(message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return bool(strings) and all(strings)


def problems(template=None) -> list[str]:
    """Every way a catalog falls short of the messages in the code, as lines ('' if none)."""
    template = template or extract()
    found = []
    for lang in languages():
        catalog = read(lang)
        for message in template:
            if not message.id:
                continue
            key = message.id if isinstance(message.id, str) else message.id[0]
            mine = catalog.get(key, context=message.context)
            if mine is None:
                found.append(f"{lang}: missing {key!r}")
            elif mine.fuzzy:
                found.append(f"{lang}: fuzzy {key!r}")
            elif not _translated(mine):
                found.append(f"{lang}: untranslated {key!r}")
            elif isinstance(message.id, (list, tuple)) != isinstance(mine.id, (list, tuple)):
                found.append(f"{lang}: {key!r} must have plural forms")
            else:
                found += [f"{lang}: {key!r}: {error}" for error in mine.check(catalog)]
    return found


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "help"
    if command == "update":
        print("updated: " + ", ".join(update()) + f"; template {POT.relative_to(ROOT)}")
        return 0
    if command == "check":
        found = problems()
        for line in found:
            print(line)
        print(f"{len(found)} problem(s)" if found else "every catalog is complete")
        return 1 if found else 0
    if command == "init" and len(argv) == 2:
        print(f"created {init(argv[1])}; translate it, then run check")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
