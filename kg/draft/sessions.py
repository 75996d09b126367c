"""Sessions the text names (kg.draft.entities' EntityFinder, as a mixin): "co-chaired the X
Session", a sentence opening "During the DSC, …" or "At the SPI, …" (a session of the meeting
reported, of the body it names), and "In this session, …" (the session named last); each sentence's
paragraph is placed in its session (``session_at``, read by kg.draft.content). A session named as
the subject of a discussion is kg.draft.session_acts.
"""

from __future__ import annotations

import re

from kg.draft.model import Entity, slug


class SessionMixin:
    def sessions(self) -> None:
        """Sessions the text names: "co-chaired the X Session", "During the DSC, …", "At the SPI, …"."""
        self.session_at: list[tuple[int, int, str, tuple[int, int]]] = []  # (para begin, para end, id, quote span)
        reports = self.d.reports
        for m in re.finditer(r"\b(?:co-chaired|chaired|held|convened)\s+the\s+((?:[A-Z][\w\-]*\s+)+Session)\b", self.s):
            name = m.group(1)
            b, e = m.start(1), m.end(1)
            ident = f"event/{self.d.id}/{slug(re.sub(r' Session$', '', name))}-session"
            ent = self.d.add(Entity(ident, "Session", f"{name} of the {self.d.meeting_short}"))
            ent.add_mention(self.t.mention(b, e), (b, e))
            ent.add_fact("sessionOf", reports, self.t.quote(m.start(), e))
            ent.add_fact("status", "status:held", self.t.quote(m.start(), e))
            self.last_named_session = (ident, m.start())
        for sb, se in self.t.sentences:
            sent = self.s[sb:se]
            mm = re.match(r"(In\s+this\s+session|During\s+this\s+session|In\s+the\s+session),", sent)
            ident = None
            if mm:
                cand = None
                for ent in self.d.entities.values():
                    if ent.cls == "Session" and any(b < sb for b, _ in ent.spans):
                        cand = ent if cand is None or max(b for b, _ in ent.spans if b < sb) > max(b for b, _ in cand.spans if b < sb) else cand
                if cand is None:
                    continue
                ident = cand.id
                qend = sb + mm.end()
            else:
                mm = re.match(r"(During|At|In)\s+the\s+", sent)
                if not mm:
                    continue
                comma = sent.find(",", mm.end())
                if comma < 0 or comma - mm.end() > 120:
                    continue
                body = self._body_at(sb + mm.end(), sb + comma + 1, first=True)
                if body is None:
                    continue
                bent, bb, be = body
                if bent.id == self.meeting_body:
                    continue
                if not re.fullmatch(r"[\s()A-Za-z\-]*", self.s[be: sb + comma]):
                    continue
                k = self.reg.get(bent.id)
                acr = bent.acronym[0] if bent.acronym else (sorted(k.acronyms)[0] if k and k.acronyms else None)
                key = slug(acr) if acr else bent.id.split("/", 1)[1]
                ident = f"event/{self.d.id}/{key}-session"
                ent = self.d.add(Entity(ident, "Session", f"{bent.label} session of the {self.d.meeting_short}"))
                phrase_b, phrase_e = sb, sb + comma
                ent.add_mention(self.t.mention(phrase_b, phrase_e), (phrase_b, phrase_e))
                ent.add_fact("sessionOf", reports, self.t.quote(phrase_b, phrase_e),
                             "the statement reports its meeting; what was said there was said at a session of it")
                ent.add_fact("meetingOf", bent.id, self.t.quote(phrase_b, phrase_e))
                ent.add_fact("status", "status:held", self.t.quote(phrase_b, phrase_e))
                qend = sb + comma + 1
            pb, pe = self.t.paragraph_of(sb)
            self.session_at.append((sb, pe, ident, (sb, qend)))
        self.d.session_at = self.session_at
