"""Reading a statement's curated source: ``statements/<id>/statement.yaml`` and its texts.

YAML is read with line numbers kept on every mapping and list, so an error can name the line
a reviewer has to fix. Dates stay strings here (YAML's own date parsing is switched off) and
are checked where they are used, with a message that names the field.
"""

from __future__ import annotations

import hashlib
import pickle
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

import yaml

from kg.errors import KGError
from kg.source.schema import check
from kg.source.text import SourceText

# the statements' folders (no YAML, no schema: what a build's inputs digest reads); re-exported
from kg.source.folders import STATEMENT_FILE, statement_folders  # noqa: F401


class LineDict(dict):
    line: int = 0
    key_lines: dict


class LineList(list):
    line: int = 0
    item_lines: list


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
    lst.item_lines = [n.start_mark.line + 1 for n in node.value]
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


# What a YAML file's bytes parsed to, pickled, by the bytes' sha256: a file read again in the same
# process (every build reads every statement for its id registry; a test run or a server rebuilding
# builds many times) is unpickled, about 5 times faster than parsing it with line numbers again, and
# each caller still gets its own objects to change. Bounded: the least recently read go first.
_PARSED: OrderedDict[bytes, bytes] = OrderedDict()
_PARSED_MAX = 256


def read_yaml(path: Path, data: bytes | None = None) -> Any:
    """A YAML file (its bytes ``data`` if already read), with line numbers on every mapping and
    list; a KGError (file, line, column) for a file that is not UTF-8 or not YAML."""
    data = path.read_bytes() if data is None else data
    digest = hashlib.sha256(data).digest()
    if digest in _PARSED:
        _PARSED.move_to_end(digest)
        return pickle.loads(_PARSED[digest])  # noqa: S301 - our own pickle of our own parse
    try:
        # as read_text reads it: universal newlines
        raw = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        raise KGError(f"the file is not valid UTF-8 (byte {exc.start} cannot be decoded); save it as UTF-8.", str(path)) from None
    try:
        parsed = yaml.load(raw, Loader=_Loader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}, line {mark.line + 1}, column {mark.column + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise KGError(f"this is not valid YAML: {problem}.", where) from None
    _PARSED[digest] = pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL)
    if len(_PARSED) > _PARSED_MAX:
        _PARSED.popitem(last=False)
    return parsed


_CONFORMING: set[bytes] = set()  # sha256 of statement files that passed the schema check


def load_statement(folder: Path) -> Statement:
    path = folder / STATEMENT_FILE
    if not path.is_file():
        raise KGError(f"no {STATEMENT_FILE} in the statement folder.", str(folder))
    raw = path.read_bytes()
    data = read_yaml(path, raw)
    # Unknown keys, wrong types, missing fields and malformed ids stop here, with their line.
    # The check depends on the file's bytes only: a file already found conforming in this process
    # (a test run, a server rebuilding) is not checked again.
    digest = hashlib.sha256(raw).digest()
    if digest not in _CONFORMING:
        check(data, "statement", path)
        _CONFORMING.add(digest)
    st = Statement(id=str(data["id"]), folder=folder, path=path, data=data)
    if st.id != folder.name:
        raise KGError(
            f"the statement id `{st.id}` must equal its folder name `{folder.name}`.", st.where(data, "id")
        )
    st.texts["text"] = SourceText.read("text", statement_file(st, data["text"], st.where(data, "text")))
    capture = data.get("capture")
    if capture is not None:
        st.texts["capture"] = SourceText.read("capture", statement_file(st, capture["file"], st.where(capture, "file")))
        if st.text.string not in st.texts["capture"].string:
            raise KGError(
                f"the text ({data['text']}) is not a verbatim part of the capture ({capture['file']}).",
                st.where(data, "capture"),
            )
    return st


def statement_file(st: Statement, name: str, where: str) -> Path:
    """``name`` (from statement.yaml) as a file of the statement's own folder, or a KGError.

    A statement's files stay inside its folder: no absolute path, no ``..``, and no symbolic
    link (of the file or a folder on the way) that leads out of it, so a statement cannot put
    another file of the machine into the graph.
    """
    rel = PurePosixPath(name)
    if rel.is_absolute() or PureWindowsPath(name).is_absolute() or PureWindowsPath(name).drive or ".." in rel.parts or "\\" in name:
        raise KGError(
            f"`{name}` is not a file of the statement's folder: name it relative to the folder, without `..` "
            "(e.g. text.txt).",
            where,
        )
    folder = st.folder.resolve()
    target = (st.folder / rel).resolve()
    if not target.is_relative_to(folder):
        raise KGError(
            f"`{name}` leads out of the statement's folder (a symbolic link to {target}); a statement's "
            "files must be inside its folder.",
            where,
        )
    return st.folder / rel


def draft_info(st: Statement) -> dict[str, Any] | None:
    """A drafted statement's review state and drafter (None for one curated by hand). The schema
    (kg/source/statement.schema.json) has checked the keys: ``review: draft|reviewed``,
    ``drafted: {by, version, date}``, ``reviewer``, ``reviewed``."""
    drafted = st.data.get("drafted")
    if not isinstance(drafted, dict):
        return None
    return {"state": str(st.data.get("review", "reviewed")), "by": str(drafted["by"]), "version": str(drafted["version"]),
            "date": str(drafted["date"]), "reviewer": st.data.get("reviewer"), "reviewed": st.data.get("reviewed")}
