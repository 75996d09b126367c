"""The meeting a statement reports (kg.draft.entities' EntityFinder, as a mixin): an ordinal meeting of a
body in its first sentences ("held the 25th Korea-U.S. Integrated Defense Dialogue"), a meeting of a body
the first sentence convenes and the title names, a meeting the corpus already knows, or (a leaders'
statement) the meeting the title and first sentence speak of; whether the text reports it held."""

from __future__ import annotations

import re
from datetime import date

from kg.draft.model import Entity, Fact, slug


def _ordinal(word: str, lex) -> int | None:
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", word)
    if m:
        return int(m.group(1))
    return lex.ordinals.get(word.lower())


def _ord_word(n: int) -> str:
    if 10 <= n % 100 <= 20:
        suf = "th"
    else:
        suf = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suf}"


def _meeting_noun(lex) -> re.Pattern:
    """"convened a U.S.-Japan ministerial meeting on extended deterrence": a meeting noun of the lexicon
    (`meeting_nouns`) after an article, with up to six words before it (the words of the mention, the
    article left out) and a short "on …" after it."""
    nouns = "|".join(map(re.escape, sorted(lex.data.get("meeting_nouns") or [], key=len, reverse=True)))
    return re.compile(r"\b(?:a|an|the|their)\s+((?:[\w.'’+-]+\s+){0,6}?(?:" + nouns + r")"
                      r"(?:\s+on\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?)?)\b", re.I)


