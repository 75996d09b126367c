"""A statement's verbatim text: reading it safely, splitting it into sentences, finding quotes.

Offsets are Unicode code points (Python ``str`` indices), as NIF 2.0 and RFC 5147 count them.
"""

from __future__ import annotations

import bisect
import difflib
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.errors import KGError

# The largest text a statement may have, in bytes of its file. The longest statement of the
# corpus is about 20 KB; a text fifty times that is not a joint statement, and the build keeps
# every sentence and span of it in memory.
MAX_TEXT_BYTES = 1_000_000

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = ("U.S.", "U.S", "Dr.", "Mr.", "Ms.", "Mrs.", "D.C.", "Gen.", "Adm.", "Lt.", "Col.", "No.", "St.", "Sept.", "SEPT.", "Jr.")
# A middle initial ("Lloyd J. Austin", "Joseph R. Biden") does not end a sentence.
_INITIAL = re.compile(r"(?<=\s[A-Z])\.(?=\s+[A-Z][a-z])")
_SENTENCE_END = re.compile(r"[.!?][”\"’']?(?=\s|[A-Z“]|$)")


@dataclass(frozen=True)
class Span:
    """Characters ``begin`` (inclusive) to ``end`` (exclusive) of one source text."""

    source: "SourceText"
    begin: int
    end: int

    @property
    def anchor(self) -> str:
        return self.source.string[self.begin : self.end]

    def sentence(self) -> "Span":
        return self.source.sentence_of(self.begin)


