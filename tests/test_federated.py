"""The federated query (28) joins our graph with Wikidata through SERVICE — tested offline.

A real local SPARQL endpoint (the ``oxigraph`` server from PyPI, on 127.0.0.1 with a free port)
holds a small fixture in Wikidata's shape (tests/fixtures/wikidata-states.ttl, marked there as a
test fixture, not data); the stored query runs unchanged except for its SERVICE IRI, pointed at
the local endpoint with ``kg query --service``. The server is stopped whatever happens.
"""

from __future__ import annotations

import csv
import io
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kg.cli import main
from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "wikidata-states.ttl"
WIKIDATA = "https://query.wikidata.org/sparql"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _oxigraph() -> str:
    local = Path(sys.executable).with_name("oxigraph")
    found = str(local) if local.exists() else shutil.which("oxigraph")
    if not found:
        pytest.fail("the `oxigraph` command is missing: `pip install oxigraph` (the test extra installs it)")
    return found


@pytest.fixture(scope="module")
def wikidata(tmp_path_factory):
    port = _free_port()
    proc = subprocess.Popen(
        [_oxigraph(), "serve", "--location", str(tmp_path_factory.mktemp("wd")), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    pytest.fail("the local oxigraph server did not start")
                time.sleep(0.1)
        req = urllib.request.Request(f"{base}/store?default", data=FIXTURE.read_bytes(), method="PUT",
                                     headers={"Content-Type": "text/turtle"})
        urllib.request.urlopen(req, timeout=10).read()
        yield f"{base}/query"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.mark.slow  # make test-all and CI
def test_the_query_joins_states_with_wikidata(wikidata, capsys):
    code = main(["query", "28", "--service", f"{WIKIDATA}={wikidata}", "-f", "csv"])
    out = capsys.readouterr()
    assert code == 0, out.err
    rows = list(csv.reader(io.StringIO(out.out)))
    assert rows == [
        ["state", "wikidata", "capital", "population"],
        ["Japan", "http://www.wikidata.org/entity/Q17", "Tokyo", "1003"],
        ["Republic of Korea", "http://www.wikidata.org/entity/Q884", "Seoul", "1001"],
        ["United States", "http://www.wikidata.org/entity/Q30", "Washington, D.C.", "1002"],
    ]


@pytest.mark.slow  # make test-all and CI
def test_without_the_network_the_error_is_clear(capsys):
    port = _free_port()  # nothing listens there
    code = main(["query", "28", "--service", f"{WIKIDATA}=http://127.0.0.1:{port}/query"])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and "28-wikidata-states" in err


@pytest.mark.slow  # `kg query --all` again (tests/test_cli.py runs it)
def test_all_skips_federated_queries_without_a_service(capsys):
    assert main(["query", "--all", "--statement", "kidd-21", "-f", "csv"]) == 0
    assert "28-wikidata-states" not in capsys.readouterr().out
