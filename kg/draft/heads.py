"""Heads of state and government (kg.draft.entities' EntityFinder, as a mixin): "President Biden",
"Prime Minister Kishida", named by the title and the surname alone, as a known person or a new one
labelled by the surname; "President Moon Jae-in of the Republic of Korea": the post of that state;
"President X": the presidency the corpus gives them; where the text does not place a head, the one
side of the statement that no other named head holds (lexicon `post_head_sides`).
"""

from __future__ import annotations

import re

from kg.draft.model import Entity, slug


class HeadMixin:
    def head_by_surname(self, sur: str, name: tuple[int, int], where: tuple[int, int], known_as: str,
                        title: str | None = None) -> Entity | None:
        """The person a head of state or government named by the surname ``sur`` (at ``name``, in the
        mention ``where``) is: the one known at that place, one drafted before by family name (with
        ``title``: "Prime Minister Ishiba Shigeru", then "Prime Minister Ishiba"), the corpus's person of
        that surname, else a new Person labelled by it (known only as ``known_as``); None where the
        surname's id is something else's. The person gets the mention and is among the text's persons."""
        b, e = where
        ent = self.known_at(name[0], name[1], "person/")
        if ent is None and title is not None:
            from kg.draft.names import drafted_by_family_name

            ent = drafted_by_family_name(self, sur, title)
        if ent is None:
            for k in self.reg.entities.values():
                if k.cls == "Person" and sur in (k.label or "").split()[-1:] + (k.label or "").split()[:1]:
                    ent = self.reuse(k.id, b, e)
                    break
        if ent is None:
            ident = "person/" + slug(sur)
            other = self.d.entities.get(ident)
            if other is not None and other.cls != "Person":
                return None
            ent = self.d.add(Entity(ident, "Person", sur))
            ent.comments.append(f"new Person known only as {known_as}: the label is the surname the text gives")
        ent.add_mention(self.t.mention(b, e), (b, e))
        if ent not in self.persons:
            self.persons.append(ent)
        return ent

    def heads_by_surname(self) -> None:
        """"President Biden", "Prime Minister Kishida": a head of state or government named by the title
        and the surname alone. A known person takes the post the corpus gives them (or the one "of
        <state>" names); a new one is a Person labelled by the surname; and where the text does not
        place them, the one side of the statement that no other named head holds is theirs."""
        bad = set(self.lex.post_domain_words) | set(self.lex.post_head_words) | set(self.lex.body_heads) | set(self.lex.state_words)
        from kg.draft.names import NAME_WORD

        pat = re.compile(r"(?<![\w.])(President|Prime\s+Minister)\s+(" + NAME_WORD + r"(?:-[A-Za-z][a-z]+)?)(?![\w\-]|\s+[A-Z](?:[a-z]|\.\s)|\s+of\s+the\s+[A-Z])")
        unplaced: list[tuple[Entity, str, int, int]] = []
        for m in pat.finditer(self.s):
            b, e, title, sur = m.start(), m.end(), " ".join(m.group(1).split()), m.group(2)
            if sur in bad:
                continue
            ent = self.head_by_surname(sur, (m.start(2), m.end(2)), (b, e), f"“{title} {sur}”", title)
            if ent is None:
                continue
            if ent.has_fact("org:holds"):
                continue
            if self._head_of_state(ent, title, b, e):
                continue
            self._president(ent, b, e, m.end(1))
            if not ent.has_fact("org:holds"):
                unplaced.append((ent, title, b, e))
        rules = self.lex.data.get("post_head_sides") or {}
        for ent, title, b, e in sorted(unplaced, key=lambda x: x[1] not in rules):  # a title of a rule first
            if ent.has_fact("org:holds"):
                continue
            held = {p.side for p in self.persons if any(  # the sides whose head (not a minister) the text names
                re.search(r"\b(?:President|Prime Minister)\b", (self.d.entities[f.obj].label or "") if f.obj in self.d.entities else "")
                and not re.search(r"\b(?:Vice|Deputy)\b", self.d.entities[f.obj].label or "")
                for f in p.facts if f.prop == "org:holds")}
            free = [sd for sd in self.d.sides if sd not in held and sd in self.d.entities]
            if rules.get(title) == "other" and len(free) > 1:  # "Prime Minister Morrison": the U.S. has none
                free = [sd for sd in free if self.lex.side_slugs.get(sd) != "us"]
            if len(free) != 1:
                ent.comments.append(f"“{title} {ent.label}”: the text does not say of which state; no post drafted")
                continue
            side = free[0]
            sslug = self.lex.side_slugs.get(side, side.split("/")[1])
            ident = f"post/{sslug}-{slug(title)}"
            k = self.reg.get(ident)
            state = self.d.entities[side]
            post = self.d.add(Entity(ident, "Post", k.label if k else f"{title} of {state.label}", known=k is not None))
            post.add_mention(self.t.quote(b, b + len(title)), (b, b + len(title)))
            post.side = side
            post.add_fact("org:postIn", side, self.t.quote(b, e), "the one side of the statement whose head the text names otherwise")
            ent.side = side
            ent.add_fact("org:holds", ident, self.t.quote(b, e),
                         f"the text does not say of which state: {state.label} is the one side of the statement that no other named head holds")

    def _head_of_state(self, person: Entity, title: str, b: int, e: int) -> bool:
        """"President Moon Jae-in of the Republic of Korea", "Prime Minister X of Japan": the person holds
        that post of that state (the corpus's post when it knows it, else a new one)."""
        words = sorted(self.lex.state_words.items(), key=lambda x: -len(x[0]))
        m = re.match(r",?\s+of\s+(" + "|".join(re.escape(w) for w, _ in words) + r")(?![\w])", self.s[e:e + 40])
        if not m:
            return False
        side = self.lex.state_words[m.group(1)]
        if side not in self.d.entities:
            return False
        sslug = self.lex.side_slugs.get(side, side.split("/")[1])
        ident = f"post/{sslug}-{slug(title)}"
        k = self.reg.get(ident)
        state = self.d.entities[side]
        ent = self.d.add(Entity(ident, "Post", k.label if k else f"{title} of {state.label or m.group(1)}", known=k is not None))
        tb = b if self.s.startswith(title, b) else self.s.rfind(title, max(0, b - 16), e)
        q_end = e + m.end()
        if tb >= 0:
            ent.add_mention(self.t.quote(tb, tb + len(title)), (tb, tb + len(title)))
        ent.side = side
        ent.add_fact("org:postIn", side, self.t.quote(max(tb, 0), q_end))
        if k is None:
            ent.comments.append(f"new Post: “{title} … of {m.group(1)}”")
        person.side = person.side or side
        person.add_fact("org:holds", ident, self.t.quote(max(tb, 0), q_end))
        return True

    def _president(self, person: Entity, b: int, e: int, title_end: int | None = None) -> None:
        """"President X", "Prime Minister X": the person holds the post of their state the corpus gives
        them; the post is mentioned by the title as written at ``b`` (up to ``title_end``)."""
        if title_end is None:
            tm = re.match(r"President|Prime\s+Minister", self.s[b:b + 40])
            title_end = b + (tm.end() if tm else len("President"))
        title = " ".join(self.s[b:title_end].split())
        if title not in ("President", "Prime Minister"):
            title = "President"
        k = self.reg.get(person.id)
        for prop, obj, _sid in (k.facts if k else []):
            if prop == "org:holds" and isinstance(obj, str) and self.reg.get(obj):
                post = self.reg.get(obj)
                ent = self.d.entities.get(obj)
                if ent is None:
                    ent = self.d.add(Entity(obj, "Post", post.label, known=True))
                    ent.add_mention(self.t.quote(b, title_end), (b, title_end))
                    ent.side = self._side_of_post(obj)
                    if ent.side in self.d.entities:
                        ent.add_fact("org:postIn", ent.side, self.t.quote(b, e), "the presidency of its state, as in the corpus")
                person.side = person.side or ent.side
                person.add_fact("org:holds", obj, self.t.quote(b, e), f"as in the corpus: “{title}” and the name")
