"""kg draft on a second held-out set (tests/draft/unseen3/): five real statements of the series that
no one tuning the drafter had read when it was made — an SCM communique, a trilateral defense
ministers' statement, a U.S.-Japan ministerial statement, the leaders' Phnom Penh Statement and a
Defense Trilateral Talks statement with a session and a conditional act. Each gold builds and
validates and holds its acts; each draft the drafter writes builds and validates untouched; the
figures stay at or above those measured before any tuning on these texts (tests/draft/unseen3/README.md).
Drafter 0.2.0 failed on one text (us-japan-edm-2024, which does not repeat its title): fixed, and a
fault of the drafter is measured as an empty draft and, on the command line, a clear error."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.checks.validate import validate
from kg.draft.evaluate import _measure, evaluate_held_out, held_out_statements
from kg.pipeline import build
from tests.marks import slow
from tests.heldout import assert_drafts_build, assert_gold_builds

ROOT = Path(__file__).resolve().parent.parent
STATEMENTS = ROOT / "statements"
UNSEEN3 = Path(__file__).resolve().parent / "draft" / "unseen3"
IDS = ["dtt-2013", "scm-56", "tmm-2023-06", "trilateral-leaders-2022-11", "us-japan-edm-2024"]
ACTS = {"dtt-2013": 4, "scm-56": 5, "tmm-2023-06": 8, "trilateral-leaders-2022-11": 8, "us-japan-edm-2024": 6}


@pytest.fixture(scope="module")
def result():
    return evaluate_held_out(STATEMENTS, UNSEEN3)


def test_the_second_held_out_set_is_the_five_statements_and_none_is_elsewhere_in_the_project():
    assert held_out_statements(UNSEEN3) == IDS
    first = Path(__file__).resolve().parent / "draft" / "unseen"
    for sid in IDS:
        assert not (STATEMENTS / sid).exists()
        assert not (first / sid).exists()


@slow  # an older held-out set's golds (data): make test-all and CI
@pytest.mark.parametrize("sid", IDS)
def test_each_gold_builds_validates_and_holds_its_acts(sid, tmp_path):
    assert_gold_builds(UNSEEN3, sid, tmp_path, ACTS[sid])


@slow  # an older held-out set (read by tuners since): make test-all and CI
def test_each_draft_builds_and_validates(result):
    # before the fix of drafter 0.2.0, us-japan-edm-2024 raised "ValueError: empty mention at 0"
    # (its text does not repeat its title and names no numbered meeting)
    assert_drafts_build(result, IDS)


@slow  # an older held-out set (read by tuners since): make test-all and CI
def test_held_out_act_figures_stay_at_or_above_those_measured(result):
    per = {r["id"]: r["acts"] for r in result["statements"]}
    assert {s: per[s]["reviewed"] for s in IDS} == ACTS
    # matched/reviewed (drafted), drafter 0.2.0 with the fix of its one failure: 2/4 (2), 3/5 (3), 7/8 (7), 7/8 (7), 6/6 (6)
    # (before the fix, measured before any tuning: the same but 0/6 (0) for us-japan-edm-2024).
    # Drafter 0.3.0 was made from these texts' misses (the figures are tuned, no longer held out): 4/4, 5/5, 8/8, 8/8, 6/6
    assert per["dtt-2013"]["matched"] >= 4
    assert per["scm-56"]["matched"] >= 5
    assert per["tmm-2023-06"]["matched"] >= 8
    assert per["trilateral-leaders-2022-11"]["matched"] >= 8
    assert per["us-japan-edm-2024"]["matched"] >= 6
    o = result["overall"]
    assert o["counts"]["matched"] >= 31
    assert o["act_recall"] >= 1.0  # 31/31 (0.2.0: 25/31)
    assert o["act_precision"] >= 1.0
    assert o["kind_right"] >= 1.0  # 31/31 (0.2.0: 23/25)
    assert o["agents_right"] >= 1.0  # 31/31 (0.2.0: 17/25, the Phnom Penh leaders lost Kishida)
    assert o["agents_same_ids"] >= 0.838  # 26/31 (0.2.0: 11/25); the rest are ids minted per statement for surnames
    assert o["counts"]["conditions"] == 1 and o["counts"]["sessions"] == 1  # both in dtt-2013
    assert o["counts"]["conditions_found"] >= 1 and o["counts"]["sessions_found"] >= 1


@slow  # an older held-out set (read by tuners since): make test-all and CI
def test_held_out_entity_figures_stay_at_or_above_those_measured(result):
    o = result["overall"]
    assert o["entity_recall"] >= 0.871  # 0.2.0: 0.776
    assert o["linking_precision"] >= 1.0  # 66 of 66 reused ids right (0.2.0: 61 of 63)
    assert o["counts"]["reused"] >= 66
    assert o["duplicates"] == 0  # 0.2.0: person/kishida-fumio and person/fumio-kishida, both person/kishida
    assert o["build_and_validate"] == 1.0


def test_a_text_the_drafter_fails_on_is_measured_as_an_empty_draft(monkeypatch):
    from kg.draft.header import read_source
    from kg.draft.registry import load_registry
    from kg.source.statement import load_statement
    import kg.draft

    def fail(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(kg.draft, "make_draft", fail)
    st = load_statement(UNSEEN3 / "dtt-2013")
    row = _measure(st, read_source(UNSEEN3 / "dtt-2013.txt"), "dtt-2013", load_registry(STATEMENTS), True)
    assert row["builds"] == {"ok": False, "error": "the drafter failed: RuntimeError: boom"}
    assert (row["acts"]["reviewed"], row["acts"]["drafted"], row["acts"]["matched"]) == (4, 0, 0)
    assert row["acts"]["missed"] == ["a01", "a02", "a03", "a04"]
    assert all(v["found"] == 0 for v in row["entities"]["by_class"].values())


@pytest.mark.slow  # the command line's table: tests/test_draft_unseen.py
def test_the_cli_prints_the_table_of_the_second_set(tmp_path):
    out = subprocess.run([sys.executable, "-m", "kg", "draft", "--evaluate", "--held-out", str(UNSEEN3), "--out", str(tmp_path)],
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split()[:3] == ["statement", "acts", "recall"]
    assert [line.split()[0] for line in lines[1:7]] == IDS + ["overall"]
    assert lines[6].split()[1].endswith("/31")  # the overall acts: matched/31 reviewed
    assert (tmp_path / "draft-held-out.json").is_file()


def test_a_drafter_fault_is_a_clear_error_and_writes_nothing(monkeypatch, tmp_path, capsys):
    """`kg draft FILE` on a text a rule breaks on: exit 2, one paragraph naming the file, no
    traceback, no folder."""
    import kg.draft
    from kg.cli import main

    def fail(*args, **kwargs):
        raise ValueError("empty mention at 0")

    monkeypatch.setattr(kg.draft, "make_draft", fail)
    src = UNSEEN3 / "us-japan-edm-2024.txt"
    assert main(["draft", str(src), "--statements", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert str(src) in err and "ValueError: empty mention at 0" in err and "nothing was written" in err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_a_text_that_does_not_repeat_its_title_names_its_meeting_from_its_first_sentence(tmp_path):
    """The fault of drafter 0.2.0 on us-japan-edm-2024: no title in the text, no numbered meeting."""
    from kg.cli import main

    root = tmp_path / "statements"
    shutil.copytree(STATEMENTS, root)  # the registry it links to
    assert main(["draft", str(UNSEEN3 / "us-japan-edm-2024.txt"), "--statements", str(root)]) == 0
    text = (root / "us-japan-edm-2024" / "statement.yaml").read_text(encoding="utf-8")
    assert 'mentions: ["U.S.-Japan ministerial meeting on extended deterrence"]' in text
    assert validate(build(root, only="us-japan-edm-2024").queryable()).conforms
