"""The input of ``kg draft``: a corpus file (``key: value`` header lines, a blank line, the text) or
plain text with the metadata given as options."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KGError

HEADER_KEYS = ("title", "date", "source", "partial", "note", "language")
_HEADER_LINE = re.compile(r"^(title|date|source|partial|note|language):[ \t]*(.*)$")


@dataclass
class Source:
    """What the drafter reads: the statement text and what is known about it."""

    path: Path
    raw: str  # the whole file as given (the capture)
    text: str  # the statement text (everything after the header)
    text_offset: int  # where the text starts in ``raw``
    title: str
    date: str | None
    source: str | None
    partial: bool
    language: str
    note: str | None
    has_header: bool
    made_header: bool = False  # plain text: the header was made from the options (--title, --date, --source)

    @property
    def header(self) -> str:
        return self.raw[: self.text_offset]


def read_source(path: Path, title: str | None = None, date: str | None = None, source: str | None = None) -> Source:
    """Read and check the input; a KGError (one paragraph, exit 2) when it cannot be drafted."""
    if not path.is_file():
        raise KGError("there is no such file to draft from.", str(path))
    try:
        raw = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise KGError(f"the file is not valid UTF-8 (byte {exc.start} cannot be decoded); save it as UTF-8.", str(path)) from None
    if not raw.strip():
        raise KGError("the file is empty: there is no statement text to draft from.", str(path))
    fields: dict[str, str] = {}
    lines = raw.split("\n")
    has_header = bool(_HEADER_LINE.match(lines[0]))
    offset = 0
    if has_header:
        i = 0
        while i < len(lines) and lines[i].strip():
            m = _HEADER_LINE.match(lines[i])
            if not m:
                raise KGError(
                    f"line {i + 1} of the header is not `key: value` with a key among {', '.join(HEADER_KEYS)}; "
                    "the header ends at the first blank line.",
                    str(path),
                )
            if m.group(1) in fields:
                raise KGError(f"the header gives `{m.group(1)}` twice (line {i + 1}).", str(path))
            fields[m.group(1)] = m.group(2).strip()
            i += 1
        offset = sum(len(x) + 1 for x in lines[: i + 1])
        while offset < len(raw) and raw[offset] == "\n":
            offset += 1
    text = raw[offset:]
    if not text.strip():
        raise KGError("the file has a header but no statement text after it.", str(path))
    title = title or fields.get("title")
    if not title or not title.strip():
        where = f"{path}, line 1" if has_header else str(path)
        raise KGError(
            "the statement has no title: give a `title:` header line (the corpus format: title, date, source, "
            "partial, language, then a blank line and the text) or the --title option.",
            where,
        )
    made = ""
    if not has_header:  # plain text: the options become the capture's header, so that the title can be quoted
        made = "".join(f"{k}: {' '.join(str(v).split())}\n" for k, v in (("title", title), ("date", date), ("source", source)) if v) + "\n"
        raw, offset, has_header = made + raw, len(made), True
    language = (fields.get("language") or "en").split()[0].strip().lower()
    partial = (fields.get("partial") or "no").split()[0].strip(" (,;").lower() in ("yes", "true")
    return Source(
        path=path,
        raw=raw,
        text=text,
        text_offset=offset,
        title=title.strip(),
        date=date or fields.get("date"),
        source=source or fields.get("source"),
        partial=partial,
        language=language,
        note=fields.get("note"),
        has_header=has_header,
        made_header=bool(made),
    )


def statement_id(path: Path) -> str:
    """The statement id from the file name: ``ncg-1.txt`` → ``ncg-1``."""
    stem = path.name.rsplit(".", 1)[0] if "." in path.name else path.name
    ident = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    if not ident or not re.match(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", ident):
        raise KGError("cannot make a statement id from the file name; name the file like ncg-1.txt.", str(path))
    return ident
