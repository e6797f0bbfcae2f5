"""A cache of parsed record files, so that a registry of thousands of files loads in a fraction
of a second when few of them changed since the last command.

Each registry has one JSON file in the user's cache folder ($LPPS_CACHE_DIR, else
$XDG_CACHE_HOME/lpps, else ~/.cache/lpps); LPPS_CACHE=0 turns the cache off. An entry is a
file's path in the registry, a keyed hash of the file's bytes and the data read from them.
Why it cannot lie:

- A hit is decided by the file's bytes, read again every time (about 0.26 s for 13,000 files),
  never by its inode, size or times: a file that changed never matches its entry, whatever its
  stat says.
- The hash is BLAKE2b keyed with a random secret of this user (``$LPPS_STATE_DIR``, else
  $XDG_STATE_HOME/lpps, else ~/.local/state/lpps; mode 0600), kept outside the cache folder. A
  cache file written anywhere else (committed into a workspace, restored by CI, copied from
  another machine, crafted by hand) holds no entry that matches, so no crafted cache file
  changes an answer: it only costs a reading of the files. Without a secret (a home folder that
  cannot be written) there is no cache.
- A file whose mtime or ctime is less than ``RACY_NS`` older than the moment reading began is
  not stored: it may have changed between the hash and the parse.
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
from typing import Any

from lpps_cli.fsio import cache_dir, state_dir, write_private
from lpps_cli.fsio import cache_enabled as enabled
from lpps_cli.reading.yamlio import Limits, fast_enabled

FORMAT = 2
#: a file changed less than this long before reading began is not stored (see the module doc)
RACY_NS = 2_000_000_000
#: cache files kept; the least recently written beyond this are removed
KEEP = 16
_READER_MODULES = ("limits.py", "yamlscan.py", "yamlio.py", "fastyaml.py", "bulkread.py", "readcache.py", "__init__.py")


def secret() -> bytes | None:
    """This user's key for the cache's hashes, made on first use; None if it cannot be kept."""
    path = state_dir() / "cache.key"
    try:
        found = path.read_bytes()
        if len(found) == 32:
            return found
    except OSError:
        pass
    if not write_private(path, os.urandom(32)):
        return None
    try:  # read back: two runs creating it at once agree on the one that stayed
        found = path.read_bytes()
    except OSError:
        return None
    return found if len(found) == 32 else None


def _fingerprint(limits: Limits) -> list[object]:
    """What must be equal for entries written by another run to be used."""
    from lpps_cli import __version__

    code = hashlib.blake2b(digest_size=12)
    here = Path(__file__).parent
    for name in _READER_MODULES:
        try:
            code.update((here / name).read_bytes())
        except OSError:
            code.update(name.encode())
    return [
        FORMAT,
        __version__,
        code.hexdigest(),
        fast_enabled(),
        [limits.max_file_bytes, limits.max_depth, limits.max_aliases, limits.max_values],
    ]


class RecordCache:
    """Entries of one registry: ``lookup`` before reading a file, ``store`` after, ``save`` once."""

    def __init__(self, root: Path, limits: Limits, key: bytes):
        self.started = time.time_ns()
        self.key = key
        self.max_bytes = limits.max_file_bytes
        self.fingerprint = _fingerprint(limits)
        self.path = (
            cache_dir() / f"records-{hashlib.blake2b(str(root.resolve()).encode(), digest_size=10).hexdigest()}.json"
        )
        #: name -> [digest, data], as the cache file holds them
        self.old: dict[str, Any] = self._read()
        self.entries: dict[str, list[Any]] = {}
        self.changed = False

    def _read(self) -> dict[str, Any]:
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

    def digest(self, raw: bytes) -> str:
        """The keyed hash of a file's bytes that entries are matched by."""
        return hashlib.blake2b(raw, key=self.key, digest_size=16).hexdigest()

    def lookup(self, name: str, path: str | os.PathLike[str]) -> dict[str, Any] | None:
        """The data of ``path`` if its entry was made from the bytes it holds now, else None."""
        entry = self.old.get(name)
        if not (isinstance(entry, list) and len(entry) == 2 and isinstance(entry[1], dict)):
            return None
        try:  # os.open and os.read: a third of the cost of open() at 13,000 files
            descriptor = os.open(path, os.O_RDONLY)
            try:
                raw = os.read(descriptor, min(os.fstat(descriptor).st_size, self.max_bytes) + 1)
            finally:
                os.close(descriptor)
        except OSError:
            return None
        if len(raw) > self.max_bytes or entry[0] != self.digest(raw):
            return None
        self.entries[name] = entry
        return entry[1]

    def store(self, name: str, path: str | os.PathLike[str], data: dict[str, Any], digest: str | None = None) -> None:
        """Remember the data just read from ``path`` (whose bytes hash to ``digest``, computed
        here when not given), if it is safe to (see the module doc)."""
        import orjson

        try:
            stat = os.stat(path)
            if max(stat.st_mtime_ns, stat.st_ctime_ns) > self.started - RACY_NS:
                return
            if orjson.loads(orjson.dumps(data)) != data:
                return
            if digest is None:
                with open(path, "rb") as handle:
                    digest = self.digest(handle.read(self.max_bytes + 1))
        except (OSError, TypeError, orjson.JSONEncodeError):
            return
        self.entries[name] = [digest, data]
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
    """The cache of the registry at ``root``, or None when LPPS_CACHE=0 or no secret can be kept."""
    if not enabled():
        return None
    key = secret()
    return RecordCache(root, limits, key) if key is not None else None
