"""The build's output set is switched in whole: a killed or failed build never leaves a mix of two
builds, and what it left behind is cleaned by the next one (kg/exports/outputs.py)."""

from __future__ import annotations

import os
import resource
import signal
from pathlib import Path

import pytest

from kg.errors import KGError
from kg.exports import outputs
from kg.exports.outputs import clean, current, write_set

OLD = {"kg.ttl": "old ttl\n", "kg.nt": "old nt\n", "void.ttl": "old void\n"}
NEW = {"kg.ttl": "new ttl\n" * 50, "kg.nt": "new nt\n" * 50, "void.ttl": "new void\n"}


def _visible(out: Path) -> dict[str, str]:
    return {name: (out / name).read_text(encoding="utf-8") for name in OLD}


def test_a_set_is_written_and_switched(tmp_path):
    write_set(tmp_path, OLD)
    assert _visible(tmp_path) == OLD
    first = current(tmp_path)
    write_set(tmp_path, NEW)
    assert _visible(tmp_path) == NEW
    assert current(tmp_path) != first
    for name in NEW:
        assert (tmp_path / name).is_symlink() and os.readlink(tmp_path / name) == f"current/{name}"
    assert not list(tmp_path.glob(".*.tmp"))


def test_old_sets_are_removed_but_the_previous_one_is_kept(tmp_path):
    for i in range(4):
        write_set(tmp_path, {"kg.ttl": f"{i}\n"})
    sets = sorted(p.name for p in (tmp_path / outputs.SETS).iterdir())
    assert len(sets) == 2 and current(tmp_path).name == sets[-1]
    assert (tmp_path / "kg.ttl").read_text() == "3\n"


def test_a_plain_file_of_an_older_build_is_replaced(tmp_path):
    (tmp_path / "kg.ttl").write_text("from a build before output sets\n")
    write_set(tmp_path, NEW)
    assert (tmp_path / "kg.ttl").is_symlink() and _visible(tmp_path) == NEW


def _killed_at(out: Path, nth: int, files: dict[str, str]) -> int:
    """Run write_set in a child that dies (as by kill -9: no clean-up runs) at its nth rename."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        calls = {"n": 0}
        real_rename, real_replace = os.rename, os.replace

        def dying(real):
            def call(*a, **kw):
                calls["n"] += 1
                if calls["n"] == nth:
                    os.kill(os.getpid(), signal.SIGKILL)
                return real(*a, **kw)
            return call

        os.rename, os.replace = dying(real_rename), dying(real_replace)
        try:
            write_set(out, files)
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return status


@pytest.mark.parametrize("nth", range(1, 8))
def test_kill_at_each_rename_leaves_one_whole_set(tmp_path, nth):
    write_set(tmp_path, OLD)
    status = _killed_at(tmp_path, nth, NEW)
    seen = _visible(tmp_path)
    assert seen in (OLD, NEW), f"a mixed set after a kill at rename {nth}: {seen}"
    if os.WIFSIGNALED(status):
        # the next build cleans what the killed one left and switches to its own set
        write_set(tmp_path, NEW)
        assert _visible(tmp_path) == NEW
        assert not list(tmp_path.glob(".*.tmp"))
        assert not [p for p in (tmp_path / outputs.SETS).iterdir() if p.name.endswith(".partial")]


def test_a_kill_happens_at_some_rename(tmp_path):
    write_set(tmp_path, OLD)
    statuses = [_killed_at(tmp_path, n, NEW) for n in (1, 2)]
    assert any(os.WIFSIGNALED(s) and os.WTERMSIG(s) == signal.SIGKILL for s in statuses)
    assert _visible(tmp_path) in (OLD, NEW)


def test_a_full_disk_leaves_the_old_set(tmp_path):
    """A write that fails (here the file size limit, as `ulimit -f`) stops with a KGError and the
    old set stays whole and current."""
    write_set(tmp_path, OLD)
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 3
        try:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))
            write_set(tmp_path, {"kg.ttl": "x" * 5000, "kg.nt": "y\n", "void.ttl": "z\n"})
        except KGError as exc:
            code = 7 if "cannot write the output" in exc.message else 4
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.WEXITSTATUS(status) == 7
    assert _visible(tmp_path) == OLD
    write_set(tmp_path, NEW)  # the next build cleans the partial set
    assert not [p for p in (tmp_path / outputs.SETS).iterdir() if p.name.endswith(".partial")]


def test_stale_temporary_files_of_dead_processes_are_cleaned(tmp_path):
    dead = 2**22 - 5  # above the kernel's default pid_max on this machine's kind: no such process
    stale = tmp_path / f".kg.ttl.{dead}.abcdef.tmp"
    stale.write_text("half")
    mine = tmp_path / f".kg.nt.{os.getpid()}.abcdef.tmp"
    mine.write_text("being written")
    removed = clean(tmp_path)
    assert stale in removed and not stale.exists()
    assert mine.exists()
