"""The build's output set, switched in whole: never a mix of two builds.

``kg build --out OUT`` writes its files (``kg.ttl``, ``kg.nt``, ``inferred.ttl``, ``kg.trig``,
``kg.jsonld``, ``void.ttl``) into a new folder ``OUT/.sets/<id>/``, each file written and synced
there, and then switches the symbolic link ``OUT/current`` to it with one ``rename`` — the only
step that makes the new set visible, and an atomic one. ``OUT/kg.ttl`` and the others are fixed
links into ``current/``, so a reader always sees one whole set: the old one until the rename,
the new one after it. A build that fails or is killed before the rename leaves the old set in
place; what it left behind (a half-written set folder, a temporary link) is removed by the next
build. The previous set is kept until the build after next, for readers that opened it.

Where the file system has no symbolic links, the files are written one by one, each atomically
(:func:`kg.exports.files.write_atomic`), and the set is not switched in whole.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from kg.errors import KGError
from kg.exports.files import write_atomic

SETS = ".sets"
CURRENT = "current"
_KEEP = 2  # the new set and the one before it


def write_set(out: Path, files: dict[str, str]) -> Path:
    """Write ``files`` (name → text) as the new current set of ``out``; returns the set folder."""
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        if not _links_work(out):
            for name, text in files.items():
                write_atomic(out / name, text)
            return out
        sets = out / SETS
        sets.mkdir(exist_ok=True)
        clean(out)
        ident = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{time.monotonic_ns():020d}"  # sorts by time
        folder = sets / ident
        pending = sets / f"{ident}.partial"
        pending.mkdir()
        for name, text in files.items():
            with open(pending / name, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(pending / name, 0o644)
        os.rename(pending, folder)  # complete sets only carry a plain name
        _fsync_dir(sets)
        link = out / f".{CURRENT}.{os.getpid()}.tmp"
        if link.is_symlink() or link.exists():
            link.unlink()
        os.symlink(os.path.join(SETS, ident), link)
        os.replace(link, out / CURRENT)  # the switch: one atomic rename
        for name in files:
            _fixed_link(out, name)
        _fsync_dir(out)
        clean(out)
        return folder
    except OSError as exc:
        raise KGError(f"cannot write the output: {exc.strerror or exc}.", str(getattr(exc, 'filename', None) or out)) from None


def current(out: Path) -> Path | None:
    """The folder of the current set of ``out`` (None before the first build)."""
    link = Path(out) / CURRENT
    return link.resolve() if link.is_symlink() else None


def clean(out: Path) -> list[Path]:
    """Remove what failed or killed builds left in ``out``: partial set folders, temporary links
    and temporary files (``.NAME.*.tmp``) of processes that no longer run, and sets older than the
    current one and the one before it. Returns what was removed."""
    out = Path(out)
    removed: list[Path] = []
    sets = out / SETS
    if sets.is_dir():
        complete = sorted((p for p in sets.iterdir() if p.is_dir() and not p.name.endswith(".partial")),
                          key=lambda p: p.name)
        keep = {p.resolve() for p in complete[-_KEEP:]}
        now = current(out)
        if now is not None:
            keep.add(now)
        for p in sorted(sets.iterdir()):
            if p.name.endswith(".partial"):
                if _alive(_pid_of(p.name)):
                    continue  # another build is writing it now
            elif p.resolve() in keep:
                continue
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p, ignore_errors=True)
            else:
                p.unlink(missing_ok=True)
            removed.append(p)
    for p in out.glob(".*.tmp"):
        if not _alive(_pid_of(p.name)):
            p.unlink(missing_ok=True)
            removed.append(p)
    return removed


def _fixed_link(out: Path, name: str) -> None:
    """``OUT/NAME`` → ``current/NAME`` (made once; an older build's plain file is replaced)."""
    path = out / name
    target = os.path.join(CURRENT, name)
    if path.is_symlink() and os.readlink(path) == target:
        return
    tmp = out / f".{name}.{os.getpid()}.tmp"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(target, tmp)
    os.replace(tmp, path)


def _pid_of(name: str) -> int | None:
    """The process id written into a temporary name (``ID-PID-N.partial``, ``.x.PID.tmp``)."""
    for part in name.replace(".", "-").split("-"):
        if part.isdigit() and 1 < int(part) < 2**22 and len(part) < 8:
            return int(part)
    return None


def _alive(pid: int | None) -> bool:
    if pid is None or pid == os.getpid():
        return pid == os.getpid()
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _links_work(out: Path) -> bool:
    probe = out / f".probe.{os.getpid()}.tmp"
    try:
        os.symlink(".", probe)
    except (OSError, NotImplementedError):
        return False
    probe.unlink()
    return True


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
