"""Reading a statement's curated source: ``statements/<id>/statement.yaml`` and its texts.

YAML is read with line numbers kept on every mapping and list, so an error can name the line
a reviewer has to fix. Dates stay strings here (YAML's own date parsing is switched off) and
are checked where they are used, with a message that names the field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.errors import KGError
from kg.text import SourceText

STATEMENT_FILE = "statement.yaml"


class LineDict(dict):
    line: int = 0
    key_lines: dict


class LineList(list):
    line: int = 0


# libyaml's parser (CSafeLoader) when PyYAML was built with it: the same data, marks and line
# numbers, about 9 times faster than the pure-Python one.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeBase):  # type: ignore[misc, valid-type]
    """SafeLoader that records line numbers and does not turn dates into ``datetime``."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in rs if tag != "tag:yaml.org,2002:timestamp"]
    for ch, rs in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    d = LineDict()
    d.line = node.start_mark.line + 1
    d.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in d:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        d[key] = loader.construct_object(value_node, deep=True)
        d.key_lines[key] = key_node.start_mark.line + 1
    return d


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    lst = LineList(loader.construct_object(n, deep=True) for n in node.value)
    lst.line = node.start_mark.line + 1
    return lst


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


@dataclass
class Statement:
    """One statement: its id, folder, curated YAML and the texts its quotes come from."""

    id: str
    folder: Path
    path: Path
    data: LineDict
    texts: dict[str, SourceText] = field(default_factory=dict)

    @property
    def text(self) -> SourceText:
        return self.texts["text"]

    def where(self, node: Any = None, key: str | None = None) -> str:
        """``file, line N`` for a YAML node (or one key of a mapping)."""
        line = None
        if isinstance(node, LineDict) and key is not None:
            line = node.key_lines.get(key, node.line)
        elif isinstance(node, (LineDict, LineList)):
            line = node.line
        return f"{self.path}, line {line}" if line else str(self.path)


REQUIRED = ("id", "title", "kind", "language", "text", "partial", "reports")


def load_statement(folder: Path) -> Statement:
    path = folder / STATEMENT_FILE
    if not path.is_file():
        raise KGError(f"no {STATEMENT_FILE} in the statement folder.", str(folder))
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise KGError("the file is not valid UTF-8.", str(path)) from None
    try:
        data = yaml.load(raw, Loader=_Loader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}, line {mark.line + 1}, column {mark.column + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise KGError(f"this is not valid YAML: {problem}.", where) from None
    if not isinstance(data, LineDict):
        raise KGError("the file must hold a mapping (id, title, …, entities, acts).", str(path))
    st = Statement(id=str(data.get("id", "")), folder=folder, path=path, data=data)
    for key in REQUIRED:
        if key not in data:
            raise KGError(f"the required field `{key}` is missing.", st.where(data))
    if st.id != folder.name:
        raise KGError(
            f"the statement id `{st.id}` must equal its folder name `{folder.name}`.", st.where(data, "id")
        )
    if not isinstance(data["partial"], bool):
        raise KGError("`partial` must be true or false.", st.where(data, "partial"))
    st.texts["text"] = SourceText.read("text", folder / str(data["text"]))
    capture = data.get("capture")
    if capture is not None:
        if not isinstance(capture, LineDict) or "file" not in capture:
            raise KGError("`capture` must be a mapping with a `file`.", st.where(data, "capture"))
        st.texts["capture"] = SourceText.read("capture", folder / str(capture["file"]))
        if st.text.string not in st.texts["capture"].string:
            raise KGError(
                f"the text ({data['text']}) is not a verbatim part of the capture ({capture['file']}).",
                st.where(data, "capture"),
            )
    for key in ("entities", "acts", "document"):
        value = data.get(key, [])
        if not isinstance(value, list):
            raise KGError(f"`{key}` must be a list.", st.where(data, key))
    check_review(st)
    return st


REVIEW_STATES = ("draft", "reviewed")


def check_review(st: Statement) -> None:
    """The optional review state: `review: draft` (a statement `kg draft` wrote, with its
    `drafted: {by, version, date}`) or `review: reviewed` (with `reviewer:` and a `reviewed:` date
    where known). A statement without `review:` was curated by hand."""
    data = st.data
    if "review" not in data:
        return
    state = data["review"]
    if state not in REVIEW_STATES:
        raise KGError(f"`review` must be one of {', '.join(REVIEW_STATES)}, not `{state}`.", st.where(data, "review"))
    drafted = data.get("drafted")
    if state == "draft" and not isinstance(drafted, LineDict):
        raise KGError("a draft (`review: draft`) needs `drafted: {by, version, date}`, as `kg draft` writes it.",
                      st.where(data, "review"))
    if drafted is not None:
        if not isinstance(drafted, LineDict) or not all(k in drafted for k in ("by", "version", "date")):
            raise KGError("`drafted` must be a mapping with `by`, `version` and `date`.", st.where(data, "drafted"))
        _iso_date(drafted["date"], st.where(drafted, "date"))
    for key in ("reviewer", "reviewed"):
        if key in data and state != "reviewed":
            raise KGError(f"`{key}` is given but the statement is still a draft (`review: draft`).", st.where(data, key))
    if "reviewed" in data:
        _iso_date(data["reviewed"], st.where(data, "reviewed"))


def _iso_date(value: Any, where: str) -> None:
    from datetime import date

    try:
        date.fromisoformat(str(value))
    except ValueError:
        raise KGError(f"`{value}` is not a valid date; write YYYY-MM-DD.", where) from None


def statement_folders(root: Path) -> list[Path]:
    """Every folder under ``root`` that holds a statement, sorted by name."""
    if not root.is_dir():
        raise KGError("the statements folder does not exist.", str(root))
    folders = sorted(p.parent for p in root.glob(f"*/{STATEMENT_FILE}"))
    if not folders:
        raise KGError(f"no statement (*/{STATEMENT_FILE}) was found.", str(root))
    return folders
