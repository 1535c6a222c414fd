"""JUnit XML: valid for Jenkins' xUnit schema and GitLab's parser, one testcase per requirement,
failures exactly where the exit code says so, and every input accounted for."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from lxml import etree

from shared_paths import SHARED, require
from validator.formatters import render
from validator.results import Finding, Result, Run, Unreadable


@pytest.fixture(scope="module")
def jenkins() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(require(SHARED / "schemas" / "junit-10.xsd"))))


def valid(schema: etree.XMLSchema, text: str) -> None:
    doc = etree.fromstring(text.encode("utf-8"))
    assert schema.validate(doc), schema.error_log


def with_fail_on(result: Result, fail_on: str) -> Result:
    return Result(**{**vars(result), "fail_on": fail_on})


def test_validates_against_jenkins_schema(jenkins, passing, failing):
    valid(jenkins, render("junit", [passing, failing]))
    valid(jenkins, render("junit", []))
    run = Run([failing], unreadable=[Unreadable("reports/坏.pdf", "PDF 文件已损坏"),
                                     Unreadable("reports/旧.doc", "已跳过：请另存为 .docx", skipped=True)])
    valid(jenkins, render("junit", run))


def test_failures_only_at_or_above_fail_on(failing):
    def failed(result):
        suite = ET.fromstring(render("junit", [result])).find("testsuite")
        return suite.get("failures"), sorted(c.get("name").split()[0] for c in suite.iter("testcase")
                                             if c.find("failure") is not None)

    assert failed(failing) == ("1", ["structure.shortcomings"])
    assert failed(with_fail_on(failing, "warning")) == ("2", ["data.figures", "structure.shortcomings"])
    assert failed(with_fail_on(failing, "info"))[0] == "3"
    assert failed(with_fail_on(failing, "never")) == ("0", [])


def test_lesser_findings_go_to_system_out(failing):
    suite = ET.fromstring(render("junit", [failing])).find("testsuite")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    figures = cases["data.figures 数字与单位"]
    assert figures.find("failure") is None
    out = figures.find("system-out").text
    assert "第3页 [警告] 百分比超过100%" in out and "第40行 [警告]" in out and "第12行" not in out


def test_totals_and_no_skipped_on_testsuites(passing, failing):
    root = ET.fromstring(render("junit", [passing, failing]))
    assert root.tag == "testsuites" and root.get("skipped") is None
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("9", "1", "0")
    ok, bad = root.findall("testsuite")
    assert (ok.get("tests"), ok.get("failures"), ok.get("skipped")) == ("3", "0", "1")
    assert (bad.get("tests"), bad.get("failures"), bad.get("skipped")) == ("6", "1", "1")


def test_cases_name_their_report_with_file_and_time(passing, failing):
    root = ET.fromstring(render("junit", [passing, failing]))
    for suite, result in zip(root.findall("testsuite"), (passing, failing)):
        assert suite.get("name") == suite.get("file") == result.path
        assert suite.get("time") == "0"
        for case in suite.findall("testcase"):
            assert case.get("time") == "0"
            assert case.get("classname").startswith(result.path.replace(".", "_") + ".")
    short = next(c for c in root.findall("testsuite")[1].iter("testcase")
                 if c.get("name").startswith("structure.shortcomings"))
    assert short.get("classname") == "reports/乙县2023年_docx.structure"
    failure = short.find("failure")
    assert failure.get("type") == "error" and failure.get("message") == "缺少“存在的不足”部分"
    assert "全文 [错误]" in failure.text and "修改建议" in failure.text


def test_skip_and_evidence(failing):
    suite = ET.fromstring(render("junit", [failing])).find("testsuite")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    skipped = cases["enforcement.legal-review 重大执法决定法制审核"].find("skipped")
    assert skipped.get("message") == "本单位无行政执法职能"
    assert "第1行" in cases["structure.title 标题规范"].find("system-out").text


def test_unreadable_file_is_an_error_case(failing):
    run = Run([failing], unreadable=[Unreadable("reports/坏.pdf", "PDF 文件已损坏\n或不完整")])
    root = ET.fromstring(render("junit", run))
    assert root.get("errors") == "1"
    suite = root.findall("testsuite")[-1]
    assert (suite.get("name"), suite.get("errors"), suite.get("tests")) == ("reports/坏.pdf", "1", "1")
    error = suite.find("testcase/error")
    assert error.get("message") == "PDF 文件已损坏 或不完整" and error.get("type") == "unreadable"


def test_properties_name_the_profile(failing):
    suite = ET.fromstring(render("junit", [failing])).find("testsuite")
    props = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert props["profile"] == "county" and props["status"] == "fail" and props["fail_on"] == "error"
    assert "unit" not in props  # unknown values are left out, not written as "None"


def test_sub_finding_joins_its_rule_and_stray_rules_get_a_case(jenkins, failing):
    odd = Result(**{**vars(failing), "findings": failing.findings + [
        Finding(3, "structure.title.year", "error", "标题未写明年度"),
        Finding(3, "document.encoding", "error", "无法识别的字符\x0c\x01", excerpt="乱码\x0b")]})
    out = render("junit", [odd])
    valid(jenkins, out)
    suite = ET.fromstring(out).find("testsuite")
    title = next(c for c in suite.findall("testcase") if c.get("name").startswith("structure.title "))
    assert "标题未写明年度" in title.find("failure").text
    stray = [c for c in suite.findall("testcase") if c.get("name") == "document.encoding"]
    assert len(stray) == 1 and stray[0].get("classname").endswith(".document")
    assert stray[0].find("failure").get("message") == "无法识别的字符"
    assert suite.get("failures") == "3"


def test_gitlab_parser_reads_every_case(passing, failing):
    """What GitLab's JUnit parser takes from each case: name, classname, a numeric time, and a
    status from the first failure/error/skipped child (none means success)."""
    root = ET.fromstring(render("junit", Run([passing, failing], unreadable=[Unreadable("r/坏.pdf", "坏")])))
    statuses = []
    for suite in root.iter("testsuite"):
        for case in suite.iter("testcase"):
            assert case.get("name") and case.get("classname")
            float(case.get("time"))
            child = next((c.tag for c in case if c.tag in ("failure", "error", "skipped")), "success")
            statuses.append((suite.get("name"), child))
    assert statuses.count(("reports/乙县2023年.docx", "failure")) == 1
    assert ("r/坏.pdf", "error") in statuses
    assert len({name for name, _ in statuses}) == 3
