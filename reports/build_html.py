"""Build the web-page copy of the defective example report from its Markdown source.

    python reports/build_html.py                     # writes reports/defective/qiaonan-subdistrict-2024.html
    python reports/build_html.py -o /tmp/page.html   # somewhere else

The page is laid out the way a district or street-office portal publishes a report: a <title>
with the column and site name, a site header and navigation, a breadcrumb, the article title,
a "发布时间：… 来源：…" line, a toolbar (字号 / 打印本页 / 关闭窗口), the article body in
<div class="TRS_Editor"> as <p> paragraphs (headings as bold paragraphs, sign-off right-aligned)
and a site footer. The Markdown file is the source of truth; the output is deterministic.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SRC = HERE / "defective" / "qiaonan-subdistrict-2024.md"
PUBLISHED = "2025-04-16"
SITE = "桥南街道办事处"
COLUMN = "法治政府建设年度报告"

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")

PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title_text}_{column}_{site}</title>
<meta name="ArticleTitle" content="{title_text}">
<meta name="PubDate" content="{published} 09:30">
<meta name="ContentSource" content="{site}">
<meta name="ColumnName" content="{column}">
<style>
body {{ margin: 0; font-family: "Microsoft YaHei", sans-serif; color: #333; background: #f4f4f4; }}
.header {{ background: #b22222; color: #fff; padding: 18px 40px; font-size: 26px; }}
.nav {{ background: #8b1a1a; margin: 0; padding: 0 40px; list-style: none; }}
.nav li {{ display: inline-block; }}
.nav a {{ display: block; color: #fff; padding: 10px 18px; text-decoration: none; }}
.position {{ width: 1000px; margin: 12px auto; font-size: 13px; }}
.article {{ width: 1000px; margin: 0 auto; background: #fff; padding: 30px 60px; box-sizing: border-box; }}
.article-title {{ text-align: center; font-size: 24px; }}
.info {{ text-align: center; color: #888; font-size: 13px; border-bottom: 1px solid #ddd; padding-bottom: 10px; }}
.toolbar {{ text-align: right; font-size: 13px; margin: 8px 0 20px; }}
.toolbar a {{ color: #555; margin: 0 3px; }}
.TRS_Editor p {{ font-size: 16px; line-height: 2; margin: 0; }}
.footer {{ text-align: center; font-size: 12px; color: #666; padding: 20px 0; }}
</style>
</head>
<body>
<div class="header">{site}</div>
<ul class="nav">
<li><a href="../index.html">首页</a></li>
<li><a href="../zwgk/index.html">政务公开</a></li>
<li><a href="../fzzfjsndbg/index.html">{column}</a></li>
<li><a href="../bsfw/index.html">办事服务</a></li>
<li><a href="../hdjl/index.html">互动交流</a></li>
</ul>
<div class="position">当前位置：<a href="../index.html">首页</a> &gt; <a href="../zwgk/index.html">政务公开</a> &gt; <a href="../fzzfjsndbg/index.html">{column}</a></div>
<div class="article">
<h1 class="article-title">{title}</h1>
<div class="info">发布时间：{published} 来源：{site}</div>
<div class="toolbar">字号：<a href="javascript:void(0)">大</a> <a href="javascript:void(0)">中</a> <a href="javascript:void(0)">小</a> <a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div>
<div class="TRS_Editor">
{body}
</div>
</div>
<div class="footer">
<p>主办单位：{site}　承办：{site}党政综合办公室</p>
<p>版权所有：{site}　<a href="../wzdt/index.html">网站地图</a>　<a href="../lxwm/index.html">联系我们</a></p>
</div>
</body>
</html>
"""


def build(src: Path) -> str:
    lines = [ln.strip() for ln in src.read_text(encoding="utf-8").splitlines()]
    lines = [ln for ln in lines if ln]
    title = None
    paras: list[str] = []
    for ln in lines:
        m = _HEADING.match(ln)
        if m and len(m.group(1)) == 1 and title is None:
            title = m.group(2)
        elif m:
            paras.append(f'<p style="text-indent: 2em;"><strong>{html.escape(m.group(2), quote=False)}</strong></p>')
        else:
            paras.append(f'<p style="text-indent: 2em;">{html.escape(ln, quote=False)}</p>')
    if title is None or len(paras) < 3:
        raise SystemExit(f"{src}: expected a '# ' title and a body")
    # The last two lines are the sign-off: unit and date, right-aligned.
    for i in (-2, -1):
        paras[i] = paras[i].replace('style="text-indent: 2em;"', 'style="text-align: right;"')
    return PAGE.format(
        title=html.escape(title, quote=False),
        title_text=html.escape(title),
        column=COLUMN,
        site=SITE,
        published=PUBLISHED,
        body="\n".join(paras),
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build the .html copy of the defective example report from its .md source.")
    ap.add_argument("src", nargs="?", type=Path, default=DEFAULT_SRC, help="source .md (default: %(default)s)")
    ap.add_argument("-o", "--output", type=Path, help="output .html (default: the source with .html)")
    args = ap.parse_args(argv)
    dest = args.output or args.src.with_suffix(".html")
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(build(args.src), encoding="utf-8", newline="\n")
    print(dest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
