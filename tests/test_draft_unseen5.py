"""kg draft on a fourth held-out set (tests/draft/unseen5/): four real statements of the series that no
one tuning the drafter had read when it was made — the November 2024 Australia-Japan-U.S. Trilateral
Defense Ministers' Meeting statement (the ministers' "we"), the fourth Philippines-U.S. 2+2
Ministerial Dialogue, the April 2019 U.S.-Japan Security Consultative Committee statement and the 2024
U.S.-ROK 2+2 statement with a conditional act. Each gold builds and validates and holds its acts;
each draft builds and validates untouched; the figures stay at or above those measured before any
tuning on these texts (drafter 0.3.0, commit 8370c8f; tests/draft/unseen5/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.draft.evaluate import evaluate_held_out, held_out_statements
from tests.marks import slow
from tests.heldout import assert_drafts_build, assert_gold_builds, assert_golds_reviewed_and_verbatim

ROOT = Path(__file__).resolve().parent.parent
STATEMENTS = ROOT / "statements"
DRAFT = Path(__file__).resolve().parent / "draft"
UNSEEN5 = DRAFT / "unseen5"
IDS = ["tdmm-2024-11", "us-japan-scc-2019", "us-philippines-2plus2-2024", "us-rok-2plus2-2024"]
ACTS = {"tdmm-2024-11": 8, "us-japan-scc-2019": 5, "us-philippines-2plus2-2024": 8, "us-rok-2plus2-2024": 7}


@pytest.fixture(scope="module")
def result():
    return evaluate_held_out(STATEMENTS, UNSEEN5)


def test_the_fourth_held_out_set_is_the_four_statements_and_none_is_elsewhere_in_the_project():
    assert held_out_statements(UNSEEN5) == IDS
    for sid in IDS:
        assert not (STATEMENTS / sid).exists()
        for earlier in ("unseen", "unseen3", "unseen4"):
            assert not (DRAFT / earlier / sid).exists()


@slow  # an older held-out set's golds (data): make test-all and CI
@pytest.mark.parametrize("sid", IDS)
def test_each_gold_builds_validates_and_holds_its_acts(sid, tmp_path):
    assert_gold_builds(UNSEEN5, sid, tmp_path, ACTS[sid])


def test_the_gold_is_reviewed_and_keeps_the_input_verbatim():
    assert_golds_reviewed_and_verbatim(UNSEEN5, IDS)


@slow  # an older held-out set (read by tuners since): make test-all and CI
def test_each_draft_builds_and_validates(result):
    assert_drafts_build(result, IDS)


@slow  # an older held-out set (read by tuners since): make test-all and CI
def test_held_out_act_figures_stay_at_or_above_those_measured(result):
    per = {r["id"]: r["acts"] for r in result["statements"]}
    assert {s: per[s]["reviewed"] for s in IDS} == ACTS
    # matched/reviewed (drafted), drafter 0.3.0 at 8370c8f, before any tuning on these texts:
    # 8/8 (9), 5/5 (6), 8/8 (8), 7/7 (7)
    assert per["tdmm-2024-11"]["matched"] >= 8
    assert per["us-japan-scc-2019"]["matched"] >= 5
    assert per["us-philippines-2plus2-2024"]["matched"] >= 8
    assert per["us-rok-2plus2-2024"]["matched"] >= 7
    o = result["overall"]
    assert o["counts"]["matched"] >= 28
    assert o["act_recall"] >= 1.0  # 28/28
    assert o["act_precision"] >= 0.933  # 28/30: two assertions drafted as acts (TDMM "our cooperation continues", SCC "The Alliance will continue")
    assert o["kind_right"] >= 0.928  # 26/28: "reinforce our commitment … and support" drafted as support; "outlined" as affirmation
    # drafter 0.3.0 (before): 12/28 — the TDMM's "we" without Marles, the Philippine secretaries without posts;
    # drafter 0.4.0 (made without reading this set): 21/28, the Philippine secretaries still without posts;
    # drafter 0.4.1, tuned on this set (post_head_sides_not: their Secretaries are the Philippines'): 28/28
    assert o["agents_right"] >= 1.0  # 28/28
    assert o["agents_same_ids"] >= 0.71  # 20/28
    assert o["counts"]["conditions"] == 1 and o["counts"]["conditions_found"] >= 1  # us-rok-2plus2-2024 a04
    assert o["counts"]["sessions"] == 0  # no act of these texts is placed in a session


@slow  # an older held-out set (read by tuners since): make test-all and CI
def test_held_out_entity_figures_stay_at_or_above_those_measured(result):
    o = result["overall"]
    assert o["entity_recall"] >= 0.788  # 0.74 with drafter 0.3.0
    assert o["linking_precision"] >= 0.969  # 32 of 33 reused ids right
    assert o["counts"]["reused"] >= 33
    assert o["duplicates"] <= 1  # doc/mutual-defense-treaty = doc/us-rok-mutual-defense-treaty
    assert o["build_and_validate"] == 1.0
