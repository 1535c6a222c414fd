"""PDF readers compared (issue 10): speed per page and per file, and whether each gives the same
Document as the reader the project had before (pdfplumber + ``page.dedupe_chars``).

    .venv/bin/python tools/bench_pdf.py [PDF or folder ...]        # wall times, identity, CLI
    .venv/bin/python tools/bench_pdf.py --instructions [PDF]       # callgrind counts (valgrind)
    .venv/bin/python tools/bench_pdf.py --hostile                  # fuzz PDFs, each backend

With no argument it builds, in /tmp/report-check-bench-pdf, a 12-page printed report (the
fictional 松岚县 report of tests/readers/long_report.py: running header, "- N -" page numbers,
indented justified paragraphs) and the seed's printed, plain and official PDFs as the tests make
them (LibreOffice). Folders given are searched for *.pdf (e.g. a pytest --basetemp, to compare
on every PDF the suite made).

Backends (every one goes through ``pdf.read``: the same checks, error messages, line and
paragraph code):
  pdfplumber  pdfplumber's page.chars, its page.dedupe_chars(tolerance=1)  (before)
  dedupe      pdfplumber's page.chars, our n log n de-duplication with the same rule
  pdfminer    characters straight from pdfminer's interpreter + our de-duplication  (adopted)
  pypdfium2   characters and loose boxes from PDFium (C), our de-duplication  (not adopted)
"""

from __future__ import annotations

import argparse
import ctypes
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "readers")]

from validator.errors import InputError  # noqa: E402
from validator.readers import pdf as reader  # noqa: E402

WORK = Path("/tmp/report-check-bench-pdf")
HOSTILE = [*sorted((ROOT / "tests" / "fuzz_regressions").glob("*.pdf")),
           *sorted((ROOT.parent / "shared" / "fuzz-regressions").glob("*.pdf"))]


def _plumber_dedupe(chars: list[dict]) -> list[dict]:
    """The reader before: pdfplumber's own de-duplication, its errors ignored."""
    from pdfplumber.utils import dedupe_chars

    try:
        return dedupe_chars(chars, tolerance=1)
    except Exception:
        return chars


def _with(page_chars, dedupe):
    """The reader's own page loop (limits, error messages) with other character functions."""
    def pages(data: bytes, name: str):
        saved = reader._page_chars, reader._dedupe
        reader._page_chars, reader._dedupe = page_chars, dedupe
        try:
            yield from ADOPTED(data, name)
        finally:
            reader._page_chars, reader._dedupe = saved
    return pages


def _pdfium(data: bytes, name: str):
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(data)
    doctop = 0.0
    rect = raw.FS_RECTF()
    name_buf = ctypes.create_string_buffer(128)
    for i in range(len(doc)):
        page = doc[i]
        width, height = page.get_size()
        text = page.get_textpage()
        chars = []
        for k in range(text.count_chars()):
            if raw.FPDFText_IsGenerated(text.raw, k) == 1:
                continue
            ch = chr(raw.FPDFText_GetUnicode(text.raw, k))
            if ch in "\r\n\x00":
                continue
            raw.FPDFText_GetLooseCharBox(text.raw, k, ctypes.byref(rect))
            raw.FPDFText_GetFontInfo(text.raw, k, name_buf, 128, None)
            top, bottom = height - rect.top, height - rect.bottom
            chars.append({"text": ch, "x0": rect.left, "x1": rect.right, "top": top, "bottom": bottom,
                          "doctop": doctop + top, "size": raw.FPDFText_GetFontSize(text.raw, k),
                          "upright": abs(raw.FPDFText_GetCharAngle(text.raw, k)) < 1e-3,
                          "fontname": name_buf.value.decode("latin-1")})
        doctop += height
        yield width, height, reader._dedupe(chars)
        text.close()
        page.close()
    doc.close()


ADOPTED = reader._pages
BACKENDS = {
    "pdfplumber": _with(lambda page: page.chars, _plumber_dedupe),
    "dedupe": _with(lambda page: page.chars, reader._dedupe),
    "pdfminer": ADOPTED,
    "pypdfium2": _pdfium,
}


def read(backend: str, data: bytes, name: str = "bench.pdf"):
    """``pdf.read`` (its checks and error messages) with the backend's characters."""
    saved = reader._pages
    reader._pages = BACKENDS[backend]
    try:
        return reader.read(data, name)
    finally:
        reader._pages = saved


def signature(doc) -> list[tuple]:
    """What a Document's user sees of it: each block's text, page and line on the page."""
    return [(b.text, b.source, b.position, b.furniture) for b in doc.blocks]


def pages_of(data: bytes) -> int:
    import pypdfium2 as pdfium

    try:
        return len(pdfium.PdfDocument(data))
    except pdfium.PdfiumError:
        return 1  # damaged: timed as one page


def build() -> list[Path]:
    """The 12-page report and the seed's PDF variants, made once (LibreOffice takes seconds)."""
    from long_report import RUNNING_HEADER, TITLE, lines
    from shared_paths import SEED
    from variants import docx_to_pdf, to_docx, to_fullwidth, to_official_docx

    from validator.furniture import is_furniture
    from validator.normalize import normalize

    WORK.mkdir(exist_ok=True)
    made = []

    def convert(docx: Path) -> Path:
        pdf = WORK / (docx.stem + ".pdf")
        made.append(pdf if pdf.exists() else docx_to_pdf(docx, WORK))

    convert(to_docx(lines(6), WORK / "long12.docx", True, title=TITLE, indent=True, justify=True,
                    running_header=RUNNING_HEADER, page_numbers=True))
    if SEED.exists():
        seed = [ln.strip() for ln in SEED.read_text(encoding="utf-8").splitlines() if ln.strip()]
        seed = [ln for ln in seed if not is_furniture(normalize(ln))]
        full = [to_fullwidth(ln) for ln in seed]
        title = "南山街道2023年法治政府建设年度报告"
        convert(to_docx(full, WORK / "seed-printed.docx", True, title=title, indent=True, justify=True,
                        running_header="南山街道办事处文件", page_numbers=True))
        convert(to_docx(seed, WORK / "seed-plain.docx", False))
        convert(to_official_docx(full, WORK / "seed-official.docx",
                                 "深圳市南山区南山街道办事处关于2023年法治政府建设工作情况的报告",
                                 table=[["指标", "2022年", "2023年"], ["行政复议案件", "12件", "15件"]]))
    return made


