"""Who is speaking (kg.draft.acts' ActFinder, as a mixin): the parties a subject phrase names, or
none. A pronoun of the lexicon (`pronouns`: "they" the parties who spoke last, "we" the leaders), "our
two countries", a collective head (lexicon `collective`: "the two sides", "the Ministers", "U.S. and
ROK officials") of the statement's states, a group or an alliance the text names, a post's head word
("the Secretary"), a state, or a person the text names; a list of them ("A, B, and C") is the parties
of its items. Subjects of the genre that name persons are in kg.draft.subjects.
"""

from __future__ import annotations

import re


class PartyMixin:
    def resolve(self, subject: str, b: int, e: int) -> list[str] | None:
        """The parties a subject names, or None when it names none."""
        text = " ".join(subject.split())
        if not text or len(text) > 260:
            return None
        low = text.lower()
        low = re.sub(r"^(?:in particular|in addition|additionally|finally|moreover|furthermore)\s+", "", low)
        if low in self.lex.pronouns:
            how = self.lex.pronouns[low]
            if how == "previous":
                return list(self.prev_agents) or self.sides("sides")
            if how == "leaders":
                return self.leaders()
            if how == "previous-person":
                if len(self.prev_agents) == 1 and self.prev_agents[0].startswith("person/"):
                    return list(self.prev_agents)
                return None
            if how == "previous-state":
                return None
        # "We, the leaders of …": the apposition names them
        m = re.match(r"we,?\s+the\s+(leaders|presidents)\b", low)
        if m:
            return self.leaders()
        if re.fullmatch(r"(?:our|the)\s+(?:two\s+)?(?:countries|nations|governments)", low):
            return self.sides("states")
        from kg.draft.subjects import collective_of_states

        got = collective_of_states(self, text)  # "the leaders of Japan, the ROK, and the United States"
        if got:
            return got
        conj = [c for c in re.split(r",(?!\s*(?:Jr\.|Sr\.))\s*(?:and\s+)?|\s+and\s+", text) if c.strip()]
        # shared head: "U.S. and ROK officials", "U.S. and ROK leaders"
        if len(conj) > 1:
            head = conj[-1].split()[-1].lower()
            if head in self.lex.collective and all(self._state_word(c) for c in conj[:-1]):
                last = [w for w in conj[-1].split()[:-1] if w.lower() not in self.lex.qualifiers]  # "U.S. defense ministers"
                states = [self._state_word(c) for c in conj[:-1]] + [self._state_word(" ".join(last))]
                if None in states:
                    return None
                return self._collective(head, states)
        out: list[str] = []
        pos = b
        for c in conj:
            cb = self.s.find(c.split()[0], pos, e + 1) if c.split() else pos
            ce = cb + len(c)
            pos = max(pos, ce)
            got = self._one(c, cb, ce)
            if got is None:
                return None
            for g in got:
                if g not in out:
                    out.append(g)
        return out or None

    def _one(self, c: str, cb: int, ce: int) -> list[str] | None:
        m = re.search(r",?\s+(?:Jr\.|Sr\.|III|II|IV)$", c)
        if m:
            c, ce = c[:m.start()], ce - len(m.group(0))
        from kg.draft.subjects import counted_group

        c2 = counted_group(self, c)
        if c2 != c:
            c, ce = c2, cb + len(c2)
        words = c.split()
        low = " ".join(words).lower()
        # determiners
        core = low
        for d in self.lex.determiners:
            if core.startswith(d + " "):
                core = core[len(d) + 1:]
                break
        cw = core.split()
        if not cw:
            return None
        head = cw[-1]
        for ent in self.d.entities.values():  # "NCG Principals": a group the corpus knows, named as the subject
            if ent.cls == "Group" and ent.known and any(x <= cb + 1 and ce - 1 <= y and y - x <= ce - cb + 4 for x, y in ent.spans):
                return [ent.id]
        for ent in self.d.entities.values():  # "the U.S.-ROK Alliance": an alliance the text names
            if ent.cls == "Alliance" and any(x <= cb + 1 and ce - 1 <= y and y - x <= ce - cb + 4 for x, y in ent.spans):
                return [ent.id]
        from kg.draft.roles import body_of_sides

        got = body_of_sides(self, cb, ce)  # "The Quad reiterates": the body the title names speaks as the sides
        if got:
            return got
        if head in self.lex.collective:
            qual = " ".join(words[len(words) - len(cw): -1]) if len(cw) > 1 else ""
            states = []
            if qual and self.lex.collective[head] == "holders":  # "the three National Security Advisors"
                st = self._state_word(qual)
                return self._collective(head, [st] if st else [])
            from kg.draft.roles import role_holders

            got = role_holders(self, c) if qual else None  # "the Vice Foreign Ministers": the persons of that title
            if got:
                return got
            if qual:
                if all(w in self.lex.qualifiers for w in qual.lower().split()) or self._date_words(qual):
                    states = []
                else:
                    st = self._state_word(qual)
                    if st is None:
                        # "NCG Principals": a body's name qualifies its participants
                        if not re.fullmatch(r"[A-Z][A-Za-z\-]*", qual):
                            return None
                    else:
                        states = [st]
            return self._collective(head, states)
        # "the Secretary", "the Minister", "minister"
        for ph in sorted(self.lex.post_heads, key=len, reverse=True):
            if core == ph.lower():
                return self._by_post(ph)
        from kg.draft.roles import role_holders

        got = role_holders(self, c)  # "The Deputy Secretary": the one person of that title
        if got:
            return got
        st = self._state_word(c)
        if st:
            return [st]
        # a person named here (a mention of a person entity)
        from kg.draft.subjects import named_person

        got = named_person(self, c, cb, ce)
        if got:
            return got
        for ent in self.d.entities.values():
            if ent.cls == "Person" and any(x <= cb + 1 and ce - 1 <= y for x, y in ent.spans):
                return [ent.id]
        # "Secretary Austin", "DASD Mohandas": a title and the surname of a person the text names
        if len(words) == 2:
            for ent in self.d.entities.values():
                if ent.cls == "Person" and any(self.s[x:y].split()[-1] == words[1] or self.s[x:y].split()[0] == words[1] for x, y in ent.spans):
                    return [ent.id]
        return None

    def _date_words(self, qual: str) -> bool:
        """"The September 16 dialogue", "the 25th meeting": a date or an ordinal qualifies the meeting itself."""
        w = qual.split()
        if re.fullmatch(r"\d+(?:st|nd|rd|th)", qual) or qual.lower() in self.lex.ordinals:
            return True
        return len(w) == 2 and w[0] in self.lex.months and bool(re.fullmatch(r"\d{1,2}", w[1]))

    def _state_word(self, c: str) -> str | None:
        c = " ".join(c.split())
        c2 = re.sub(r"^(?:the|both)\s+", "", c, flags=re.I)
        for cand in (c, c2):
            if cand in self.lex.state_words and self.lex.state_words[cand] in self.d.entities:
                return self.lex.state_words[cand]
        for ent in self.d.entities.values():
            if ent.cls == "State":
                k_forms = {self.s[x:y] for x, y in ent.spans}
                if c2 in k_forms or c in k_forms or c2 == ent.label:
                    return ent.id
        return None

    def _collective(self, head: str, states: list[str]) -> list[str] | None:
        how = self.lex.collective[head]
        if how in ("sides", "meeting"):
            return self.sides("sides", states)
        if how == "states":
            return self.sides("states", states)
        if how == "leaders":
            return self.leaders(states, ministers=True)
        if how == "officials":
            return self.officials(states)
        if how == "alliance":
            return self.alliance(states)
        if how == "holders":
            from kg.draft.subjects import holders

            return holders(self, head, states) or self.officials(states)
        return None

    def alliance(self, states: list[str] | None = None) -> list[str] | None:
        """"The Alliance": the alliance (an entity of the draft) whose members are the statement's sides."""
        want = set(states or self.d.sides)
        for ent in self.d.entities.values():
            if ent.cls == "Alliance" and {f.obj for f in ent.facts if f.prop == "org:hasMember"} == want:
                return [ent.id]
        return None

    def sides(self, how: str, states: list[str] | None = None) -> list[str]:
        states = states or list(self.d.sides)
        if how == "sides":
            return [self.d.delegations.get(s, s) for s in states]
        return states

    def leaders(self, states: list[str] | None = None, ministers: bool = False) -> list[str]:
        states = states or list(self.d.sides)
        out = []
        for s in states:
            did = self.d.delegations.get(s)
            if did:
                out.extend(self.d.leaders.get(did, []))
        if out:
            return out
        heads = []
        for ent in self.d.entities.values():
            if ent.cls == "Person" and any(re.match(r"(?:President|Prime Minister)\s", self.s[x:y])
                                           or re.search(r"(?:President|Prime Minister)\s+$", self.s[max(0, x - 16):x]) for x, y in ent.spans):
                if not states or ent.side in states or ent.side is None:
                    heads.append(ent.id)
                continue
            if ent.cls == "Person":
                posts = [f.obj for f in ent.facts if f.prop == "org:holds"]
                for p in posts:
                    pe = self.d.entities.get(p)
                    if pe and re.search(r"\b(President|Prime Minister)\b", pe.label or "") and not re.search(r"\b(?:Vice|Deputy)\b", pe.label or ""):
                        if not states or (pe.side in states or ent.side in states):
                            heads.append(ent.id)
        # "the three leaders" of a ministers' meeting: without heads of state or government, the ministers
        # (the noun only: "we" of a ministers' statement stays the states)
        if ministers:  # heads named only outside the sentence reporting the meeting are not those who met
            from kg.draft.leaders import heads_who_met

            heads = heads_who_met(self, heads)
        return heads or (self._officials_only(states) if ministers else []) or states

    def officials(self, states: list[str] | None = None) -> list[str]:
        """"The Ministers": the persons holding a post whose label has a word of `official_posts`, in the
        order the text names them; without such persons, the leaders."""
        return self._officials_only(states) or self.leaders(states)

    def _officials_only(self, states: list[str] | None = None) -> list[str]:
        words = self.lex.data.get("parties", {}).get("official_posts") or []
        rx = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b") if words else None
        out = []
        for ent in sorted(self.d.entities.values(), key=lambda x: min((b for b, _ in x.spans), default=0)):
            if ent.cls != "Person" or rx is None or states and ent.side not in states:
                continue
            for f in ent.facts:
                pe = self.d.entities.get(f.obj) if f.prop == "org:holds" else None
                if pe and rx.search(pe.label or "") and not re.search(r"\bPrime Minister\b", pe.label or "") and ent.id not in out:
                    out.append(ent.id)  # "the Ministers": not the Prime Minister, a head of government
        return out

    def _by_post(self, word: str) -> list[str] | None:
        """"The Secretary", "the Minister": the person whose post has that word, a delegation head first."""
        leaders = [p for ps in self.d.leaders.values() for p in ps]
        found = []
        for ent in self.d.entities.values():
            if ent.cls != "Person":
                continue
            for f in ent.facts:
                pe = self.d.entities.get(f.obj) if f.prop == "org:holds" else None
                if pe and re.search(r"\b" + re.escape(word) + r"\b", pe.label or "") and ent.id not in found:
                    found.append(ent.id)
        res = [p for p in found if p in leaders] or found
        return res[:1] or None
