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


def meeting_body_by_role(finder) -> None:
    """"U.S. Secretary of Defense Austin, Japanese Minister of Defense Hamada, and ROK Minister of National
    Defense Lee convened a Trilateral Ministerial Meeting": a meeting of no named body whose named persons
    all hold posts of one role (lexicon `meeting_roles`: the words of their posts) is a meeting of the
    body the corpus knows for that role ("Trilateral meetings between the defense ministers of …") with
    the statement's sides as its members — when exactly one such body is known."""
    d, reg, lex = finder.d, finder.reg, finder.lex
    roles = lex.data.get("meeting_roles") or {}
    meeting = d.entities.get(d.reports) if d.reports else None
    if not roles or meeting is None or meeting.cls != "Meeting" or meeting.known or not meeting.spans \
            or any(f.prop == "meetingOf" for f in meeting.facts) or len(d.sides) < 2:
        return
    posts = []
    for ent in d.entities.values():
        if ent.cls == "Person":
            posts += [d.entities[f.obj].label or "" for f in ent.facts if f.prop == "org:holds" and f.obj in d.entities]
    if len(posts) < 2:
        return
    not_ranks = lex.data.get("meeting_roles_not_ranks") or []  # a Vice Foreign Minister is no foreign minister
    if any(re.search(r"\b" + re.escape(w) + r"\b", p) for w in not_ranks for p in posts):
        return
    role = [r for r, words in roles.items() if all(any(re.search(r"\b" + re.escape(w) + r"\b", p) for w in words) for p in posts)]
    if len(role) != 1:
        return
    found = [k for k in reg.entities.values() if k.cls == "Talks" and re.search(r"\bbetween the " + re.escape(role[0]) + r"\b", k.label or "")
             and {o for p, o, _ in k.facts if p == "org:hasMember"} == set(d.sides)]
    if len(found) != 1:
        return
    b, e = min(meeting.spans)
    if not re.search(r"\b(?:[Mm]eetings?|[Ss]ummit|[Tt]alks)\b", finder.s[b:e]):
        return  # the meeting is named by no meeting noun (a title naming the persons): no mention of a body
    body = finder.reuse(found[0].id, b, e)
    if body is None:
        return
    meeting.add_fact("meetingOf", body.id, finder.t.quote(b, e),
                     f"every person the text names holds a post of the {role[0]}: the corpus's body of their meetings")
