"""kg draft on a fifth held-out set (tests/draft/unseen6/): five real statements of the genre that no
one tuning the drafter had read when it was measured — the 14th Defense Trilateral Talks (April 2024,
the ROK, the U.S. and Japan), AUSMIN 2023 (Brisbane; "the principals"), the 2015 Japan-U.S.-Australia
Defense Ministers Meeting (subjects that are two of the three ministers), the July 2024 Japan-U.S.-ROK
Trilateral Ministerial Meeting in Tokyo and the July 2024 ROK-U.S. Defense Ministerial Meeting (a
minister alone, a reported statement of the two Presidents). Each gold builds and validates and holds
its acts; each draft builds and validates untouched; the figures stay at or above those of drafter 0.5.0, which was tuned on these texts
(a tuned row, no longer a held-out estimate; the figures measured before any tuning, drafter 0.4.1 at
commit b009fc2, are kept in the comments; tests/draft/unseen6/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.draft.evaluate import evaluate_held_out, held_out_statements
from tests.heldout import assert_nowhere_else, assert_drafts_build, assert_gold_builds, assert_golds_reviewed_and_verbatim
from tests.marks import slow

ROOT = Path(__file__).resolve().parent.parent
STATEMENTS = ROOT / "statements"
DRAFT = Path(__file__).resolve().parent / "draft"
UNSEEN6 = DRAFT / "unseen6"
IDS = ["ausmin-2023", "dtt-14", "rok-us-dmm-2024-07", "tdmm-2015-05", "tmm-2024-07"]
ACTS = {"ausmin-2023": 5, "dtt-14": 5, "rok-us-dmm-2024-07": 10, "tdmm-2015-05": 4, "tmm-2024-07": 9}
EARLIER = ("unseen", "unseen3", "unseen4", "unseen5")


@pytest.fixture(scope="module")
def result():
    return evaluate_held_out(STATEMENTS, UNSEEN6)


def test_the_fifth_held_out_set_is_the_five_statements_and_none_is_elsewhere_in_the_project():
    assert held_out_statements(UNSEEN6) == IDS
    assert_nowhere_else(UNSEEN6, IDS, EARLIER)


@slow  # the golds are data: make test-all and CI
@pytest.mark.parametrize("sid", IDS)
def test_each_gold_builds_validates_and_holds_its_acts(sid, tmp_path):
    assert_gold_builds(UNSEEN6, sid, tmp_path, ACTS[sid])


def test_the_gold_is_reviewed_and_keeps_the_input_verbatim():
    assert_golds_reviewed_and_verbatim(UNSEEN6, IDS)


@slow  # drafts and builds the five texts: make test-all and CI
def test_each_draft_builds_and_validates(result):
    assert_drafts_build(result, IDS)


@slow  # drafts the five texts: make test-all and CI
def test_held_out_act_figures_stay_at_or_above_those_measured(result):
    per = {r["id"]: r["acts"] for r in result["statements"]}
    assert {s: per[s]["reviewed"] for s in IDS} == ACTS
    # matched/reviewed (drafted), drafter 0.4.1 at b009fc2, before any tuning on these texts:
    # 4/5 (4), 5/5 (5), 9/10 (9), 2/4 (2), 9/9 (9); drafter 0.5.0, tuned on them: 5/5 (5), 5/5 (5), 10/10 (10), 4/4 (4), 9/9 (9)
    assert per["ausmin-2023"]["matched"] >= 5  # before: 4 ("determined that" was no verb of the lexicon)
    assert per["dtt-14"]["matched"] >= 5
    assert per["rok-us-dmm-2024-07"]["matched"] >= 10  # before: 9 ("made clear that" was no verb of the lexicon)
    assert per["tdmm-2015-05"]["matched"] >= 4  # before: 2 ("the Japanese and U.S. defense ministers confirmed … and affirmed …" not read)
    assert per["tmm-2024-07"]["matched"] >= 9
    o = result["overall"]
    assert o["counts"]["matched"] >= 33  # before: 29
    assert o["act_recall"] >= 1.0  # 33/33; before: 0.878 (29/33)
    assert o["act_precision"] >= 1.0  # 33/33; before: 1.0 (29/29)
    assert o["kind_right"] >= 1.0  # 33/33; before: 0.965 (28/29: "exchanged assessments" drafted a discussion, dtt-14)
    # before: 12/29 — dtt-14 0/5 (its sides read as the U.S. and the ROK: Japan missing), tmm-2024-07 0/9 (the ROK
    # minister's post placed in Japan), tdmm-2015-05 0/2 ("The defense ministers from Japan and Australia" read as
    # Australia), rok-us-dmm-2024-07 8/9 (the Presidents' reported statement given to Yoon alone)
    assert o["agents_right"] >= 1.0  # 33/33; before: 0.413 (12/29)
    assert o["agents_same_ids"] >= 0.757  # 25/33 ("The officials", "All four principals", "The two officials" and the
    # "they" after them are the states in the draft, the persons in the gold); before: 0.448 (13/29)
    assert o["counts"]["conditions"] == 0  # no act of these texts has a condition
    assert o["counts"]["sessions"] == 0  # no act of these texts is placed in a session


@slow  # drafts the five texts: make test-all and CI
def test_held_out_entity_figures_stay_at_or_above_those_measured(result):
    o = result["overall"]
    assert o["entity_recall"] >= 0.809  # 0.810 (drafter 0.5.0); before: 0.759 — no Process (0/7), past meetings named in a sentence 5/11
    assert o["linking_precision"] >= 1.0  # 64 of 64 reused ids right; before: 0.968 (61 of 63: place/asia inside "Asia-Pacific", twice)
    assert o["counts"]["reused"] >= 64  # before: 63
    assert o["duplicates"] == 0  # before: 1 (post/japan-minister-national-defense = post/rok-minister-national-defense)
    assert o["build_and_validate"] == 1.0
