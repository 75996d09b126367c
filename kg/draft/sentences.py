"""The text as the drafter sees it: the project's own sentences (kg.source.text), paragraphs, and how to
write a quote so that the build finds it at exactly the intended place."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.source.text import SourceText, split_sentences

_WORD = re.compile(r"\w")


@dataclass
class Text:
    src: SourceText

    @classmethod
    def of(cls, string: str, name: str = "text") -> "Text":
        st = SourceText(name, Path(f"{name}.txt"), string)
        st.sentences = split_sentences(string)
        return cls(st)

    @property
    def string(self) -> str:
        return self.src.string

    @property
    def sentences(self) -> list[tuple[int, int]]:
        return self.src.sentences

    def paragraphs(self) -> list[tuple[int, int]]:
        return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", self.string) if m.group().strip()]

    def paragraph_of(self, offset: int) -> tuple[int, int]:
        for b, e in self.paragraphs():
            if b <= offset < e:
                return b, e
        return 0, len(self.string)

    def sentence_of(self, offset: int) -> tuple[int, int]:
        for b, e in self.sentences:
            if b <= offset < e:
                return b, e
        return 0, len(self.string)

    def whole_word(self, b: int, e: int) -> bool:
        s = self.string
        q = s[b:e]
        if not q:
            return False
        if b > 0 and _WORD.match(s[b - 1]) and _WORD.match(q[0]):
            return False
        if e < len(s) and _WORD.match(s[e]) and _WORD.match(q[-1]):
            return False
        return True

    def find_words(self, quote: str, begin: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """Whole-word places of ``quote`` (white space loose, as the build matches)."""
        return [(b, e) for b, e in self.occurrences(quote, begin, end) if self.whole_word(b, e)]

    def occurrences(self, quote: str, begin: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """The places of ``quote`` exactly as the build finds them (kg.source.text.SourceText.occurrences:
        white space loose, each pattern compiled once), and a quote whose
        first word is not in the text skipped without a search."""
        chunks = quote.split()
        if not chunks or chunks[0] not in self.string:
            return []
        return self.src.occurrences(quote, begin, end)

    # ------------------------------------------------------------------ quotes the build will find
    def quote(self, b: int, e: int, scope: tuple[int, int] | None = None) -> Any:
        """The evidence spec for characters b..e: the words, plus `occurrence` when they repeat in
        the scope (the whole text, or an act's words)."""
        words = self.string[b:e]
        words = words.strip()
        if not words:
            raise ValueError(f"empty quote at {b}")
        sb, se = scope if scope else (0, len(self.string))
        hits = self.occurrences(words, sb, se)
        starts = [h[0] for h in hits]
        if len(hits) == 1:
            return words
        if b in starts:
            return {"quote": words, "occurrence": starts.index(b) + 1}
        raise ValueError(f"{words!r} not at {b}")

    def mention(self, b: int, e: int) -> Any:
        """A mention spec: a plain string when it stands as whole words (every place becomes a
        mention), else the one place."""
        words = self.string[b:e].strip()
        if not words:
            raise ValueError(f"empty mention at {b}")
        if self.find_words(words):
            return words
        return self.quote(b, e)

    def clean(self, b: int, e: int) -> tuple[int, int]:
        """Trim white space and closing punctuation from a span."""
        s = self.string
        while b < e and s[b].isspace():
            b += 1
        while e > b and (s[e - 1].isspace() or s[e - 1] in ",;:"):
            e -= 1
        return b, e
