"""Writing outputs: atomically (a temporary file and a rename), or to standard output."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from kg.errors import KGError


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename: never half-written."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs are for others to read
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    except OSError as exc:
        raise KGError(f"cannot write the output: {exc.strerror or exc}.", str(path)) from None


def emit(text: str, out: Path | None) -> None:
    """Write to ``out`` atomically, or to standard output."""
    if out is None or str(out) == "-":
        sys.stdout.write(text)
    else:
        write_atomic(out, text)
