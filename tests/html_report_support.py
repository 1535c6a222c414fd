"""Reports for the HTML-report and server tests: the example reports and a hostile copy."""

from __future__ import annotations

from pathlib import Path

from variants import to_html

ROOT = Path(__file__).resolve().parent.parent
DEFECTIVE_MD = ROOT / "reports" / "defective" / "qiaonan-subdistrict-2024.md"
DEFECTIVE_HTML = ROOT / "reports" / "defective" / "qiaonan-subdistrict-2024.html"
COMPLIANT_TXT = ROOT / "reports" / "compliant" / "songxi-county-2024.txt"
COMPLIANT_DOCX = ROOT / "reports" / "compliant" / "songxi-county-2024.docx"

# Markup a drafter might paste into a report; the page must show it as text and run none of it.
HOSTILE = ('<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
           '<a href="javascript:window.__pwned=3">链接</a>')


def hostile_lines() -> list[str]:
    """The defective example's lines with markup planted on the line of a placeholder finding
    (XX件), so the markup sits inside a highlighted excerpt too."""
    lines = []
    for line in DEFECTIVE_MD.read_text(encoding="utf-8").splitlines():
        line = line.lstrip("#").strip()
        if not line:
            continue
        lines.append(line.replace("XX件", "XX件" + HOSTILE, 1))
    return lines


def write_hostile(folder: Path) -> tuple[Path, Path]:
    """The hostile report as a text file and as a portal page (whose text holds the markup)."""
    lines = hostile_lines()
    txt = folder / "hostile.txt"
    txt.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    page = folder / "hostile.html"
    page.write_text(to_html(lines[1:], title=lines[0], published="2025-03-20", source="桥南街道办事处"),
                    encoding="utf-8")
    return txt, page
