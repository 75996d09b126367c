"""The fast paths of the curation loop (issue 15): ``kg query`` on a current store without rdflib
(kg.queries.quick, kg.queries.answers), the units read back by our own N-Quads reader
(kg.graph.ntlines), the store updated from the difference of two unit files (kg.sparql.store).

One small corpus (three bundled statements, as tests/test_incremental.py) is built once for the
module; each test that edits copies it first.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg import incremental
from kg.graph import units as U
from kg.resources import statements_dir
from tests.marks import sample

CORPUS = ("dtt-11", "kidd-17", "kidd-18")
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("quick")
    root = base / "statements"
    for sid in CORPUS:
        shutil.copytree(statements_dir() / sid, root / sid)
    out = base / "out"
    b = incremental.build(root, out)
    incremental.update_store(b)
    return root, out


def _full(argv: list[str], monkeypatch) -> str:
    """What the full ``kg query`` prints (the quick path switched off)."""
    from kg import cli
    from kg.queries import quick

    monkeypatch.setattr(quick, "answer", lambda argv: None)
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert cli.main(["query", *argv]) == 0
    monkeypatch.undo()
    return buf.getvalue()


def _stored_names() -> list[str]:
    from kg.queries.files import list_queries

    return [sq.name for sq in list_queries()]


def test_the_quick_path_answers_most_stored_queries():
    from kg.queries.files import is_federated, is_select, list_queries

    assert sum(1 for sq in list_queries() if not is_federated(sq) and is_select(sq.text)) >= 27


@pytest.mark.parametrize("name", sample(_stored_names(), 4))
def test_every_stored_query_every_format_byte_for_byte(built, monkeypatch, name):
    from kg.queries import quick
    from kg.queries.files import is_federated, is_select, resolve

    root, out = built
    sq = resolve(name)
    local = not is_federated(sq) and is_select(sq.text)
    answered = 0
    for fmt in ("table", "csv", "tsv", "json"):
        for engine in ([], ["--engine", "fast"]):
            argv = [sq.name, "-f", fmt, "--statements", str(root), "--out", str(out), *engine]
            got = quick.answer(argv)
            if not local or (not engine and fmt in ("tsv", "json")):
                assert got is None, (sq.name, fmt, engine)  # the full command answers these
                continue
            assert got is not None and got[1] is None, (sq.name, fmt, engine)
            assert got[0] == _full(argv, monkeypatch), (sq.name, fmt, engine)
            answered += 1
    assert answered == (6 if local else 0)


def test_kg_query_on_a_current_store_imports_no_rdflib(built):
    root, out = built
    code = ("import sys; from kg.cli import main; "
            f"rc = main(['query', '01', '--statements', {str(root)!r}, '--out', {str(out)!r}]); "
            "print('rdflib' in sys.modules, rc)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                       env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, cwd=ROOT)
    assert r.stdout.splitlines()[-1] == "False 0"
    assert "Chung Sukhwan" in r.stdout


@pytest.mark.parametrize("argv", [
    ["01", "-p", "subject=id:event/kidd-21"],  # parameters: the full command checks them
    ["--all"], ["--list"], ["01", "--form", "csv"],  # argparse's abbreviations are not guessed here
    ["01", "-fcsv"], ["01", "--statement", "kidd-17"], ["01", "--out-dir", "x"], ["-"], ["01", "02"],
    ["01", "--engine", "reference"], ["01", "-f", "xml"], ["01", "-f", "json"], ["01", "--endpoint", "http://x/"],
    ["01", "--"], ["01", "--out"],
])
def test_anything_but_the_simple_form_goes_to_the_full_command(built, argv):
    from kg.queries import quick

    root, out = built
    assert quick.answer([*argv, "--statements", str(root), "--out", str(out)]) is None


def test_a_stale_store_goes_to_the_full_command(built, tmp_path):
    from kg.queries import quick

    root, out = built
    copy = tmp_path / "statements"
    shutil.copytree(root, copy)
    assert quick.answer(["01", "--statements", str(copy), "--out", str(out)]) is None  # another folder: other inputs
    text, to = quick.answer(["01", "--statements", str(root), "--out", str(out), "-o", str(tmp_path / "a.csv")])
    assert text.endswith(" rows)\n") and to == tmp_path / "a.csv"


def test_the_prefix_table_is_the_namespaces():
    from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

    from kg import namespace as N
    from kg.prefixes import PREFIXES

    expected = {"kidd": N.KIDD._NS, "id": N.ID, "vocab": N.VOCAB, "nif": N.NIF, "sem": N.SEM, "gaf": N.GAF,
                "fabio": N.FABIO, "greg": N.GREG, "rdf": RDF, "rdfs": RDFS, "owl": OWL, "skos": SKOS, "xsd": XSD,
                "org": ORG, "prov": PROV, "time": TIME, "dcterms": DCTERMS, "actkind": N.VOCAB["act-kind/"],
                "status": N.VOCAB["status/"], "topic": N.VOCAB["topic/"]}
    assert {k: PREFIXES[k] for k in expected} == {k: str(v) for k, v in expected.items()}
    assert N.PREFIXES is PREFIXES


def test_safe_datatypes_keep_their_lexical_form_in_rdflib():
    """What the quick path prints for a typed literal is Oxigraph's canonical form; rdflib, which
    the full command prints from, keeps these as they are."""
    from rdflib import Literal, URIRef

    from kg.queries.quick import SAFE_DATATYPES

    samples = {"integer": ["0", "21", "-5", "123456789012345678901234567890"], "date": ["2021-09-17", "1953-10-01"],
               "gYear": ["2021", "1953"], "gYearMonth": ["2021-09"], "boolean": ["true", "false"],
               "anyURI": ["https://example.org/a b"]}
    assert {str(d).rsplit("#", 1)[1] for d in SAFE_DATATYPES} == set(samples)
    for dt, lexicals in samples.items():
        for lex in lexicals:
            assert str(Literal(lex, datatype=URIRef("http://www.w3.org/2001/XMLSchema#" + dt))) == lex, (dt, lex)


# ---------------------------------------------------------------------------------- ntlines
def test_our_reader_gives_rdflibs_graph_for_every_unit(built):
    from rdflib import Dataset, Graph

    from kg.graph.ntlines import add_lines

    _, out = built
    files = sorted((out / U.UNITS).glob("*/*.nq"))
    assert len(files) >= 3 * len(CORPUS)
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        ds = Dataset()
        ds.parse(data="".join(lines), format="nquads")
        assert set(add_lines(Graph(), lines)) == {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))}, path


def test_our_reader_on_every_kind_of_line():
    from rdflib import BNode, Graph, Literal, URIRef

    from kg.graph.ntlines import add_lines

    lines = [
        '<http://a/s> <http://a/p> "line\\none \\"quoted\\" back\\\\slash\\r" <http://a/g> .\n',
        '<http://a/s> <http://a/p> "안녕 — ok"@ko .\n',
        '<http://a/s> <http://a/p> "21"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger> <http://a/g> .\n',
        '<http://a/s> <http://a/p> "021"^^<http://www.w3.org/2001/XMLSchema#integer> .',  # no newline; rdflib normalises
        '<http://a/s> <http://a/p> <http://a/o> .\n',
        '_:b1 <http://a/p> "tab\\there" .\n',  # outside the strict form: rdflib reads it
    ]
    g = add_lines(Graph(), lines)
    ref = Graph()
    ref.parse(data="".join(line if line.endswith("\n") else line + "\n" for line in
                           (line.replace(" <http://a/g> .", " .") for line in lines)), format="nt")
    ours = {t for t in g if not isinstance(t[0], BNode)}
    assert ours == {t for t in ref if not isinstance(t[0], BNode)}
    assert (URIRef("http://a/s"), URIRef("http://a/p"), Literal('line\none "quoted" back\\slash\r')) in g
    assert [str(o) for s, o in g.subject_objects() if isinstance(s, BNode)] == ["tab\there"]
    assert len(g) == 6


# ---------------------------------------------------------------------------------- the store
def test_the_store_diff_keeps_a_quad_another_line_still_gives():
    """Oxigraph stores "21"^^xsd:nonNegativeInteger as "21"^^xsd:integer: removing the one line
    must not remove the quad the other, unchanged, line still gives."""
    from kg.sparql.store import _line_difference

    xsd = "http://www.w3.org/2001/XMLSchema#"
    kept = f'<http://a/s> <http://a/p> "21"^^<{xsd}integer> <http://a/g> .\n'
    gone = f'<http://a/s> <http://a/p> "21"^^<{xsd}nonNegativeInteger> <http://a/g> .\n'
    new = '<http://a/s> <http://a/q> "x" <http://a/g> .\n'
    removed, added = _line_difference([kept, gone], [kept, new])
    assert removed == set()
    assert [str(q.predicate) for q in added] == ["<http://a/q>"]
    removed, added = _line_difference([kept, new], [new])
    assert [str(q.object) for q in removed] == ['"21"^^<http://www.w3.org/2001/XMLSchema#integer>'] and added == set()


def test_an_edit_updates_the_store_from_the_unit_files(built, tmp_path):
    """After an edit, the store equals a full build's, and only the current unit files remain."""
    import pyoxigraph as ox

    root0, out0 = built
    root, out = tmp_path / "statements", tmp_path / "out"
    shutil.copytree(root0, root)
    shutil.copytree(out0, out)
    path = root / "kidd-17" / "statement.yaml"
    text = path.read_text(encoding="utf-8")
    old = 'content: "effective coordination to contain COVID-19"'
    assert text.count(old) == 1
    path.write_text(text.replace(old, 'content: "coordination to contain COVID-19"'), encoding="utf-8")
    b = incremental.build(root, out)
    kept = sorted(p.name for p in (out / U.UNITS / "kidd-17").iterdir())
    assert len(kept) == 10  # the new unit and derived part, and the previous ones the store was written from
    changed = incremental.update_store(b)
    assert 0 < changed["added"] < 100 and 0 < changed["removed"] < 100
    assert len(list((out / U.UNITS / "kidd-17").iterdir())) == 5  # graph-K.{nq,facts.nq,json}, derived-K.{nq,json}
    clean = tmp_path / "clean"
    incremental.update_store(incremental.build(root, clean, full=True), full=True)

    def dump(o: Path) -> list[str]:
        store = ox.Store.read_only(str(o / "store"))
        return sorted(str(q) for q in store if not isinstance(q.subject, ox.BlankNode) and
                      not isinstance(q.object, ox.BlankNode))

    assert dump(out) == dump(clean)


def test_the_answer_goes_to_the_file_asked(built, tmp_path, monkeypatch):
    from kg.cli import main

    root, out = built
    argv = ["01", "-f", "csv", "--statements", str(root), "--out", str(out)]
    assert main(["query", *argv, "-o", str(tmp_path / "a.csv")]) == 0
    assert (tmp_path / "a.csv").read_bytes().decode("utf-8") == _full(argv, monkeypatch)
