"""kg build shows its progress on a terminal (standard error) and nothing when it is not one."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

from kg.cli import Progress

ROOT = Path(__file__).resolve().parent.parent


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_PROGRESS")}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


def _build(tmp_path: Path, stderr, env) -> subprocess.Popen:  # type: ignore[no-untyped-def]
    """`kg build` of a small statement (kidd-18) in a new process."""
    return subprocess.Popen([sys.executable, "-m", "kg", "build", "--statement", "kidd-18", "--out", str(tmp_path / "out")],
                            stdout=subprocess.PIPE, stderr=stderr, env=env, cwd=tmp_path)


def test_progress_on_a_terminal(tmp_path) -> None:
    master, slave = pty.openpty()
    # KG_PROGRESS_AFTER=0: show every step, however quick (the default waits 2 s)
    proc = _build(tmp_path, slave, _env(KG_PROGRESS_AFTER="0"))
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    out, _ = proc.communicate(timeout=300)
    os.close(master)
    assert proc.returncode == 0
    text = seen.decode("utf-8")
    for step in ("kg build: reading statements: ", "kg build: building statements: 1/1 (kidd-18)",
                 "kg build: reasoning (OWL 2 RL, reasonable)", "kg build: validating (SHACL, kg.checks.fast)",
                 "kg build: writing kg.ttl", "kg build: writing the output set in"):
        assert step in text, step
    assert text.endswith("\r\x1b[K")  # the line is cleared before the summary
    assert b"\x1b" not in out and b"wrote " in out  # standard output is the summary alone


def test_quiet_when_standard_error_is_not_a_terminal(tmp_path) -> None:
    proc = _build(tmp_path, subprocess.PIPE, _env(KG_PROGRESS_AFTER="0"))
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0
    assert err == b""
    assert b"wrote " in out


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_short_runs_stay_quiet(monkeypatch) -> None:
    monkeypatch.delenv("KG_PROGRESS_AFTER", raising=False)
    stream = _Tty()
    p = Progress("kg build", stream)
    p._clock = lambda: p._start + 1.0  # one second in: under the default two
    p("reasoning")
    p.done()
    assert stream.getvalue() == ""
    p._clock = lambda: p._start + 2.5
    p("validating")
    p.done()
    assert stream.getvalue() == "\r\x1b[Kkg build: validating … (2 s)\r\x1b[K"


def test_kg_progress_0_turns_it_off(monkeypatch) -> None:
    monkeypatch.setenv("KG_PROGRESS", "0")
    monkeypatch.setenv("KG_PROGRESS_AFTER", "0")
    stream = _Tty()
    p = Progress("kg build", stream)
    p("reasoning")
    assert stream.getvalue() == "" and not p.enabled
