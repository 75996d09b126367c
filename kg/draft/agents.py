"""Who made an act (kg.draft.acts' ActFinder, as a mixin): one reporting verb as an act, of the
verb's kind, whose agents its subject names. The subject is the words from the clause start to the
verb, without the adverbs, conjunctions and openers before it ("Through these consultations we …");
a comma before "and" may cut a list of parties ("Japan, the ROK, and the United States"). An empty
subject after "and" or a comma continues the act before it; an -ing form opening a clause waits for
the subject of its sentence (kg.draft.acts); a verb that is an infinitive, a participle of a list or
part of another act's content makes no act. What parties a subject names is kg.draft.parties.
"""

from __future__ import annotations

import re

from kg.draft.model import Act
from kg.draft.verbs import _Cand

_PARTICIPLE_LIST = re.compile(r"\b[a-z]+(?:ed|en)\s+by\b[^;.]*,\s+[a-z]+(?:ed|en)\s+by\b")
_BOUNDARY = re.compile(r"[,;:—(]|\s–\s")


class AgentMixin:
    @property
    def _opener_phrase(self):
        """An opener the genre writes without its comma before the subject (lexicon `opener_phrases`)."""
        if not hasattr(self, "_opener_rx_cache"):
            words = self.lex.data.get("opener_phrases") or []
            self._opener_rx_cache = re.compile(r"(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))
                                               + r")\s+", re.I) if words else None
        return self._opener_rx_cache

    def make(self, c: _Cand, sb: int, se: int, acts: list[Act]) -> Act | None:
        s = self.s
        # the clause before the verb
        left = s[sb:c.b]
        bpos = sb
        for m in _BOUNDARY.finditer(left):
            if m.group(0) == "," and re.match(r"\s*(?:Jr\.|Sr\.|I{2,3}|IV)(?![\w])", left[m.end():]):
                continue  # "Joseph R. Biden, Jr.": the comma is part of the name
            if m.group(0) == "(" and re.match(r"[A-Z]{2,8}s?\)", left[m.end():]):  # "(NSAs)" too
                continue  # "the Republic of Korea (ROK)": an acronym in brackets is part of the name
            if m.group(0) == "(" and re.fullmatch(r"[^(),;]{1,40}\)\s*", left[m.end():]):
                continue  # "the Ministers and Secretaries (the principals) determined": a bracket closing at the verb is the subject's
            bpos = sb + m.end()
        subj_b, subj_e = self._strip_adverbs(bpos, c.b)
        mbr = re.search(r"\s*\([^(),;]{1,40}\)$", s[subj_b:subj_e])  # "… Secretaries (the principals)": the apposition dropped
        if mbr and not re.fullmatch(r"\s*\([A-Z]{2,8}s?\)", mbr.group(0)) and mbr.start() > 0:
            subj_e = subj_b + mbr.start()
        if bpos > sb and s[bpos - 1] == "," and re.match(r"and\s", s[subj_b:subj_e]):
            subj_b = self._list_subject(sb, bpos, subj_b, subj_e) or subj_b
        mconj = re.match(r"(?:and|but|while|as well as)\s+", s[subj_b:subj_e], re.I)
        if mconj and re.fullmatch(r"(?:and|but|while|as well as)\s+", s[subj_b:subj_e] + " ", re.I) is None:
            subj_b, subj_e = self._strip_adverbs(subj_b + mconj.end(), subj_e)
            if subj_b >= subj_e:
                subj_b = subj_e
        # "Through these consultations we intend …": a prepositional opener without its comma
        mpro = re.match(r"(?:through|in|with|as|for|by|at|on|under|to|since|given|today|together|because|although|while|when)\b[^,;]*?\s(we|they)$", s[subj_b:subj_e], re.I)
        if mpro and not re.search(r"\b(?:which|that|who|whom|whose|where|when)\b", s[subj_b:subj_e], re.I):
            subj_b = subj_b + mpro.start(1)
        mop = self._opener_phrase.match(s[subj_b:subj_e]) if self._opener_phrase else None
        if mop and mop.end() < subj_e - subj_b:  # "In this process the three countries will …"
            subj_b += mop.end()
        subject = s[subj_b:subj_e]
        if subject.lower() in ("and", "but", "while", "as well as", "and then"):
            subject = ""
        if acts and _PARTICIPLE_LIST.search(s[max(a.verb[1] for a in acts):c.b]) and re.search(r",?\s+and\s+$", s[sb:c.b]):
            return None  # "a partnership guided by …, driven by …, and committed to …": a participle of the list
        held = getattr(self.d, "held_sentence", None)
        if c.form.describes_meeting and held and self.t.paragraph_of(sb) == self.t.paragraph_of(held[0]):
            return None  # "the two sides held a robust exchange on …" where the meeting is reported: the meeting
        if re.search(r"\bto\s+$", s[max(sb, c.b - 4):c.b]) and (" " not in c.form.words or c.form.pattern):
            from kg.draft.purpose import purpose_act

            return None if acts else purpose_act(self, c, sb)  # an infinitive in the complement ("pledge to support …")
        mi = re.search(r"\bto\s+([a-z]+)\s+and\s+$", s[max(sb, c.b - 40):c.b])
        if mi and not c.form.modal and any(v.words.lower() == mi.group(1) for v, _rx, _f in self._verb_res):
            return None  # the second of two infinitives ("a venue to discuss and affirm …")
        if subject and any(subj_b <= a.verb[0] < subj_e for a in acts):
            # an act of this sentence stands in the way: this verb continues it, or is part of its content
            joined = self._joined.search(s[sb:c.b])
            if not joined:
                # "A outlined X and President Biden expresses …": a party of its own after the last "and"
                last = max(a.verb[1] for a in acts if subj_b <= a.verb[0] < subj_e)
                m = list(re.finditer(r"(?:,\s*|\s)and\s+", s[last:subj_e]))
                mas = list(re.finditer(r"\bas\s+(?:both\s+)?", s[last:subj_e]))  # "that as both President Biden and President Yoon stated"
                if mas and self.resolve(s[last + mas[-1].end():subj_e], last + mas[-1].end(), subj_e):
                    m = mas[-1:]
                if not m:
                    return None
                seg_b, seg_e = self._strip_adverbs(last + m[-1].end(), subj_e)
                got = self.resolve(s[seg_b:seg_e], seg_b, seg_e) if seg_b < seg_e else None
                if not got:
                    return None
                subj_b, subj_e, subject = seg_b, seg_e, s[seg_b:seg_e]
            else:
                subject = ""
        kind = c.form.kind
        after = s[c.e:se].lstrip()
        if c.form.that_kind and re.match(r"that\b", after):
            kind = c.form.that_kind
        if c.form.ing_kind and re.match(r"[a-z]+ing\b", after):
            kind = c.form.ing_kind
        that = r"(?:that\s+)?" if c.form.words.endswith(" that") else r"that\s+"
        if c.form.self_will_kind and re.match(that + r"(?:they|we|both sides|the two sides|both leaders)\s+(?:will|would|shall)\b", after, re.I):
            kind = c.form.self_will_kind
        if kind == "applause" and c.form.words.lower().startswith("welcome") and self._welcomes_person(c.e):
            kind = self.lex.welcome_person_kind
        agents = self.resolve(subject, subj_b, subj_e) if subject else None
        in_sentence = False
        comments: list[str] = []
        if agents is None and subject:
            # "… is strong and reaffirmed …": the segment after the last "and"
            m = list(re.finditer(r"\b(?:and|as well as|but)(?:\s+|$)", subject))
            if m:
                seg_b = subj_b + m[-1].end()
                seg_b, seg_e = self._strip_adverbs(seg_b, subj_e)
                if seg_b >= seg_e:
                    subject = ""
                else:
                    got = self.resolve(s[seg_b:seg_e], seg_b, seg_e)
                    if got is not None:
                        agents, subj_b, subj_e = got, seg_b, seg_e
        if agents is None and subject and not any(sb <= a.verb[0] < c.b for a in acts):
            dels = self._delegations_opening(sb, c.b)
            if dels:
                agents, subj_b, subj_e = dels
                subject = s[subj_b:subj_e]
        if agents is not None and subj_b > sb and not acts:  # "Delegations led by A, B, and C engaged": not C alone
            dels = self._delegations_opening(sb, c.b)
            if dels and all(any(a in self.d.leaders.get(x, []) for x in dels[0]) for a in agents):
                agents, subj_b, subj_e = dels
                subject = s[subj_b:subj_e]
        if agents is not None:
            if any(w.lower().endswith("ing") for w in c.form.words.split()[:2]) and not c.form.modal and not subject:
                return None
            span_b = subj_b
            agent_span = (subj_b, subj_e)
            if subject.strip().lower() in ("they", "we", "he", "she", "it", "our countries"):
                comments.append(f"agents: “{subject.strip()}” read as {', '.join(agents)}")
        elif not subject:
            joined = bool(self._joined.search(s[sb:c.b]))
            if any(w.lower().endswith("ing") for w in c.form.words.split()[:2]) and (not s[sb:c.b].strip() or s[sb:c.b].rstrip().endswith(",") or re.fullmatch(r"\s*\w+ly\s*", s[sb:c.b])
                                                                     or re.search(r",\s*while(?:\s+also)?\s*$", s[sb:c.b])):  # ", while also expressing …"
                agents = ["?participial"]
                agent_span = (c.b, c.b)
                in_sentence = True
                span_b = c.b
            elif joined and acts:
                prev = [a for a in acts if a.agents and a.agents != ["?participial"]]
                if not prev:
                    return None
                agents = list(prev[-1].agents)
                agent_span = prev[-1].agent_span
                in_sentence = True
                span_b = c.b
            elif joined:
                lead = self.lead_subject(sb, c.b)
                if lead is None:
                    return None
                agents, agent_span = lead
                in_sentence = True
                span_b = c.b
            else:
                return None
        else:
            return None
        if not agents:
            return None
        act = Act("", kind, (span_b, c.e), (c.b, c.e), agents, agent_span, in_sentence, (c.e, c.e), comments=comments)
        return act

    def _list_subject(self, sb: int, bpos: int, subj_b: int, subj_e: int) -> int | None:
        """"Japan, the Republic of Korea, and the United States are …": the clause boundary at the comma
        before "and" cuts a list of parties; the subject is the longest list before the verb that names
        parties only."""
        best = None
        pos = bpos - 1
        while True:
            prev = self.s.rfind(",", sb, pos)
            start = sb if prev < 0 else prev + 1
            seg = self.s[start:subj_e]
            cb = start + len(seg) - len(seg.lstrip())
            if re.search(r"[;:—(]", re.sub(r"\([A-Z]{2,8}\)", "", self.s[cb:pos])):
                break
            got = self.resolve(self.s[cb:subj_e], cb, subj_e)
            if not got or len(got) < 2:
                break
            best = cb
            if prev < 0:
                break
            pos = prev
        return best

    def _delegations_opening(self, sb: int, vb: int):
        """"Delegations led by A, B and C engaged in …": the delegations whose mention opens the sentence."""
        b0 = sb
        while b0 < vb and self.s[b0].isspace():
            b0 += 1
        dels = [ent for ent in self.d.entities.values() if ent.cls == "Delegation" and any(x == b0 for x, _ in ent.spans)]
        if not dels:
            return None
        return [e.id for e in dels], b0, max(y for e in dels for x, y in e.spans if x == b0)

    def _welcomes_person(self, pos: int) -> bool:
        m = re.match(r"\s+(?:President|Prime Minister|Secretary|Minister)\s+(?:[A-Z][\w.\-]*\s+){1,4}(?:of\s+(?:the\s+)?(?:[A-Z][\w.\-]*\s+){1,3})?to\s", self.s[pos:pos + 120])
        from kg.draft.roles import welcomes_person

        return bool(m) or welcomes_person(self, pos)  # "welcomed U.S. Secretary of State … and Secretary of Defense … to New Delhi"

    def _strip_adverbs(self, b: int, e: int) -> tuple[int, int]:
        s = self.s
        changed = True
        while changed:
            changed = False
            while b < e and (s[b].isspace() or s[b] in ",”"):  # "… prosperity,” the two sides": the quote closed before
                b += 1
            while e > b and (s[e - 1].isspace() or s[e - 1] == ","):
                e -= 1
            seg = s[b:e].lower()
            m_ly = re.search(r"\s([a-z]{4,}ly)$", s[b:e])  # "we steadfastly oppose", "the United States unequivocally reaffirms"
            if m_ly and m_ly.group(1) not in ("family", "italy", "assembly", "supply", "monopoly", "anomaly"):
                e -= len(m_ly.group(0))
                changed = True
                continue
            for head_rx, tail_rx in self._adverb_res:
                m = head_rx.match(seg)
                if m and m.end() > 0:
                    b += len(m.group(0).rstrip()) if m.group(0).rstrip() else m.end()
                    changed = True
                    break
                m = tail_rx.search(seg)
                if m:
                    e -= len(m.group(0)) - 1
                    changed = True
                    break
        return b, e

    def lead_subject(self, sb: int, limit: int):
        """The party that opens a sentence ("NCG Principals approved …, underscored …")."""
        words = list(re.finditer(r"\S+", self.s[sb:limit]))
        for n in range(min(8, len(words)), 0, -1):
            e = sb + words[n - 1].end()
            b, e2 = self._strip_adverbs(sb, e)
            got = self.resolve(self.s[b:e2], b, e2)
            if got is not None:
                return got, (b, e2)
        return None
