"""kg draft on a sixth held-out set (tests/draft/unseen7/): five real statements of the genre that no
one tuning the drafter had read when it was measured — the Quad foreign ministers' joint readout of
September 2023 (New York; "We, the Secretary of State of the United States and the Foreign Ministers of
Australia, India, and Japan", "The Quad reiterates"), the U.S.-Japan Extended Deterrence Dialogue of
December 2023 ("The Japanese side stated", "The U.S. side reiterated"), the third U.S.-India 2+2 of 2020
(India's ministers welcome the U.S. Secretaries), the ROK-U.S.-Japan vice foreign ministerial meeting of
June 2022 ("The Vice Foreign Ministers and the Deputy Secretary", "The Deputy Secretary reaffirmed") and
the 11th Philippines-U.S. Bilateral Strategic Dialogue of April 2024 (a list of the year's milestones).
Each gold builds and validates and holds its acts; each draft builds and validates untouched; the
figures stay at or above those of drafter 0.6.0, which was tuned on these texts (a tuned row, no longer a
held-out figure); the figures measured with drafter 0.5.0 (commit b6cb5bb) before any tuning are kept in
the comments (tests/draft/unseen7/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.draft.evaluate import evaluate_held_out, held_out_statements
from tests.heldout import assert_nowhere_else, assert_drafts_build, assert_gold_builds, assert_golds_reviewed_and_verbatim
from tests.marks import slow

ROOT = Path(__file__).resolve().parent.parent
STATEMENTS = ROOT / "statements"
DRAFT = Path(__file__).resolve().parent / "draft"
UNSEEN7 = DRAFT / "unseen7"
IDS = ["india-us-2plus2-2020", "philippines-us-bsd-2024-04", "quad-fm-2023-09", "rok-us-japan-vfm-2022-06",
       "us-japan-edd-2023-12"]
ACTS = {"india-us-2plus2-2020": 8, "philippines-us-bsd-2024-04": 3, "quad-fm-2023-09": 9,
        "rok-us-japan-vfm-2022-06": 9, "us-japan-edd-2023-12": 4}
EARLIER = ("unseen", "unseen3", "unseen4", "unseen5", "unseen6")


@pytest.fixture(scope="module")
def result():
    return evaluate_held_out(STATEMENTS, UNSEEN7)


def test_the_sixth_held_out_set_is_the_five_statements_and_none_is_elsewhere_in_the_project():
    assert held_out_statements(UNSEEN7) == IDS
    assert_nowhere_else(UNSEEN7, IDS, EARLIER)


@slow  # the golds are data: make test-all and CI
@pytest.mark.parametrize("sid", IDS)
def test_each_gold_builds_validates_and_holds_its_acts(sid, tmp_path):
    assert_gold_builds(UNSEEN7, sid, tmp_path, ACTS[sid])


def test_the_gold_is_reviewed_and_keeps_the_input_verbatim():
    assert_golds_reviewed_and_verbatim(UNSEEN7, IDS)


@slow  # drafts and builds the five texts: make test-all and CI
def test_each_draft_builds_and_validates(result):
    assert_drafts_build(result, IDS)


@slow  # drafts the five texts: make test-all and CI
def test_held_out_act_figures_stay_at_or_above_those_measured(result):
    per = {r["id"]: r["acts"] for r in result["statements"]}
    assert {s: per[s]["reviewed"] for s in IDS} == ACTS
    # matched/reviewed (drafted), drafter 0.5.0 at b6cb5bb, before any tuning on these texts:
    # 7/8 (7), 2/3 (2), 7/9 (7), 5/9 (5), 4/4 (4); drafter 0.6.0, tuned on them: 8/8 (8), 3/3 (3), 9/9 (9), 9/9 (9), 4/4 (4)
    assert per["india-us-2plus2-2020"]["matched"] >= 8  # before: 7 (the hosts' "welcomed U.S. Secretary … to New Delhi")
    assert per["philippines-us-bsd-2024-04"]["matched"] >= 3  # before: 2 ("re-dedicated themselves to" was no verb of the lexicon)
    assert per["quad-fm-2023-09"]["matched"] >= 9  # before: 7 ("met … to reaffirm"; "The Quad reiterates", the Quad as subject)
    # before: 5 ("The Vice Foreign Ministers and the Deputy Secretary strongly condemned", "The Deputy Secretary reaffirmed",
    # "The Vice Ministers and the Deputy Secretary urged", "while also expressing their hope that" not read)
    assert per["rok-us-japan-vfm-2022-06"]["matched"] >= 9
    assert per["us-japan-edd-2023-12"]["matched"] >= 4
    o = result["overall"]
    assert o["counts"]["matched"] >= 33  # before: 25
    assert o["act_recall"] >= 1.0  # 33/33; before: 0.757 (25/33)
    assert o["act_precision"] >= 1.0  # 33/33; before: 1.0 (25/25)
    assert o["kind_right"] >= 0.969  # 32/33 ("Both sides recalled milestones" drafted a reaffirmation; the gold: noting); before: 0.96 (24/25)
    # before: 18/25 — quad-fm-2023-09 0/7 (its "We" read as Australia, India and Japan: "the Secretary of State of the
    # United States" was drafted a person named "United States", so the U.S. was missing)
    assert o["agents_right"] >= 1.0  # 33/33; before: 0.72
    assert o["agents_same_ids"] >= 1.0  # 33/33; before: 0.08 (2/25: the vice ministers' "They" the states, Jaishankar
    # no minister, the EDD's sides the states where the gold has the delegations "co-chaired by" their officials)
    assert o["counts"]["conditions"] == 0  # no act of these texts has a condition
    assert o["counts"]["sessions"] == 0  # no act of these texts is placed in a session


@slow  # drafts the five texts: make test-all and CI
def test_held_out_entity_figures_stay_at_or_above_those_measured(result):
    o = result["overall"]
    # before: 0.689 (71/103) — no delegations, forces, bureaus, processes; past meetings 6/11
    assert o["entity_recall"] >= 0.747  # 0.748 (drafter 0.6.0: New York City, New Delhi, "Presidents Biden and Marcos",
    # the EDD's two delegations;
    # the vice ministers' Talks no longer "found" through the wrong link to the foreign ministers' series)
    assert o["linking_precision"] >= 1.0  # 38 of 38 reused ids right; before: 0.947 (36 of 38: the foreign ministers'
    # series for the vice ministers' meeting, the Secretary of Defense inside "Office of the Secretary of Defense")
    assert o["counts"]["reused"] >= 38  # before: 38 (two of them wrong; now First Vice Foreign Minister and Biden reused right)
    assert o["duplicates"] == 0  # before: 1 (post/rok-first-vice-foreign-minister = post/rok-first-vice-minister-foreign-affairs)
    assert o["build_and_validate"] == 1.0
