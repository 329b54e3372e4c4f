"""The JSON Schemas of the formats (solver/schemas/), as validators for the tests."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator

SCHEMAS = Path(__file__).resolve().parents[2] / "solver" / "schemas"


@cache
def validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_errors(name: str, document: object) -> list[str]:
    """Every violation, as 'path: message' (empty when the document is valid)."""
    found = validator(name).iter_errors(document)
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in found]


def assert_valid_instance(document: object) -> None:
    errors = schema_errors("matchmaker-instance-1", document)
    assert errors == [], errors


def assert_valid_schedule(document: object) -> None:
    errors = schema_errors("matchmaker-schedule-1", document)
    assert errors == [], errors
