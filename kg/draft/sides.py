"""The sides of the statement (kg.draft.entities' EntityFinder, as a mixin): the parties it speaks
for, the states of the series (lexicon `side_states`) that the title or the first sentence names as a
list, else the default sides of a bilateral statement; a side the text names only by a short name or
an adjective ("U.S.") is found by its state words (a state the corpus does not know is new).
"""

from __future__ import annotations

import re

from kg.draft.model import Entity

# between two states of a list of named persons: "(ROK), and President Joseph R. Biden, Jr. of the"
_NAMED_OF = re.compile(r"\s*(?:\([^)]{1,12}\))?\s*,(?:\s+and)?\s+(?:[A-Z][\w.’'\-]*,?\s+){1,7}of\s+(?:the\s+)?")


class SidesMixin:
    def sides(self) -> None:
        """The parties the statement speaks for: the states of the series (lexicon `side_states`) that the
        title or the first sentence names as a list ("the Republic of Korea (ROK), United States, and
        Japan", "Joint Statement of Japan, the ROK and the U.S.", "the leaders of the United States and
        Japan"); where neither names two, the default sides of a bilateral statement of the series."""
        self._state_mentions_by_words()
        sides: list[str] = []
        tb, te = self.d.title_span
        title_sides = self._listed_states(self.d.title, None)
        title_persons = bool(_NAMED_OF.search(self.d.title)) and len(title_sides) >= 2
        first = self.t.sentences[0] if self.t.sentences else (0, 0)
        for sb, se in self.t.sentences:
            if sb >= te and self.s[sb:se].strip() and not self._is_dateline(sb, se):
                first = (sb, se)
                break
        sent_sides = self._listed_states(self.s[first[0]:first[1]], first[0])
        from kg.draft.official_sides import officials_list_states  # "ROK Deputy Minister … Cho, U.S. … Ratner, and Japan … Kano"

        officials = officials_list_states(self, self.s[first[0]:first[1]])
        if len(officials) > len(sent_sides):
            sent_sides, title_persons = officials, title_persons or set(title_sides) < set(officials)
        # the title's list first; but a title listing persons may name one leader without a state
        # ("President Biden, Prime Minister Kishida of Japan, and President Yoon of South Korea"): then the
        # first sentence's longer list that holds the title's wins
        order = (title_sides, sent_sides)
        if title_persons and set(title_sides) < set(sent_sides):
            order = (sent_sides, title_sides)
        for cand in order:
            if len(cand) >= 2:
                sides = cand
                break
        if not sides:
            sides = list(self.lex.default_sides)
            # a third state of the series in a list of the first sentence with the two
            for st in sent_sides + title_sides:
                if st not in sides:
                    sides.append(st)
        self.d.sides = [s for s in sides if s in self.d.entities]
        if len(self.d.sides) != len(sides):
            self.d.comments.append("sides: " + ", ".join(s for s in sides if s not in self.d.entities) + " not named in the text")

    def _is_dateline(self, b: int, e: int) -> bool:
        return bool(re.fullmatch(r"\s*[A-Za-z.]+\s+\d{1,2}(?:\s*[-–]\s*\d{1,2})?,\s+\d{4}\s*", self.s[b:e]))

    def _state_mentions_by_words(self) -> None:
        """A side the text names only by a short name or an adjective ("U.S.") is found by its state words."""
        for st in self.lex.side_states:
            if st in self.d.entities:
                continue
            for word, state in sorted(self.lex.state_words.items(), key=lambda x: -len(x[0])):
                if state == st:
                    hits = [h for h in self.t.find_words(word) if not self._inside_other(h, st)]
                    if hits and st in self.reg.entities:
                        self.reuse(st, *hits[0])
                        break
                    adjective = any(w2 != word and word.startswith(w2) and word[len(w2):] in ("n", "an", "ian", "ese", "i")
                                    for w2, s2 in self.lex.state_words.items() if s2 == st)  # "Indian" of "India"
                    if hits and word[:1].isupper() and not adjective:  # a side the corpus does not know: new, by its name ("Indian" is none)
                        ent = self.d.add(Entity(st, "State", re.sub(r"^the\s+", "", word)))
                        ent.comments.append(f"new State “{ent.label}” (a state of the lexicon the corpus does not know); check it")
                        for h in hits:
                            ent.add_mention(self.t.mention(*h), h)
                        break

    def _inside_other(self, span: tuple[int, int], ident: str) -> bool:
        """Whether ``span`` lies inside a longer mention of another entity ("Korea" in "North Korea")."""
        b, e = span
        return any(ent.id != ident and any(x <= b and e <= y and (x, y) != (b, e) for x, y in ent.spans)
                   for ent in self.d.entities.values())

    def _listed_states(self, text: str, offset: int | None) -> list[str]:
        """The states of the series named in ``text`` as a list (joined by commas, "and", hyphens)."""
        words = sorted(self.lex.state_words.items(), key=lambda x: -len(x[0]))
        rx = re.compile(r"(?<![\w.])(" + "|".join(re.escape(w) for w, st in words if st in self.lex.side_states) + r")(?![\w])")
        hits = [(m.start(), m.end(), self.lex.state_words[m.group(1)]) for m in rx.finditer(text)]
        # "the Republic of Korea (ROK)": an acronym in brackets is the same mention
        chains: list[list[str]] = []
        cur: list[str] = []
        last_end = None
        for b, e, st in hits:
            gap = text[last_end:b] if last_end is not None else None
            if b > 0 and text[b - 1] == "(" and text[e:e + 1] == ")" and cur and cur[-1] == st:
                last_end = e + 1  # "the Republic of Korea (ROK)": one mention
                continue
            from kg.draft.post_of_state import post_gap  # "of the United States and the Foreign Ministers of Australia"

            if gap is not None and (re.fullmatch(r"\s*(?:\([^)]{1,12}\))?\s*(?:,|,?\s+and|-|–|/)\s*(?:the\s+)?", gap) or _NAMED_OF.fullmatch(gap)
                                    or post_gap(self.lex).fullmatch(gap)):
                if st not in cur:
                    cur.append(st)
            else:
                if len(cur) >= 2:
                    chains.append(cur)
                cur = [st]
            last_end = e
        if len(cur) >= 2:
            chains.append(cur)
        if not chains:
            return []
        return max(chains, key=len)
