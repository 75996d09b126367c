"""Reading ``statements/series.yaml``: the links between statements, checked against its schema."""

from __future__ import annotations

from pathlib import Path

from kg.source.schema import check
from kg.source.statement import LineDict, read_yaml

SERIES_FILE = "series.yaml"


def load_series(root: Path) -> tuple[Path, LineDict] | None:
    """``(path, data)`` of the series file under ``root``, or None when there is none. A file
    that is not UTF-8, not YAML or not of the schema (a list instead of a mapping, an unknown
    key, a link without evidence) is a KGError naming the file and line."""
    path = Path(root) / SERIES_FILE
    if not path.is_file():
        return None
    data = read_yaml(path)
    if data is None:  # an empty file: no links
        data = LineDict()
        data.line, data.key_lines = 1, {}
    check(data, "series", path)
    return path, data
