"""``lpps init``: a new registry that a partnership can push to GitHub at once.

partnership.yaml (status ``forming``), the default taxonomy, empty kind folders, the
JSON Schemas beside them so every file's modeline works offline in an editor, and at the
repository's root a CI workflow, a pre-commit config, CONTRIBUTING.md and a ``.yamllint``
that the registry's files (and every change ``lpps set`` makes to them) pass.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from lpps_cli import __version__
from lpps_cli.changes.newrecord import SCHEMA_FOLDER, modeline
from lpps_cli.errors import LppsError
from lpps_cli.i18n.translations import gettext as _
from lpps_cli.model.registry import FOLDERS

HOOK_REPO = "https://github.com/lpps/lpps"
KIND_FOLDERS = [folder for kind, folder in FOLDERS.items() if kind != "taxonomy"]


@dataclass
class InitResult:
    root: Path
    repo_root: Path
    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    git_initialized: bool = False


def partnership_data(answers: dict[str, Any]) -> dict[str, Any]:
    from lpps_cli.model.slug import slugify

    name = answers.get("name") or _("Our partnership")
    languages = answers.get("languages") or ["en"]
    data: dict[str, Any] = {
        "id": answers.get("id") or slugify(answers.get("short_name") or name) or "partnership",
        "name": name,
    }
    for key in ("short_name",):
        if answers.get(key):
            data[key] = answers[key]
    data["status"] = "forming"
    for key in ("area", "country", "timezone"):
        if answers.get(key):
            data[key] = answers[key]
    data["languages"] = languages
    for key in ("email", "website"):
        if answers.get(key):
            data[key] = answers[key]
    data["meeting_interval_months"] = answers.get("meeting_interval_months") or 3
    return data


#: the option of ``lpps init`` that gives each field of partnership.yaml, for messages
OPTION_OF = {
    "id": "--id",
    "name": "--name",
    "short_name": "--short-name",
    "area": "--area",
    "country": "--country",
    "timezone": "--timezone",
    "languages": "--languages",
    "email": "--email",
    "website": "--website",
}
#: the answers that name a taxonomy term, and the vocabulary each draws on
TERM_ANSWERS = {"area": "areas"}


def checked_answers(answers: dict[str, Any]) -> dict[str, Any]:
    """``answers`` with each term named by its id (a whole label in any language names it too).
    A value that names no term is refused (LppsError, exit 2) with the option, the value and
    the terms close to it: a guess would put a region where a town was meant."""
    from lpps_cli.reading.loader import build_taxonomy

    taxonomy = build_taxonomy({})
    checked = dict(answers)
    for key, vocabulary in TERM_ANSWERS.items():
        text = answers.get(key)
        if not text:
            continue
        term = exact_term(taxonomy, vocabulary, str(text))
        if term is None:
            close = close_terms(taxonomy, vocabulary, str(text))
            hint = f" (did you mean {' or '.join(repr(t) for t in close)}?)" if close else ""
            raise LppsError(
                f"{OPTION_OF[key]}: "
                + _(  # the message term_match gives, so it is translated
                    "'%(text)s' is not a term of %(vocabulary)s%(hint)s; see taxonomy/%(vocabulary)s.yaml"
                )
                % {"text": text, "vocabulary": vocabulary, "hint": hint}
            )
        checked[key] = term
    return checked


def exact_term(taxonomy, vocabulary: str, text: str) -> str | None:
    """The term whose id, or one of whose labels, is ``text`` (accents and case aside); no guesses."""
    from lpps_cli.model.taxonomy import fold

    wanted = fold(text)
    for tid, entry in taxonomy.terms(vocabulary).items():
        if wanted in {fold(tid), *(fold(label) for label in _labels(entry))}:
            return tid
    return None


def close_terms(taxonomy, vocabulary: str, text: str, count: int = 3) -> list[str]:
    """Up to ``count`` term ids whose id, label or a word of a label is close to ``text``."""
    import difflib

    from lpps_cli.model.taxonomy import fold

    wanted = fold(text)
    score: dict[str, float] = {}
    for tid, entry in taxonomy.terms(vocabulary).items():
        names = [fold(tid), *(fold(label) for label in _labels(entry))]
        words = [word for name in names for word in name.replace("-", " ").split()]
        best = max(difflib.SequenceMatcher(None, wanted, name).ratio() for name in names + words)
        if len(wanted) >= 3 and any(word.startswith(wanted) for word in words):
            best = max(best, 0.9)
        if best >= 0.6:
            score[tid] = best
    top = max(score.values(), default=0.0)  # a word that matches whole crowds out the merely similar
    return sorted((t for t in score if score[t] >= top - 0.15), key=lambda t: (-score[t], t))[:count]


def _labels(entry: dict[str, Any]) -> list[str]:
    label = entry.get("label")
    return [lab for lab in (label.values() if isinstance(label, dict) else [label]) if isinstance(lab, str)]


def refuse_invalid(target: Path, data: dict[str, Any], text: str) -> None:
    """Check the new partnership.yaml with the default taxonomy, as ``lpps validate`` will, before
    anything is written: an error names the option that gave the field."""
    import datetime as dt

    from lpps_cli.checking.precheck import problems_of
    from lpps_cli.model.registry import Record, Registry
    from lpps_cli.reading.loader import build_taxonomy, default_taxonomy
    from lpps_cli.reading.yamlio import parse

    records: dict[str, dict[str, Record]] = {kind: {} for kind in FOLDERS}
    records["taxonomy"] = dict(default_taxonomy())
    fields = cast("dict[str, Any]", parse(text.encode("utf-8")))  # the writer's text of the mapping ``data``
    partnership = Record("partnership", data["id"], "partnership.yaml", fields)
    registry = Registry(
        root=target,
        partnership=partnership,
        records=records,
        taxonomy=build_taxonomy(records["taxonomy"]),
        files=["partnership.yaml"],
    )
    for problem in problems_of(registry, dt.date.today()):
        if problem.severity != "error":
            continue
        option = OPTION_OF.get(problem.pointer.strip("/").split("/", 1)[0])
        # the rule's message names the field and the value; the option says which flag gave it
        raise LppsError(f"{option}: {problem.message}" if option else problem.message, None if option else problem.file)


def partnership_text(data: dict[str, Any]) -> str:
    from lpps_cli.changes.newrecord import record_text

    return record_text(
        "partnership",
        data,
        depth=0,
        header=_(
            "The partnership. It is 'forming' until its founding meeting: until then the rules on the\n"
            "board, the required documents and the meeting cadence only warn. Set status: active then."
        ),
    )


def init_registry(
    target: Path,
    answers: dict[str, Any],
    *,
    force: bool = False,
    hook_repo: str = HOOK_REPO,
    hook_rev: str | None = None,
    install_spec: str | None = None,
) -> InitResult:
    from lpps_cli.changes import gitio
    from lpps_cli.fsio import atomic_write
    from lpps_cli.reading.loader import default_taxonomy
    from lpps_cli.reading.schemas import SCHEMA_KINDS, bundled
    from lpps_cli.resources import data_dir

    target = target.expanduser()
    data = partnership_data(checked_answers(answers))
    text = partnership_text(data)
    refuse_invalid(target, data, text)  # before anything is made: init never leaves a registry that fails
    if target.exists() and not target.is_dir():
        raise LppsError(_("%(path)s is a file; give a folder for the new registry") % {"path": str(target)})
    if target.is_dir() and any(target.iterdir()) and not force:
        raise LppsError(
            _(
                "%(path)s is not empty; choose an empty folder, or add --force to write into it "
                "(files lpps makes are overwritten)"
            )
            % {"path": str(target)}
        )
    target.mkdir(parents=True, exist_ok=True)
    repo_root = gitio.toplevel(target)
    result = InitResult(target, repo_root or target)

    def write(path: Path, text: str, outside: bool = False) -> None:
        if outside and path.exists() and not force:
            result.skipped.append(path)  # the repository's own CI or hooks: never replaced silently
            return
        atomic_write(path, text)
        result.written.append(path)

    write(target / "partnership.yaml", text)
    for kind in SCHEMA_KINDS:
        write(
            target / SCHEMA_FOLDER / f"{kind}.schema.json",
            json.dumps(bundled(kind), ensure_ascii=False, indent=2) + "\n",
        )
    for vocab_id in default_taxonomy():
        source = (data_dir("taxonomy") / f"{vocab_id}.yaml").read_text(encoding="utf-8")
        body = "".join(line for line in source.splitlines(True) if not line.startswith("# yaml-language-server:"))
        write(target / "taxonomy" / f"{vocab_id}.yaml", modeline("taxonomy", 1) + body)
    for folder in KIND_FOLDERS:
        keep = target / folder / ".gitkeep"
        if not keep.exists():
            write(keep, "")

    registry_rel = target.resolve().relative_to(result.repo_root.resolve()).as_posix()
    registry_rel = "" if registry_rel == "." else registry_rel
    values = {
        "name": data["name"],
        "registry_rel": registry_rel,
        "registry_args": f" --registry {registry_rel}" if registry_rel else "",
        "prefix": f"{registry_rel}/" if registry_rel else "",
        "hook_repo": hook_repo,
        "hook_rev": hook_rev or f"v{__version__}",
        "install_spec": install_spec or f"lpps=={__version__}",
    }
    root = result.repo_root
    write(root / ".github" / "workflows" / "lpps.yml", render("lpps.yml", values), outside=True)
    write(root / ".pre-commit-config.yaml", render("pre-commit-config.yaml", values), outside=True)
    write(root / "CONTRIBUTING.md", render("CONTRIBUTING.md", values), outside=True)
    write(
        root / ".yamllint", (data_dir("templates") / "init" / "yamllint.yaml").read_text(encoding="utf-8"), outside=True
    )  # the lint settings lpps's own writes keep to (see docs/changes.md)
    if repo_root is None:
        gitio.git(target, "init", "-q")
        result.git_initialized = True
    return result


def render(name: str, values: dict[str, Any]) -> str:
    """One template of templates/init/. Square-bracket delimiters, so GitHub's ${{ }} stays as is."""
    import shlex

    from jinja2.sandbox import SandboxedEnvironment

    from lpps_cli.resources import data_dir

    env = SandboxedEnvironment(
        variable_start_string="[[",
        variable_end_string="]]",
        block_start_string="[%",
        block_end_string="%]",
        comment_start_string="[#",
        comment_end_string="#]",
        keep_trailing_newline=True,
        trim_blocks=True,
        autoescape=False,
    )
    env.filters["shell"] = shlex.quote
    template = env.from_string((data_dir("templates") / "init" / name).read_text(encoding="utf-8"))
    return template.render(**values)
