"""Safe writes: a temporary file in the same folder, then a rename, so a failure midway
never leaves a half-written file where a good one was."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write(
    path: str | os.PathLike,
    content: str | bytes,
    encoding: str = "utf-8",
    durable: bool = True,
    mode: int | None = None,
) -> None:
    """``durable=False`` skips the fsync: for files made again by the next run (a portal's
    thousands of pages), where a crash costs a rebuild, not data, and fsync costs ~0.5 ms a file.
    ``mode`` sets the file's permissions; by default a replaced file keeps its own, a new one is 0644."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode(encoding) if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        elif path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


class OutsideRegistry(Exception):
    """A path that is, or passes through, a link resolving outside the registry, or that
    names a place outside it (``../x``, ``/etc/x``). ``str()`` says what to do."""

    def __init__(self, relative: str, message: str | None = None):
        self.relative = relative
        super().__init__(
            message
            or f"{relative} is a link (or passes through one) that points outside "
            "the registry; copy the file into the registry instead"
        )


class TooLarge(Exception):
    """A file over the byte limit of the read that asked for it."""

    def __init__(self, relative: str, limit: int):
        self.relative = relative
        self.limit = limit
        super().__init__(f"{relative} is larger than {limit} bytes; make it smaller or split it")


def is_inside(path: str | os.PathLike, root: str | os.PathLike) -> bool:
    """Whether ``path`` (already resolved) is ``root`` (already resolved) or below it."""
    try:
        Path(path).relative_to(root)
        return True
    except ValueError:
        return False


def contained(root: str | os.PathLike, relative: str | os.PathLike) -> Path:
    """The real path of ``relative`` under ``root``, refused (OutsideRegistry) when it names a
    place outside ``root`` or resolves there through a link at any depth: the one containment
    rule for every file and folder lpps reads from a registry. The file need not exist."""
    real_root = Path(os.path.realpath(root))
    rel = os.fspath(relative)
    if os.path.isabs(rel):
        candidate = Path(rel)
        shown = rel
    else:
        candidate = real_root / rel
        shown = Path(rel).as_posix()
    real = Path(os.path.realpath(candidate))
    if not is_inside(real, real_root):
        if not is_inside(Path(os.path.normpath(candidate)), real_root):
            raise OutsideRegistry(
                shown, f"{shown} names a place outside the registry; give a path inside the registry folder"
            )
        raise OutsideRegistry(shown)
    return real


def read_contained(root: str | os.PathLike, relative: str | os.PathLike, max_bytes: int) -> bytes:
    """The bytes of ``relative`` under ``root`` after ``contained``'s check, read no further than
    ``max_bytes`` (TooLarge past it): a 50 MiB body costs one bounded read, not 50 MiB."""
    real = contained(root, relative)
    shown = Path(os.fspath(relative)).as_posix()
    with open(real, "rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLarge(shown, max_bytes)
    return data


# The user's cache and state folders: the read cache (reading.readcache) and compiled catalogs
# (i18n) live there, so they sit here, below both.


def cache_enabled() -> bool:
    return os.environ.get("LPPS_CACHE", "1") not in ("0", "off", "no", "false")


def cache_dir() -> Path:
    chosen = os.environ.get("LPPS_CACHE_DIR")
    if chosen:
        return Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "lpps"


def state_dir() -> Path:
    chosen = os.environ.get("LPPS_STATE_DIR")
    if chosen:
        return Path(chosen).expanduser()
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "lpps"


def write_private(path: Path, payload: bytes) -> bool:
    """Write ``payload`` to ``path`` atomically, readable by the user alone; False if it could not be
    written. No fsync: a cache lost in a crash is only read again from the files."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write(path, payload, durable=False, mode=0o600)
        return True
    except OSError:
        return False
