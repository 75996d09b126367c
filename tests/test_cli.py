"""The kg command in-process: build, export, stats, version."""

from __future__ import annotations

import subprocess
import sys

from rdflib import Graph

from kg.cli import main


def test_build_writes_outputs(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "SpeechAct" in printed and "wrote" in printed
    assert sorted(p.name for p in out.iterdir()) == ["inferred.ttl", "kg.nt", "kg.trig", "kg.ttl"]
    assert not [p for p in out.iterdir() if p.name.startswith(".")], "no temporary files left"
    g = Graph().parse(out / "kg.ttl")
    assert len(g) > 10000


def test_export_to_file_and_stdout(tmp_path, capsys):
    target = tmp_path / "x.nt"
    assert main(["export", "--format", "ntriples", "-o", str(target)]) == 0
    assert Graph().parse(target, format="nt")
    assert main(["export", "--format", "turtle", "--statement", "kidd-21"]) == 0
    assert capsys.readouterr().out.startswith("PREFIX")


def test_stats(capsys):
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert "act kind" in out and "commitment" in out and "Siddharth Mohandas" in out


def test_python_dash_m(tmp_path):
    r = subprocess.run([sys.executable, "-m", "kg", "--version"], capture_output=True, text=True, check=False)
    assert r.returncode == 0 and r.stdout.startswith("kg ")
