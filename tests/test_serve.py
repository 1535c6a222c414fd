"""`report-check serve`: the real server on a free loopback port, driven over HTTP.

Uploads the example reports and checks status codes, the JSON contract (the same as
``check --format json``), the HTML report, the errors, the size limit, 24 requests at once and
the per-request time limit; one test starts the command itself.
"""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

from html_report_support import COMPLIANT_DOCX, COMPLIANT_TXT, DEFECTIVE_HTML, DEFECTIVE_MD, ROOT, write_hostile
from serve_support import running

SCHEMA = json.loads((ROOT / "validator" / "schemas" / "result.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def base():
    with running(max_size=2 * 1024 * 1024, workers=2, timeout=30) as url:
        yield url


def multipart(fields: dict[str, str], file: tuple[str, bytes] | None) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    out = b""
    for key, value in fields.items():
        out += (f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n').encode()
    if file is not None:
        name, data = file
        out += (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n").encode() + data + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return out, f"multipart/form-data; boundary={boundary}"


def post(url: str, file: tuple[str, bytes] | None, **fields) -> tuple[int, dict, bytes]:
    body, ctype = multipart(fields, file)
    request = urllib.request.Request(url, data=body, headers={"Content-Type": ctype}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def upload(path: Path) -> tuple[str, bytes]:
    return path.name, path.read_bytes()


def cli_json(path: Path, *args: str) -> dict:
    proc = subprocess.run([sys.executable, "-m", "validator", "check", str(path), "-f", "json", *args],
                          capture_output=True)
    return json.loads(proc.stdout)


def test_upload_page_is_chinese_and_posts_to_check(base):
    with urllib.request.urlopen(base + "/", timeout=10) as resp:
        assert resp.status == 200
        soup = BeautifulSoup(resp.read(), "html.parser")
    form = soup.find("form")
    assert form["action"] == "/check" and form["enctype"] == "multipart/form-data"
    assert soup.find("input", attrs={"type": "file"})["name"] == "file"
    options = [o["value"] for o in soup.select("select[name=profile] option")]
    assert options[0] == "" and {"national", "township"} <= set(options)
    assert "上传" in soup.get_text() or "开始检查" in soup.get_text()


@pytest.mark.parametrize("path", [DEFECTIVE_MD, DEFECTIVE_HTML, COMPLIANT_TXT, COMPLIANT_DOCX],
                         ids=lambda p: p.suffix)
def test_api_gives_the_cli_json_contract(base, path):
    status, headers, body = post(base + "/api/check", upload(path))
    assert status == 200 and headers["content-type"].startswith("application/json")
    got = json.loads(body)
    jsonschema.validate(got, SCHEMA)
    expected = cli_json(path)
    doc, want = got["documents"][0], expected["documents"][0]
    assert doc["path"] == path.name
    assert {k: v for k, v in doc.items() if k != "path"} == {k: v for k, v in want.items() if k != "path"}


def test_profile_field_is_used(base):
    status, _, body = post(base + "/api/check", upload(DEFECTIVE_MD), profile="national")
    assert status == 200 and json.loads(body)["documents"][0]["profile"] == "national"
    status, _, body = post(base + "/api/check", upload(DEFECTIVE_MD), profile="nope")
    assert status == 400 and "没有名为“nope”的规则配置" in json.loads(body)["error"]


def test_check_gives_the_html_report_with_a_strict_csp(base):
    status, headers, body = post(base + "/check", upload(DEFECTIVE_HTML))
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert "script-src 'sha256-" in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"]
    soup = BeautifulSoup(body, "html.parser")
    want = cli_json(DEFECTIVE_HTML)["documents"][0]
    assert {el["data-count"]: int(el.get_text()) for el in soup.select("[data-count]")} == want["counts"]
    assert {m["data-rule"] for m in soup.select("mark[id*='-f']")} == {
        f["rule"] for f in want["findings"] if f["line"] or f["source"]}


def test_pasted_markup_comes_back_escaped(base, tmp_path):
    txt, _ = write_hostile(tmp_path)
    status, _, body = post(base + "/check", upload(txt))
    soup = BeautifulSoup(body, "html.parser")
    assert status == 200 and len(soup.find_all("script")) == 1 and not soup.select("img, [onerror]")


@pytest.mark.parametrize("name, data, status, message", [
    ("报告.exe", b"MZ\x90\x00", 415, "不支持的文件类型“.exe”"),
    ("报告.doc", b"\xd0\xcf\x11\xe0", 415, "不支持的文件类型“.doc”"),
    ("报告.txt", b"   \n", 400, "文件为空"),
    ("报告.docx", b"PK\x03\x04 not really a zip", 400, "损坏"),
    ("报告.pdf", b"%PDF-1.4 broken", 400, "损坏"),
])
def test_unreadable_and_unsupported_files_get_the_cli_message(base, tmp_path, name, data, status, message):
    got, _, body = post(base + "/api/check", (name, data))
    assert got == status
    error = json.loads(body)["error"]
    assert message in error
    local = tmp_path / name
    local.write_bytes(data)
    proc = subprocess.run([sys.executable, "-m", "validator", "check", str(local)], capture_output=True)
    assert error in proc.stderr.decode("utf-8")  # the same words the CLI prints
    got, headers, body = post(base + "/check", (name, data))
    assert got == status and headers["content-type"].startswith("text/html")
    assert message in BeautifulSoup(body, "html.parser").get_text()


def test_missing_file_field_is_a_bad_request(base):
    status, _, body = post(base + "/api/check", None, profile="national")
    assert status == 400 and "file" in json.loads(body)["error"]


def test_a_file_above_the_limit_is_refused_with_413(base):
    # A file just past the limit, in a body the server reads whole: refused after reading.
    over = ("一、主要举措\n" * 120_000).encode("utf-8")[: 2 * 1024 * 1024 + 10_000]
    status, _, body = post(base + "/api/check", ("大.txt", over))
    assert status == 413 and "2 MB" in json.loads(body)["error"]
    # A declared Content-Length past the limit: refused before a byte of the body is read.
    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    conn.putrequest("POST", "/api/check")
    conn.putheader("Content-Type", "multipart/form-data; boundary=x")
    conn.putheader("Content-Length", str(50 * 1024 * 1024))
    conn.endheaders()
    resp = conn.getresponse()
    assert resp.status == 413 and "MB" in json.loads(resp.read())["error"]
    conn.close()
    big = ("一、主要举措\n" * 200_000).encode("utf-8")  # about 3.4 MB against a 2 MB limit
    # Without Content-Length (chunked) the body is counted as it arrives.
    payload, ctype = multipart({}, ("大.txt", big))

    def chunks():
        for i in range(0, len(payload), 65536):
            yield payload[i:i + 65536]

    request = urllib.request.Request(base + "/api/check", data=chunks(), method="POST",
                                     headers={"Content-Type": ctype, "Transfer-Encoding": "chunked"})
    # The server answers 413 and closes while the client may still be sending; the client then
    # sees either the 413 or the connection cut mid-upload. Never a checked report.
    try:
        urllib.request.urlopen(request, timeout=60)
        pytest.fail("a body past the limit was accepted")
    except urllib.error.HTTPError as err:
        assert err.code == 413
    except (urllib.error.URLError, ConnectionError):
        pass
    status, _, _ = post(base + "/api/check", upload(DEFECTIVE_MD))
    assert status == 200  # the server goes on answering


def test_24_concurrent_requests_all_get_their_own_answer(base):
    files = [DEFECTIVE_MD, DEFECTIVE_HTML, COMPLIANT_TXT, COMPLIANT_DOCX] * 6
    expected = {p.name: cli_json(p)["documents"][0]["counts"] for p in set(files)}
    with ThreadPoolExecutor(max_workers=24) as pool:
        replies = list(pool.map(lambda p: (p.name, post(base + "/api/check", upload(p))), files))
    assert len(replies) == 24
    for name, (status, _, body) in replies:
        doc = json.loads(body)["documents"][0]
        assert status == 200 and doc["path"] == name and doc["counts"] == expected[name]


def test_a_check_past_the_time_limit_is_stopped():
    with running(timeout=0.001, workers=1) as url:
        status, _, body = post(url + "/api/check", upload(DEFECTIVE_MD))
        assert status == 503 and "秒" in json.loads(body)["error"]
        status, _, _ = post(url + "/api/check", upload(COMPLIANT_TXT))
        assert status == 503  # answered, not stalled behind the first


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_serve_command_answers_on_loopback():
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "validator", "serve", "--port", str(port), "--max-size", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as resp:
                    assert resp.status == 200
                break
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read().decode()
                time.sleep(0.1)
        status, _, body = post(f"http://127.0.0.1:{port}/api/check", ("大.txt", b"x" * (1024 * 1024 + 10_000)))
        assert status == 413
        status, _, body = post(f"http://127.0.0.1:{port}/api/check", upload(DEFECTIVE_MD))
        assert status == 200
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    log = err.decode("utf-8")
    assert "127.0.0.1" in log and DEFECTIVE_MD.name not in log and "桥南" not in log  # request lines only


def test_bad_serve_options_are_one_line_and_exit_2():
    proc = subprocess.run([sys.executable, "-m", "validator", "serve", "--port", "70000"], capture_output=True)
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
