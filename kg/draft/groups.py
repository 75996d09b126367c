"""Groups of officials the genre names by their states and fields: "Key senior U.S. and ROK defense and
foreign affairs officials also participated in the dialogue", "delegations composed of key ROK and U.S.
defense officials".

A phrase of optional qualifiers (lexicon `group_qualifiers`: key, senior), one or more state words joined
by "and", up to four lower-case field words, and a head of `group_heads` (officials, representatives,
experts) is a Group, ``group/<statement>-<qualifier>-<head>`` as the series names it (kidd-21's
``group/kidd-21-senior-officials``); where its sentence says they took part (`group_participation`), it
is a participant of the meeting the statement reports.
"""

from __future__ import annotations

import re

from kg.draft.model import Entity, slug


def find_groups(finder) -> None:
    d, t, s, lex = finder.d, finder.t, finder.s, finder.lex
    data = lex.data
    heads = data.get("group_heads") or []
    if not heads:
        return
    quals = data.get("group_qualifiers") or []
    states = sorted((w for w, st in lex.state_words.items() if st in lex.side_states), key=len, reverse=True)
    st = r"(?:" + "|".join(re.escape(w) + (r"?" if w.endswith(".") else "") for w in states) + r")"
    q = r"(?:(?:" + "|".join(map(re.escape, quals)) + r")\s+)*" if quals else ""
    rx = re.compile(r"(?<![\w\-])(" + q + st + r"(?:\s+and\s+" + st + r")*\s+(?:(?!(?:and|of|the|to|in)\b)[a-z][a-z\-]*\s+(?:and\s+)?){0,4}?"
                    r"(?:" + "|".join(map(re.escape, heads)) + r"))(?![\w\-])", re.I)
    took_part = data.get("group_participation") or []
    part = re.compile(r"\b(?:" + "|".join(map(re.escape, took_part)) + r")\b", re.I) if took_part else None
    for m in rx.finditer(s, d.title_span[1]):
        b, e = m.start(1), m.end(1)
        phrase = s[b:e]
        if not re.match(r"[A-Za-z]", phrase) or any(x < e and b < y for ent in d.entities.values()
                                                    if ent.cls not in ("State", "Interval", "Month") for x, y in ent.spans):
            continue
        words = phrase.lower().split()
        qual = [w for w in words if w in {x.lower() for x in quals} and w != "key"]
        ident = f"group/{d.id}-" + slug(" ".join(qual + [words[-1]]))
        if ident in d.entities:
            d.entities[ident].add_mention(t.mention(b, e), (b, e))
            continue
        ent = d.add(Entity(ident, "Group", phrase[0].upper() + phrase[1:]))
        ent.add_mention(t.mention(b, e), (b, e))
        ent.comments.append(f"new Group: “{phrase}” (officials named by their states and fields); check it")
        sb, se = t.sentence_of(b)
        if part is not None and d.reports in d.entities and d.entities[d.reports].cls == "Meeting" and part.search(s, sb, se):
            mp = part.search(s, sb, se)
            lo, hi = min(b, mp.start()), max(e, mp.end())
            d.entities[d.reports].add_fact("participant", ident, t.quote(*t.clean(lo, hi)))
