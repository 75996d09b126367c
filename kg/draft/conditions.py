"""Conditions of an act (kg.draft.acts' ActFinder, as a mixin): "should the DPRK …", "if …", "in the
event of …" at the head of an act's content, after a comma in it or inline, a subject that works as a
condition ("any nuclear attack … will result in …"), or a condition opening the sentence before the
act's subject. The words that open a condition are data (lexicon `condition_openers`,
`condition_inline`, `condition_consequences`, `condition_not_after_once`).
"""

from __future__ import annotations

import re


class ConditionMixin:
    def _opener_rx(self, words: list[str]) -> str:
        return r"(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True)) + r")"

    def _condition(self, b: int, e: int) -> tuple[int, int, int] | None:
        """(condition begin, end, new content begin) in the content b..e, or None."""
        s = self.s
        seg = s[b:e]
        lex = self.lex
        if not lex.condition_openers:
            return None
        op = self._opener_rx(lex.condition_openers)
        # at the head: "that, should the DPRK …, the ROK …" / "in the event of X, Y"
        m = re.match(r"(?:that\s*)?,?\s*((" + op + r")\s[^,;]{3,}?),\s*", seg, re.IGNORECASE)
        if m and self._is_condition(m.group(2), seg[m.end(2):]):
            return b + m.start(1), b + m.end(1), b + m.end()
        # after a comma, or inline, to the next comma or the end of the content
        inline = self._opener_rx(lex.condition_inline) if lex.condition_inline else None
        rx = r"(?:,\s+)(" + op + r")\s[^,;]{4,}?(?=,|;|$)"
        if inline:
            rx = r"(?:(?:,\s+)(" + op + r")|\s(" + inline + r"))\s[^,;]{4,}?(?=,|;|$)"
        for m in re.finditer(rx, seg):
            word = m.group(1) or (m.group(2) if inline else None)
            wb = m.start(1) if m.group(1) else m.start(2)
            if word and self._is_condition(word, seg[wb + len(word):]):
                return b + wb, b + m.end(), b
        # a subject that works as a condition: "that any nuclear attack … will result in …"
        if lex.condition_consequences:
            cons = self._opener_rx(lex.condition_consequences)
            m = re.match(r"(?:that\s+)?([Aa]ny\s[^;]+?)(?:,?\s*(?:is|are)\s+[\w\s]+?\s+and|,)?\s+" + cons + r"\b", seg)
            if m:
                return b + m.start(1), b + m.end(1), b
        return None

    def _leading_condition(self, sb: int, subj_b: int) -> tuple[int, int] | None:
        """A condition opening the sentence before the act's subject ("Should …, the ROK will …", "If …, we …")."""
        if not self.lex.condition_openers or subj_b <= sb:
            return None
        lead = self.s[sb:subj_b]
        # "If North Korea carries out any further provocations, including a nuclear test, …"
        m = re.match(r"\s*((" + self._opener_rx(self.lex.condition_openers) + r")\s[^,;]{3,}?(?:,\s*including\s[^,;]+)?),\s*$", lead, re.IGNORECASE)
        if not m or not self._is_condition(m.group(2), lead[m.end(2):]):
            return None
        return sb + m.start(1), sb + m.end(1)

    def _is_condition(self, word: str, rest: str) -> bool:
        w = " ".join(word.lower().split())
        nxt = rest.split()[0].lower() if rest.split() else ""
        if w == "should":  # only an inversion: "should the DPRK conduct …"
            return bool(re.match(r"\s+(?:the|any|a|an|north|[A-Z])", rest)) and nxt not in ("be", "not", "continue", "remain")
        if w == "once":
            return not any(" ".join(rest.split()).lower().startswith(x) for x in self.lex.condition_not_after_once)
        return True
