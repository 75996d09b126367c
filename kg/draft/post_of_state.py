"""A post followed by "of <state>" with no name after it: "We, the Secretary of State of the United States
and the Foreign Ministers of Australia, India, and Japan".

The post pattern reads "of the" as part of a post, so "Secretary of State of the United States" would be
a person named "United States" holding a post "Secretary of State of the". A "name" that is a state of
the lexicon is the post's state: the post is drafted of that state, and no person. Between the states of
such a list, "and the Foreign Ministers of" joins them (``post_gap``): the sides are all of them.
"""

from __future__ import annotations

import re


def post_of_state(finder, name: str, post_words: str | None, pb: int) -> bool:
    """Whether ``name`` is a state after "<post> of (the)": then draft the post of that state (no person)."""
    lex = finder.lex
    side = lex.state_words.get(name) or lex.state_words.get("the " + name)
    if side is None or not post_words:
        return False
    m = re.search(r"\s+of(?:\s+the)?\s*$", post_words)
    if m is None:
        return True  # a state where a name should be: no person either way
    words = post_words[:m.start()]
    lead = re.match(r"(?:[a-z]+\s+)+", words)  # "the Secretary of State": the post opens after "the"
    if lead:
        words, pb = words[lead.end():], pb + lead.end()
    if words.strip() and side in finder.d.entities:
        finder.post(words, pb, pb + len(words), side, name)
    return True


def post_gap(lex) -> re.Pattern[str]:
    """The words between two states of a list of posts: "and the Foreign Ministers of", ", the Minister for
    Foreign Affairs of" (a post head of the lexicon, singular or plural, then "of")."""
    heads = sorted({h for h in lex.post_head_words} | {h + "s" for h in lex.post_head_words}
                   | {h[:-1] + "ies" for h in lex.post_head_words if h.endswith("y")}, key=len, reverse=True)
    head = r"(?:" + "|".join(map(re.escape, heads)) + r")"
    return re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?(?:[A-Z][\w’'\-]*\s+){0,4}" + head
                      + r"(?:\s+(?:for|of)\s+(?:[A-Z][\w’'\-]*\s+){1,3}?)?\s+of\s+(?:the\s+)?")
