"""Two posts of one person joined by "and" before the name: "Deputy Prime Minister and Minister for Defence
Richard Marles" holds both (the post pattern of kg/draft/persons.py takes only the one next to the name;
this adds the one before "and", of the same state)."""

from __future__ import annotations

import re


def joint_post(finder, person, pb: int, side: str | None) -> None:
    """The post written right before "and" and the post at ``pb`` that ``person`` holds: theirs too."""
    from kg.draft.persons import post_pattern

    if side is None:
        return
    lo = max(0, pb - 80)
    m = re.search(r"(?<![\w.])(" + post_pattern(finder.lex) + r")[ \t]+and[ \t]+$", finder.s[lo:pb])
    if not m or not m.group(1)[:1].isupper():
        return
    words = m.group(1)
    b = lo + m.start(1)
    if re.search(r"[a-z]\s*$", finder.s[max(0, b - 12):b]) and not re.search(r"(?:^|[\s,])(?:and|the)\s*$", finder.s[max(0, b - 12):b]):
        return  # the end of a longer phrase, not a post of its own
    post = finder.post(words, b, b + len(words), side, None)
    if post is None or person.has_fact("org:holds") and any(f.obj == post.id for f in person.facts):
        return
    end = min((y for x, y in person.spans if x >= pb), default=pb)
    person.add_fact("org:holds", post.id, finder.t.quote(b, end), "two posts joined by “and” before the name: both are theirs")
