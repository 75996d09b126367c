"""Posts (kg.draft.entities' EntityFinder, as a mixin): the Post the words before or after a person's
name name ("Deputy Minister for National Defense Policy", "Secretary of Defense"), of the person's
state: the corpus's post with those words however written (never a new id for it), else a new one;
and the organization it is in (a ministry or office its words name, the lexicon's `post_orgs`, the
corpus's, else its state).
"""

from __future__ import annotations

import re

from kg.draft.model import Entity, slug


class PostMixin:
    def post(self, words: str, b: int, e: int, side: str | None, nat_word: str | None) -> Entity | None:
        words_clean = re.sub(r"^Acting\s+", "", words.strip())
        words_clean = re.sub(r"(?:\s+(?:of|for|at|the|and))+$", "", words_clean)  # "Deputy Assistant Secretary for the" (Bureau …)
        if words_clean != words.strip():
            b = b + words.index(words_clean)
        core = re.sub(r"\s*\([^)]*\)", "", words_clean)
        if side is None:  # "Minister for Foreign Affairs Marise Payne" of an Australia-U.S. statement: Australia's
            from kg.draft.persons import PostSurnames

            side = PostSurnames(self)._side(core, None)
        for k in self.reg.entities.values():
            if k.cls == "Post" and (core in k.forms or words_clean in k.forms):
                if side is None or k.id.split("/")[1].startswith(self.lex.side_slugs.get(side, "?")):
                    ent = self.reuse(k.id, b, b + len(words_clean))
                    if ent is not None:
                        ent.side = side or self._side_of_post(k.id)
                        self._post_in(ent, core, ent.side)
                    return ent
        org = None
        for rule in self.lex.post_orgs:
            if rule["words"] in core:
                org = rule
                break
        if org and side and org["side"] != side:
            org = None  # the organization of another state's post ("for Foreign Affairs" is the ROK's)
        side = side or (org["side"] if org else None)
        if side is None:
            for word, state in sorted(self.lex.state_words.items(), key=lambda x: -len(x[0])):
                if re.search(r"(?<![\w.])" + re.escape(word) + r"(?![\w])", core):
                    side = state
                    break
        if side is None:
            return None
        sslug = self.lex.side_slugs.get(side, side.split("/")[1])
        # a known post of this side with the same words, however written ("ROK Minister of National
        # Defense" = "Minister of National Defense"; "Secretary of Defense" = "secretary-defense"):
        # never a new id for it
        key = self._post_key(core)
        for k in self.reg.entities.values():
            if k.cls != "Post" or not k.id.startswith(f"post/{sslug}-") or not key:
                continue
            from kg.draft.post_keys import same_post_words  # "First Vice Foreign Minister" = "First Vice Minister for Foreign Affairs"

            if self._post_key(k.id.split("/", 1)[1][len(sslug) + 1:].replace("-", " ")) == key or any(
                    self._post_key(f) == key for f in k.forms | {k.label}) or same_post_words(self, key, k):
                ent = self.reuse(k.id, b, b + len(words_clean))
                if ent is not None:
                    ent.side = side
                    self._post_in(ent, core, side)
                    return ent
        words_only = " ".join(w for w in re.sub(r"\b(of|for|the|and|at)\b", " ", core).split()
                              if self.lex.state_words.get(w) != side) or core
        ident = f"post/{sslug}-" + slug(words_only)
        k = self.reg.get(ident)
        label = k.label if k else (f"{self.lex.side_labels.get(side, '')} {core}".strip() if nat_word else core)
        ent = self.d.add(Entity(ident, "Post", label, known=k is not None))
        ent.add_mention(self.t.mention(b, b + len(words_clean)), (b, b + len(words_clean)))
        ent.side = side
        self._post_in(ent, core, side)
        return ent

    def _post_key(self, words: str) -> tuple[str, ...]:
        """The words of a post's name that tell it apart: no articles, prepositions or state words."""
        low = " " + " ".join(re.sub(r"\s*\([^)]*\)", " ", words).replace("-", " ").split()) + " "
        for w in sorted(self.lex.state_words, key=len, reverse=True):
            low = re.sub(r"(?<=\s)" + re.escape(w) + r"(?=\s)", " ", low, flags=re.I)
        return tuple(w.lower() for w in low.split() if w.lower() not in ("of", "for", "the", "and", "at", "on"))

    def _side_of_post(self, ident: str) -> str | None:
        for state, s in self.lex.side_slugs.items():
            if ident.split("/")[1].startswith(s + "-"):
                return state
        return None

    def _post_in(self, ent: Entity, core: str, side: str | None) -> None:
        if ent.has_fact("org:postIn"):
            return
        q = self.t.quote(*ent.spans[0])
        pb, pe = ent.spans[0]
        for other in self.d.entities.values():
            if other.cls in ("Ministry", "Organization", "InternationalOrganization", "CombinedCommand") and any(
                    pb <= x and y <= pe for x, y in other.spans):
                ent.add_fact("org:postIn", other.id, q)
                return
        for rule in self.lex.post_orgs:
            if rule["words"] in core and rule["org"] in self.d.entities:
                ent.add_fact("org:postIn", rule["org"], q)
                return
        k = self.reg.get(ent.id)
        if k:
            for prop, obj, _sid in k.facts:
                if prop == "org:postIn" and obj in self.d.entities:
                    ent.add_fact(prop, obj, q, "as in the corpus (registry)")
                    return
        if side and side in self.d.entities:
            ent.add_fact("org:postIn", side, q, "the text names no ministry or office for the post: placed in its state")
