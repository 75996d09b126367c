"""The stored queries (queries/*.rq) answer their questions, exactly, on the built graph.

Each real query file runs on ``built.queryable()`` and its rows are compared, in order, with
``tests/expected/<name>.csv`` (the W3C SPARQL 1.1 CSV results format, header row first). Those
files are the contract: when the data or a query changes, regenerate them with

    .venv/bin/python -m tests.test_queries          # rewrites tests/expected/*.csv

and read the diff against the statement text before committing it.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.query import Result

from kg.errors import KGError
from kg.namespace import ID
from kg.queries.stored import (
    FORMATS,
    from_text,
    list_queries,
    load,
    prepare,
    query_variables,
    resolve,
    run,
    format_result,
    to_term,
)

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "queries"
EXPECTED = ROOT / "tests" / "expected"
FILES = sorted(QUERIES.glob("*.rq"))
KIDD_21 = ID["event/kidd-21"]


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def expected_rows(name: str) -> list[list[str]]:
    path = EXPECTED / f"{name}.csv"
    assert path.is_file(), f"no expected answer {path}; write it with `python -m tests.test_queries`"
    return csv_rows(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def graph(built) -> Graph:
    return built.queryable()


@pytest.fixture(scope="session")
def series_graph(corpus) -> Graph:
    return corpus.queryable()


@pytest.fixture(scope="session")
def series_engine(series_graph):
    """Oxigraph over every statement, as `kg query` answers in a table or CSV (rdflib takes seconds
    a query there; its rows on the series are compared in the slow test below)."""
    from kg.sparql.engines import OxigraphEngine

    return OxigraphEngine(series_graph)


def is_series(query) -> bool:
    """Queries about the series (``#+ scope: series``) are answered over every statement."""
    return query.header.get("scope", "").startswith("series")


def expected_name(query) -> str:
    return f"series/{query.name}" if is_series(query) else query.name


# Stored queries whose default answer is empty until statements being curated land; each is
# also tested below with a parameter that answers now. Their expected file is the header alone,
# so the test fails (and asks for the rows to be regenerated and read) when the statements land.
AWAITING_STATEMENTS: dict[str, str] = {}  # none now: the NCG statements have landed


# ---------------------------------------------------------------------- the stored queries
def test_the_stored_queries_are_there():
    assert len(FILES) >= 15, f"expected at least 15 stored queries in {QUERIES}, found {len(FILES)}"
    assert [q.name for q in list_queries()] == [p.stem for p in FILES]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_query_gives_the_expected_rows(graph, series_graph, series_engine, path):
    query = load(path)
    if query.header.get("scope", "").startswith("federated"):
        pytest.skip("federated (SERVICE): its exact rows are checked in test_federated.py against a local endpoint")
    if is_series(query):
        got = csv_rows(format_result(run(series_graph, query, engine=series_engine), "csv"))
    else:  # the seed's queries by rdflib, the reference engine
        got = csv_rows(format_result(run(graph, query), "csv"))
    want = expected_rows(expected_name(query))
    assert got[0] == want[0], "the columns changed"
    assert got[1:] == want[1:]
    if query.name in AWAITING_STATEMENTS:
        assert len(got) == 1, f"{AWAITING_STATEMENTS[query.name]} have landed: regenerate and read its rows"
    else:
        assert len(got) > 1, "a stored query must answer something on the bundled statement"


@pytest.mark.slow  # rdflib over every statement: test-all and CI
def test_the_series_queries_give_the_same_rows_by_rdflib(series_graph):
    for path in FILES:
        query = load(path)
        if is_series(query):
            got = csv_rows(format_result(run(series_graph, query), "csv"))
            assert got == expected_rows(expected_name(query)), query.name


def test_body_thread_follows_the_edscg(series_graph, series_engine):
    """Query 30 with another body: the EDSCG from the Presidents' agreement to reactivate it to
    its meetings of September 2022 and September 2023 (its exact rows), one node across the
    statements that speak of it."""
    q = resolve("body-thread")
    got = csv_rows(format_result(run(series_graph, q, {"body": "id:body/edscg"}, engine=series_engine), "csv"))
    assert got == expected_rows("series/30-body-thread-edscg")
    statements = {r[1] for r in got[1:]}
    assert statements == {
        "United States-Republic of Korea Leaders’ Joint Statement",
        "Joint Press Statement for the 21st Korea-U.S. Integrated Defense Dialogue",
        "Joint Statement on the Extended Deterrence Strategy and Consultation Group Meeting",
        "Washington Declaration",
        "Joint Press Release: Extended Deterrence Strategy and Consultation Group",
    }
    held = [r for r in got[1:] if r[3] == "status" and r[4] == "held"]
    assert [(r[0], r[7]) for r in held] == [("2022-09-16", str(ID["event/edscg-2022-09"])),
                                            ("2023-09-15", str(ID["event/edscg-2023-09"]))]


def test_commitment_tracker_follows_freedom_of_navigation(series_graph, series_engine):
    """The README's worked example: the pledge of May 2021, restated in May 2022, by the 21st
    KIDD and at Camp David, one life under the id that makes it (the 2022 id only names it)."""
    rows = csv_rows(format_result(run(series_graph, resolve("commitment-tracker"), engine=series_engine), "csv"))
    life = [r for r in rows[1:] if r[10] == str(ID["commitment/leaders-2021/a41"])]
    assert [(r[2], r[3], r[7]) for r in life] == [
        ("made", "2021-05-21", "statement"),
        ("restated", "2022-05-21", "analyst"),
        ("restated", "2022-08-16", "analyst"),
        ("restated", "2023-08-18", "analyst"),
    ]
    assert all(r[8] == "open" for r in life)
    assert not [r for r in rows[1:] if r[10] == str(ID["commitment/peace-stability-freedom-of-navigation"])]
    edscg = [r for r in rows[1:] if r[10] == str(ID["commitment/kidd-21/a28"])]
    assert [(r[2], r[3], r[8]) for r in edscg] == [("made", "2022-08-16", "fulfilled"), ("fulfilled", "2022-09-16", "fulfilled")]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_query_header(path):
    q = load(path)
    assert re.fullmatch(r"\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*", q.name), "name the file NN-slug.rq"
    assert q.title and q.question and q.columns, "the header needs title, question and columns"
    assert q.question.rstrip().endswith("?"), "the question is a question"
    assert all(desc for desc in q.columns.values()), "describe every column"
    prepared = prepare(q)
    projected = [str(v) for v in prepared.algebra["PV"]]
    assert list(q.columns) == projected, "#+ columns must list the SELECT variables, in order"
    assert set(q.params) <= query_variables(prepared), "every declared param is a variable of the query"
    body = [line for line in q.text.splitlines() if line.strip() and not line.startswith("#")]
    assert body[0].startswith("PREFIX"), "PREFIX lines follow the header"
    order = re.search(r"^ORDER BY (.*)\Z", q.text, re.M | re.S)
    assert order, "the query ends with an ORDER BY, so rows compare as an ordered list"
    unordered = [c for c in q.columns if f"?{c}" not in re.findall(r"\?\w+", order.group(1))]
    assert not unordered, f"ORDER BY every column, so the order is total: add {unordered}"


def test_query_numbers_are_unique():
    numbers = [q.number for q in list_queries()]
    assert len(numbers) == len(set(numbers))


# ---------------------------------------------------------------------- resolve
def test_resolve_by_name_number_slug_and_path():
    q = resolve("01-delegation-leaders")
    assert q.path == QUERIES / "01-delegation-leaders.rq"
    assert q.title == "Who led each delegation"
    assert resolve("01") == q
    assert resolve("1") == q
    assert resolve("delegation-leaders") == q
    assert resolve(str(QUERIES / "01-delegation-leaders.rq")) == q


def test_resolve_a_file_outside_the_store(tmp_path):
    f = tmp_path / "mine.rq"
    f.write_text("#+ title: Mine\nSELECT ?s WHERE { ?s a kidd:Delegation } ORDER BY ?s\n", encoding="utf-8")
    q = resolve(str(f))
    assert (q.name, q.title, q.path) == ("mine", "Mine", f)


def test_resolve_standard_input(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("ASK { ?s ?p ?o }"))
    q = resolve("-")
    assert q.name == "<stdin>" and q.path is None and q.text == "ASK { ?s ?p ?o }"


def test_resolve_unknown_lists_what_there_is(tmp_path):
    with pytest.raises(KGError) as e:
        resolve("no-such-query")
    assert "01-delegation-leaders" in str(e.value) and "16-evidence" in str(e.value)
    with pytest.raises(KGError, match="no such query file"):
        resolve(str(tmp_path / "missing.rq"))


# ---------------------------------------------------------------------- params
def test_param_values_become_terms():
    assert to_term("id:event/kidd-21") == KIDD_21
    assert to_term(f"<{KIDD_21}>") == KIDD_21
    assert to_term(str(KIDD_21)) == KIDD_21
    assert to_term("topic:space") == URIRef("https://w3id.org/kidd-kg/vocab/topic/space")
    assert to_term("21") == Literal(21)
    assert to_term("Seoul") == Literal("Seoul")
    assert to_term("nosuchprefix:x") == Literal("nosuchprefix:x")


def test_evidence_query_declares_its_default():
    q = resolve("evidence")
    assert q.params["subject"].default == "id:event/kidd-21"


def test_a_param_changes_the_answer(graph):
    q = resolve("evidence")
    default = csv_rows(format_result(run(graph, q), "csv"))
    scm54 = csv_rows(format_result(run(graph, q, {"subject": "id:event/scm-54"}), "csv"))
    assert default != scm54
    assert ["http://www.w3.org/2000/01/rdf-schema#label", "54th Security Consultative Meeting"] in [r[:2] for r in scm54]
    assert all("54th Security Consultative Meeting" not in r[1] for r in default[1:])
    # the same IRI written three ways gives the same answer
    for spelling in (f"<{ID['event/scm-54']}>", str(ID["event/scm-54"])):
        assert csv_rows(format_result(run(graph, q, {"subject": spelling}), "csv")) == scm54


def test_an_injection_attempt_stays_a_literal(graph):
    q = resolve("evidence")
    result = run(graph, q, {"subject": 'x" } ; DROP'})
    assert list(result) == []
    result = run(graph, q, {"subject": "id:event/kidd-21> } UNION { ?s ?p ?o"})
    assert list(result) == []


def test_an_integer_param(graph):
    text = "SELECT ?m WHERE { ?m kidd:ordinal ?o FILTER (?o = ?n) } ORDER BY ?m"
    rows = list(run(graph, text, {"n": "53"}))
    assert [r[0] for r in rows] == [ID["event/scm-53"]]


def test_unknown_params_are_refused(graph):
    with pytest.raises(KGError, match="no parameter `nosuch`"):
        run(graph, resolve("evidence"), {"nosuch": "x"})
    with pytest.raises(KGError, match="no parameter `predicate`"):
        run(graph, resolve("evidence"), {"predicate": "rdfs:label"})  # a variable, but not a param
    with pytest.raises(KGError, match="`nosuch` is not a variable of the query"):
        run(graph, "SELECT ?s WHERE { ?s a kidd:Person } ORDER BY ?s", {"nosuch": "x"})


# ---------------------------------------------------------------------- malformed queries
def test_a_malformed_query_names_line_and_column(graph, tmp_path):
    f = tmp_path / "broken.rq"
    f.write_text("#+ title: Broken\nSELECT ?s\nWHERE { ?s a }\n", encoding="utf-8")
    with pytest.raises(KGError) as e:
        run(graph, load(f))
    msg = str(e.value)
    assert str(f) in msg
    assert "line 3" in msg and "column" in msg
    assert "WHERE { ?s a }" in msg


def test_an_unknown_prefix_names_its_line(graph):
    with pytest.raises(KGError) as e:
        run(graph, "SELECT ?s\nWHERE { ?s nope:thing ?o }")
    assert "nope:" in str(e.value) and "line 2" in str(e.value)


# ---------------------------------------------------------------------- output formats
@pytest.fixture(scope="session")
def sessions(graph) -> Result:
    return run(graph, resolve("sessions-and-chairs"))


def test_table_format(sessions):
    text = format_result(sessions, "table")
    lines = text.splitlines()
    assert lines[0].split() == ["meeting", "session", "body", "chair", "role", "post", "acts", "session_iri"]
    assert set(lines[1]) <= {"-", " "}
    assert lines[-1] == f"({len(sessions)} rows)"
    assert "id:event/kidd-21/dsc-session" in text  # IRIs shortened with the project's prefixes


def test_csv_format(sessions):
    rows = csv_rows(format_result(sessions, "csv"))
    assert rows[0] == [str(v) for v in sessions.vars]
    assert len(rows) == len(sessions) + 1


def test_tsv_format(sessions):
    text = format_result(sessions, "tsv")
    parsed = Result.parse(io.StringIO(text), format="tsv")
    assert [str(v) for v in parsed.vars] == [str(v) for v in sessions.vars]
    assert list(parsed) == list(sessions)


def test_json_format(sessions):
    text = format_result(sessions, "json")
    data = json.loads(text)
    assert data["head"]["vars"] == [str(v) for v in sessions.vars]
    assert len(data["results"]["bindings"]) == len(sessions)
    parsed = Result.parse(io.StringIO(text), format="json")
    assert list(parsed) == list(sessions)


def test_ask_and_construct(graph):
    ask = run(graph, "ASK { ?d a kidd:Delegation }")
    assert format_result(ask, "table") == "true\n"
    assert json.loads(format_result(ask, "json")) == {"head": {}, "boolean": True}
    construct = run(graph, "CONSTRUCT { ?d kidd:ledBy ?p } WHERE { ?d kidd:ledBy ?p }")
    g = Graph().parse(data=format_result(construct, "table"), format="turtle")
    assert len(g) == 2


def test_unknown_format(sessions):
    with pytest.raises(KGError, match="unknown output format"):
        format_result(sessions, "xml")
    assert FORMATS == ("table", "csv", "tsv", "json")


def test_header_parsing():
    q = from_text(
        "#+ title: T\n#+ question: Is it\n#+   continued?\n"
        "#+ columns: a — the a; b — the b; with a semicolon\n"
        "#+ params: x — an x, default id:event/kidd-21; y — a y\n"
        "PREFIX kidd: <https://w3id.org/kidd-kg/ontology#>\nSELECT ?a ?b WHERE { ?a ?x ?b }\n",
        "t",
    )
    assert q.question == "Is it continued?"
    assert q.columns == {"a": "the a", "b": "the b; with a semicolon"}
    assert q.params["x"].default == "id:event/kidd-21" and q.params["y"].default is None


# ---------------------------------------------------------------------- regenerate the contract
def _write_expected() -> None:  # pragma: no cover - a maintenance tool, run by hand
    from kg.pipeline import build
    from tests.conftest import SEED

    g = build(only=SEED).queryable()
    whole = build().queryable()
    (EXPECTED / "series").mkdir(parents=True, exist_ok=True)
    for q in list_queries():
        if q.header.get("scope", "").startswith("federated"):
            continue
        out = EXPECTED / f"{expected_name(q)}.csv"
        buf = io.StringIO()
        rows = csv_rows(format_result(run(whole if is_series(q) else g, q), "csv"))
        csv.writer(buf, lineterminator="\n").writerows(rows)
        out.write_text(buf.getvalue(), encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}")
    out = EXPECTED / "series" / "30-body-thread-edscg.csv"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(csv_rows(format_result(run(whole, resolve("body-thread"), {"body": "id:body/edscg"}), "csv")))
    out.write_text(buf.getvalue(), encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":  # pragma: no cover
    _write_expected()
