"""`report-check serve`: a small local web app, so staff without a terminal can check a report.

Starlette (maintained, small, no ORM or template engine to carry) served by uvicorn (a real ASGI
server, one pip install on Windows or Linux). Routes: ``GET /`` an upload page in Chinese,
``POST /check`` the HTML report, ``POST /api/check`` the ``check --format json`` contract.

Each upload is read into memory (the multipart parser spills a file over 1 MB to an unnamed
temporary file, which is gone when the request ends) and checked in its own short-lived worker
process, at most ``workers`` at a time; one that runs past ``timeout`` seconds is killed, so a
slow or hostile file cannot stall the others. Nothing is kept, and nothing beyond the request
line is logged: not the file's name, not its text.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
from dataclasses import dataclass
from html import escape
from pathlib import Path

from .errors import InputError

DEFAULT_MAX_MB = 50
DEFAULT_TIMEOUT = 60.0
QUEUE_PER_WORKER = 16  # requests waiting for a worker before the server says it is busy
PRELOAD = ["validator.serve_warmup", "validator.readers.docx", "validator.readers.pdf"]


@dataclass(frozen=True)
class Reply:
    """What a worker sends back: a status, a Chinese problem (errors) or the rendered body."""

    status: int
    body: str = ""
    problem: str = ""


class _TooLarge(Exception):
    pass


def _check(data: bytes, name: str, profile: str | None, fmt: str) -> Reply:
    """Read, check and render one upload (runs in the worker process)."""
    from .checker import check_report
    from .formatters import render
    from .readers import READERS, read_bytes, sniff_format
    from .report import Report
    from .results import Run

    ext = Path(name).suffix.lower() or sniff_format(data)
    if ext not in READERS:
        return Reply(415, problem=_unsupported(name, ext))
    try:
        report = Report(read_bytes(data, name, ext))
    except InputError as exc:
        return Reply(400, problem=exc.problem)
    except Exception as exc:  # a reader library failing on a malformed file, as the CLI says it
        return Reply(400, problem=f"无法读取文件（{type(exc).__name__}: {exc}）")
    result = check_report(report, profile)
    return Reply(200, body=render(fmt, Run(results=[result])))


def _unsupported(name: str, ext: str) -> str:
    """The words the CLI uses for a file type no reader takes (.doc and .wps included)."""
    from .readers import SUPPORTED

    return f"不支持的文件类型“{ext or '无扩展名'}”，支持：{'、'.join(SUPPORTED)}"


def _worker(conn, data: bytes, name: str, profile: str | None, fmt: str) -> None:
    try:
        reply = _check(data, name, profile, fmt)
    except Exception as exc:
        reply = Reply(500, problem=f"检查时出错（{type(exc).__name__}）")
    conn.send(reply)
    conn.close()


def _noop() -> None:
    """A worker with nothing to do: starting it starts the fork server."""


class Pool:
    """At most ``workers`` checks at once, each in a fresh process forked from a server that has
    the checker loaded, killed when it runs past ``timeout``."""

    def __init__(self, workers: int, timeout: float):
        self.workers = workers
        self.timeout = timeout
        self.waiting = 0
        self._slots: asyncio.Semaphore | None = None
        methods = multiprocessing.get_all_start_methods()
        self._ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        if "forkserver" in methods:
            self._ctx.set_forkserver_preload(PRELOAD)

    def _run(self, data: bytes, name: str, profile: str | None, fmt: str) -> Reply:
        receiver, sender = self._ctx.Pipe(duplex=False)
        process = self._ctx.Process(target=_worker, args=(sender, data, name, profile, fmt), daemon=True)
        process.start()
        sender.close()
        try:
            if receiver.poll(self.timeout):
                try:
                    return receiver.recv()
                except EOFError:  # the worker died (out of memory, a crash in a C library)
                    return Reply(500, problem="检查进程意外退出，文件可能已损坏")
            return Reply(503, problem=f"检查超过 {self.timeout:g} 秒仍未完成，已中止；文件可能过大或已损坏")
        finally:
            receiver.close()
            if process.is_alive():
                process.kill()
            process.join()

    def prime(self) -> None:
        """Start the fork server (which loads and warms the checker) before the first upload."""
        process = self._ctx.Process(target=_noop, daemon=True)
        process.start()
        process.join()

    async def check(self, data: bytes, name: str, profile: str | None, fmt: str) -> Reply:
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.workers)
        if self.waiting >= self.workers * QUEUE_PER_WORKER:
            return Reply(503, problem="服务器正忙，请稍后再试")
        self.waiting += 1
        try:
            async with self._slots:
                return await asyncio.to_thread(self._run, data, name, profile, fmt)
        finally:
            self.waiting -= 1


def _limited(receive, limit: int):
    """The request body, cut off with _TooLarge once it passes ``limit`` bytes (a body sent
    without Content-Length, or with a false one, is counted as it arrives)."""
    seen = 0

    async def wrapped():
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise _TooLarge
        return message

    return wrapped


def upload_page(profiles: list[str], max_mb: float) -> str:
    from .formatters.html import csp_hash

    css = UPLOAD_CSS
    options = "".join(f'<option value="{escape(p)}">{escape(p)}</option>' for p in profiles)
    return ("<!DOCTYPE html>\n"
            '<html lang="zh-CN"><head><meta charset="utf-8">'
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src {csp_hash(css)}; "
            "form-action 'self'; base-uri 'none'\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>法治政府建设年度报告检查</title><style>{css}</style></head><body><main>"
            "<h1>法治政府建设年度报告检查</h1>"
            "<p>选择或把报告文件拖到下面的框里（.docx、.pdf、.txt、.md、.html），点“开始检查”。"
            "检查在本机完成，文件不保存、不上传到别处。</p>"
            '<form method="post" action="/check" enctype="multipart/form-data">'
            '<label class="file">报告文件<input type="file" name="file" required '
            'accept=".docx,.pdf,.txt,.md,.markdown,.html,.htm,.text"></label>'
            '<label>规则配置<select name="profile"><option value="" selected>按报告单位自动选择</option>'
            f"{options}</select></label>"
            '<button type="submit">开始检查</button></form>'
            f"<p class=\"small\">文件不超过 {max_mb:g} MB。.doc 和 .wps 文件请先另存为 .docx 或 .pdf。"
            "脚本和系统可调用 POST /api/check 取得 JSON 结果。</p></main></body></html>\n")


UPLOAD_CSS = """body { margin: 0; background: #f6f6f4; color: #1b1b1b;
  font: 16px/1.7 "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Zen Hei", sans-serif; }
