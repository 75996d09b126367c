"""Ministries the genre names by a short name: "The Department of Defense and Republic of Korea (ROK)
Ministry of Defense held …" where the corpus knows "U.S. Department of Defense" and "Republic of Korea
Ministry of National Defense".

A phrase "[<state>] Ministry|Department of <words>" that is no mention yet is the corpus's Ministry of one
of the statement's sides whose label has the same head (Ministry, Department) and the same words after
"of" ("National" ignored), of the state the phrase names where it names one; only when exactly one such
ministry is left (a bare "Ministry of Defense" of a statement of Japan and the ROK is neither).
"""

from __future__ import annotations

import re

_HEAD = re.compile(r"\b(Ministry|Department)\s+of\s+((?:[A-Z][a-z]+)(?:\s+(?:and\s+)?[A-Z][a-z]+){0,3})")


def _key(head: str, words: str) -> tuple[str, tuple[str, ...]]:
    return head.lower(), tuple(w.lower() for w in words.split() if w.lower() not in ("national", "and"))


def short_ministries(finder) -> None:
    d, s, lex, reg = finder.d, finder.s, finder.lex, finder.reg
    known = []
    for k in reg.entities.values():
        m = _HEAD.search(k.label or "") if k.cls == "Ministry" else None
        side = finder._side_of_post(k.id) if m else None
        if m and side in d.sides:
            known.append((k.id, side, _key(m.group(1), m.group(2))))
    if not known:
        return
    states = sorted(lex.state_words.items(), key=lambda x: -len(x[0]))
    pre = re.compile(r"(?:^|\s)(" + "|".join(re.escape(w) for w, _ in states) + r")(?:\s+\([A-Z.]{2,6}\))?\s+$")
    for m in _HEAD.finditer(s, d.title_span[1]):
        b, e = m.start(), m.end()
        if any(x < e and b < y for ent in d.entities.values() for x, y in ent.spans if ent.cls != "State"):
            continue
        mp = pre.search(s[max(0, b - 40):b])
        state = lex.state_words[mp.group(1)] if mp else None
        words = m.group(2).split()
        for n in range(len(words), 0, -1):  # "Department of Defense and Republic of Korea …": the longest that is one
            if words[n - 1] == "and":
                continue
            want = _key(m.group(1), " ".join(words[:n]))
            hits = [i for i, sd, key in known if key == want and (state is None or sd == state)]
            if len(hits) == 1:
                qb = b - len(mp.group(0).lstrip()) if mp else b
                mw = re.match(r"\s+".join(map(re.escape, words[:n])), s[m.start(2):e])
                finder.reuse(hits[0], qb, m.start(2) + mw.end() if mw else e)
                break
