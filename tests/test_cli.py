"""The kg command in-process: build, export, stats, version."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
import sys

import pytest
from rdflib import Graph

from kg.cli import main


def test_build_writes_outputs(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", "--statement", "kidd-18", "--out", str(out)]) == 0  # a small statement
    printed = capsys.readouterr().out
    assert "SpeechAct" in printed and "wrote" in printed
    files = ["inferred.ttl", "kg.jsonld", "kg.nt", "kg.trig", "kg.ttl", "void.ttl"]
    assert sorted(p.name for p in out.iterdir()) == [".sets", "current", *files]
    assert sorted(p.name for p in (out / "current").iterdir()) == files
    assert not list(out.glob(".*.tmp")), "no temporary files left"
    g = Graph().parse(out / "kg.ttl")
    assert len(g) > 3000


@pytest.mark.slow  # make test-all and CI
def test_void_describes_the_files_of_its_own_build(tmp_path, capsys):
    """`kg build --statement kidd-21 --out V && kg build --out V`: the VoID's byte sizes are the
    sizes of the dumps beside it, not of the previous build's."""
    from rdflib.namespace import DCAT

    out = tmp_path / "V"
    assert main(["build", "--statement", "kidd-21", "--out", str(out)]) == 0
    assert main(["build", "--statement", "kidd-19", "--no-validate", "--out", str(out)]) == 0
    void = Graph().parse(out / "void.ttl")
    sizes = {str(void.value(d, DCAT.downloadURL)).rsplit("/", 1)[1]: int(void.value(d, DCAT.byteSize))
             for d in void.subjects(DCAT.byteSize, None)}
    assert sizes == {n: (out / n).stat().st_size for n in ("kg.ttl", "kg.nt", "kg.trig", "kg.jsonld")}


def test_export_to_file_and_stdout(tmp_path, capsys):
    target = tmp_path / "x.nt"
    assert main(["export", "--format", "ntriples", "--statement", "kidd-18", "-o", str(target)]) == 0
    assert Graph().parse(target, format="nt")
    assert main(["export", "--format", "turtle", "--statement", "kidd-18"]) == 0
    assert capsys.readouterr().out.startswith("PREFIX")


def test_stats(capsys):
    assert main(["stats", "--statement", "kidd-21"]) == 0
    out = capsys.readouterr().out
    assert "act kind" in out and "commitment" in out and "Siddharth Mohandas" in out


def test_python_dash_m(tmp_path):
    r = subprocess.run([sys.executable, "-m", "kg", "--version"], capture_output=True, text=True, check=False)
    assert r.returncode == 0 and r.stdout.startswith("kg ")


def test_query_by_number_and_formats(capsys):
    assert main(["query", "01", "--statement", "kidd-21"]) == 0
    out = capsys.readouterr().out
    assert "Siddharth Mohandas" in out and "(2 rows)" in out
    assert main(["query", "delegation-leaders", "-f", "json", "--statement", "kidd-21"]) == 0
    import json

    data = json.loads(capsys.readouterr().out)
    assert len(data["results"]["bindings"]) == 2


def test_query_param_and_list(capsys):
    assert main(["query", "16", "-p", "subject=id:person/vipin-narang", "-f", "csv", "--statement", "kidd-21"]) == 0
    out = capsys.readouterr().out
    assert "Principal Deputy Assistant Secretary of Defense for Space Policy" in out
    assert main(["query", "--list"]) == 0
    assert "01-delegation-leaders" in capsys.readouterr().out


