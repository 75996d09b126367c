"""Hostile source input (issue 12) is refused by `kg build` with one paragraph naming the file and
line, exit code 2 and nothing written: wrong types, files outside the statement's folder, loops,
oversized texts. And the sentence lookup is a binary search that answers as the scan did."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.cli import main
from kg.source.statement import load_statement
from kg.source.text import MAX_TEXT_BYTES, SourceText
from tests.conftest import STATEMENTS

YAML = "statement.yaml"


def build(statements: Path, out: Path, capsys) -> tuple[int, str]:
    code = main(["build", "--statements", str(statements), "--out", str(out)])
    return code, capsys.readouterr().err


def edit(folder: Path, old: str, new: str, name: str = YAML) -> None:
    p = folder / "kidd-21" / name
    text = p.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"test setup: {old!r} not in {name}"
    p.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(folder: Path, needle: str, name: str = YAML) -> int:
    lines = (folder / "kidd-21" / name).read_text(encoding="utf-8").splitlines()
    return next(i + 1 for i, ln in enumerate(lines) if needle in ln)


def assert_refused(code: int, err: str, out: Path, where: str, *fragments: str) -> None:
    assert code == 2, err
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith(f"kg build: error: {where}: "), (where, err)
    for f in fragments:
        assert f in err, (f, err)
    assert not out.exists(), "nothing is written when the input is bad"


# ---------------------------------------------------------------------- wrong types
WRONG_TYPES = {
    # name: (old, new, the line's needle, fragment of the message)
    "acronym": ("    acronym: [DoD]\n", "    acronym: 5\n", "acronym: 5", "`acronym` of entity `org/us-dod` must be a list of strings"),
    "about": ("    about: [place/korean-peninsula]\n", "    about: 5\n", "about: 5", "`about` of act `a01` must be a list of ids"),
    "topics": ("    topics: [denuclearization]\n", "    topics: 7\n", "topics: 7", "`topics` of act `a01` must be a list of topic slugs"),
    "debtors": ("      debtors: [state/rok, state/usa]\n", "      debtors: 5\n", "debtors: 5", "`debtors` in `commitment` of act `a07` must be a list of ids"),
    "title": ("title: Joint Press Statement for the 21st Korea-U.S. Integrated Defense Dialogue\n", "title: [a, b]\n", "title: [a, b]", '`title` must be a string, not `["a", "b"]`'),
    "ko": ("    ko: 일본\n", "    ko: [일본, 日本]\n", "ko: [일본", "`ko` of entity `state/japan` must be a quote (the statement's exact words) or a mapping {quote, within, occurrence, in, in_sentence, note}, not `[\"일본\", \"日本\"]`"),
    "language": ("language: en\n", "language: 5\n", "language: 5", "`language` must be a language tag"),
    "misspelled key": ("    topics: [denuclearization]\n", "    toppics: [denuclearization]\n", "toppics:", "unknown key `toppics` in act `a01`. Did you mean `topics`?"),
}


@pytest.mark.parametrize("case", list(WRONG_TYPES), ids=str)
def test_wrong_type_in_statement(statement_copy, tmp_path, capsys, case):
    old, new, needle, fragment = WRONG_TYPES[case]
    edit(statement_copy, old, new)
    code, err = build(statement_copy, tmp_path / "out", capsys)
    where = f"{statement_copy / 'kidd-21' / YAML}, line {line_of(statement_copy, needle)}"
    assert_refused(code, err, tmp_path / "out", where, fragment)


def test_series_not_utf8(statement_copy, tmp_path, capsys):
    (statement_copy / "series.yaml").write_bytes(b"links:\n  - note: caf\xe9\n")
    code, err = build(statement_copy, tmp_path / "out", capsys)
    assert_refused(code, err, tmp_path / "out", str(statement_copy / "series.yaml"), "not valid UTF-8", "byte 20")


def test_series_list_shaped(statement_copy, tmp_path, capsys):
    (statement_copy / "series.yaml").write_text("# links\n- subject: commitment/kidd-21/a28\n", encoding="utf-8")
    code, err = build(statement_copy, tmp_path / "out", capsys)
    assert_refused(code, err, tmp_path / "out", f"{statement_copy / 'series.yaml'}, line 2",
                   "the file must be a mapping with `links`")


# ---------------------------------------------------------------------- files outside the folder
@pytest.mark.parametrize("name", ["../../../../etc/os-release", "/etc/os-release", "../kidd-21/text.txt", "sub/../../x.txt"])
def test_text_outside_the_folder(statement_copy, tmp_path, capsys, name):
    edit(statement_copy, "text: text.txt\n", f"text: {name}\n")
    code, err = build(statement_copy, tmp_path / "out", capsys)
    where = f"{statement_copy / 'kidd-21' / YAML}, line {line_of(statement_copy, 'text: ')}"
    assert_refused(code, err, tmp_path / "out", where, f"`{name}` is not a file of the statement's folder")


def test_capture_outside_the_folder(statement_copy, tmp_path, capsys):
    edit(statement_copy, "  file: capture.txt\n", "  file: ../../capture.txt\n")
    code, err = build(statement_copy, tmp_path / "out", capsys)
    where = f"{statement_copy / 'kidd-21' / YAML}, line {line_of(statement_copy, 'file: ../')}"
    assert_refused(code, err, tmp_path / "out", where, "is not a file of the statement's folder")


@pytest.mark.parametrize("which", ["text.txt", "capture.txt"])
def test_symlink_out_of_the_folder(statement_copy, tmp_path, capsys, which):
    outside = tmp_path / "elsewhere.txt"
    target = statement_copy / "kidd-21" / which
    outside.write_bytes(target.read_bytes())  # the same words: only where it lives is wrong
    target.unlink()
    target.symlink_to(outside)
    code, err = build(statement_copy, tmp_path / "out", capsys)
    needle = "text: text.txt" if which == "text.txt" else "file: capture.txt"
    where = f"{statement_copy / 'kidd-21' / YAML}, line {line_of(statement_copy, needle)}"
    assert_refused(code, err, tmp_path / "out", where, "leads out of the statement's folder")


def test_symlinked_folder_on_the_way_out(statement_copy, tmp_path):
    """A folder inside the statement's that is a link to somewhere else is just as far out."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "text.txt").write_bytes((statement_copy / "kidd-21" / "text.txt").read_bytes())
    (statement_copy / "kidd-21" / "texts").symlink_to(elsewhere, target_is_directory=True)
    edit(statement_copy, "text: text.txt\n", "text: texts/text.txt\n")
    with pytest.raises(Exception, match="leads out of the statement's folder"):
        load_statement(statement_copy / "kidd-21")