class MeetingMixin:
    # ------------------------------------------------------------------ the meeting reported
    def meeting(self) -> None:
        """The meeting the statement reports: an ordinal meeting of a body in its first sentences,
        or (a leaders' statement) the meeting the title and first sentence speak of."""
        limit = self._first_paragraphs(2)
        ords = "|".join(list(self.lex.ordinals) + [w.capitalize() for w in self.lex.ordinals])
        pat = re.compile(r"\b(\d+(?:st|nd|rd|th)|" + ords + r")\b((?:\s+(?:annual|high-level|principal-level|regular))*)\s+")
        best = None
        for m in pat.finditer(self.s, 0, limit):
            n = _ordinal(m.group(1), self.lex)
            rest_b = m.end()
            window = self.s[rest_b: rest_b + 160]
            # "the inaugural meeting of the NCG": the body after "meeting of"
            mo = re.match(r"(?:meeting|session)\s+of\s+(?:the\s+)?", window)
            body = None
            if mo:
                body = self._body_at(rest_b + mo.end(), rest_b + 160)
            else:
                body = self._body_at(rest_b, rest_b + 160, first=True)
            if body is None:
                continue
            bent, bb, be = body
            end = be
            tail = re.match(r"\s*(?:\([A-Z][A-Za-z\-]+\))?(\s+(?:meeting|Meeting))?", self.s[be:])
            if tail:
                end = be + tail.end()
            cand = (n, bent, m.start(), end)
            if best is None:
                best = cand
            if m.start() >= self.d.title_span[1] or self.d.title_span[1] <= self.d.title_span[0]:
                # the text's own mention (where it says the meeting was held) before the title's
                if best[2] < self.d.title_span[1] and (best[0], best[1].id) == (n, bent.id):
                    best = cand
                break
        sid = self.d.id
        if best is not None:
            n, bent, b, e = best
            acr = bent.acronym[0] if bent.acronym else (self.reg.get(bent.id).acronyms and sorted(self.reg.get(bent.id).acronyms)[0] if self.reg.get(bent.id) else None)
            key = slug(acr) if acr else bent.id.split("/", 1)[1]
            ident = f"event/{key}-{n}"
            same = self._known_meeting(bent.id, n)
            if same and same != ident and self.reg.get(ident) is None:
                ident = same
            k = self.reg.get(ident)
            label = k.label if k else f"{_ord_word(n)} {bent.label}" + ("" if bent.cls in ("Dialogue", "ConsultativeMeeting", "Talks") else " meeting")
            b, e = self.t.clean(b, e)
            ent = self.d.add(Entity(ident, "Meeting", label, known=k is not None))
            ent.add_mention(self.t.mention(b, e), (b, e))
            ent.add_fact("meetingOf", bent.id, self.t.quote(b, e))
            ent.add_fact("ordinal", n, self.t.quote(b, e))
            self.d.reports = ident
            self.meeting_span = (b, e)
            self.meeting_body = bent.id
            self.d.document.append(Fact("reports", ident, self.t.quote(b, e)))
            self.d.meeting_short = f"{_ord_word(n)} {acr}" if acr else label
        else:
            tb, te = self.d.title_span
            mbody = self._meeting_body_named()
            ident = (self._known_meeting(mbody[0].id, None) if mbody else None) or self._known_meeting(None, None) or f"event/{sid}"
            k = self.reg.get(ident)
            ent = self.d.add(Entity(ident, "Meeting", k.label if k else f"Meeting reported by the {self.d.title}", known=k is not None))
            if te > tb:
                ent.add_mention(self.t.mention(tb, te), (tb, te))
            else:  # the text does not repeat its title: the meeting its first sentence names, else that sentence
                tb, te = self.t.clean(*self.t.sentences[0]) if self.t.sentences else (0, len(self.s))
                named = _meeting_noun(self.lex).search(self.s, tb, te)
                if named:
                    tb, te = named.start(1), named.end(1)
                ent.add_mention(self.t.mention(tb, te), (tb, te))
                ent.comments.append("the text does not repeat its title: the meeting is named by "
                                    + ("the words of its first sentence" if named else "its first sentence (no meeting noun found)"))
            if k is not None:
                ent.comments.append("the corpus knows a meeting held on the days this text gives, with the persons it names: reused (check it is the same meeting)")
            else:
                ent.comments.append("the drafter found no named meeting with an ordinal; it stands for the meeting the title reports — name it (and its id) as the series does, e.g. event/us-rok-summit-2022-05")
            self.d.reports = ident
            self.d.document.append(Fact("reports", ident, self.t.quote(tb, te)))
            self.meeting_span = (tb, te)
            self.meeting_body = None
            if mbody:
                bent, bb, be = mbody
                if k is None:
                    ent.label = f"{bent.label} meeting"
                ent.add_fact("meetingOf", bent.id, self.t.quote(bb, be))
                ent.add_mention(self.t.mention(bb, be), (bb, be))
                self.meeting_body = bent.id
                self.meeting_span = (bb, be)
            self.d.meeting_short = "meeting"
        # held: the sentence that reports it
        sb, se = self.t.sentence_of(self.meeting_span[0])
        sent = self.s[sb:se]
        m = re.search(r"\b(held|convened|launched|met|took place|was held|were held|hosted|gathered)\b", sent)
        meeting = self.d.entities[self.d.reports]
        if m:
            vb, ve = sb + m.start(), sb + m.end()
            lo, hi = min(vb, self.meeting_span[0]), max(ve, self.meeting_span[1])
            meeting.add_fact("status", "status:held", self.t.quote(lo, hi))
            self.held_sentence = (sb, se)
        else:
            held = None
            if self.meeting_span[0] < max(self.d.title_span[1], 1):
                # the title names the meeting: the first sentence that reports one held ("We, the leaders …, met")
                limit = self._first_paragraphs(2)
                for sb2, se2 in self.t.sentences:
                    if sb2 < self.d.title_span[1] or sb2 >= limit:
                        continue
                    m2 = re.search(r"\b(held|convened|met|took place|was held|were held|gathered)\b", self.s[sb2:se2])
                    if m2:
                        held = (sb2, se2, sb2 + m2.end())
                        break
            if held:
                meeting.add_fact("status", "status:held", self.t.quote(*self.t.clean(held[0], held[2])),
                                 "the sentence that reports a meeting held; check it is the one the title names")
                self.held_sentence = (held[0], held[1])
            else:
                meeting.add_fact("status", "status:held", self.t.quote(*self.meeting_span),
                                 "the drafter found no verb reporting the meeting held; the statement reports it")
                self.held_sentence = (sb, se)
                # no body, no meeting the corpus knows, no verb of meeting: perhaps a statement reacting to an event
                self.no_meeting = best is None and self.meeting_body is None and not meeting.known

    def _meeting_body_named(self):
        """"held an Extended Deterrence Strategy and Consultation Group (EDSCG) meeting": a known body
        followed by "meeting" in the first paragraphs (the title first)."""
        limit = self._first_paragraphs(2)
        verbs = "|".join(map(re.escape, sorted(self.lex.data.get("meeting_verbs") or [], key=len, reverse=True)))
        convened = None
        for ent in self.d.entities.values():
            if not ent.id.startswith("body/"):
                continue
            for b, e in sorted(ent.spans):
                if b >= limit:
                    continue
                m = re.match(r"\s*(?:\([A-Z][A-Za-z\-]+\))?\s+[Mm]eeting\b", self.s[e:e + 20])
                if m:
                    return ent, b, e + m.end()
                # "convened the U.S.-Japan Security Consultative Committee (SCC)": a body convened is met
                mv = re.search(r"\b(?:" + verbs + r")\s+(?:the\s+)?$", self.s[max(0, b - 30):b]) if verbs else None
                if mv and convened is None and b >= self.d.title_span[1] and self._named_in_title(ent):
                    ma = re.match(r"\s*\([A-Z][A-Za-z\-]+\)", self.s[e:e + 20])
                    convened = (ent, b - len(mv.group(0)), e + (ma.end() if ma else 0))
        return convened

    def _named_in_title(self, ent: Entity) -> bool:
        """The title names the body: its label (without a state prefix such as "U.S.-Japan") or an acronym."""
        title = " " + " ".join(self.d.title.split()) + " "
        label = re.sub(r"^\S+[-–]\S+\s+", "", ent.label or "") if re.match(r"\S+[-–]\S+\s", ent.label or "") else ent.label or ""
        forms = {label, ent.label or ""} | set(ent.acronym)
        return any(f and re.search(r"(?<![\w\-])" + re.escape(f) + r"(?![\w\-])", title) for f in forms)

    def _text_days(self) -> tuple[str, str] | None:
        """The days of the first full date of the text's first paragraphs (the dateline or the meeting's)."""
        months = self.lex.months
        mon = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
        m = re.search(r"\b(" + mon + r")\s+(\d{1,2})(?:\s*[-–]\s*(?:(" + mon + r")\s+)?(\d{1,2}))?,\s+(\d{4})\b",
                      self.s[: self._first_paragraphs(2)])
        if not m:  # "12 July 2023": a day written day-first
            md = re.search(r"\b(\d{1,2})\s+(" + mon + r")\s+(\d{4})\b", self.s[: self._first_paragraphs(2)])
            try:
                day = date(int(md.group(3)), months[md.group(2)], int(md.group(1))).isoformat() if md else None
            except ValueError:
                day = None
            return (day, day) if day else None
        # "met in Tokyo Jan. 30-31" beside a dateline "January 31, 2013": the yearless range is the meeting's
        r = re.search(r"(?<![\w.])(" + mon + r")\s+(\d{1,2})\s*[-–]\s*(?:(" + mon + r")\s+)?(\d{1,2})\b(?!,?\s+\d{4})",
                      self.s[: self._first_paragraphs(2)])
        if r:
            try:
                y = int(m.group(5))
                b = date(y, months[r.group(1)], int(r.group(2)))
                e = date(y, months[r.group(3)] if r.group(3) else months[r.group(1)], int(r.group(4)))
                if b <= e:
                    return b.isoformat(), e.isoformat()
            except ValueError:
                pass
        try:
            y = int(m.group(5))
            m1 = months[m.group(1)]
            m2 = months[m.group(3)] if m.group(3) else m1
            b = date(y, m1, int(m.group(2)))
            e = date(y, m2, int(m.group(4) or m.group(2)))
        except ValueError:
            return None
        return b.isoformat(), e.isoformat()

    def _known_meeting(self, body: str | None, n: int | None) -> str | None:
        """A meeting the corpus knows that is this one: of the same body with the same ordinal, or of the
        same body (for a meeting without a body: with the persons this text names) at a time the corpus
        gives that holds this text's first date. Never a duplicate of a known meeting."""
        days = self._text_days()
        named = {e.id for e in self.d.entities.values() if e.cls == "Person"}
        for k in self.reg.entities.values():
            if k.cls != "Meeting":
                continue
            of = {o for p, o, _ in k.facts if p == "meetingOf"}
            ords = {o for p, o, _ in k.facts if p == "ordinal"}
            if body is not None:
                if body not in of:
                    continue
                if n is not None and n in ords:
                    return k.id
                if ords and n is not None:
                    continue
            else:
                people = {o for p, o, _ in k.facts if p == "participant" and isinstance(o, str) and o.startswith("person/")}
                if of or not people or not people <= named:
                    continue
            if days is None:
                continue
            for p, o, sid in k.facts:
                if p == "time:hasTime" and isinstance(o, str):
                    kd = self.reg.days(sid, o)
                    if kd and kd[0] <= days[0] and days[1] <= kd[1]:
                        return k.id
        return None

    def _first_paragraphs(self, n: int) -> int:
        paras = self.t.paragraphs()
        return paras[min(n, len(paras) - 1)][1] if paras else len(self.s)

    def _body_at(self, b: int, e: int, first: bool = False):
        """A body named at (or soon after) b: a known body, or one defined with an acronym."""
        cands = []
        for ent in self.d.entities.values():
            if not ent.id.startswith("body/"):
                continue
            for sb, se in ent.spans:
                if b <= sb < e:
                    gap = self.s[b:sb]
                    if first and not re.fullmatch(r"[\w.\-()’' ]*", gap):
                        continue
                    if first and len(gap.split()) > 8:
                        continue
                    cands.append((sb, -(se - sb), ent, se))
        if not cands:
            return None
        cands.sort(key=lambda c: (c[0], c[1]))
        sb, _, ent, se = cands[0]
        return ent, sb, se
