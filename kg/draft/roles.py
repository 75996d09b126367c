"""Subjects of the genre that name persons by their posts' title: "The Vice Foreign Ministers and the
Deputy Secretary strongly condemned …", "The Deputy Secretary reaffirmed …", "The Vice Ministers …".

A title of rank and domain words and a post head (lexicon `post_ranks`, `post_domain_words`,
`post_head_words`), capitalized as a title is, names the persons the text names holding a post whose
label has those words ("Vice Ministers": the "First Vice Foreign Minister" and the "Vice
Foreign Minister"; "the Deputy Secretary": the "Deputy Secretary of State"). A plural title is every
such person; a singular one the one such person (none where two hold such a post).
"""

from __future__ import annotations

import re


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") else word


def role_title(finder, words: list[str]) -> tuple[list[str], bool] | None:
    """``(singular words, plural)`` when ``words`` (without the determiner) are a capitalized title of
    rank or domain words before a post head ("Vice Foreign Ministers"), else None. A head alone is
    left to the collective nouns and the lexicon's `post_heads`."""
    lex = finder.lex
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return None
    heads = set(lex.post_head_words)
    last = words[-1]
    one = _singular(last)
    if last in heads:
        plural = False
    elif one in heads:
        plural = True
    else:
        return None
    mods = set(lex.post_ranks) | set(lex.post_domain_words)
    if not all(w in mods for w in words[:-1]) or not any(w in lex.post_ranks for w in words[:-1]):
        return None  # a rank is what tells such a title apart ("Vice", "Deputy", "First")
    return words[:-1] + [one], plural


def role_holders(finder, phrase: str) -> list[str] | None:
    """The persons a title names as a subject ("the Vice Foreign Ministers", "The Deputy Secretary"), or
    None when it is no such title or names no one."""
    words = phrase.split()
    if words and words[0].lower() in ("the", "both", "two", "three", "all"):
        words = words[1:]
    title = role_title(finder, words)
    if title is None:
        return None
    want, plural = title
    out = []
    for ent in sorted(finder.d.entities.values(), key=lambda x: min((b for b, _ in x.spans), default=0)):
        if ent.cls != "Person":
            continue
        for f in ent.facts:
            pe = finder.d.entities.get(f.obj) if f.prop == "org:holds" else None
            if pe and _in_order(want, (pe.label or "").split()) and ent.id not in out:
                out.append(ent.id)
    if not out or not plural and len(out) != 1:
        return None
    return out


def _in_order(want: list[str], label: list[str]) -> bool:
    """Whether the words of ``want`` stand in ``label`` ("Vice Minister" in "First Vice Foreign Minister",
    "Vice Foreign Minister" in "First Vice Minister for Foreign Affairs": the genre orders them both ways)."""
    return set(want) <= set(label)


# bodies a statement's sides meet as ("The Quad reiterates …")
_SIDES_BODIES = ("Dialogue", "ConsultativeGroup", "ConsultativeMeeting", "Talks")


def body_of_sides(finder, cb: int, ce: int) -> list[str] | None:
    """"The Quad reiterates its steadfast commitment …": a body of dialogue named as the subject, whose
    meeting the statement reports (its name stands in the title), speaks as the statement's sides: their
    states (the ministers around it write "we")."""
    d, s = finder.d, finder.s
    for ent in d.entities.values():
        if ent.cls not in _SIDES_BODIES:
            continue
        for x, y in ent.spans:
            if not (cb <= x and y <= ce) or not re.fullmatch(r"(?:the\s+)?", s[cb:x], re.I) or s[y:ce].strip():
                continue
            if re.search(r"(?<![\w\-])" + re.escape(s[x:y]) + r"(?![\w\-])", d.title or "") and len(d.sides) >= 2:
                return finder.sides("states")
    return None


_GUESTS = re.compile(r"\s+((?:(?:[A-Z][\w.’'\-]*|of|and|the|for),?\s+){1,16}?)to\s+(?:the\s+)?[A-Z]")


def welcomes_person(finder, pos: int) -> bool:
    """"welcomed U.S. Secretary of State Michael R. Pompeo and Secretary of Defense Dr. Mark T. Esper to New
    Delhi": the object of "welcomed" up to "to <a place>" is names and titles only, and names a person the
    text names (a host's welcome of guests, lexicon `welcome_person_kind`)."""
    m = _GUESTS.match(finder.s, pos)
    if m is None:
        return False
    b, e = m.start(1), m.end(1)
    return any(ent.cls == "Person" and any(b <= x and y <= e for x, y in ent.spans) for ent in finder.d.entities.values())