@dataclass
class SourceText:
    """One text a statement's facts are quoted from (``name`` is ``text`` or ``capture``)."""

    name: str
    path: Path
    string: str
    sentences: list[tuple[int, int]] = field(default_factory=list)
    _starts: tuple[list, list[int]] | None = field(default=None, repr=False, compare=False)
    _words: tuple | None = field(default=None, repr=False, compare=False)

    @classmethod
    def read(cls, name: str, path: Path) -> "SourceText":
        if not path.is_file():
            raise KGError("the statement text is missing: no such file.", str(path))
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise KGError(
                f"the statement text is {size:,} bytes, more than the {MAX_TEXT_BYTES:,} bytes (1 MB) a "
                "statement's text may have; a joint statement is a few pages.",
                str(path),
            )
        raw = path.read_bytes()
        try:
            string = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise KGError(
                f"the statement text is not valid UTF-8 (byte {exc.start} cannot be decoded); "
                "save it as UTF-8 without changing its words.",
                str(path),
            ) from None
        if not string.strip():
            raise KGError("the statement text is empty.", str(path))
        text = cls(name, path, string)
        text.sentences = split_sentences(string)
        return text

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.string.encode("utf-8")).hexdigest()

    def sentence_of(self, offset: int) -> Span:
        """The sentence the character at ``offset`` is in (a binary search of the sentences,
        which are in order and do not overlap)."""
        if self._starts is None or self._starts[0] is not self.sentences:
            self._starts = (self.sentences, [b for b, _ in self.sentences])
        i = bisect.bisect_right(self._starts[1], offset) - 1
        if i >= 0:
            b, e = self.sentences[i]
            if b <= offset < e:
                return Span(self, b, e)
        raise ValueError(f"offset {offset} is in no sentence of {self.path}")

    def occurrences(self, quote: str, begin: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """(begin, end) of each place ``quote`` stands between ``begin`` and ``end``.

        White space is matched loosely: any run of spaces, no-break spaces or newlines in the
        text matches any run in the quote (the statement's web copy is full of no-break spaces).
        Every other character must be exact. The spans point at the text's own characters.
        """
        end = len(self.string) if end is None else end
        words = quote.split()
        if not words:  # nothing to find but white space: as the pattern finds it
            pattern = loose_pattern(quote)
            found, i = [], begin
            while True:
                m = pattern.search(self.string, i, end)
                if m is None:
                    return found
                found.append((m.start(), m.end()))
                i = m.start() + 1
        # the same places as loose_pattern(quote) finds, without compiling a pattern a quote: the
        # quote's words joined by one space, looked for in the text's words joined the same way
        # (str.split and the pattern's \s are the same white space), mapped back to offsets
        joined, starts, offsets = self._joined_words()
        wanted = " ".join(words)
        k = bisect.bisect_right(offsets, begin) - 1  # the word at or before ``begin``
        if k >= 0 and begin < offsets[k] + _word_end(joined, starts, k) - starts[k]:
            x = starts[k] + begin - offsets[k]
        else:
            x = starts[k + 1] if k + 1 < len(starts) else len(joined)
        found = []
        while True:
            x = joined.find(wanted, x)
            if x < 0:
                return found
            kb = bisect.bisect_right(starts, x) - 1
            y = x + len(wanted) - 1  # the last character: in a word, as the quote ends with one
            ke = bisect.bisect_right(starts, y) - 1
            b, e = offsets[kb] + x - starts[kb], offsets[ke] + y - starts[ke] + 1
            if e > end:
                return found
            found.append((b, e))
            x += 1

    def _joined_words(self) -> tuple[str, list[int], list[int]]:
        """The text's words joined by one space, where each word starts in that string and in
        the text (computed once a text)."""
        if self._words is None or self._words[0] is not self.string:
            starts, offsets, words, n = [], [], [], 0
            for m in _WORD.finditer(self.string):
                starts.append(n)
                offsets.append(m.start())
                words.append(m.group())
                n += len(m.group()) + 1
            self._words = (self.string, " ".join(words), starts, offsets)
        return self._words[1], self._words[2], self._words[3]

    def locate(
        self,
        quote: str,
        where: str,
        scope: Span | None = None,
        within: str | None = None,
        occurrence: int | None = None,
    ) -> Span:
        """The one place ``quote`` stands, or a KGError that says why not and where to look.

        ``scope`` limits the search to a span (an act's words); ``within`` to the one place a
        longer, unique phrase stands; ``occurrence`` (1-based) picks among repeated places.
        """
        if not isinstance(quote, str) or not quote.strip():
            raise KGError("a quote must be a non-empty string.", where)
        if within is not None:
            scope = self.locate(within, where, scope=scope)
        b, e = (scope.begin, scope.end) if scope else (0, len(self.string))
        hits = self.occurrences(quote, b, e)
        if not hits:
            raise KGError(
                f"the quote “{quote}” is not in {_describe(self, scope)}.{_hint(self.string[b:e], quote)}",
                where,
            )
        if occurrence is not None:
            if not 1 <= occurrence <= len(hits):
                raise KGError(
                    f"occurrence {occurrence} of “{quote}” was asked for, but it stands "
                    f"{len(hits)} time(s) in {_describe(self, scope)}.",
                    where,
                )
            start = hits[occurrence - 1]
        elif len(hits) > 1:
            raise KGError(
                f"the quote “{quote}” stands {len(hits)} times in {_describe(self, scope)} "
                f"(at characters {', '.join(str(h[0]) for h in hits)}); add `within:` (a longer phrase around "
                "the intended place) or `occurrence:` to say which one is meant.",
                where,
            )
        else:
            start = hits[0]
        return Span(self, *start)

    def mentions(self, quote: str, where: str) -> list[Span]:
        """Every place ``quote`` stands as whole words (at least one, or a KGError)."""
        spans = []
        for i, j in self.occurrences(quote):
            before = self.string[i - 1] if i else " "
            after = self.string[j] if j < len(self.string) else " "
            if _is_word_char(before) and _is_word_char(quote[0]):
                continue
            if _is_word_char(after) and _is_word_char(quote[-1]):
                continue
            spans.append(Span(self, i, j))
        if not spans:
            raise KGError(
                f"the mention “{quote}” is not in {_describe(self, None)} as whole words."
                f"{_hint(self.string, quote)}",
                where,
            )
        return spans


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _describe(text: SourceText, scope: Span | None) -> str:
    if scope is None:
        return f"the {text.name} ({text.path.name})"
    return f"the words “{_shorten(scope.anchor)}” (characters {scope.begin}–{scope.end} of {text.path.name})"


def _shorten(s: str, n: int = 80) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _hint(haystack: str, quote: str) -> str:
    """Suggest the closest passage, with the usual culprits (quotes, dashes, spaces) named."""
    folded = _fold(quote)
    if folded and _fold(haystack).find(folded) != -1:
        return (
            " It does match if quotes, apostrophes, dashes and spaces are ignored: copy the text's own "
            "characters (’ “ ” — and double spaces)."
        )
    n = len(quote)
    best, best_ratio = "", 0.0
    step = max(1, n // 8)
    for i in range(0, max(1, len(haystack) - n + 1), step):
        cand = haystack[i : i + n]
        r = difflib.SequenceMatcher(None, quote, cand, autojunk=False).quick_ratio()
        if r > best_ratio:
            best, best_ratio = cand, r
    if best_ratio >= 0.6:
        return f" The closest passage is “{_shorten(best, 120)}”."
    return ""


def _fold(s: str) -> str:
    return re.sub(r"[\s’'“”\"—–\-]+", "", s).lower()


def split_sentences(string: str) -> list[tuple[int, int]]:
    """Sentence spans: paragraphs split at full stops, not inside known abbreviations.

    Handles the statement's typography: a stop followed directly by a capital ("(SCM).They")
    ends a sentence; the stops of "U.S. Department" do not. Surrounding white space is excluded.
    A text split before in this process is not split again (every build reads every statement's
    texts for its id registry); each caller gets its own list.
    """
    return list(_sentences(string))


@lru_cache(maxsize=512)
def _sentences(string: str) -> tuple[tuple[int, int], ...]:
    protected = set()
    for abbr in _ABBREVIATIONS:
        for m in re.finditer(r"(?<![\w.])" + re.escape(abbr), string):
            protected.update(i for i in range(m.start(), m.end()) if string[i] == ".")
    protected.update(m.start() for m in _INITIAL.finditer(string))
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", string):
        start = para.start()
        for m in _SENTENCE_END.finditer(string, para.start(), para.end()):
            end = m.end()
            if m.start() in protected and not _ends_paragraph(string, end, para.end()):
                continue
            spans.append(_trim(string, start, end))
            start = end
        if string[start : para.end()].strip():
            spans.append(_trim(string, start, para.end()))
    return tuple(s for s in spans if s[1] > s[0])


def _ends_paragraph(string: str, end: int, para_end: int) -> bool:
    return not string[end:para_end].strip()


def _trim(string: str, b: int, e: int) -> tuple[int, int]:
    while b < e and string[b].isspace():
        b += 1
    while e > b and string[e - 1].isspace():
        e -= 1
    return b, e


_WORD = re.compile(r"\S+")


def _word_end(joined: str, starts: list[int], k: int) -> int:
    """Where word ``k`` of ``joined`` ends in it."""
    return starts[k + 1] - 1 if k + 1 < len(starts) else len(joined)


@lru_cache(maxsize=16384)
def loose_pattern(quote: str) -> re.Pattern:
    """The pattern of ``quote`` with white space matched loosely (any run matches any run),
    compiled once per quote (the build and the drafter look the same quotes up many times)."""
    return re.compile(r"\s+".join(re.escape(chunk) for chunk in quote.split()))
