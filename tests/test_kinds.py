"""Schema, registry and kind modules agree: a kind's whole contract is its module."""

from __future__ import annotations

import json

import pytest

from validator import kinds
from validator.ruleset import resolve, rules_dir

SCHEMA = json.loads((rules_dir() / "rule-file.schema.json").read_text(encoding="utf-8"))
RULE = SCHEMA["$defs"]["rule"]
_JSON_TYPES = {"integer", "number", "boolean", "string", "array", "object"}


def _branch(name: str) -> dict:
    """The options schema the rule file's JSON Schema gives a kind."""
    for branch in RULE["allOf"]:
        kind = branch["if"]["properties"]["kind"]
        if kind.get("const") == name or name in kind.get("enum", ()):
            return branch["then"]["properties"]["options"]
    raise AssertionError(f"no schema branch for kind {name}")


def _model_type(prop: dict) -> set[str]:
    """The JSON types a pydantic field accepts (null left out: an option left unset)."""
    if "anyOf" in prop:
        return set().union(*(_model_type(p) for p in prop["anyOf"])) - {"null"}
    if "$ref" in prop or "allOf" in prop:
        return {"object"}
    if "enum" in prop:
        return {type(v).__name__.replace("str", "string") for v in prop["enum"]}
    if "const" in prop:
        return {"string"}
    return {prop["type"]} if "type" in prop else set()


def _schema_type(prop: dict) -> set[str]:
    ref = prop.get("$ref", "")
    if ref:
        target = SCHEMA["$defs"][ref.rsplit("/", 1)[1]]
        return _schema_type(target)
    if "enum" in prop:
        return {type(v).__name__.replace("str", "string") for v in prop["enum"]}
    return {prop["type"]} if "type" in prop else set()


def test_the_registry_is_the_schema_kind_list():
    assert set(kinds.KINDS) == set(RULE["properties"]["kind"]["enum"])


@pytest.mark.parametrize("name", sorted(kinds.KINDS))
def test_schema_branch_matches_the_options_model(name):
    model = kinds.get(name).Options
    branch = _branch(name)
    fields = model.model_json_schema()
    assert set(branch.get("properties", {})) == set(fields.get("properties", {})), name
    assert set(branch.get("required", [])) == set(fields.get("required", [])), name
    assert branch.get("additionalProperties") is False
    for key, prop in branch.get("properties", {}).items():
        assert _schema_type(prop) <= _JSON_TYPES
        assert _model_type(fields["properties"][key]) == _schema_type(prop), (name, key)


@pytest.mark.parametrize("name", sorted(kinds.KINDS))
def test_a_kind_module_declares_its_contract(name):
    module = kinds.get(name)
    assert module.NAME == name and callable(module.check) and module.__doc__
    for field_name, field in module.Options.model_fields.items():
        assert field.description, f"{name}.{field_name} has no description"
    assert all(isinstance(v, str) and v for v in kinds.checks(name).values())


def test_only_locating_kinds_are_part_references():
    """Every scope, part or outside reference in the bundled rules names a rule that locates a part."""
    for profile in ("national", "county-government", "department", "township"):
        rules = {r.id: r for r in resolve(profile).rules}
        for rule in rules.values():
            for ref in rule.settings.parts_used():
                assert ref in rules and kinds.locates(rules[ref].kind), (profile, rule.id, ref)
