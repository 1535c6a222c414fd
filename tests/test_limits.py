"""Bounds a user meets: a per-file time limit, a memory limit, a maximum input size, zip and
entity bombs, huge page counts; each ends in one line naming the limit, and a batch goes on."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import zipfile

import pytest
from click.testing import CliRunner

from shared_paths import ROOT
from validator import limits, worker
from validator.cli import main
from validator.errors import InputError

REPORT = "关于2023年法治政府建设情况的报告\n2023年，本镇深入推进法治政府建设，办理案件120件。\n一、主要举措\n严格执法。\n"

pytestmark = pytest.mark.skipif(not worker.available(), reason="the worker needs fork")


@pytest.fixture(autouse=True)
def _restore_max_size():
    """--max-size sets the process-wide bound the readers consult: put the default back."""
    yield
    limits.set_max_input(50 * limits.MB)


def cli(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def test_a_file_past_the_time_limit_is_stopped_with_the_limit_named():
    start = time.monotonic()
    with pytest.raises(InputError) as exc:
        worker.run(time.sleep, 30, name="慢.pdf", timeout=0.5)
    assert time.monotonic() - start < 3
    assert exc.value.path == "慢.pdf" and exc.value.problem.startswith("处理超时（0.5秒）：")


def test_a_file_past_the_memory_limit_is_stopped_with_the_limit_named():
    with pytest.raises(InputError) as exc:
        worker.run(lambda: bytearray(1 << 31), name="大.docx", memory=256 * limits.MB)
    assert "256 MB 的上限" in exc.value.problem


def test_worker_returns_the_result_and_raises_the_input_error():
    assert worker.run(lambda a, b: a + b, 2, 3, name="x") == 5

    def bad():
        raise InputError("x.txt", "文件为空")

    with pytest.raises(InputError, match="文件为空"):
        worker.run(bad, name="x.txt")


def test_max_size_refuses_a_bigger_file_naming_the_limit(tmp_path):
    big = tmp_path / "报告.txt"
    big.write_text(REPORT * 100, encoding="utf-8")
    out = cli("check", str(big), "--max-size", "0.01")
    assert out.exit_code == 2
    assert "超过 10 KB 的大小上限" in out.stderr and "--max-size" in out.stderr


def test_a_200_mb_text_is_refused_fast_and_in_bounded_memory(tmp_path):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as fh:  # sparse: 200 MB on paper, nothing on disk
        fh.truncate(200 * limits.MB)
    code = ("import resource,sys;from click.testing import CliRunner;from validator.cli import main;"
            "r=CliRunner().invoke(main,['check',sys.argv[1]]);"
            "print(max(resource.getrusage(w).ru_maxrss for w in (resource.RUSAGE_SELF,resource.RUSAGE_CHILDREN)));"
            "print(r.exit_code);print(r.stderr)")
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", code, str(huge)], capture_output=True, text=True, cwd=ROOT,
                          timeout=30)
    assert time.monotonic() - start < 10
    peak, exit_code, message = proc.stdout.split("\n", 2)
    assert exit_code == "2" and "文件有 200 MB，超过 50 MB 的大小上限" in message
    # measured inside that run: this process's RUSAGE_CHILDREN also counts earlier tests' children
    assert int(peak) < 400 * 1024  # KB


def test_a_batch_goes_on_past_a_bad_file(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text(REPORT, encoding="utf-8")
    bad = tmp_path / "b.docx"
    bad.write_bytes(b"PK\x03\x04 not a zip")
    out = cli("check", str(bad), str(good), "--format", "json")
    assert out.exit_code == 2
    assert f"report-check: {bad}: Word 文件已损坏或不完整" in out.stderr
    assert str(good) in out.stdout


def _docx(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_a_docx_zip_bomb_is_refused_before_unpacking(tmp_path):
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(_docx({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>",
                            "word/styles.xml": b" " * (120 * limits.MB)}))
    start = time.monotonic()
    out = cli("outline", str(bomb))
    assert time.monotonic() - start < 5
    assert out.exit_code == 2
    assert "解压后的 XML 内容有 120 MB，超过 100 MB 的上限" in out.stderr


LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'
          + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
          + "]>")


def test_xml_entities_in_a_docx_are_not_expanded(tmp_path):
    from variants import to_docx

    path = tmp_path / "plain.docx"
    to_docx(REPORT.splitlines(), path, False)
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    doc = parts["word/document.xml"].decode("utf-8")
    head, _, rest = doc.partition("?>")
    doctype = LAUGHS[LAUGHS.index("<!DOCTYPE"):].replace("lolz", "w:document")
    parts["word/document.xml"] = (head + "?>" + doctype + rest.replace("严格执法。", "严格执法&i;")).encode("utf-8")
    assert b"<!DOCTYPE" in parts["word/document.xml"] and b"&i;" in parts["word/document.xml"]
    bomb = tmp_path / "lol.docx"
    bomb.write_bytes(_docx(parts))
    start = time.monotonic()
    out = cli("outline", str(bomb), "--format", "json")
    assert time.monotonic() - start < 5
    assert out.exit_code in (0, 2)
    assert "哈哈哈哈哈哈哈哈哈哈哈" not in out.stdout


def test_html_entities_declared_in_a_page_are_not_expanded(tmp_path):
    page = tmp_path / "lol.html"
    body = "<p>关于2023年法治政府建设情况的报告</p><p>" + "本镇深入推进法治政府建设，严格规范公正文明执法。" * 3 + "&i;</p>"
    page.write_text(LAUGHS + f"<html><body>{body}</body></html>", encoding="utf-8")
    start = time.monotonic()
    out = cli("outline", str(page), "--format", "json")
    assert time.monotonic() - start < 5
    assert out.exit_code in (0, 2)
    assert "哈哈哈哈哈哈哈哈哈哈哈" not in out.stdout


def _pdf_with_pages(n: int) -> bytes:
    """A valid PDF of ``n`` empty pages, written by hand (no PDF library needed)."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (3 + i) for i in range(n)) + b"] /Count %d >>" % n]
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * n
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    return out.getvalue()


@pytest.mark.parametrize("pages, message", [(3000, "PDF 有 3000 页，超过 2000 页的上限"), (1500, "扫描版")])
def test_a_pdf_of_thousands_of_empty_pages_ends_within_seconds(tmp_path, pages, message):
    pdf = tmp_path / "empty.pdf"
    pdf.write_bytes(_pdf_with_pages(pages))
    start = time.monotonic()
    out = cli("check", str(pdf))
    assert time.monotonic() - start < 10
    assert out.exit_code == 2 and message in out.stderr


def test_a_pdf_dictionary_keyed_by_arrays_is_called_damaged_at_once():
    """fuzz_8fa706ccf516.pdf: a duplicated trailer chunk made pdfminer print every array key whole
    (7 s and 1.4 GB); the key is now named by its type, and the file is refused in a blink."""
    from validator.readers import pdf

    data = (ROOT / "tests" / "fuzz_regressions" / "fuzz_8fa706ccf516.pdf").read_bytes()
    start = time.monotonic()
    with pytest.raises(InputError) as exc:
        pdf.read(data, "坏.pdf")
    assert time.monotonic() - start < 2
    assert exc.value.problem == "PDF 文件已损坏或不完整"
