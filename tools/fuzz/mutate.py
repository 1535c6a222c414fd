"""Mutation fuzzing of every reader: seed reports in each format, mutated byte by byte.

Each input goes the whole way a user's file goes (read, analyse, check, JSON and text outputs).
An InputError is a clean answer; any other exception, a JSON output with NaN/Infinity or an input
slower than --slow seconds is a finding, saved to tests/fuzz_regressions/ so the default tests
run it from then on. Deterministic for a given --seed.

    .venv/bin/python tools/fuzz/mutate.py --inputs 100000 --formats txt,md,html,docx,pdf

(``--minutes`` stops earlier). Runs in-process for speed; a hang inside a C library stops the
loop, which is itself a finding: rerun the printed input under ``report-check check``.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import signal
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from validator.formatters import render_outline  # noqa: E402
from validator.checker import check_report  # noqa: E402
from validator.errors import InputError  # noqa: E402
from validator.formatters import render  # noqa: E402
from validator.readers import read_bytes  # noqa: E402
from validator.report import Report  # noqa: E402
from validator.results import Run  # noqa: E402

OUT = ROOT / "tests" / "fuzz_regressions"
LINES = [
    "关于2023年法治政府建设情况的报告", "发布时间：2024-01-10 来源：青禾县司法局 浏览次数：12",
    "2023年，青禾县深入推进法治政府建设，现将有关情况报告如下。", "一、2023年推进法治政府建设的主要举措和成效",
    "（一）加强组织领导", "县政府主要负责人切实履行推进法治建设第一责任人职责，召开常务会议学法4次。",
    "全面落实行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度，审核案件120件，",
    "培训执法人员三百余人次，群众满意率达到百分之九十五。", "二、存在的不足和原因", "执法队伍专业化水平有待提高。",
    "三、2024年推进法治政府建设的主要安排", "持续深化“放管服”改革。", "青禾县人民政府", "2024年3月1日",
]
TOKENS = ["《", "》", "“", "来源：", "  ", "\u3000", "一亿", "九千九百", "百分之", "%", "1" * 30, "<div>", "</td>",
          "<table><tr><td>", "[", "](", "#", "\n", "（一）", "第一条", "〇〇〇〇年", "9999年", "\ufffd", "\x00",
          "<w:sym w:char=\"D800\"/>", "&#xD800;", "<!ENTITY a \"b\">", "%0A::error::"]


def seeds(fmt: str) -> list[bytes]:
    text = "\n".join(LINES) + "\n"
    if fmt == "txt":
        return [text.encode("utf-8"), text.encode("gb18030"), text.encode("utf-16")]
    if fmt == "md":
        return [("# " + "\n\n".join(LINES)).encode("utf-8")]
    if fmt == "html":
        from variants import to_html

        return [to_html(LINES).encode("utf-8")]
    if fmt == "docx":
        import tempfile

        from variants import to_docx

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "seed.docx"
            to_docx(LINES, path, True)
            return [path.read_bytes()]
    if fmt == "pdf":
        # A small text PDF (LibreOffice is not needed): the shared furniture reproducer.
        seed = ROOT.parent / "shared" / "fuzz-regressions" / "pdf_furniture_redos.pdf"
        return [seed.read_bytes()] if seed.exists() else []
    raise SystemExit(f"unknown format {fmt}")


def mutate(data: bytes, rng: random.Random, fmt: str) -> bytes:
    """A few byte-level edits; for docx, the edits go to one XML part inside the zip."""
    if fmt == "docx" and data[:2] == b"PK" and rng.random() < 0.8:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                parts = {n: zf.read(n) for n in zf.namelist()}
        except Exception:  # an earlier byte-level mutant: mutate its bytes
            return _edit(data, rng)
        name = rng.choice([n for n in parts if n.endswith(".xml")])
        parts[name] = _edit(parts[name], rng)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for n, b in parts.items():
                zf.writestr(n, b)
        return out.getvalue()
    return _edit(data, rng)


def _edit(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.random()
        pos = rng.randrange(len(b) + 1) if b else 0
        if op < 0.25 and b:
            b[min(pos, len(b) - 1)] ^= 1 << rng.randrange(8)
        elif op < 0.45:
            b[pos:pos] = rng.choice(TOKENS).encode("utf-8") * rng.choice([1, 1, 2, 50, 2000])
        elif op < 0.6 and b:
            del b[pos:pos + rng.randint(1, 64)]
        elif op < 0.8 and b:
            end = min(len(b), pos + rng.randint(1, 256))
            b[pos:pos] = bytes(b[pos:end]) * rng.choice([2, 10, 200])
        else:
            b[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
    return bytes(b)


class Slow(BaseException):  # not Exception: the readers turn those into "damaged file"
    pass


def one(data: bytes, ext: str) -> None:
    try:
        report = Report(read_bytes(data, f"fuzz{ext}", ext))
    except InputError:
        return
    result = check_report(report)
    for fmt in ("json", "text", "sarif", "junit", "github", "markdown"):
        out = render(fmt, Run(results=[result]))
        out.encode("utf-8")
        if fmt in ("json", "sarif"):
            json.loads(out, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(f"{c} in JSON")))
    json.loads(render_outline("json", report), parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
    render_outline("text", report).encode("utf-8")


def save(data: bytes, ext: str, why: str) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"fuzz_{hashlib.sha1(data).hexdigest()[:12]}{ext}"
    path.write_bytes(data)
    print(f"  finding: {path.name}: {why}", flush=True)
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--inputs", type=int, default=10_000, help="inputs per format")
    ap.add_argument("--formats", default="txt,md,html,docx,pdf")
    ap.add_argument("--minutes", type=float, default=None, help="stop each format after this long")
    ap.add_argument("--slow", type=float, default=5.0, help="CPU seconds after which an input is a finding")
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--max-len", type=int, default=256 * 1024,
                    help="bytes an input is cut to, as libFuzzer's -max_len: without it stacked "
                         "duplications grow inputs to megabytes and the run tests size, not paths")
    args = ap.parse_args()

    def alarm(signum, frame):
        raise Slow()

    # The limit counts this process's CPU time (ITIMER_PROF), not wall time, so an input is slow
    # because of what it makes report-check do, not because other jobs share the machine.
    signal.signal(signal.SIGPROF, alarm)
    for fmt in args.formats.split(","):
        rng = random.Random(f"{args.seed}:{fmt}")
        ext = "." + fmt
        corpus = seeds(fmt)
        if not corpus:
            print(f"{fmt}: no seed, skipped")
            continue
        start = time.monotonic()
        done = findings = 0
        worst = 0.0
        while done < args.inputs:
            if args.minutes and time.monotonic() - start > args.minutes * 60:
                break
            data = mutate(rng.choice(corpus), rng, fmt)[:args.max_len]
            t = time.process_time()
            signal.setitimer(signal.ITIMER_PROF, args.slow)
            try:
                one(data, ext)
            except Slow:
                save(data, ext, f"slower than {args.slow} s")
                findings += 1
            except Exception as exc:  # a crash: what the user would see as a traceback
                save(data, ext, f"{type(exc).__name__}: {str(exc)[:120]}")
                findings += 1
            finally:
                signal.setitimer(signal.ITIMER_PROF, 0)
            worst = max(worst, time.process_time() - t)
            done += 1
            if rng.random() < 0.05:  # keep some mutants as seeds: mutations stack up
                corpus.append(data)
                if len(corpus) > 64:
                    corpus.pop(1)
        took = time.monotonic() - start
        print(f"{fmt}: {done} inputs in {took:.0f} s ({done / took:.0f}/s), slowest {worst:.2f} s of CPU, "
              f"{findings} findings", flush=True)


if __name__ == "__main__":
    main()