def test_query_errors(tmp_path, capsys):
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE {\n  ?x a kidd:Person \n", encoding="utf-8")
    assert main(["query", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.rq:" in err and "line" in err and "Traceback" not in err
    assert main(["query", "99-nothing"]) == 2
    assert "01-delegation-leaders" in capsys.readouterr().err  # lists what there is
    assert main(["query", "01", "-p", "nonsense"]) == 2
    assert "NAME=VALUE" in capsys.readouterr().err
    assert main(["query"]) == 2


@pytest.mark.slow  # make test-all and CI
def test_query_all(capsys):
    assert main(["query", "--all", "--statement", "kidd-21", "-f", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n== ") + out.startswith("== ") >= 15



def test_query_all_to_a_folder(tmp_path, capsys):
    """`make run`'s query step: the full answers in files, one summary line each on the terminal."""
    out = tmp_path / "answers"
    assert main(["query", "--all", "--statement", "kidd-21", "--out-dir", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    local = [p.stem for p in sorted((Path(__file__).parent.parent / "queries").glob("*.rq"))
             if "scope: federated" not in p.read_text(encoding="utf-8")]
    assert sorted(p.name for p in out.iterdir()) == [f"{name}.txt" for name in local]
    assert lines[-1] == f"{len(local)} answers written to {out}/"
    first = lines[0].split()
    assert first[0] == "01-delegation-leaders" and first[1] == "2"  # two delegations, two rows
    table = (out / "01-delegation-leaders.txt").read_text(encoding="utf-8")
    assert "Heo Tae-keun" in table and table.rstrip().endswith("(2 rows)")

def test_validate_exit_codes(tmp_path, capsys):
    assert main(["validate", "--statement", "kidd-18"]) == 0
    assert "Conforms" in capsys.readouterr().out
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix kidd: <https://w3id.org/kidd-kg/ontology#> .\n"
        "<https://w3id.org/kidd-kg/id/act/x/a1> a kidd:SpeechAct .\n",
        encoding="utf-8",
    )
    assert main(["validate", str(bad), "-f", "json"]) == 1
    import json

    report = json.loads(capsys.readouterr().out)
    assert report["conforms"] is False and report["violations"] > 0
    assert main(["validate", str(tmp_path / "missing.ttl")]) == 2
    assert "missing.ttl" in capsys.readouterr().err


@pytest.mark.slow  # two whole builds; make test-all and CI run it
def test_both_engines_build_the_same_files(tmp_path, capsys):
    """--engine fast (the default) and --engine reference write byte-identical outputs (the
    inferred triples come from reasonable and owlrl respectively) and report the same validation."""
    outs, summaries = {}, set()
    for engine in ("fast", "reference"):
        out = tmp_path / engine
        assert main(["build", "--statement", "kidd-21", "--engine", engine, "--out", str(out)]) == 0
        outs[engine] = out
        text = capsys.readouterr().out
        assert ("reasonable" if engine == "fast" else "owlrl") in text
        assert ("kg.checks.fast" if engine == "fast" else "pySHACL") in text
        summaries.update(re.findall(r"Conforms: \d+ nodes checked, 0 violations", text))
    assert len(summaries) == 1, f"the same report from both engines: {summaries}"
    for name in ("kg.ttl", "kg.nt", "inferred.ttl", "kg.trig", "kg.jsonld"):
        assert (outs["fast"] / name).read_bytes() == (outs["reference"] / name).read_bytes(), name


@pytest.mark.slow  # make test-all and CI
def test_query_engines_print_the_same_table(capsys):
    for fmt in ("table", "csv"):
        printed = []
        for engine in ("fast", "reference"):
            assert main(["query", "04", "--statement", "kidd-21", "-f", fmt, "--engine", engine]) == 0
            printed.append(capsys.readouterr().out)
        assert printed[0] == printed[1] and printed[0].count("\n") > 20


def test_unknown_engine_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["build", "--engine", "turbo"])
    assert exc.value.code == 2
    assert "invalid choice: 'turbo'" in capsys.readouterr().err


@pytest.mark.slow  # two whole builds; make test-all and CI run it
def test_build_is_the_same_in_one_process_and_with_background_work(tmp_path):
    """kg build writes TriG, JSON-LD and VoID in a forked child where it can (kg.exports.background);
    KG_SERIAL=1 does everything in one process. Same bytes either way, and from one process to
    the next (different hash seeds: rdflib's own TriG graph order would differ)."""
    import os

    outs = []
    for serial, seed in (("0", "1"), ("1", "2")):
        out = tmp_path / f"serial-{serial}"
        env = {**os.environ, "KG_SERIAL": serial, "PYTHONHASHSEED": seed}
        r = subprocess.run([sys.executable, "-m", "kg", "build", "--statement", "kidd-21", "--out", str(out)],
                           capture_output=True, text=True, env=env, check=False)
        assert r.returncode == 0, r.stderr
        outs.append(out)
    for name in ("kg.ttl", "kg.nt", "inferred.ttl", "kg.trig", "kg.jsonld", "void.ttl"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name


def test_the_cli_offers_every_stack_and_nothing_else():
    # kg/cli.py names the stacks without importing kg.stack (which loads the reasoners)
    from kg.cli import STACK_NAMES
    from kg.stack import STACKS

    assert STACK_NAMES == tuple(STACKS)


def test_the_package_api_loads_on_first_use():
    import kg

    assert callable(kg.build) and kg.STACKS["fast"].name == "fast" and kg.__version__
    with pytest.raises(AttributeError):
        kg.no_such_thing  # noqa: B018
    assert set(kg.__all__) <= set(dir(kg))