def test_file_in_a_subfolder_is_fine(statement_copy):
    sub = statement_copy / "kidd-21" / "texts"
    sub.mkdir()
    os.replace(statement_copy / "kidd-21" / "text.txt", sub / "text.txt")
    edit(statement_copy, "text: text.txt\n", "text: texts/text.txt\n")
    st = load_statement(statement_copy / "kidd-21")
    assert st.text.path == statement_copy / "kidd-21" / "texts" / "text.txt"


# ---------------------------------------------------------------------- loops
def test_body_within_itself(statement_copy, tmp_path, capsys):
    edit(statement_copy, '[withinBody, body/dsc, "launch a Counter-Missile', '[withinBody, body/cmwg, "launch a Counter-Missile')
    code, err = build(statement_copy, tmp_path / "out", capsys)
    where = f"{statement_copy / 'kidd-21' / YAML}, line {line_of(statement_copy, '[withinBody, body/cmwg')}"
    assert_refused(code, err, tmp_path / "out", where, "`body/cmwg` is linked to itself by `withinBody`")


def test_bodies_within_each_other(statement_copy, tmp_path, capsys):
    # the DSC is within the KIDD (line of the DSC's fact); now the KIDD is also within the DSC
    edit(statement_copy, '    mentions: ["Korea-U.S. Integrated Defense Dialogue (KIDD)", "KIDD"]\n',
         '    mentions: ["Korea-U.S. Integrated Defense Dialogue (KIDD)", "KIDD"]\n'
         '    facts:\n      - [withinBody, body/dsc, "Deterrence Strategy Committee (DSC) session of the KIDD"]\n')
    code, err = build(statement_copy, tmp_path / "out", capsys)
    kidd_line = line_of(statement_copy, "[withinBody, body/dsc,")
    dsc_line = line_of(statement_copy, "[withinBody, body/kidd, \"Deterrence Strategy")
    where = f"{statement_copy / 'kidd-21' / YAML}, line {kidd_line}"
    assert_refused(code, err, tmp_path / "out", where, "go round in a circle",
                   f"`body/kidd` withinBody `body/dsc` ({where})",
                   f"`body/dsc` withinBody `body/kidd` ({statement_copy / 'kidd-21' / YAML}, line {dsc_line})")


def test_relative_time_anchored_to_itself(statement_copy, tmp_path, capsys):
    edit(statement_copy, "    relation: after\n    anchor: time/kidd-21\n", "    relation: after\n    anchor: time/kidd-21/next-week\n")
    code, err = build(statement_copy, tmp_path / "out", capsys)
    where = f"{statement_copy / 'kidd-21' / YAML}, line {line_of(statement_copy, 'anchor: time/kidd-21/next-week')}"
    assert_refused(code, err, tmp_path / "out", where, "the relative time `time/kidd-21/next-week` is anchored to itself")


