"""The JSON contract: schema-valid, faithful to the Results, byte-stable."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import validator
from validator.formatters import render

SCHEMA_PATH = Path(validator.__file__).parent / "schemas" / "result.schema.json"


@pytest.fixture(scope="module")
def schema() -> dict:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def test_output_validates_against_schema(schema, passing, failing):
    data = json.loads(render("json", [passing, failing]))
    jsonschema.Draft202012Validator(schema).validate(data)


def test_round_trips_to_result_dicts(passing, failing):
    data = json.loads(render("json", [passing, failing]))
    assert data == {"version": 1, "documents": [passing.to_dict(), failing.to_dict()]}


def test_identical_across_renders(passing, failing):
    assert render("json", [passing, failing]) == render("json", [passing, failing])


def test_chinese_is_readable_and_whole_document_line_is_null(failing):
    out = render("json", [failing])
    assert "存在的不足" in out and "\\u" not in out
    doc = json.loads(out)["documents"][0]
    assert doc["status"] == "fail"
    assert doc["counts"] == {"error": 1, "warning": 2, "info": 1}
    assert [f["line"] for f in doc["findings"] if f["rule"] == "structure.shortcomings"] == [None]
    items = {c["rule"]: c for c in doc["checklist"]}
    assert items["enforcement.legal-review"]["reason"] == "本单位无行政执法职能"
    assert "reason" not in items["structure.title"]


@pytest.mark.parametrize("break_it", [
    lambda d: d["documents"][0].update(extra=1),
    lambda d: d["documents"][0].update(status="ok"),
    lambda d: d["documents"][0]["checklist"][0].update(status="passed"),
    lambda d: d["documents"][0]["findings"][0].update(severity="fatal"),
    lambda d: d["documents"][0]["findings"][0].update(line=0),
    lambda d: d["documents"][0]["counts"].pop("info"),
    lambda d: d.update(version=2),
], ids=["extra-key", "status", "item-status", "severity", "line-zero", "counts", "version"])
def test_schema_rejects_drift(schema, failing, break_it):
    data = json.loads(render("json", [failing]))
    break_it(data)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(data)


def test_unreadable_and_skipped_inputs_are_documents(schema, failing):
    from validator.results import Run, Unreadable

    run = Run([failing], unreadable=[Unreadable("reports/坏.pdf", "PDF 已损坏"),
                                     Unreadable("reports/旧.doc", "已跳过", skipped=True)])
    data = json.loads(render("json", run))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["documents"][1:] == [{"path": "reports/坏.pdf", "status": "error", "error": "PDF 已损坏"},
                                     {"path": "reports/旧.doc", "status": "skipped", "error": "已跳过"}]


def test_positions_of_paged_findings_are_not_lines(failing):
    doc = json.loads(render("json", [failing]))["documents"][0]
    paged = next(f for f in doc["findings"] if f["source"])
    assert paged["source"] == "第3页" and paged["line"] is None
