"""Using the second core: work handed to one forked child, results back through a pipe.

Only on Linux (fork is cheap there and the child sees the loaded registry without copying
it), only with two or more usable cores (LPPS_WORKERS=1 turns it off), and never at the
cost of correctness: if the child fails in any way, the parent does the work itself.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

_Item = TypeVar("_Item")
_Result = TypeVar("_Result")


def workers() -> int:
    chosen = os.environ.get("LPPS_WORKERS")
    if chosen and chosen.isdigit():
        return max(1, int(chosen))
    if sys.platform != "linux":
        return 1
    try:
        return min(2, len(os.sched_getaffinity(0)))
    except AttributeError:
        return 1


class Background:
    """``func()`` running in a forked child; ``result()`` waits for it (or runs it here)."""

    def __init__(self, func: Callable[[], Any]):
        self.func = func
        self.process: BaseProcess | None = None
        self.receiver: Connection[Any, Any] | None = None
        try:
            import multiprocessing

            context = multiprocessing.get_context("fork")
            self.receiver, sender = context.Pipe(duplex=False)
            self.process = context.Process(target=_child, args=(func, sender), daemon=True)
            self.process.start()
            sender.close()
        except (OSError, ValueError, ImportError):
            self.process = None

    def result(self) -> Any:
        if self.process is None:
            return self.func()
        receiver = self.receiver
        assert receiver is not None  # made before the process
        try:
            answer = pickle.loads(receiver.recv_bytes())
        except (EOFError, OSError, pickle.UnpicklingError):
            answer = None
        finally:
            receiver.close()
            self.process.join()
        if not isinstance(answer, tuple) or answer[0] != "ok":
            return self.func()  # the child failed: do it here, where errors are seen
        return answer[1]


def _child(func: Callable[[], Any], sender: Connection[Any, Any]) -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)  # native libraries' chatter; the parent reports what matters
    try:
        payload: tuple[str, Any] | tuple[str] = ("ok", func())
    except BaseException:
        payload = ("failed",)
    try:
        sender.send_bytes(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:
        sender.send_bytes(pickle.dumps(("failed",)))
    finally:
        sender.close()
        os._exit(0)  # skip atexit handlers and buffers inherited from the parent


class _Inline:
    def __init__(self, func: Callable[[], Any]):
        self.func = func

    def result(self) -> Any:
        return self.func()


def start(func: Callable[[], Any], worth_it: bool = True) -> Background | _Inline:
    """Run ``func`` on the other core when that pays (``worth_it`` and a core is free);
    ``.result()`` gives its value either way."""
    return Background(func) if worth_it and workers() > 1 else _Inline(func)


def split_map(
    func: Callable[[Sequence[_Item]], list[_Result]], items: Sequence[_Item], share: float = 0.5, worth_it: bool = True
) -> list[_Result]:
    """``func(items)`` computed as func of the first part here and of the rest in a child;
    ``func`` maps a sequence to a list of the same length, in order."""
    if not worth_it or workers() < 2 or len(items) < 2:
        return func(items)
    cut = int(len(items) * (1 - share))
    rest = items[cut:]
    child = Background(lambda: func(rest))
    mine = func(items[:cut])
    theirs: list[_Result] = child.result()
    return mine + theirs