def test_relative_times_anchored_to_each_other(statement_copy, tmp_path, capsys):
    edit(statement_copy, "    relation: before\n    anchor: time/kidd-21\n", "    relation: before\n    anchor: time/kidd-21/next-week\n")
    edit(statement_copy, "    relation: after\n    anchor: time/kidd-21\n", "    relation: after\n    anchor: time/kidd-21/last-year\n")
    code, err = build(statement_copy, tmp_path / "out", capsys)
    where = f"{statement_copy / 'kidd-21' / YAML}, line {line_of(statement_copy, 'anchor: time/kidd-21/next-week')}"
    assert_refused(code, err, tmp_path / "out", where, "go round in a circle",
                   "`time/kidd-21/last-year` anchor `time/kidd-21/next-week`", "`time/kidd-21/next-week` anchor `time/kidd-21/last-year`")


def test_inverse_properties_close_a_loop(statement_copy, tmp_path, capsys):
    """containsBody is withinBody read backwards: the KIDD containing the CMWG, which is within
    the DSC, which is within the KIDD, is no loop; the CMWG containing the KIDD is."""
    edit(statement_copy, '      - [withinBody, body/dsc, "launch a Counter-Missile',
         '      - [containsBody, body/kidd, "Counter-Missile Working Group (CMWG)"]\n      - [withinBody, body/dsc, "launch a Counter-Missile')
    code, err = build(statement_copy, tmp_path / "out", capsys)
    assert code == 2 and "go round in a circle" in err and "containsBody" in err, err


# ---------------------------------------------------------------------- size and sentences
def test_text_over_the_size_limit(statement_copy, tmp_path, capsys):
    p = statement_copy / "kidd-21" / "text.txt"
    words = p.read_text(encoding="utf-8")
    p.write_text(words + "\n" + "x" * (MAX_TEXT_BYTES - len(words.encode()) ), encoding="utf-8")
    assert p.stat().st_size == MAX_TEXT_BYTES + 1
    code, err = build(statement_copy, tmp_path / "out", capsys)
    assert_refused(code, err, tmp_path / "out", str(p), "1,000,001 bytes", "1,000,000 bytes (1 MB)")


def test_text_at_the_size_limit_is_read(tmp_path):
    p = tmp_path / "text.txt"
    p.write_text("A sentence. " * (MAX_TEXT_BYTES // 12) + "x" * (MAX_TEXT_BYTES % 12), encoding="utf-8")
    assert p.stat().st_size == MAX_TEXT_BYTES
    assert len(SourceText.read("text", p).sentences) == MAX_TEXT_BYTES // 12 + 1


def _scan(text: SourceText, offset: int):
    for b, e in text.sentences:
        if b <= offset < e:
            return (b, e)
    return None


@pytest.mark.parametrize("statement", ["kidd-21", "leaders-2022"])
def test_sentence_lookup_agrees_with_a_scan_at_every_offset(statement):
    text = SourceText.read("text", STATEMENTS / statement / "text.txt")
    assert len(text.sentences) > 30
    between = 0
    for offset in range(-1, len(text.string) + 2):
        expected = _scan(text, offset)
        if expected is None:
            between += 1
            with pytest.raises(ValueError):
                text.sentence_of(offset)
        else:
            span = text.sentence_of(offset)
            assert (span.begin, span.end) == expected, offset
    assert between > len(text.sentences) // 2  # the gaps between sentences were tried too


def test_sentence_lookup_follows_a_new_sentence_list():
    text = SourceText("text", Path("t.txt"), "One. Two. Three.", [(0, 4), (5, 9), (10, 16)])
    assert text.sentence_of(6).anchor == "Two."
    text.sentences = [(0, 9), (10, 16)]
    assert text.sentence_of(6).anchor == "One. Two."


class _CountingList(list):
    """A list that counts the items handed out by iterating it."""

    handed_out = 0

    def __iter__(self):
        for item in super().__iter__():
            _CountingList.handed_out += 1
            yield item


def test_sentence_lookup_does_not_scan_the_sentences():
    """Looking up every sentence of a text reads the sentence list about once, not once per
    lookup (the scan made the build quadratic in the number of sentences)."""
    n = 2000
    string = " ".join(f"Sentence {i}." for i in range(n))
    text = SourceText("text", Path("t.txt"), string)
    from kg.source.text import split_sentences

    text.sentences = _CountingList(split_sentences(string))
    assert len(text.sentences) == n
    _CountingList.handed_out = 0
    for b, e in list.__iter__(text.sentences):
        assert (text.sentence_of(b).begin, text.sentence_of(e - 1).end) == (b, e)
    assert _CountingList.handed_out <= 2 * n
