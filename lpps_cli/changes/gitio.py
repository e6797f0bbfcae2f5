"""Reading a registry at a git revision, straight from git's objects (never a checkout)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from lpps_cli.errors import LppsError
from lpps_cli.i18n.translations import gettext as _


def git(cwd: Path, *args: str, input: bytes | None = None, check: bool = True) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=input, capture_output=True, timeout=120)
    except FileNotFoundError:
        raise LppsError(_("git is not installed; install git to compare revisions")) from None
    if check and done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise LppsError(
            _("git %(command)s failed: %(why)s")
            % {"command": args[0], "why": message[-1] if message else done.returncode}
        )
    return done.stdout


def toplevel(path: Path) -> Path | None:
    """The root of the repository holding ``path``, or None when it is in none."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=path, capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return Path(done.stdout.strip()) if done.returncode == 0 else None


def prefix(root: Path) -> str:
    """The registry folder's path inside its repository ('' at the top, else 'registry/')."""
    top = toplevel(root)
    if top is None:
        raise LppsError(
            _("%(folder)s is not in a git repository; lpps diff compares git revisions") % {"folder": str(root)}
        )
    rel = root.resolve().relative_to(top.resolve()).as_posix()
    return "" if rel in ("", ".") else rel + "/"


def default_branch(root: Path) -> str:
    """origin's default branch when known, else main, master or the current branch."""
    head = git(root, "symbolic-ref", "-q", "refs/remotes/origin/HEAD", check=False).decode().strip()
    if head:
        return head.removeprefix("refs/remotes/")
    for candidate in ("origin/main", "origin/master", "main", "master"):
        if git(root, "rev-parse", "-q", "--verify", candidate + "^{commit}", check=False).strip():
            return candidate
    return "HEAD"


def merge_base(root: Path, branch: str) -> str:
    base = git(root, "merge-base", branch, "HEAD", check=False).decode().strip()
    return base or branch


def verify(root: Path, rev: str) -> str:
    found = git(root, "rev-parse", "-q", "--verify", rev + "^{commit}", check=False).decode().strip()
    if not found:
        raise LppsError(
            _("'%(rev)s' is not a revision of this repository; give a branch, tag or commit") % {"rev": rev}
        )
    return found


def files_at(root: Path, rev: str, folder_prefix: str) -> dict[str, bytes | None]:
    """Registry-relative path -> content of every .yaml file under the registry at ``rev``;
    None for a symbolic link (mode 120000), whose blob is only the path it points to."""
    listing = git(root, "ls-tree", "-r", "-z", "--full-tree", rev, "--", folder_prefix or ".")
    wanted: list[tuple[str, str]] = []
    links: list[str] = []
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _tab, name = entry.partition(b"\t")
        mode, kind, sha = meta.decode().split()
        path = name.decode("utf-8", "replace")
        if kind == "blob" and path.endswith(".yaml") and path.startswith(folder_prefix):
            if mode == "120000":
                links.append(path[len(folder_prefix) :])
            else:
                wanted.append((path[len(folder_prefix) :], sha))
    if not wanted:
        return dict.fromkeys(links)
    batch = git(root, "cat-file", "--batch", input="".join(f"{sha}\n" for _p, sha in wanted).encode())
    contents: dict[str, bytes | None] = dict.fromkeys(links)
    position = 0
    for rel, _sha in wanted:
        header_end = batch.index(b"\n", position)
        size = int(batch[position:header_end].split()[2])
        start = header_end + 1
        contents[rel] = batch[start : start + size]
        position = start + size + 1
    return contents
