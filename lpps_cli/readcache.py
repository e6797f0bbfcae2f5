"""A cache of parsed record files, so that a registry of thousands of files loads in a fraction
of a second when few of them changed since the last command.

Each registry has one JSON file in the user's cache folder ($LPPS_CACHE_DIR, else
$XDG_CACHE_HOME/lpps, else ~/.cache/lpps); LPPS_CACHE=0 turns the cache off. An entry is
a file's path in the registry, its stat (inode, size, mtime and ctime in nanoseconds, as git's
index keeps them) and the data read from it. Why this is safe:

- Any write to a file changes its ctime, which no user tool can set back (``touch -r`` sets
  the mtime only), so a file that changed never matches its entry.
- A file whose mtime or ctime is less than ``RACY_NS`` older than the moment reading began is
  not stored: it could change again within one tick of a coarse file-system clock ("racily
  clean" in git's words). It is read again next time, until it is old enough.
- Only data that JSON keeps exactly is stored (checked by a round trip): a file whose data has
  non-string keys, NaN or integers beyond 64 bits is always read from the file. Files that
  could not be read are never stored, so their messages follow the language of each run.
- The cache is discarded as a whole when lpps' version or reading code, the limits or the
  choice of parser (LPPS_FAST) differ from the run that wrote it.

The cache is JSON parsed by orjson, so a tampered cache cannot construct Python objects; it
holds the registry's data, so it lives in the user's own folder (mode 0600). Failing to read
or write it is silent: it only ever costs speed.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from lpps_cli.yamlio import Limits, fast_enabled

FORMAT = 1
#: a file changed less than this long before reading began is not stored (see the module doc)
RACY_NS = 2_000_000_000
#: cache files kept; the least recently written beyond this are removed
KEEP = 16
_READER_MODULES = ("yamlio.py", "fastyaml.py", "bulkread.py", "readcache.py", "__init__.py")


def enabled() -> bool:
    return os.environ.get("LPPS_CACHE", "1") not in ("0", "off", "no", "false")


def cache_dir() -> Path:
    chosen = os.environ.get("LPPS_CACHE_DIR")
    if chosen:
        return Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "lpps"


def _fingerprint(limits: Limits) -> list:
    """What must be equal for entries written by another run to be used."""
    from lpps_cli import __version__

    code = hashlib.blake2b(digest_size=12)
    here = Path(__file__).parent
    for name in _READER_MODULES:
        try:
            code.update((here / name).read_bytes())
        except OSError:
            code.update(name.encode())
    return [FORMAT, __version__, code.hexdigest(), fast_enabled(),
            [limits.max_file_bytes, limits.max_depth, limits.max_aliases]]


def _stat_key(stat: os.stat_result) -> list:
    return [stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns]


class RecordCache:
    """Entries of one registry: ``lookup`` before reading a file, ``store`` after, ``save`` once."""

    def __init__(self, root: Path, limits: Limits):
        self.started = time.time_ns()
        self.fingerprint = _fingerprint(limits)
        self.path = cache_dir() / f"records-{hashlib.blake2b(str(root.resolve()).encode(), digest_size=10).hexdigest()}.json"
        self.old: dict = self._read()
        self.entries: dict = {}
        self.changed = False

    def _read(self) -> dict:
        try:
            raw = self.path.read_bytes()
        except OSError:
            return {}
        import orjson

        try:  # tens of MB of objects: loader.load_registry has paused the collector for them
            cached = orjson.loads(raw)
        except orjson.JSONDecodeError:
            return {}
        if not isinstance(cached, dict) or cached.get("fingerprint") != self.fingerprint:
            return {}
        entries = cached.get("entries")
        return entries if isinstance(entries, dict) else {}

    def lookup(self, name: str, path: str | os.PathLike) -> dict | None:
        """The data of ``path`` if its entry matches the file as it is now, else None."""
        entry = self.old.get(name)
        if entry is None:
            return None
        try:
            key = _stat_key(os.stat(path))
        except OSError:
            return None
        if not (isinstance(entry, list) and len(entry) == 2 and entry[0] == key and isinstance(entry[1], dict)):
            return None
        self.entries[name] = entry
        return entry[1]

    def store(self, name: str, path: str | os.PathLike, data: dict) -> None:
        """Remember the data just read from ``path``, if it is safe to (see the module doc)."""
        import orjson

        try:
            stat = os.stat(path)
            if max(stat.st_mtime_ns, stat.st_ctime_ns) > self.started - RACY_NS:
                return
            if orjson.loads(orjson.dumps(data)) != data:
                return
        except (OSError, TypeError, orjson.JSONEncodeError):
            return
        self.entries[name] = [_stat_key(stat), data]
        self.changed = True

    def save(self) -> None:
        """Write the entries of this run, if they differ from the ones read; never raises."""
        if not self.changed and self.entries.keys() == self.old.keys():
            return
        import orjson

        try:
            payload = orjson.dumps({"fingerprint": self.fingerprint, "entries": self.entries})
        except (TypeError, orjson.JSONEncodeError):
            return
        if write_private(self.path, payload):
            self._prune()

    def _prune(self) -> None:
        files = sorted(self.path.parent.glob("records-*.json"), key=_mtime, reverse=True)
        for old in files[KEEP:]:
            _remove(old)


def write_private(path: Path, payload: bytes) -> bool:
    """Write ``payload`` to ``path`` atomically, readable by the user alone; False if it could not be
    written. No fsync: a cache lost in a crash is only read again from the files."""
    from lpps_cli.fsio import atomic_write

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write(path, payload, durable=False, mode=0o600)
        return True
    except OSError:
        return False


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def open_cache(root: Path, limits: Limits) -> RecordCache | None:
    """The cache of the registry at ``root``, or None when LPPS_CACHE=0."""
    return RecordCache(root, limits) if enabled() else None
