"""The checks every held-out set of `kg draft` shares (tests/test_draft_unseen*.py): each gold builds
and validates (and holds its acts), each draft builds and validates untouched, each gold is reviewed
and keeps its input verbatim. The figures, different for each set, stay in its own test file."""

from __future__ import annotations

import shutil
from pathlib import Path

from rdflib import RDF

from kg.checks.validate import validate
from kg.namespace import KIDD
from kg.pipeline import build


def assert_gold_builds(folder: Path, sid: str, tmp_path: Path, acts: int | None = None) -> None:
    """The gold ``folder/sid`` builds alone and validates; with ``acts``, it holds that many acts."""
    shutil.copytree(folder / sid, tmp_path / sid)
    g = build(tmp_path, only=sid).queryable()
    assert validate(g).conforms
    if acts is not None:
        assert len(set(g.subjects(RDF.type, KIDD.SpeechAct))) == acts


def assert_drafts_build(result: dict, ids: list[str]) -> None:
    """The evaluation drafted the set's statements, in order, and each draft built and validated."""
    assert [r["id"] for r in result["statements"]] == ids
    for r in result["statements"]:
        assert r["builds"] == {"ok": True, "error": None}, r["id"]


def assert_golds_reviewed_and_verbatim(folder: Path, ids: list[str]) -> None:
    """Each gold is marked reviewed, and its capture is the input file as given."""
    for sid in ids:
        yaml_text = (folder / sid / "statement.yaml").read_text(encoding="utf-8")
        assert "\nreview: reviewed\n" in yaml_text, sid
        assert (folder / sid / "capture.txt").read_text(encoding="utf-8") == (folder / f"{sid}.txt").read_text(encoding="utf-8")


def assert_nowhere_else(folder: Path, ids: list[str], earlier: tuple[str, ...]) -> None:
    """No statement of the held-out set ``folder`` is elsewhere in the project: not in statements/, the
    drafting corpus or an ``earlier`` set under its id, and no text of the set is a copy of a statement's
    text or an earlier set's text under another name, nor shares its opening sentence with one."""
    draft = folder.parent
    statements = Path(__file__).resolve().parent.parent / "statements"
    corpus = {p.stem for p in (draft / "corpus").glob("*.txt")}
    for sid in ids:
        assert not (statements / sid).exists(), sid
        assert sid not in corpus, sid
        for name in earlier:
            assert not (draft / name / sid).exists(), (name, sid)
            assert not (draft / name / f"{sid}.txt").exists(), (name, sid)
    ours = {(folder / f"{sid}.txt").read_text(encoding="utf-8").split("\n\n", 1)[1] for sid in ids}
    openings = {body.strip().split(". ", 1)[0] for body in ours}
    theirs = [p.read_text(encoding="utf-8").split("\n\n", 1)[-1] for name in earlier + ("corpus",)
              for p in (draft / name).glob("*.txt")]
    theirs += [p.read_text(encoding="utf-8") for p in statements.glob("*/text.txt")]
    for body in theirs:
        assert body not in ours
        assert not any(o in body for o in openings), body[:80]
