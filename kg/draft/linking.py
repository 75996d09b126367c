"""Links the genre makes by context, not by the words alone.

"The Alliance" names no state: it is the alliance of the statement's own parties (the U.S.-Japan
Alliance in a U.S.-Japan statement), not whichever alliance the corpus most often calls "the Alliance".
"""

from __future__ import annotations

import re


def own_alliance(finder) -> None:
    """Re-point a known alliance every mention of which is a bare "Alliance" to the alliance the corpus
    knows with the statement's sides as members; without one, the bare mentions are not linked."""
    d, reg = finder.d, finder.reg
    sides = set(d.sides)
    if len(sides) != 2:
        return
    states = "|".join(re.escape(w) for w in finder.lex.state_words)
    for ent in list(d.entities.values()):
        if ent.cls != "Alliance" or not ent.known:
            continue
        k = reg.get(ent.id)
        members = {o for p, o, _ in k.facts if p == "org:hasMember"} if k else set()
        if not members or members == sides:
            continue
        if any(re.search(r"(?<![\w.])(?:" + states + r")(?![\w])", finder.s[x:y]) for x, y in ent.spans):
            continue  # "the U.S.-ROK Alliance": named by its members
        spans = list(ent.spans)
        del d.entities[ent.id]
        own = next((a for a in reg.entities.values() if a.cls == "Alliance"
                    and {o for p, o, _ in a.facts if p == "org:hasMember"} == sides), None)
        if own is None:
            continue
        for b, e in spans:
            finder.reuse(own.id, b, e)
