"""kg draft on what the robustness sweep (tests/draft/sweep/, real statements of the genre drafted
without gold) found the drafter failing on: drafts that did not build or validate untouched. Small
invented texts of the genre, each showing the shape; each draft must build and validate."""

from __future__ import annotations

from pathlib import Path

from kg.checks.validate import validate
from kg.draft import draft, make_draft
from kg.draft.header import read_source
from kg.pipeline import build
from tests.drafting import draft_text, registry


def _builds(tmp_path: Path, text: str, sid: str = "genre6-test", capture: str | None = None):
    """The draft of ``text`` (or of the corpus file ``capture``, header and text), written alone into a
    folder, builds and validates untouched."""
    if capture is None:
        d, t, yaml_text = draft_text(tmp_path, text, sid)
    else:
        (tmp_path / f"{sid}.txt").write_text(capture, encoding="utf-8")
        src = read_source(tmp_path / f"{sid}.txt")
        text = src.text
        d, t, yaml_text = make_draft(src, sid, registry())
    folder = tmp_path / "st" / sid
    folder.mkdir(parents=True)
    (folder / "text.txt").write_text(text, encoding="utf-8")
    (folder / "capture.txt").write_text(capture or text, encoding="utf-8")
    (folder / "statement.yaml").write_text(yaml_text, encoding="utf-8")
    report = validate(build(tmp_path / "st", only=sid).queryable())
    assert report.conforms, report.text()
    return d, t.string


def test_a_known_prime_minister_named_by_surname_has_the_whole_title_as_the_posts_mention(tmp_path):
    # the post a known head holds in the corpus was mentioned by the length of "President" ("Prime Min")
    d, s = _builds(tmp_path, "U.S.-Japan Defense Talks\n\n"
                   "The United States hosted Japan for the Defense Talks in Tokyo on May 2, 2024. The talks followed the "
                   "summit on April 10, in which President Biden and Prime Minister Kishida reaffirmed the Alliance.\n")
    post = d.entities["post/japan-prime-minister"]
    assert [s[b:e] for b, e in post.spans] == ["Prime Minister"]


def test_a_header_title_that_a_header_note_repeats_is_still_the_statements_title(tmp_path):
    # the title stands twice in the capture (the title line and the note on the repost's title lines),
    # never in the text: the draft gave the statement no title at all
    header = ("title: U.S.-Japan Deterrence Talks\n"
              "partial: yes (the repost's title line \"U.S.-Japan Deterrence Talks – Department of State\" is furniture, dropped)\n\n")
    d, s = _builds(tmp_path, "", capture=header + "The United States hosted Japan for the Deterrence Talks in Tokyo on May 2, 2024. "
                   "The two sides exchanged views on the region.\n")
    assert [f.obj for f in d.document if f.prop == "dcterms:title"] == ["U.S.-Japan Deterrence Talks"]


def test_plain_text_drafted_with_a_title_it_does_not_contain_builds_and_validates(tmp_path):
    # plain text (no header) with --title: the title stood in no text of the statement, so the draft had
    # no dcterms:title and did not validate; the capture is now the file under a header made from the options
    path = tmp_path / "plain-talks.txt"
    body = "The United States hosted Japan for the Deterrence Talks in Tokyo on May 2, 2024. The two sides exchanged views.\n"
    path.write_text(body, encoding="utf-8")
    root = tmp_path / "statements"
    root.mkdir()
    folder = draft(path, root, title="U.S.-Japan Deterrence Talks", source="https://example.org/talks")
    assert (folder / "text.txt").read_text(encoding="utf-8") == body
    assert (folder / "capture.txt").read_text(encoding="utf-8") == (
        "title: U.S.-Japan Deterrence Talks\nsource: https://example.org/talks\n\n" + body)
    report = validate(build(root, only="plain-talks").queryable())
    assert report.conforms, report.text()
