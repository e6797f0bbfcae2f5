"""An output folder replaced as a whole, and the registry's static files read from inside it.

``replace_folder(out, build)`` has ``build`` write into a fresh sibling folder and swaps it in
at the end (the old one renamed away, the new one renamed in, the old one deleted): an error or
Ctrl-C midway leaves the old folder exactly as it was, and nothing of an earlier build (the page
of a removed record) survives a rebuild. It replaces only a folder it made itself (one holding
``MARKER``) or an empty one, so a mistyped ``-o ~`` is an error, not a deleted home folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from lpps_cli.errors import LppsError
from lpps_cli.fsio import OutsideRegistry, TooLarge, contained, read_contained

#: the file that marks a folder as made by lpps (and so safe to replace)
MARKER = ".lpps-site"
MARKER_TEXT = "This folder is made by `lpps site build`; the next build replaces all of it.\n"
#: the registry's static files: the largest file, and how many
STATIC_FILE_LIMIT = 8 * 1024 * 1024
STATIC_FILES_LIMIT = 1000
STATIC_FOLDER = "templates/site/static"


def check_replaceable(out: Path) -> None:
    """Refuse an ``out`` that is not ours to replace: a file, a link, or a folder with files
    that holds no ``MARKER``."""
    if out.is_symlink():
        raise LppsError("the output folder is a link; give the folder itself", str(out))
    if out.exists() and not out.is_dir():
        raise LppsError("this is a file, not a folder; give a new or empty folder for the site", str(out))
    if out.is_dir() and not (out / MARKER).is_file() and any(out.iterdir()):
        raise LppsError(
            f"this folder is not empty and was not made by lpps site build (it has no {MARKER} "
            "file), so lpps will not replace it; give a new or empty folder",
            str(out),
        )


def replace_folder(out: Path, build: Callable[[Path], list[Path]]) -> list[Path]:
    """Run ``build(folder)`` in a fresh folder next to ``out``, then swap it in; return the files
    written, as paths in ``out``. On any error (or Ctrl-C) ``out`` is left as it was."""
    out = Path(os.path.abspath(out))
    if not out.name:
        raise LppsError("the site cannot replace the root folder; give a new or empty folder", str(out))
    check_replaceable(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        os.chmod(fresh, 0o755)  # a web server reads the site; mkdtemp makes a private folder
        written = build(fresh)
        (fresh / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        _swap(fresh, out)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    return [out / path.relative_to(fresh) for path in written]


def _swap(fresh: Path, out: Path) -> None:
    if not out.exists():
        os.rename(fresh, out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.rmdir(old)  # only its unique name is wanted
    os.rename(out, old)
    try:
        os.rename(fresh, out)
    except BaseException:
        os.rename(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def registry_static(root: Path) -> Iterator[tuple[str, bytes]]:
    """``(path under static/, bytes)`` of every file in the registry's ``templates/site/static``,
    read through the containment rule: the folder, a file or a sub-folder that is a link out of
    the registry, a linked sub-folder, a file over ``STATIC_FILE_LIMIT`` or more than
    ``STATIC_FILES_LIMIT`` files is an error naming it; nothing outside the registry is read."""
    try:
        folder = contained(root, STATIC_FOLDER)
    except OutsideRegistry as exc:
        raise LppsError(str(exc), STATIC_FOLDER) from None
    if not folder.is_dir():
        return
    count = 0
    for dirpath, dirnames, filenames in os.walk(root / STATIC_FOLDER):  # links to folders are not followed
        dirnames.sort()
        for name in [*dirnames, *sorted(filenames)]:
            relative = Path(os.path.relpath(os.path.join(dirpath, name), root)).as_posix()
            try:
                real = contained(root, relative)
                if name in dirnames:
                    if os.path.islink(os.path.join(dirpath, name)):
                        raise LppsError("a link to a folder is not copied; put the files themselves here", relative)
                    continue
                if not real.is_file():
                    continue
                count += 1
                if count > STATIC_FILES_LIMIT:
                    raise LppsError(f"more than {STATIC_FILES_LIMIT} static files; keep fewer", STATIC_FOLDER)
                data = read_contained(root, relative, STATIC_FILE_LIMIT)
            except (OutsideRegistry, TooLarge) as exc:
                raise LppsError(str(exc), relative) from None
            yield relative[len(STATIC_FOLDER) + 1 :], data
