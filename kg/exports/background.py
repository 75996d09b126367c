"""Work done beside the main process: ``kg build`` writes some formats while it validates.

:func:`start` runs a function in a forked child and returns a handle whose :meth:`Job.result`
waits for its return value (pickled back through a pipe). The child shares the parent's memory
as it was at the fork (the built graph), so nothing is copied or rebuilt; it writes nothing and
prints nothing. A fork is used only where it is safe: on Linux, when the process has a single
thread (a fork copies only the calling thread; none of our engines keeps threads between calls,
which is checked each time), and unless ``KG_SERIAL=1``. Otherwise the function simply runs in
the caller, so results never depend on the platform — only the time does.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
from typing import Any, Callable

from kg.errors import KGError


def _can_fork() -> bool:
    if os.environ.get("KG_SERIAL") == "1" or not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


class Job:
    """A running (or finished) piece of work; :meth:`result` returns its value or re-raises (a
    KGError as it was raised; anything else as a KGError saying it is a bug). Use it as a context
    manager, or call :meth:`cancel`, so that a child whose result is not wanted is stopped."""

    def __init__(self, fn: Callable[[], Any]) -> None:
        self._pid: int | None = None
        self._fd: int | None = None
        self._value: Any = None
        self._error: BaseException | None = None
        if _can_fork():
            read, write = os.pipe()
            sys.stdout.flush()
            sys.stderr.flush()
            parent = os.getpid()
            pid = os.fork()
            if pid == 0:  # the child: compute, send, and leave whatever happens (never return)
                try:
                    _die_with(parent)
                    os.close(read)
                    try:
                        payload = pickle.dumps(("ok", fn()), protocol=pickle.HIGHEST_PROTOCOL)
                    except KGError as exc:
                        payload = pickle.dumps(("kgerror", (exc.message, exc.where, exc.exit_code)))
                    except BaseException as exc:  # noqa: BLE001 - reported to the parent
                        payload = pickle.dumps(("error", f"{type(exc).__name__}: {exc}"))
                    with os.fdopen(write, "wb") as out:
                        out.write(payload)  # fails (broken pipe) if the parent has gone: fine
                finally:
                    os._exit(0)
            os.close(write)
            self._pid, self._fd = pid, read
        else:
            try:
                self._value = fn()
            except KGError as exc:
                self._error = exc
            except Exception as exc:  # noqa: BLE001 - reported as in the forked case
                self._error = _failed(f"{type(exc).__name__}: {exc}")

    def result(self) -> Any:
        if self._fd is not None:
            with os.fdopen(self._fd, "rb") as inp:
                data = inp.read()
            self._fd = None
            os.waitpid(self._pid, 0)
            if not data:
                raise KGError("a background step of the build stopped without an answer (killed?); "
                              "run again with KG_SERIAL=1 to do everything in one process.")
            kind, value = pickle.loads(data)  # noqa: S301 - our own child's bytes
            if kind == "kgerror":
                err = KGError(value[0], value[1])
                err.exit_code = value[2]
                self._error = err
            elif kind == "error":
                self._error = _failed(value)
            else:
                self._value = value
        if self._error is not None:
            raise self._error
        return self._value


    def cancel(self) -> None:
        """Stop the child if it still runs, and reap it (for when its result is not wanted)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
            try:
                os.kill(self._pid, signal.SIGKILL)  # it writes nothing: nothing to finish
            except ProcessLookupError:
                pass
            os.waitpid(self._pid, 0)

    def __enter__(self) -> "Job":
        return self

    def __exit__(self, *exc: object) -> None:
        self.cancel()


_PR_SET_PDEATHSIG = 1


def _die_with(parent: int) -> None:
    """In a forked child: be killed when the parent dies (Linux ``prctl(PR_SET_PDEATHSIG)``), so a
    killed ``kg build`` leaves no writer behind; if the parent is already gone, leave now."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # pragma: no cover - not Linux: the parent reaps it
        pass
    if os.getppid() != parent:
        os._exit(0)


def _failed(what: str) -> KGError:
    return KGError(f"a step of the build failed unexpectedly ({what}); this is a bug, please report it "
                   "with the command you ran.")


def start(fn: Callable[[], Any]) -> Job:
    """Start ``fn`` beside the caller (or run it now, where forking is not safe)."""
    return Job(fn)
