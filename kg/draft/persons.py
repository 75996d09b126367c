"""Persons the genre names by their post and surname only: "Secretary of State Blinken", "Minister of
Defense Hamada", "Japanese Foreign Minister Hayashi", "Secretary Austin", "ROK Foreign Minister Park".

Each is a Person labelled by the surname as written (no first name the text does not give) who holds
the Post the words name. The person is the corpus's when the registry knows one person of that surname
whose post is of the same state (or has the same head word where the text names no state); a new one
is ``person/<statement>/<surname>`` (a surname alone is no id across statements). The post's state is
the one its words name ("Japanese", "ROK"), else the lexicon's `post_head_sides` (a U.S. cabinet officer
is a Secretary; a Minister is of the statement's one side that is not the United States). A name never
runs across a line break.
"""

from __future__ import annotations

import re

from kg.draft.model import Entity, slug

# a state word before a post, its acronym in brackets allowed: "Republic of Korea (ROK) Minister of National Defense"
NAT = r"(?:(U\.S\.|US|ROK|Japan(?:ese)?|Republic of Korea|United States|Korean|Australian?|Indian?|Philippines?)(?:[ \t]+\([A-Z][A-Za-z.]{1,7}\))?[ \t]+)?"


def post_pattern(lex) -> str:
    """The regular expression of a post phrase: rank words, domain words, a head word, then "of"/"for"
    + domain words (and "(ACRONYM)")."""
    rank = r"(?:(?:" + "|".join(map(re.escape, lex.post_ranks)) + r")\s+)*"
    head = r"(?:" + "|".join(map(re.escape, sorted(lex.post_head_words, key=len, reverse=True))) + r")"
    dom = r"(?:" + "|".join(map(re.escape, sorted(lex.post_domain_words, key=len, reverse=True))) + r")"
    acr = r"(?:\s*\([A-Z][A-Za-z\-]{1,9}\))?"
    return (rank + r"(?:" + dom + r"\s+)*" + head + acr + r"(?:\s+(?:of|for|at)\s+(?:the\s+)?(?:U\.S\.\s+)?" + dom
            + r"(?:[\s\-]+" + dom + r")*" + acr + r")*")


