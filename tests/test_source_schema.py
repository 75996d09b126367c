"""The source format's schema (kg/source/*.schema.json): every example of tests/source/valid
passes, every one of tests/source/invalid fails with the message and line its header promises,
the bundled statements pass unchanged, and the README's format reference is the schema's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from kg.errors import KGError
from kg.source import schema
from kg.source.statement import _Loader, read_yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "tests" / "source"
VALID = sorted((EXAMPLES / "valid").glob("*.yaml"))
INVALID = sorted((EXAMPLES / "invalid").glob("*.yaml"))
HEADER = re.compile(r"# breaks: (?P<rule>.+)\n# expect: (?:line (?P<line>\d+): )?(?P<message>.+)\n")


def kind_of(path: Path) -> str:
    return "series" if path.name.startswith("series") else "statement"


def check(path: Path) -> None:
    data = read_yaml(path)
    schema.check({} if data is None and kind_of(path) == "series" else data, kind_of(path), path)


def test_examples_were_collected():
    assert len(VALID) >= 5 and len(INVALID) >= 60
    assert {kind_of(p) for p in VALID} == {kind_of(p) for p in INVALID} == {"statement", "series"}


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_example(path):
    check(path)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_example(path):
    m = HEADER.match(path.read_text(encoding="utf-8"))
    assert m, f"{path.name} must start with '# breaks: <rule>' and '# expect: line N: <message>'"
    with pytest.raises(KGError) as err:
        check(path)
    where = f"{path}, line {m['line']}" if m["line"] else str(path)
    assert err.value.where == where, (str(err.value), m["line"])
    assert m["message"] in err.value.message, (err.value.message, m["message"])


@pytest.mark.parametrize("folder", sorted(p.parent for p in (ROOT / "statements").glob("*/statement.yaml")), ids=lambda p: p.name)
def test_bundled_statements_pass_unchanged(folder):
    schema.check(read_yaml(folder / "statement.yaml"), "statement", folder / "statement.yaml")


def test_bundled_series_passes():
    schema.check(read_yaml(ROOT / "statements" / "series.yaml"), "series", "series.yaml")


def test_schemas_are_valid_json_schema():
    from jsonschema import Draft202012Validator

    for kind in schema.SCHEMAS:
        Draft202012Validator.check_schema(schema.schema(kind))


def test_every_closed_mapping_is_documented():
    """Every mapping that refuses unknown keys lists its keys in a documented section."""
    documented = {id(node) for _, _, node, _ in schema.sections()}

    def walk(node, kind):
        if isinstance(node, dict):
            closed = node.get("additionalProperties") is False or node.get("unevaluatedProperties") is False
            if closed and node.get("properties"):
                assert id(node) in documented, (kind, sorted(node["properties"]))
            for v in node.values():
                walk(v, kind)
        elif isinstance(node, list):
            for v in node:
                walk(v, kind)

    for kind in schema.SCHEMAS:
        walk(schema.schema(kind), kind)


def _readme_keys() -> set[tuple[str, str]]:
    text = schema.readme_section((ROOT / "README.md").read_text(encoding="utf-8"))
    keys, kind = set(), None
    for line in text.splitlines():
        if line.startswith("**"):
            kind = "series" if "series.yaml" in line else "statement"
        m = re.match(r"\| `([a-z_]+)` \|", line)
        if m:
            keys.add((kind, m.group(1)))
    return keys


def test_readme_format_reference_is_generated_from_the_schema():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert schema.readme_section(readme) == schema.reference(), "run: python -m kg.source --readme README.md"


def test_readme_documents_every_key_the_schema_allows_and_no_other():
    assert _readme_keys() == schema.allowed_keys()


def test_readme_example_statement_passes_the_schema():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"`statement.yaml` \(the folder name is the id\):\n\n```yaml\n(.*?)```", readme, re.S)
    assert block
    schema.check(yaml.load(block.group(1), Loader=_Loader), "statement", "README.md")  # noqa: S506
