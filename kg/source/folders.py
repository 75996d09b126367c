"""Where the statements are: one folder each, holding a ``statement.yaml`` (read without YAML)."""

from __future__ import annotations

from pathlib import Path

from kg.errors import KGError

STATEMENT_FILE = "statement.yaml"


def statement_folders(root: Path) -> list[Path]:
    """Every folder under ``root`` that holds a statement, sorted by name."""
    if not root.is_dir():
        raise KGError("the statements folder does not exist.", str(root))
    folders = sorted(p.parent for p in root.glob(f"*/{STATEMENT_FILE}"))
    if not folders:
        raise KGError(f"no statement (*/{STATEMENT_FILE}) was found.", str(root))
    return folders
