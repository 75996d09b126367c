"""The flat event table (kg export -f events-csv, kg/exports/events.py): exact rows for the seed."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from rdflib import RDF

from kg.errors import KGError
from kg.exports import events
from kg.exports.formats import EXPORTS, FORMATS, TABLES, export_named, format_named
from kg.namespace import ID, KIDD
from kg.pipeline import export

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = ROOT / "tests" / "expected" / "events" / "kidd-21.csv"
TEXT = (ROOT / "statements" / "kidd-21" / "text.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def table(built) -> str:
    return export(built, "events-csv")


@pytest.fixture(scope="module")
def rows(table) -> dict[str, dict[str, str]]:
    return {r["node"]: r for r in csv.DictReader(io.StringIO(table))}


def test_the_seed_table_is_exactly_the_expected_one(table) -> None:
    # every row and column of the 21st KIDD (44 acts, then 25 events); the file is the reviewed output
    assert table == EXPECTED.read_bytes().decode("utf-8")
    lines = table.split("\r\n")
    assert lines[0] == ",".join(events.FIELDS)
    assert len(lines) == 1 + 44 + 25 + 1  # header, rows, the final line break


def test_a_conditional_threat(rows) -> None:
    r = rows[str(ID["act/kidd-21/a07"])]
    assert {k: v for k, v in r.items() if v} == {
        "statement": "kidd-21",
        "node": "https://w3id.org/kidd-kg/id/act/kidd-21/a07",
        "row_type": "act",
        "kind": "affirmation",
        "label": "Affirmation (The two sides): the ROK and the U.S. will engage in a strong and firm bilateral response, to include options to deploy U.S. strategic assets to the region",
        "date": "2022-08-16",
        "date_end": "2022-08-17",
        "time_text": "August 16-17, 2022",
        "source_actors": "https://w3id.org/kidd-kg/id/delegation/kidd-21-rok | https://w3id.org/kidd-kg/id/delegation/kidd-21-us",
        "source_labels": "ROK delegation to the 21st KIDD | U.S. delegation to the 21st KIDD",
        "source_countries": "KOR | USA",
        "target_actors": "https://w3id.org/kidd-kg/id/state/dprk",
        "target_labels": "DPRK",
        "target_countries": "PRK",
        "plover_type": "THREATEN",
        "plover_context": "cbrn | military",
        "cameo_code": "138",
        "cameo_root": "13",
        "cameo_label": "Threaten with military force",
        "quad_class": "3",
        "goldstein": "-7.0",
        "place": "https://w3id.org/kidd-kg/id/place/seoul",
        "place_label": "Seoul",
        "place_country": "KOR",
        "evidence_begin": "1659",
        "evidence_end": "1866",
        "evidence": TEXT[1659:1866],
    }
    # verbatim: the web copy's no-break spaces are kept, so that the offsets hold
    assert " ".join(r["evidence"].split()).startswith("The two sides affirmed that, should the DPRK conduct a nuclear test")
    assert "\u00a0" in r["evidence"]


def test_the_dialogue_and_a_planned_meeting(rows) -> None:
    kidd = rows[str(ID["event/kidd-21"])]
    assert (kidd["row_type"], kidd["kind"], kidd["status"], kidd["date"], kidd["date_end"]) == (
        "event", "Meeting", "held", "2022-08-16", "2022-08-17")
    assert kidd["source_actors"] == "https://w3id.org/kidd-kg/id/org/rok-mnd | https://w3id.org/kidd-kg/id/org/us-dod"
    assert (kidd["source_countries"], kidd["target_actors"], kidd["place_label"], kidd["place_country"]) == (
        "KOR | USA", "", "Seoul", "KOR")
    assert (kidd["plover_type"], kidd["cameo_code"], kidd["quad_class"], kidd["goldstein"]) == ("CONSULT", "040", "1", "1.0")
    assert kidd["evidence"] == "21st Korea-U.S. Integrated Defense Dialogue (KIDD)"
    edscg = rows[str(ID["event/edscg-2022-09"])]
    # the month as the text gives it, no day invented; planned, so PLOVER's future mode
    assert (edscg["status"], edscg["date"], edscg["date_end"], edscg["time_text"], edscg["plover_mode"]) == (
        "planned", "2022-09", "", "September 2022", "future")
    ufs = rows[str(ID["event/kidd-21/ulchi-freedom-shield"])]
    assert (ufs["date"], ufs["time_text"]) == ("", "next week")  # a relative time stays words


def test_missile_tests_are_material_conflict(rows) -> None:
    r = rows[str(ID["event/kidd-21/recent-dprk-missile-tests"])]
    assert (r["source_countries"], r["plover_type"], r["plover_mode"], r["cameo_code"], r["cameo_root"],
            r["quad_class"], r["goldstein"]) == ("PRK", "MOBILIZE", "weapons", "150", "15", "4", "-7.2")


def test_evidence_offsets_are_the_text(rows) -> None:
    for r in rows.values():
        b, e = int(r["evidence_begin"]), int(r["evidence_end"])
        assert TEXT[b:e] == r["evidence"], r["node"]


def test_an_uncoded_event_has_empty_coding_cells(rows) -> None:
    r = rows[str(ID["event/kidd-21/unlawful-unsafe-actions"])]
    assert [r[c] for c in ("plover_type", "cameo_code", "quad_class", "goldstein")] == ["", "", "", ""]


def test_every_state_of_the_corpus_has_a_country_code(corpus) -> None:
    states = set(corpus.union(("facts",)).subjects(RDF.type, KIDD.State))
    assert states and states <= set(events.country_codes())


def test_country_code_file_errors(tmp_path) -> None:
    p = tmp_path / "c.tsv"
    p.write_text("state\tiso3166_alpha3\nstate/usa\tUS\n", encoding="utf-8")
    with pytest.raises(KGError, match=r"three capital letters") as e:
        events.country_codes(p)
    assert "line 2" in str(e.value)
    p.write_text("state\tiso3166_alpha3\nstate/usa\tUSA\nstate/usa\tUSA\n", encoding="utf-8")
    with pytest.raises(KGError, match="listed twice"):
        events.country_codes(p)


def test_the_table_is_registered_beside_the_rdf_formats() -> None:
    assert "events-csv" in TABLES and "events-csv" not in FORMATS
    assert EXPORTS == (*FORMATS, "events-csv")
    assert export_named("events-csv").media_type == "text/csv"
    with pytest.raises(KGError, match=r"unknown export format `event-csv`; use one of: turtle, .*events-csv"):
        export_named("event-csv")
    with pytest.raises(KGError, match="a table, not an RDF format"):
        format_named("events-csv")


def test_inferred_is_refused_for_the_table(built) -> None:
    with pytest.raises(KGError, match="--inferred"):
        export(built, "events-csv", inferred=True)


def test_the_cli_rejects_a_typo(capsys) -> None:
    from kg.cli import main

    with pytest.raises(SystemExit) as e:
        main(["export", "-f", "event-csv"])
    assert e.value.code == 2
    assert "invalid choice: 'event-csv'" in capsys.readouterr().err


def test_readme_documents_every_column_in_order() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### The event table", 1)[1].split("\n## ", 1)[0]
    documented = re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M)
    assert documented == list(events.FIELDS)
