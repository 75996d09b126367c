"""A session as the subject of a noun of discussing: "The plenary session included discussion on a wide
variety of issues …". The sentence names the session, not who spoke: the act (of the noun's kind,
lexicon `noun_acts.nouns`) is that of the parties who spoke last (else the statement's sides, as last
named together), placed in the session, a new Session of the meeting the statement reports. The verbs
that let a session hold a discussion are data (lexicon `session_acts.verbs`).
"""

from __future__ import annotations

import re

from kg.draft.model import Act, Entity, slug


def session_act(finder, sb: int, se: int) -> Act | None:
    d, s, lex = finder.d, finder.s, finder.lex
    spec = lex.data.get("session_acts") or {}
    verbs = spec.get("verbs") or []
    nouns = (lex.data.get("noun_acts") or {}).get("nouns") or {}
    if not verbs or not nouns or not d.reports or d.reports not in d.entities:
        return None
    by_noun = {n: kind for kind, ns in nouns.items() for n in ns}
    alt = "|".join(r"\s+".join(map(re.escape, n.split())) for n in sorted(by_noun, key=len, reverse=True))
    rx = re.compile(r"\s*((?:The|the|This|this)\s+((?:[a-z][a-z\-]+\s+){0,2})session)\s+(" + "|".join(map(re.escape, verbs))
                    + r")\s+(?:(?:a|an|the)\s+)?(?:[a-z][a-z\-]+\s+){0,2}?(" + alt + r")\s+(?:on|of|about|regarding|concerning)\s+")
    m = rx.match(s, sb, se)
    if not m:
        return None
    from kg.draft.subjects import _sides_named_before

    prev = [a for a in d.acts if a.agents and a.agents != ["?participial"]]
    agents = list(prev[-1].agents) if prev else finder.sides("sides")
    agent_span = prev[-1].agent_span if prev else _sides_named_before(finder, sb)
    if not agents or agent_span is None:
        return None
    qual = " ".join(m.group(2).split())
    ident = f"event/{d.id}/{slug(qual + ' session') if qual else 'session'}"
    qb, qe = m.start(1), m.end(4)
    ent = d.entities.get(ident) or d.add(Entity(ident, "Session", f"{(qual + ' session').strip().capitalize()} of the {d.meeting_short}"))
    ent.add_mention(finder.t.mention(m.start(1), m.end(1)), (m.start(1), m.end(1)))
    if not ent.facts:
        ent.add_fact("sessionOf", d.reports, finder.t.quote(qb, qe))
        ent.add_fact("status", "status:held", finder.t.quote(qb, qe))
        ent.comments.append(f"new Session “{s[m.start(1):m.end(1)]}”, named as the subject of a discussion; check it")
    end = se
    while end > m.end() and s[end - 1] in " \n.":
        end -= 1
    act = Act("", by_noun[" ".join(m.group(4).split())], (m.start(1), end), (m.start(3), m.end(4)), agents, agent_span, False,
              (m.end(), end), session=ident, session_span=(qb, qe),
              comments=[f"the sentence names the session, not its speakers: read as {', '.join(agents)}, who spoke last; check it"])
    return act