def best(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def outcome(backend: str, data: bytes):
    try:
        return signature(read(backend, data))
    except InputError as exc:
        return ("InputError", exc.problem)
    except Exception as exc:  # not expected: pdf.read turns every failure into an InputError
        return ("error", type(exc).__name__)


def compare(paths: list[Path], rounds: int) -> None:
    print(f"{'file':<34}{'pages':>6}" + "".join(f"{b:>22}" for b in BACKENDS))
    totals = {b: [0.0, 0] for b in BACKENDS}
    for path in paths:
        data = path.read_bytes()
        n = pages_of(data)
        reference = outcome("pdfplumber", data)
        cells = []
        for backend in BACKENDS:
            same = outcome(backend, data) == reference
            seconds = best(lambda: outcome(backend, data), rounds)
            if isinstance(reference, list):  # per page over the files that read as reports
                totals[backend][0] += seconds
                totals[backend][1] += n
            cells.append(f"{seconds * 1000:7.0f} ms {seconds * 1000 / n:5.1f}/p {'=' if same else 'DIFF'}")
        print(f"{path.name[:33]:<34}{n:>6}" + "".join(f"{c:>22}" for c in cells))
    print(f"{'per page, the readable files':<40}" + "".join(f"{t / p * 1000:>19.1f} ms" for t, p in totals.values()))


def cli(path: Path, rounds: int) -> None:
    """Whole commands, start-up included, with the adopted reader and with the one before: wall
    time and the CPU time of the process (which load inflates far less), best of ``rounds``."""
    for backend in ("pdfplumber", "pdfminer"):
        for command in ("outline", "check"):
            code = ("import sys; sys.path.insert(0, 'tools'); import bench_pdf, validator.readers.pdf as r;"
                    f" r._pages = bench_pdf.BACKENDS['{backend}'];"
                    f" from validator.cli import main; sys.argv = ['report-check', '{command}', '{path}']; main()")
            runs = []
            for _ in range(rounds):
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True)
                wall = time.perf_counter() - start
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                runs.append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, wall))
            cpu, wall = min(runs)
            print(f"report-check {command:<8} {path.name}  {backend:<11} wall {wall:5.2f} s  cpu {cpu:5.2f} s")


def hostile(rounds: int) -> None:
    """Each fuzz PDF in a child process per backend: outcome, wall time and peak memory."""
    for path in HOSTILE:
        for backend in BACKENDS:
            code = (f"import sys, resource, time; sys.path.insert(0, 'tools'); import bench_pdf;"
                    f" from validator.errors import InputError; t = time.perf_counter();\n"
                    f"try: bench_pdf.read('{backend}', open('{path}', 'rb').read()); r = 'read'\n"
                    f"except InputError as e: r = e.problem[:50]\n"
                    f"print(f'{{time.perf_counter() - t:.2f}} s', "
                    f"resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, 'MB', r)")
            try:
                proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                                      text=True, timeout=60)
                result = proc.stdout.strip() or proc.stderr.strip().splitlines()[-1]
            except subprocess.TimeoutExpired:
                result = "over 60 s (killed)"
            print(f"{path.name:<34}{backend:<12}{result}")


def count(backend: str, path: str, times: int) -> None:
    """The work callgrind counts: read ``path`` ``times`` times (0: imports only)."""
    import pdfminer.pdfinterp  # noqa: F401  (imports counted in the zero run too)
    import pdfplumber  # noqa: F401
    import pypdfium2  # noqa: F401

    data = Path(path).read_bytes()
    for _ in range(times):
        read(backend, data)


def instructions(path: Path, times: int) -> None:
    def collected(backend: str, n: int) -> int:
        proc = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
             __file__, "--count", backend, str(path), str(n)],
            capture_output=True, text=True, check=True)
        return int(re.search(r"Collected : (\d+)", proc.stderr).group(1))

    base = collected("pdfminer", 0)
    pages = pages_of(path.read_bytes())
    for backend in BACKENDS:
        per_read = (collected(backend, times) - base) / times
        print(f"{path.name} {backend:<11} {per_read / 1e6:9.1f} M instructions a read, "
              f"{per_read / pages / 1e6:7.1f} M a page")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--instructions", action="store_true")
    parser.add_argument("--hostile", action="store_true")
    parser.add_argument("--count", nargs=3, metavar=("BACKEND", "PDF", "TIMES"))
    args = parser.parse_args()
    if args.count:
        count(args.count[0], args.count[1], int(args.count[2]))
        return
    if args.hostile:
        hostile(args.rounds)
        return
    paths = []
    for p in args.paths:
        paths.extend(sorted(p.rglob("*.pdf")) if p.is_dir() else [p])
    built = build()
    paths = paths or built
    if args.instructions:
        instructions(paths[0], 2)
        return
    compare(paths, args.rounds)
    if not args.paths:
        cli(built[0], args.rounds)


if __name__ == "__main__":
    main()
