"""Subjects of the genre that name persons.

"Prime Minister Kishida Fumio of Japan, President Yoon Suk Yeol of the Republic of Korea (ROK), and
President Joseph R. Biden, Jr. of the United States reaffirmed …": each item of such a list is a title,
a person the text names, and what the genre hangs on the name ("Jr.", "of <state>", "(ACR)"). An item
is that person when nothing else is left around the person's mention.
"""

from __future__ import annotations

import re

_AROUND_BEFORE = re.compile(r"(?:(?:the|and)\s+)?(?:[A-Z][\w.’'\-]*\s+(?:(?:of|for)\s+(?:the\s+)?)?){0,6}")  # "India’s Minister of Defence"
_AROUND_AFTER = re.compile(r"(?:,?\s+(?:Jr\.|Sr\.|III|II|IV))?(?:\s+of\s+(?:the\s+)?(?:(?:[A-Z][\w.’'\-]*|of)\s*){1,5})?(?:\s*\([A-Z]{2,8}\))?\s*")


def named_person(finder, c: str, cb: int, ce: int) -> list[str] | None:
    """The one person whose mention lies inside the item ``c`` (at ``cb``..``ce``) with only a title
    before it and only "Jr.", "of <state>" or "(ACR)" after it."""
    s = finder.s
    hits = []
    for ent in finder.d.entities.values():
        if ent.cls != "Person":
            continue
        for x, y in ent.spans:
            if cb <= x and y <= ce + 1 and _AROUND_BEFORE.fullmatch(s[cb:x]) and _AROUND_AFTER.fullmatch(s[y:ce]):
                hits.append(ent.id)
                break
    return hits if len(set(hits)) == 1 else None


def conditional_own_voice(finder, act) -> None:
    """"If North Korea carries out a nuclear test, North Korea will bear responsibility …": a clause with
    a condition whose subject is only states the statement does not speak for, and whose verb is a modal,
    is said in the statement's own voice: an affirmation of the parties who spoke last (else the sides),
    the subject being what the clause is about, not who says it."""
    d = finder.d
    if act.condition is None or act.agent_in_sentence or not act.agents:
        return
    if finder.s[act.verb[0]:act.verb[1]].lower() not in finder.lex.own_voice_modals:
        return
    if not all(a.startswith("state/") and a not in d.sides for a in act.agents):
        return
    prev = [a for a in d.acts if a.agents and a.agents != ["?participial"]]
    speakers = list(prev[-1].agents) if prev else finder.sides("sides")
    span = prev[-1].agent_span if prev else _sides_named_before(finder, act.span[0])
    if not speakers or span is None:
        return
    act.comments.append(f"a clause with a condition about {', '.join(act.agents)} in the statement's own voice: "
                        f"read as an affirmation of {', '.join(speakers)}; check it")
    act.kind, act.agents, act.agent_span = "affirmation", speakers, span


def _sides_named_before(finder, pos: int) -> tuple[int, int] | None:
    """The last phrase before ``pos`` that names all the statement's sides as one list."""
    d, s = finder.d, finder.s
    hits = sorted((x, y, ent.id) for ent in d.entities.values() if ent.id in d.sides for x, y in ent.spans if y <= pos)
    best = None
    i = 0
    while i < len(hits):
        j, seen = i, {hits[i][2]}
        while j + 1 < len(hits) and re.fullmatch(r"\s*(?:\([^)]{1,12}\))?\s*(?:,|,?\s+and)\s*(?:the\s+)?", s[hits[j][1]:hits[j + 1][0]]):
            j += 1
            seen.add(hits[j][2])
        if seen >= set(d.sides):
            b = hits[i][0]
            mb = re.search(r"(?:[A-Z][a-z]+\s+(?:from|of)\s+)?(?:the\s+)?$", s[max(0, b - 24):b])
            best = (b - len(mb.group(0)) if mb else b, hits[j][1])
        i = j + 1
    return best


def collective_of_states(finder, text: str) -> list[str] | None:
    """"The leaders of Japan, the Republic of Korea, and the United States", "the delegations of the
    United States and the ROK", "The defense ministers from Japan and Australia": a collective head
    (lexicon `collective`) "of" or "from" a list of states is that collective of those states (leaders:
    their heads of state or government where the text names them, else the states)."""
    m = re.match(r"(?:the\s+|both\s+|all\s+)?(?:[a-z]+\s+){0,2}?([A-Za-z\-]+)\s+(?:of|from)\s+(.+)$", text, re.I)
    if not m or m.group(1).lower() not in finder.lex.collective:
        return None
    items = [c for c in re.split(r",\s*(?:and\s+)?|\s+and\s+", m.group(2)) if c.strip()]
    states = [finder._state_word(c) for c in items]
    if len(items) < 2 or None in states:
        return None
    if finder.lex.collective[m.group(1).lower()] == "leaders":  # the heads of those states, else the states
        return finder.leaders(states)
    return finder._collective(m.group(1).lower(), states)


def counted_group(finder, c: str) -> str:
    """A counted or abbreviated group of the genre as the collective it is: "the three National Security
    Advisors (NSAs)" (the acronym after it dropped), "The three NSAs" (a plural acronym the text defines
    stands for its words: "the three National Security Advisors"), "The participants from all three
    countries" (a phrase "from/of (all|the|both) <number> countries|nations|sides|states" after a collective
    head says no more than the head). The number itself is a qualifier of the lexicon."""
    c = re.sub(r"\s*\([A-Z][A-Za-z]{1,8}\)$", "", c)
    c = re.sub(r"(?<=[a-z])\s+(?:from|of)\s+(?:all\s+|the\s+|both\s+)?(?:[a-z]+\s+)?(?:countries|nations|sides|states)$", "", c)
    m = re.search(r"\b([A-Z]{2,8})s$", c)
    if m:
        d = re.search(r"((?:[A-Z][\w\-]*\s+){0,5}[A-Z][\w\-]*)\s*\(" + m.group(1) + r"s?\)", finder.s)
        if d:
            c = c[:m.start()] + d.group(1)
    return c


def holders(finder, head: str, states: list[str] | None) -> list[str]:
    """"The three National Security Advisors", "the Ambassadors": the persons the text names holding a post
    whose label has the head's singular, or whom the text names right after that title ("National Security
    Advisor Jake Sullivan"), in the order of the text (none: [])."""
    one = head[:-3] + "y" if head.endswith("ies") else head[:-1] if head.endswith("s") else head
    rx = re.compile(r"\b" + re.escape(one) + r"\b", re.I)
    out = []
    for ent in sorted(finder.d.entities.values(), key=lambda x: min((b for b, _ in x.spans), default=0)):
        if ent.cls != "Person" or states and ent.side not in states:
            continue
        for f in ent.facts:
            pe = finder.d.entities.get(f.obj) if f.prop == "org:holds" else None
            if pe and rx.search(pe.label or "") and ent.id not in out:
                out.append(ent.id)
        if ent.id not in out and any(re.search(r"\b" + re.escape(one) + r"\s+(?:[A-Z][a-z]*\.\s+)?$", finder.s[max(0, x - 40):x], re.I)
                                     for x, _ in ent.spans):
            out.append(ent.id)
    return out
