"""kg draft's robustness sweep (tests/draft/sweep/): real statements of the genre, with no gold, each
drafted without a fault, and each draft building and validating untouched. Each text is drafted alone
with the registry of the bundled statements (as `kg draft --statements` drafts it into a copy of
statements/) and built alone, as `kg draft --evaluate` builds a draft."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.checks.validate import validate
from kg.draft import make_draft
from kg.draft.header import read_source
from kg.pipeline import build
from tests.drafting import registry
from tests.marks import slow

SWEEP = Path(__file__).resolve().parent / "draft" / "sweep"
TEXTS = sorted(p.stem for p in SWEEP.glob("*.txt"))


def test_the_sweep_holds_its_texts_and_no_gold():
    assert len(TEXTS) >= 20
    assert not [p.name for p in SWEEP.iterdir() if p.is_dir()]  # no gold folders: the sweep has no reference


@slow  # drafts and builds twenty texts: make test-all and CI
@pytest.mark.parametrize("sid", TEXTS)
def test_every_sweep_text_drafts_without_a_fault_and_its_draft_builds_and_validates(sid, tmp_path):
    src = read_source(SWEEP / f"{sid}.txt")
    d, _t, yaml_text = make_draft(src, sid, registry())
    assert d.acts, "a statement of this genre reports acts"
    folder = tmp_path / sid
    folder.mkdir()
    (folder / "text.txt").write_text(src.text, encoding="utf-8")
    (folder / "capture.txt").write_text(src.raw, encoding="utf-8")
    (folder / "statement.yaml").write_text(yaml_text, encoding="utf-8")
    report = validate(build(tmp_path, only=sid).queryable())
    assert report.conforms, report.text()
