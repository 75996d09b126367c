"""Bad input gets one clear paragraph naming the file and line, exit code 2, and no output."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.cli import main

YAML = "statement.yaml"


def run_build(statements: Path, out: Path, capsys) -> tuple[int, str]:
    code = main(["build", "--statements", str(statements), "--out", str(out)])
    err = capsys.readouterr().err
    return code, err


def edit(folder: Path, old: str, new: str, name: str = YAML) -> None:
    p = folder / "kidd-21" / name
    text = p.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {name}"
    p.write_text(text.replace(old, new, 1), encoding="utf-8")


def assert_error(code: int, err: str, out: Path, *patterns: str) -> None:
    assert code == 2
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err  # one paragraph
    assert lines[0].startswith("kg build: error: ")
    for pat in patterns:
        assert re.search(pat, err), (pat, err)
    assert not out.exists(), "no output is written when the input is bad"


def test_missing_text(statement_copy, tmp_path, capsys):
    (statement_copy / "kidd-21" / "text.txt").unlink()
    code, err = run_build(statement_copy, tmp_path / "out", capsys)
    assert_error(code, err, tmp_path / "out", r"text\.txt", "missing")


def test_empty_text(statement_copy, tmp_path, capsys):
    (statement_copy / "kidd-21" / "text.txt").write_text("  \n", encoding="utf-8")
    code, err = run_build(statement_copy, tmp_path / "out", capsys)
    assert_error(code, err, tmp_path / "out", r"text\.txt", "empty")


def test_non_utf8_text(statement_copy, tmp_path, capsys):
    p = statement_copy / "kidd-21" / "text.txt"
    p.write_bytes(p.read_bytes().replace("’".encode(), b"\x92"))
    code, err = run_build(statement_copy, tmp_path / "out", capsys)
    assert_error(code, err, tmp_path / "out", r"text\.txt", "not valid UTF-8", r"byte \d+")


def test_malformed_yaml_names_line(statement_copy, tmp_path, capsys):
    edit(statement_copy, "  - id: state/japan\n", "  - id: state/japan\n    label: [unclosed\n")
    code, err = run_build(statement_copy, tmp_path / "out", capsys)
    assert_error(code, err, tmp_path / "out", r"statement\.yaml, line \d+, column \d+", "not valid YAML")


def test_malformed_fact_names_line(statement_copy, tmp_path, capsys):
    edit(statement_copy, '      - [represents, state/usa, "the U.S. delegation"]', "      - [represents]")
    code, err = run_build(statement_copy, tmp_path / "out", capsys)
    assert_error(code, err, tmp_path / "out", r"statement\.yaml, line \d+", r"\[property, object, evidence\]")


def test_quote_not_in_text(statement_copy, tmp_path, capsys):
    edit(statement_copy, '"Dr. Siddharth Mohandas, led the U.S. delegation"', '"Dr. Siddharth Mohandas led the American delegation"')
    code, err = run_build(statement_copy, tmp_path / "out", capsys)
    assert_error(code, err, tmp_path / "out", r"line \d+", "is not in the text", "closest passage")


def test_quote_with_straight_apostrophe_is_explained(statement_copy, tmp_path, capsys):
    edit(statement_copy, '"the DPRK’s Punggye-ri nuclear testing site"]', "\"the DPRK's Punggye-ri nuclear testing site\"]")
    code, err = run_build(statement_copy, tmp_path / "out", capsys)
    assert_error(code, err, tmp_path / "out", "quotes, apostrophes, dashes")


def test_ambiguous_quote(statement_copy, tmp_path, capsys):
    edit(statement_copy, '[status, status:held, "recent DPRK missile tests"]', '[status, status:held, "DPRK"]')
    code, err = run_build(statement_copy, tmp_path / "out", capsys)
    assert_error(code, err, tmp_path / "out", r"stands \d+ times", "within")


def test_unknown_reference(statement_copy, tmp_path, capsys):
    edit(statement_copy, "[ledBy, person/heo-tae-keun,", "[ledBy, person/heo-taekeun,")
    code, err = run_build(statement_copy, tmp_path / "out", capsys)
    assert_error(code, err, tmp_path / "out", r"line \d+", "person/heo-taekeun", "refers to no entity")


def test_unknown_property(statement_copy, tmp_path, capsys):
    edit(statement_copy, "[ledBy, person/heo-tae-keun,", "[leadBy, person/heo-tae-keun,")
    code, err = run_build(statement_copy, tmp_path / "out", capsys)
    assert_error(code, err, tmp_path / "out", r"line \d+", "`leadBy` is not a property")


def test_unknown_class(statement_copy, tmp_path, capsys):
    edit(statement_copy, "    a: Talks\n", "    a: Talk\n")
    code, err = run_build(statement_copy, tmp_path / "out", capsys)
    assert_error(code, err, tmp_path / "out", r"line \d+", "`Talk` is not a class")


@pytest.mark.parametrize("bad", ["2022-08-32", "2022-02-30", "16 August 2022"])
def test_invalid_date(statement_copy, tmp_path, capsys, bad):
    edit(statement_copy, "    begin: 2022-08-16\n", f"    begin: {bad}\n")
    code, err = run_build(statement_copy, tmp_path / "out", capsys)
    assert_error(code, err, tmp_path / "out", r"line \d+", "not a valid date")


def test_invalid_month(statement_copy, tmp_path, capsys):
    edit(statement_copy, "    month: 2022-09\n", "    month: 2022-13\n")
    code, err = run_build(statement_copy, tmp_path / "out", capsys)
    assert_error(code, err, tmp_path / "out", "not a valid month")


def test_interval_backwards(statement_copy, tmp_path, capsys):
    edit(statement_copy, "    end: 2022-08-17\n", "    end: 2022-08-15\n")
    code, err = run_build(statement_copy, tmp_path / "out", capsys)
    assert_error(code, err, tmp_path / "out", "ends .* before it begins")


def test_unknown_concept(statement_copy, tmp_path, capsys):
    edit(statement_copy, "    topics: [denuclearization]\n", "    topics: [denuclearisation]\n")
    code, err = run_build(statement_copy, tmp_path / "out", capsys)
    assert_error(code, err, tmp_path / "out", "`denuclearisation` is not a concept of the topic scheme")


def test_duplicate_id(statement_copy, tmp_path, capsys):
    edit(statement_copy, "  - id: state/japan\n", "  - id: state/canada\n")
    code, err = run_build(statement_copy, tmp_path / "out", capsys)
    assert_error(code, err, tmp_path / "out", "declared twice")


def test_missing_statements_folder(tmp_path, capsys):
    code, err = run_build(tmp_path / "nowhere", tmp_path / "out", capsys)
    assert_error(code, err, tmp_path / "out", "does not exist")


def test_unknown_statement_option(tmp_path, capsys):
    code = main(["build", "--statement", "kidd-99", "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert_error(code, err, tmp_path / "out", "no statement `kidd-99`")


def test_failed_build_leaves_previous_output_intact(statement_copy, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", "--statements", str(statement_copy), "--out", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert len(before) == 6
    edit(statement_copy, "[ledBy, person/heo-tae-keun,", "[ledBy, person/nobody,")
    assert main(["build", "--statements", str(statement_copy), "--out", str(out)]) == 2
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_a_korean_name_is_a_quote_only_in_a_korean_statement(statement_copy, tmp_path, capsys):
    edit(statement_copy, "    ko: 미국\n", "    ko: {quote: \"United States\"}\n")
    code, err = run_build(statement_copy, tmp_path / "out", capsys)
    assert_error(code, err, tmp_path / "out", r"statement\.yaml, line 39", "`ko` is a quote only in a Korean statement")