main { max-width: 720px; margin: 40px auto; background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 24px 32px; }
h1 { font-size: 22px; margin-top: 0; }
form { display: grid; gap: 16px; }
label { display: grid; gap: 4px; font-weight: bold; }
.file input { border: 2px dashed #999; border-radius: 6px; padding: 32px 16px; background: #fafafa; font-weight: normal; }
select { font-size: 16px; padding: 4px; }
button { font-size: 17px; padding: 8px; background: #1565c0; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
.small { color: #555; font-size: 14px; }
.error { border-left: 4px solid #c62828; padding: 4px 12px; background: #fff3f3; }
"""


def error_page(status: int, problem: str) -> str:
    from .formatters.html import csp_hash

    return ("<!DOCTYPE html>\n"
            '<html lang="zh-CN"><head><meta charset="utf-8">'
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src {csp_hash(UPLOAD_CSS)}\">"
            f"<title>无法检查（{status}）</title><style>{UPLOAD_CSS}</style></head><body><main>"
            f'<h1>无法检查这个文件</h1><p class="error">{escape(problem)}</p>'
            '<p><a href="/">返回，换一个文件</a></p></main></body></html>\n')


def create_app(max_size: int = DEFAULT_MAX_MB * 1024 * 1024, workers: int | None = None,
               timeout: float = DEFAULT_TIMEOUT):
    """The ASGI app; ``max_size`` in bytes, ``workers`` checks at once (default: the CPUs, at
    most 4), ``timeout`` seconds per check."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, Response
    from starlette.routing import Route

    from .formatters.html import content_security_policy
    from .readers import READERS
    from .ruleset import profile_files

    profiles = list(profile_files())
    pool = Pool(workers or max(1, min(4, os.cpu_count() or 1)), timeout)
    headers = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
               "Cache-Control": "no-store", "X-Frame-Options": "DENY"}
    report_headers = {**headers, "Content-Security-Policy": content_security_policy()
                      + "; frame-ancestors 'none'"}
    page = upload_page(profiles, max_size / 1024 / 1024)

    def failure(api: bool, status: int, problem: str, name: str | None = None):
        if api:
            return JSONResponse({"status": "error", "error": problem, "path": name}, status, headers=headers)
        return HTMLResponse(error_page(status, problem), status, headers=headers)

    async def index(request: Request):
        return HTMLResponse(page, headers=headers)

    async def checked(request: Request, api: bool):
        declared = request.headers.get("content-length", "")
        too_big = f"文件超过 {max_size / 1024 / 1024:g} MB 的上限"
        if declared.isdigit() and int(declared) > max_size + 64 * 1024:
            return failure(api, 413, too_big)
        limited = Request(request.scope, _limited(request.receive, max_size + 64 * 1024))
        try:
            async with limited.form(max_files=1, max_fields=4) as form:
                upload = form.get("file")
                profile = str(form.get("profile") or "").strip() or None
                if upload is None or isinstance(upload, str):
                    return failure(api, 400, "没有收到文件：请用表单字段 file 上传报告")
                name = Path((upload.filename or "").replace("\\", "/")).name or "上传的文件"
                data = await upload.read()
        except _TooLarge:
            return failure(api, 413, too_big)
        except Exception:  # a malformed multipart body
            return failure(api, 400, "请求格式不正确：请用 multipart/form-data 上传，字段名 file")
        if len(data) > max_size:
            return failure(api, 413, too_big, name)
        ext = Path(name).suffix.lower()
        if ext and ext not in READERS:
            return failure(api, 415, _unsupported(name, ext), name)
        if profile and profile not in profiles:
            return failure(api, 400, f"没有名为“{profile}”的规则配置，可选：{'、'.join(profiles)}", name)
        reply = await pool.check(data, name, profile, "json" if api else "html")
        if reply.status != 200:
            return failure(api, reply.status, reply.problem, name)
        if api:
            return Response(reply.body, media_type="application/json", headers=headers)
        return HTMLResponse(reply.body, headers=report_headers)

    async def check_html(request: Request):
        return await checked(request, api=False)

    async def check_api(request: Request):
        return await checked(request, api=True)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        await asyncio.to_thread(pool.prime)
        yield

    return Starlette(lifespan=lifespan, routes=[Route("/", index), Route("/check", check_html, methods=["POST"]),
                             Route("/api/check", check_api, methods=["POST"])])


def require_server() -> None:
    """Starlette and uvicorn are the ``serve`` extra; say how to get them if they are missing."""
    from importlib.util import find_spec

    # python-multipart, which Starlette parses uploads with, is imported as python_multipart
    # (or multipart in older releases).
    needed = ("starlette", "uvicorn", "python_multipart" if find_spec("python_multipart") else "multipart")
    if any(find_spec(name) is None for name in needed):
        raise InputError("serve", "需要先安装网页服务组件：pip install \"report-check[serve]\"")


def run(host: str, port: int, max_size: int, workers: int | None, timeout: float) -> None:
    import uvicorn

    uvicorn.run(create_app(max_size, workers, timeout), host=host, port=port, log_level="info",
                server_header=False)
