"""The wheel carries the ontology, queries and statements, and `kg` works outside the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # long: make test-all and CI run it


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True, capture_output=True,
    )
    (whl,) = out.glob("kidd_kg-*.whl")
    return whl


def test_wheel_contains_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "kg/_data/ontology/kidd.ttl",
        "kg/_data/ontology/vocab/act-kinds.ttl",
        "kg/_data/statements/kidd-21/text.txt",
        "kg/_data/statements/kidd-21/statement.yaml",
        "kg/source/statement.schema.json",
        "kg/source/series.schema.json",
        "kg/cli.py",
    ):
        assert needed in names, needed


def test_runs_outside_checkout(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
        check=True, capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    work = tmp_path / "elsewhere"
    work.mkdir()
    r = subprocess.run(
        [sys.executable, "-c", "import kg.resources as r; print(r.ontology_dir())"],
        cwd=work, env=env, capture_output=True, text=True, check=True,
    )
    assert r.stdout.strip().startswith(str(site)), r.stdout
    r = subprocess.run([sys.executable, "-m", "kg", "build", "--statement", "kidd-21", "--out", "out"], cwd=work, env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert (work / "out" / "kg.ttl").stat().st_size > 100_000
