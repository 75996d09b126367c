"""Persons the text names in full (kg.draft.entities' EntityFinder, as a mixin): "Post Name"
("Deputy Minister for National Defense Policy (DEPMIN), Dr. Heo Tae-keun") and "Honorific Name,
Post" ("Dr. Kim Tae-hyo, Principal Deputy National Security Advisor of the ROK"): the person (the
corpus's by name however written, else new), their state and the post they hold (kg.draft.posts),
then their later mentions by title and surname ("Secretary Austin"). Persons named by post and
surname only are kg.draft.persons; heads named by title and surname, kg.draft.heads.
"""

from __future__ import annotations

import re

from kg.draft.model import Entity, slug


class PeopleMixin:
    def people(self) -> None:
        """Persons: "Post Name" ("Deputy Minister for National Defense Policy (DEPMIN), Dr. Heo Tae-keun")
        and "Honorific Name, Post" ("Dr. Kim Tae-hyo, Principal Deputy National Security Advisor of the ROK")."""
        lex = self.lex
        from kg.draft.persons import NAT as nat, post_pattern

        post = post_pattern(lex)
        hon = r"(?:(?:" + "|".join(map(re.escape, lex.honorifics)) + r")\s+)"
        from kg.draft.names import LOW, NAME_WORD, UP

        tok = r"(?:" + NAME_WORD + r"(?:-[A-Za-z" + UP + r"][" + LOW + r"]+)?|[A-Z]\.)"
        # a name never runs across a line break (a title's "… Minister Park" and the next line's date)
        name = r"(" + tok + r"(?:[ \t]+" + tok + r")+(?:,?[ \t]+(?:III|II|IV|Jr\.(?=[\s,])))?)"
        self.persons: list[Entity] = []
        bad = set(lex.post_domain_words) | set(lex.post_head_words) | set(lex.body_heads) | {"Council", "Group", "Ministry", "Department"}
        pat_a = re.compile(r"(?<![\w.])" + nat + r"(" + post + r")(?:\s+of\s+the\s+(ROK|United States|U\.S\.))?,?\s+(?:the\s+)?" + hon + "?" + name)
        pat_b = re.compile(r"(?<![\w.])(" + hon + r"|President\s+|Prime Minister\s+)" + name + r"(?:,\s+(?:the\s+)?" + nat + r"(" + post + r")(?:\s+(?:of|at)\s+the\s+(ROK|United States|U\.S\.))?)?")
        found = []
        for m in pat_a.finditer(self.s):
            found.append((m.start(4), m.end(4), m.group(4), m.group(1), m.group(2), m.start(2), m.group(3), m.start(1) if m.group(1) else m.start(2)))
        for m in pat_b.finditer(self.s):
            if any(b <= m.start(2) < e for b, e, *_ in found):
                continue
            found.append((m.start(2), m.end(2), m.group(2), m.group(3), m.group(4), m.start(4) if m.group(4) else -1, m.group(5), m.start(1)))
        for nb, ne, full, nat_word, post_words, pb, of_nat, lo in sorted(found):
            full_clean = re.sub(r",?\s+(?:III|II|IV|Jr\.)$", "", full)
            parts = full_clean.split()
            if any(p in bad for p in parts) or len(parts) < 2:
                continue
            from kg.draft.post_of_state import post_of_state

            if post_of_state(self, full_clean, post_words, pb):  # "the Secretary of State of the United States"
                continue
            side = lex.state_words.get(nat_word or "") or lex.state_words.get(of_nat or "") or self._of_state_after(nb + len(full))
            hon_m = re.search(r"(" + "|".join(map(re.escape, lex.honorifics)) + r"|President)\s+$", self.s[max(0, nb - 12): nb])
            mb = nb - len(hon_m.group(0)) if hon_m else nb
            person = self.person(full, mb, nb + len(full_clean), side, post_words or "")
            if person is None or not post_words or not post_words.strip():
                head_m = re.search(r"(President|Prime Minister)\s+$", self.s[max(0, nb - 16): nb])
                if person is not None and head_m:
                    if not self._head_of_state(person, head_m.group(1), mb, nb + len(full)):
                        self._president(person, mb, nb + len(full_clean))
                continue
            lead = re.match(r"(?:[a-z]+\s+)+", post_words)  # "and ROK Minister of … Lee": the post opens after "and"
            if lead and pb < nb:
                post_words, pb = post_words[lead.end():], pb + lead.end()
            pe = pb + len(post_words)
            if post_words.strip() in ("President", "Prime Minister") and self._head_of_state(person, post_words.strip(), pb, nb + len(full)):
                continue
            p = self.post(post_words, pb, pe, side, nat_word)
            if p is None and post_words.strip() in ("President", "Prime Minister"):
                self._president(person, mb, nb + len(full_clean))
            if p is not None:
                person.side = person.side or p.side
                b0, e0 = min(lo, mb), max(pe, nb + len(full_clean))
                person.add_fact("org:holds", p.id, self.t.quote(*self.t.clean(b0, e0)))
                from kg.draft.joint_posts import joint_post  # "Deputy Prime Minister and Minister for Defence Richard Marles"

                joint_post(self, person, pb, p.side)
        # "President Biden", "Dr. Mohandas", "DASD Mohandas", "Secretary Austin": more mentions
        for person in self.persons:
            sur = person.extra.pop("_surname", None)
            if not sur:
                continue
            for mm in re.finditer(r"(?<![\w.])((?:[A-Z][A-Za-z]+\.?|[A-Z]{2,})\s+)" + re.escape(sur) + r"(?![\w-])(?![ \t]+[A-Z][a-z]+(?:-[a-z]+)?\b(?![ \t]+of\b))", self.s):
                b, e = mm.start(), mm.end()
                if any(sb <= b < se for sb, se in person.spans) or any(sb <= mm.start(1) + len(mm.group(1)) < se for sb, se in person.spans):
                    continue
                title = mm.group(1).strip()
                if title in self.lex.honorifics or title in self.lex.post_head_words or title.isupper() or title in ("Prime", "Secretary", "President"):
                    person.add_mention(self.t.mention(b, e), (b, e))
        from kg.draft.persons import PostSurnames

        PostSurnames(self).run()
        self.heads_by_surname()
        from kg.draft.plural_heads import plural_heads

        plural_heads(self)  # "Presidents Biden and Marcos"

    def person(self, full: str, b: int, e: int, side: str | None, post_words: str) -> Entity | None:
        clean = re.sub(r",?\s+(?:III|II|IV|Jr\.)$", "", full).strip()
        parts = clean.split()
        if len(parts) < 2:
            return None
        # a known person: by label or mention
        for ent in self.d.entities.values():
            if ent.cls == "Person" and any(sb <= b + len(full) // 2 < se for sb, se in ent.spans):
                self._surname(ent, parts)
                if ent not in self.persons:
                    self.persons.append(ent)
                return ent
        key = _name_key(clean)
        from kg.draft.names import known_by_family_name, same_name_in_draft

        ent = same_name_in_draft(self, key, b, e)  # "Kishida Fumio" then "Fumio Kishida": one person
        if ent is not None:
            self._surname(ent, parts)
            return ent
        for k in self.reg.entities.values():
            if k.cls == "Person" and (k.label == clean or clean in k.forms or k.label == full or _name_key(k.label) == key) \
                    or k is known_by_family_name(self, parts, b, post_words):
                ent = self.reuse(k.id, b, e)
                ent.extra["_name_key"] = key
                self._surname(ent, parts)
                if ent not in self.persons:
                    self.persons.append(ent)
                return ent
        ident = "person/" + slug(clean.replace(".", ""))
        k = self.reg.get(ident)
        ent = self.d.add(Entity(ident, "Person", k.label if k else clean, known=k is not None))
        ent.add_mention(self.t.mention(b, e), (b, e))
        ent.extra["_name_key"] = key
        ent.side = side
        if not k:
            ent.comments.append(f"new Person “{clean}”, named with the post “{post_words.strip()}”")
        self._surname(ent, parts)
        if ent not in self.persons:
            self.persons.append(ent)
        return ent

    def _surname(self, ent: Entity, parts: list[str]) -> None:
        parts = [p for p in parts if not re.fullmatch(r"[A-Z]\.", p)]
        if not parts:
            return
        sur = parts[0] if parts[0] in self.lex.surname_first else parts[-1]
        if len((ent.label or "").split()) == 1 and ent.label in parts:  # a person the corpus knows by the family name
            sur = ent.label
        ent.extra["_surname"] = sur

    def _of_state_after(self, e: int) -> str | None:
        """"National Security Advisor Eduardo Año of the Republic of the Philippines": the state "of" names
        right after a person's name (a state word of the lexicon), else None."""
        m = re.match(r",?\s+of\s+((?:the\s+)?[A-Z][\w.]*(?:\s+(?:[A-Z][\w.]*|of|the))*)", self.s[e:e + 60])
        if not m:
            return None
        words = m.group(1).split()
        for n in range(len(words), 0, -1):
            st = self.lex.state_words.get(" ".join(words[:n]).rstrip(",")) or self.lex.state_words.get(" ".join(words[:n]).rstrip(",").removeprefix("the "))
            if st:
                return st
        return None


def _name_key(name: str) -> frozenset[str]:
    """A person's name however it is written: "Heo Tae-keun", "Taekeun Heo" and "HEO Taekeun" are one
    name (the words without hyphens or initials, in any order, case ignored)."""
    words = re.sub(r",?\s+(?:III|II|IV|Jr\.|Sr\.)$", "", name).replace("-", "").replace("’", "").replace("'", "").lower().split()
    key = frozenset(w for w in words if not re.fullmatch(r"[a-z]\.?", w))
    return key if len(key) >= 2 else frozenset({name})
