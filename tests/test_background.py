"""kg.exports.background: work in a forked child where that is safe, else in the caller; same results."""

from __future__ import annotations

import os

import pytest

from kg.exports import background
from kg.errors import KGError


@pytest.fixture(params=["fork", "serial"])
def mode(request, monkeypatch):
    monkeypatch.setenv("KG_SERIAL", "1" if request.param == "serial" else "0")
    if request.param == "fork" and not background._can_fork():
        pytest.skip("this process has threads (a test runner's worker): kg.exports.background runs in the caller")
    return request.param


def test_the_value_comes_back(mode):
    parent = os.getpid()
    job = background.start(lambda: {"pid": os.getpid(), "text": "é" * 100_000})
    value = job.result()
    assert value["text"] == "é" * 100_000
    if mode == "serial" or not background._can_fork():
        assert value["pid"] == parent
    else:
        assert value["pid"] != parent  # it really ran beside us


def test_a_kgerror_keeps_its_message_and_exit_code(mode):
    def fail():
        err = KGError("the quote is not in the text.", "statements/x/statement.yaml, line 3")
        err.exit_code = 2
        raise err

    with pytest.raises(KGError, match=r"statement.yaml, line 3: the quote is not in the text") as exc:
        background.start(fail).result()
    assert exc.value.exit_code == 2


def test_another_error_is_reported_as_a_kgerror(mode):
    def fail():
        raise ValueError("boom")

    with pytest.raises((KGError, ValueError), match="boom"):
        background.start(fail).result()


def test_a_job_whose_result_is_not_wanted_is_stopped_and_reaped(mode):
    import time

    def slow():
        time.sleep(30)
        return "x" * 1_000_000

    t0 = time.perf_counter()
    if mode == "serial":
        return  # nothing runs beside us: nothing to stop
    with background.start(slow) as job:
        pid = job._pid
    assert time.perf_counter() - t0 < 10
    if pid is not None:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # already reaped


def test_a_kgerror_keeps_where_it_points(mode):
    def fail():
        raise KGError("bad", "file.yaml, line 9")

    with pytest.raises(KGError) as exc:
        background.start(fail).result()
    assert exc.value.where == "file.yaml, line 9" and exc.value.message == "bad"


def test_the_child_dies_with_its_killed_parent():
    """A killed `kg build` leaves no background writer behind (issue: it outlived it by 5 s)."""
    import signal
    import time

    if not background._can_fork():
        pytest.skip("no forked background work here")
    read, write = os.pipe()
    parent = os.fork()
    if parent == 0:  # pragma: no cover - the build that gets killed
        os.close(read)
        job = background.start(lambda: time.sleep(30))
        os.write(write, str(job._pid).encode())
        os.close(write)
        time.sleep(30)
        os._exit(0)
    os.close(write)
    child = int(os.read(read, 32).decode())
    os.close(read)
    os.kill(parent, signal.SIGKILL)
    os.waitpid(parent, 0)
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        time.sleep(0.02)
    else:
        os.kill(child, signal.SIGKILL)
        pytest.fail("the background child outlived its killed parent")