class PostSurnames:
    def __init__(self, finder) -> None:
        self.f = finder
        self.d, self.t, self.lex, self.s, self.reg = finder.d, finder.t, finder.lex, finder.s, finder.reg
        self.head_sides = dict(self.lex.data.get("post_head_sides") or {})
        self.head_sides_not = dict(self.lex.data.get("post_head_sides_not") or {})

    def run(self) -> None:
        lex = self.lex
        bad = (set(lex.post_domain_words) | set(lex.post_head_words) | set(lex.body_heads) | set(lex.state_words)
               | set(lex.months) | {h.rstrip(".") for h in lex.honorifics} | {"Council", "Group", "Ministry", "Department", "Office", "Bureau", "Division", "Directorate", "Agency", "Secretariat"})
        from kg.draft.names import NAME_WORD

        sur = r"(" + NAME_WORD + r"(?:-" + NAME_WORD + r")?)"
        # the surname ends the name: no capitalized word after it on the same line
        pat = re.compile(r"(?<![\w.\-])" + NAT + r"(" + post_pattern(lex) + r")[ \t]+" + sur
                         + r"(?![\w\-’']|[ \t]+[A-Z][a-z]|\.[A-Z])")
        for m in pat.finditer(self.s):
            words, name = m.group(2), m.group(3)
            lead = re.match(r"(?:[a-z]+\s+)+", words)  # "and ROK Foreign Minister": the post opens after "and"
            pb = m.start(2) + (lead.end() if lead else 0)
            words = words[lead.end():] if lead else words
            if name in bad or " ".join(words.split()) in ("President", "Prime Minister"):
                continue
            nb, ne = m.start(3), m.end(3)
            if any(ent.cls == "Person" and any(x <= nb < y for x, y in ent.spans) for ent in self.d.entities.values()):
                continue  # part of a full name found before ("Secretary of Defense Lloyd J. Austin III")
            lo = m.start(1) if m.group(1) else pb
            side = self._side(words, m.group(1))
            person = self._person(name, side, words, lo, ne)
            person.add_mention(self.t.mention(lo, ne), (lo, ne))
            if person not in self.f.persons:
                self.f.persons.append(person)
            if person.has_fact("org:holds") or side is None:
                if side is None and not person.has_fact("org:holds"):
                    person.comments.append(f"“{self.s[lo:ne]}”: the text does not say of which state the post is; no post drafted")
                continue
            post = self._known_post(person, words, side, pb) or self.f.post(words, pb, pb + len(words), side, m.group(1))
            if post is None:
                continue
            person.side = person.side or post.side
            named = m.group(1) or any(re.search(r"(?<![\w.])" + re.escape(w) + r"(?![\w])", words) for w in self.lex.state_words)
            note = None if named else f"the post names no state: {side} by its head word (lexicon post_head_sides)"
            person.add_fact("org:holds", post.id, self.t.quote(lo, ne), note)

    def _side(self, words: str, nat: str | None) -> str | None:
        lex = self.lex
        if nat:
            return lex.state_words.get(nat)
        for word, state in sorted(lex.state_words.items(), key=lambda x: -len(x[0])):
            if re.search(r"(?<![\w.])" + re.escape(word) + r"(?![\w])", words):
                return state
        heads = sorted(lex.post_head_words, key=len, reverse=True)
        core = re.sub(r"\s*\([^)]*\)", "", words)
        head = next((h for h in heads if re.search(r"\b" + re.escape(h) + r"\b", core)), None)
        rule = self.head_sides.get(head or "")
        if rule and rule != "other" and any(w in core for w in self.head_sides_not.get(head or "", [])):
            rule = "other"  # "Secretary for Foreign Affairs": a title the head's state does not have
        sides = [sd for sd in self.d.sides if sd in self.d.entities]
        if rule == "other":
            usa = [sd for sd in sides if self.lex.side_slugs.get(sd) == "us"]
            others = [sd for sd in sides if sd not in usa]
            return others[0] if len(others) == 1 else None
        if rule:
            return rule if rule in sides else None
        return None

    def _known_post(self, person: Entity, words: str, side: str, pb: int) -> Entity | None:
        """"Minister Shin", the corpus's Shin Won-sik: the post the corpus gives them, of this title and state."""
        k = self.reg.get(person.id)
        for p, o, _ in (k.facts if k else []):
            kp = self.reg.get(o) if p == "org:holds" and isinstance(o, str) else None
            if kp and self.f._side_of_post(o) == side and self._title(kp.label) == self._title(words):
                post = self.f.reuse(o, pb, pb + len(words))
                if post is not None:
                    post.side = side
                    self.f._post_in(post, kp.label, side)
                return post
        return None

    def _title(self, words: str) -> tuple[str, ...]:
        """A post's rank and head words, before its "of"/"for" domain: "Vice Minister of National Defense" → (Vice, Minister)."""
        core = re.split(r"\s+(?:of|for|at)\s+", re.sub(r"\s*\([^)]*\)", "", words or ""))[0]
        keep = set(self.lex.post_ranks) | set(self.lex.post_head_words)
        return tuple(w for w in core.split() if w in keep)

    def _person(self, name: str, side: str | None, words: str, b: int, e: int) -> Entity:
        """The corpus's person of this surname and post (or state), else the draft's, else a new one."""
        for ent in self.d.entities.values():  # named in full before: "Minister for Foreign Affairs Kamikawa Yoko"
            parts = re.sub(r",?\s+(?:III|II|IV|Jr\.|Sr\.)$", "", ent.label or "").split()
            if ent.cls == "Person" and parts and name in (parts[0], parts[-1]) and (side is None or ent.side in (None, side)):
                return ent
        cands = []
        head = words.split()[-1] if words.split() else ""
        for k in self.reg.entities.values():
            if k.cls != "Person":
                continue
            parts = re.sub(r",?\s+(?:III|II|IV|Jr\.|Sr\.)$", "", k.label or "").split()
            if not parts or name not in (parts[-1], parts[0]):
                continue
            posts = [o for p, o, _ in k.facts if p == "org:holds" and isinstance(o, str)]
            if side is not None:
                ok = any(self.f._side_of_post(p) == side for p in posts)
            else:
                ok = any(re.search(r"\b" + re.escape(head) + r"\b", (self.reg.get(p).label if self.reg.get(p) else p) or "") for p in posts)
            if ok:
                cands.append(k)
        if len(cands) > 1:  # two of that surname and state: the one whose post has the same title ("Minister", not "Vice Minister")
            want = self._title(words)
            cands = [k for k in cands if any(self._title(self.reg.get(o).label if self.reg.get(o) else "") == want
                                             for p, o, _ in k.facts if p == "org:holds" and isinstance(o, str))]
        if len(cands) == 1:
            ent = self.f.reuse(cands[0].id, b, e)
            if ent is not None:
                ent.side = ent.side or side
                ent.comments.append(f"“{self.s[b:e]}”: the corpus's one person of that surname with a post of that state")
                return ent
        ident = f"person/{self.d.id}/{slug(name)}"
        ent = self.d.add(Entity(ident, "Person", name))
        ent.side = side
        if not ent.comments:
            ent.comments.append(f"new Person known only as “{self.s[b:e]}”: the label is the surname the text gives")
        return ent
