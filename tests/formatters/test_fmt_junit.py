"""JUnit XML: valid for CI parsers, one testcase per requirement, right failure and skip counts."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xmlschema

from validator.formatters import render
from validator.results import Finding, Result

XSD = Path(__file__).with_name("junit.xsd")


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(XSD)


def test_validates_against_xsd(schema, passing, failing):
    schema.validate(render("junit", [passing, failing]))
    schema.validate(render("junit", []))


def test_counts(passing, failing):
    root = ET.fromstring(render("junit", [passing, failing]))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("9", "2", "2")
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [passing.path, failing.path]
    ok, bad = suites
    assert (ok.get("tests"), ok.get("failures"), ok.get("skipped")) == ("3", "0", "1")
    assert (bad.get("tests"), bad.get("failures"), bad.get("skipped")) == ("6", "2", "1")
    assert len(bad.findall("testcase")) == 6 and len(bad.findall("testcase/failure")) == 2


def test_cases_carry_failure_skip_and_output(failing):
    suite = ET.fromstring(render("junit", [failing])).find("testsuite")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    short = cases["structure.shortcomings 存在的不足"]
    assert short.get("classname") == "structure"
    failure = short.find("failure")
    assert failure.get("type") == "error" and failure.get("message") == "缺少“存在的不足”部分"
    assert "修改建议" in failure.text
    figures = cases["data.figures 数字与单位"].find("failure")
    assert figures.get("type") == "warning" and "\n" not in figures.get("message")
    assert "第12行" in figures.text and "第40行" in figures.text  # every finding of the rule
    skipped = cases["enforcement.legal-review 重大执法决定法制审核"].find("skipped")
    assert skipped.get("message") == "本单位无行政执法职能"
    info_only = cases["style.punctuation 标点规范"]
    assert info_only.find("failure") is None and "半角逗号" in info_only.find("system-out").text
    assert "第1行" in cases["structure.title 标题规范"].find("system-out").text


def test_properties_name_the_profile(failing):
    suite = ET.fromstring(render("junit", [failing])).find("testsuite")
    props = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert props["profile"] == "county" and props["status"] == "fail"
    assert "unit" not in props  # unknown values are left out, not written as "None"


def test_stray_finding_and_control_characters(schema, failing):
    odd = Result(**{**vars(failing), "findings": failing.findings + [
        Finding(3, "document.encoding", "error", "无法识别的字符\x0c\x01", excerpt="乱码\x0b")]})
    out = render("junit", [odd])
    schema.validate(out)
    suite = ET.fromstring(out).find("testsuite")
    stray = [c for c in suite.findall("testcase") if c.get("name") == "document.encoding"]
    assert len(stray) == 1 and stray[0].get("classname") == "document"
    assert stray[0].find("failure").get("message") == "无法识别的字符"
    assert suite.get("failures") == "3"
