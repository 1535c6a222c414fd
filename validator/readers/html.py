"""A published government web page: the article, not the site around it.

Pages wrap a report in navigation, a breadcrumb, a "发布时间/来源" line, a font-size and print
toolbar, related links and a footer. Scripts and elements named like navigation are removed, the
article is the element holding the most running Chinese text outside links (a small readability
score), and the report title is taken from the heading just above it. The header line and
<meta> tags give the publication date; toolbar lines that sit inside the article are kept as
furniture so they never count as report text.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .. import limits
from ..document import Block, Document, Position
from ..errors import InputError
from ..furniture import header_date, is_furniture
from ..normalize import normalize
from ..numbering import HEADING_START
from .html_lines import SourceLines
from .text import decode

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CJK_CLASS = r"\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
_BREAK_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK_CLASS}])[ \t\r\f\v]*\n\s*(?=[{_CJK_CLASS}])")
_SPACES = re.compile(r"\s+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_META_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})|^(\d{4})(\d{2})(\d{2})")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

_DROP_TAGS = [
    "script", "style", "noscript", "iframe", "template", "svg", "canvas", "object", "embed",
    "select", "button", "input", "textarea", "link", "meta", "nav", "aside", "map", "audio", "video",
]
_BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dd", "dt", "td", "th",
    "tr", "table", "tbody", "thead", "tfoot", "caption", "blockquote", "pre", "section", "article",
    "header", "footer", "main", "center", "form", "figure", "figcaption", "address", "hr", "body",
    "fieldset", "legend", "details", "summary",
}
# Text blocks whose score goes to the element holding them, as readability scores <p>.
_UNIT_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dd", "dt", "pre", "blockquote"}
_HEADINGS = {f"h{i}": i for i in range(1, 7)}

# Words in id/class that name page chrome rather than the article.
_NOISE_WORDS = {
    "nav", "navbar", "menu", "submenu", "header", "footer", "foot", "share", "bdshare", "toolbar",
    "tool", "tools", "breadcrumb", "crumb", "crumbs", "position", "location", "weizhi", "dqwz",
    "print", "close", "related", "relate", "xgwz", "xglj", "sidebar", "side", "ewm", "qrcode",
    "erweima", "copyright", "banner", "login", "search", "advert", "ad", "ads", "topbar", "bottom",
    "pager", "pagination", "comment", "comments", "friendlink", "links", "fontsize", "font",
}
_NOISE_PARTS = ("nav", "menu", "footer", "header", "share", "toolbar", "breadcrumb", "crumb",
                "sidebar", "copyright", "qrcode", "related")
_CONTENT_WORDS = {
    "content", "article", "trs_editor", "trseditor", "zoom", "con", "detail", "main-text", "maintext",
    "view", "text", "zw", "zhengwen", "article-content", "news_content", "newscontent", "art_con",
    "pages_content", "artibody", "body-text",
}
_TITLE_WORDS = ("title", "tit", "biaoti", "bt")
_TITLE_SEPARATORS = re.compile(r"\s*(?:[_|｜]|\s[-–—－]\s|——|--)\s*")


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """Honour a BOM; then valid UTF-8 wins (pages re-saved as UTF-8 often keep their old
    "gb2312" meta, and GBK bytes are almost never valid UTF-8); then the declared charset
    (GB2312/GBK read as their superset GB18030); then guess."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        return decode(data, name)  # BOM, or UTF-16 without one
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    head = data[:4096]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if m:
        enc = m.group(1).decode("ascii", "replace").lower()
        if enc in ("gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "euc-cn", "hz-gb-2312"):
            enc = "gb18030"
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            if enc.replace("_", "-") in ("utf-8", "utf8"):  # a few stray bytes in a UTF-8 page
                text = data.decode("utf-8", errors="replace")
                if text.count("\ufffd") <= max(2, len(text) // 2000):
                    return text, "utf-8"
        except (LookupError, UnicodeError):  # an unknown or unusable charset ("undefined"): guess
            pass
    return decode(data, name)


def _cjk(text: str) -> int:
    return len(_CJK.findall(text))


def _clean(text: str) -> str:
    """Collapse source whitespace as a browser does; a source line break inside Chinese is no space."""
    return _SPACES.sub(" ", _BREAK_BETWEEN_CJK.sub("", text)).strip()


def _words(el) -> list[str]:
    """The id and class of an element as lower-case words ("main-nav" → "main-nav", "main", "nav")."""
    attrs = el.attrs or {}
    tokens = []
    ident = attrs.get("id")
    if isinstance(ident, str):
        tokens.append(ident)
    cls = attrs.get("class")
    if isinstance(cls, str):
        tokens += cls.split()
    elif isinstance(cls, list):
        tokens += [c for c in cls if isinstance(c, str)]
    words = []
    for tok in tokens:
        tok = tok.lower()
        words.append(tok)
        words += [w for w in re.split(r"[-_\s]+", tok) if w]
    return words


def _is_noise(el) -> bool:
    for w in _words(el):
        if w in _NOISE_WORDS or any(part in w for part in _NOISE_PARTS):
            return True
    return False


def _is_content_name(el) -> bool:
    return any(w in _CONTENT_WORDS for w in _words(el))


def _segments(root):
    """Runs of inline text between block boundaries and <br>, in document order.

    Yields (text, innermost block element, CJK characters inside links). Iterative, because
    broken pages can nest unclosed inline tags far deeper than Python's recursion limit.
    """
    from bs4 import CData, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction

    skip_strings = (Comment, CData, ProcessingInstruction, Declaration, Doctype)
    out = []
    buf: list[str] = []
    link_chars = 0
    blocks = [root]

    def flush() -> None:
        nonlocal link_chars
        if buf:
            text = _clean("".join(buf))
            if text:
                out.append((text, blocks[-1], link_chars))
            buf.clear()
        link_chars = 0

    # (node, in_link, closing) — closing marks the end of a block element.
    stack = [(child, False, False) for child in reversed(list(root.children))]
    while stack:
        node, in_link, closing = stack.pop()
        if closing:
            flush()
            blocks.pop()
            continue
        if isinstance(node, NavigableString):
            if not isinstance(node, skip_strings):
                buf.append(str(node))
                if in_link:
                    link_chars += _cjk(str(node))
            continue
        name = node.name
        if name == "br":
            flush()
            continue
        if name == "pre":
            flush()
            out += [(text, node, 0) for text in _pre_paragraphs(node.get_text())]
            continue
        children = list(node.children)
        if name in _BLOCK_TAGS:
            flush()
            blocks.append(node)
            stack.append((node, in_link, True))
            stack += [(c, in_link, False) for c in reversed(children)]
        else:
            sub_link = in_link or name == "a"
            stack += [(c, sub_link, False) for c in reversed(children)]
    flush()
    return out


def _pre_paragraphs(text: str) -> list[str]:
    """Paragraphs of preformatted text (LibreOffice exports, some CMSs put the whole report in
    <pre>): each line is one, except that where blank lines separate paragraphs a line wrapped
    mid-sentence runs on into the next. A short line (a heading, the sign-off) never runs on."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    wrapped = bool(re.search(r"\n[ \t\u3000]*\n", text.replace("\r", "")))
    width = max((len(line.strip()) for line in lines), default=0)
    out: list[str] = []
    run_on = False
    for raw in lines:
        line = _clean(raw)
        if not line:
            run_on = False
            continue
        if run_on and not HEADING_START.match(line):
            out[-1] += line
        else:
            out.append(line)
        run_on = wrapped and len(line) >= max(20, width * 0.6) and not re.search(r"[。:;!?：；！？]$", line)
    return out


def _remove_chrome(soup) -> None:
    """Delete scripts, hidden elements and elements named like navigation, unless they hold the article."""
    from bs4 import Comment

    for c in soup.find_all(string=lambda s: isinstance(s, Comment)):
        c.extract()
    for el in soup.find_all(_DROP_TAGS):
        if not getattr(el, "decomposed", False):
            el.decompose()
    doomed = []
    counts = _Counts(soup)
    articles: dict[int, object] = {}
    for el in soup.find_all(True):
        if el.name in ("html", "body"):
            continue
        style = el.get("style")
        if (isinstance(style, str) and _HIDDEN.search(style)) or el.has_attr("hidden"):
            doomed.append(el)
            continue
        if el.name in ("header", "footer") and _nearest(el.parent, None, lambda e: e.name == "article", articles) is None:
            doomed.append(el)
        elif el.name == "form" and counts.total(el) < 200:
            doomed.append(el)
        elif _is_noise(el) and not _holds_article(el, counts):
            doomed.append(el)
    for el in doomed:
        if not getattr(el, "decomposed", False) and el.parent is not None:
            el.decompose()


class _Counts:
    """Chinese characters under every element, and how many of them sit in links, counted in one
    pass from the leaves up: asking each of 8,000 nested menus for its text would be quadratic."""

    def __init__(self, root) -> None:
        from bs4 import CData, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction

        skip = (Comment, CData, ProcessingInstruction, Declaration, Doctype)
        self._total: dict[int, int] = {}
        self._linked: dict[int, int] = {}
        links: dict[int, object] = {}
        elements = []
        for node in root.descendants:
            if isinstance(node, NavigableString):
                n = 0 if isinstance(node, skip) else _cjk(str(node))
                parent = node.parent
                if n and parent is not None:
                    key = id(parent)
                    self._total[key] = self._total.get(key, 0) + n
                    if _nearest(parent, None, lambda e: e.name == "a", links) is not None:
                        self._linked[key] = self._linked.get(key, 0) + n
            else:
                elements.append(node)
        for el in reversed(elements):  # children come after their parent in document order
            parent = el.parent
            if parent is not None:
                for table in (self._total, self._linked):
                    n = table.get(id(el), 0)
                    if n:
                        table[id(parent)] = table.get(id(parent), 0) + n

    def total(self, el) -> int:
        return self._total.get(id(el), 0)

    def linked(self, el) -> int:
        return self._linked.get(id(el), 0)


def _holds_article(el, counts: _Counts) -> bool:
    """A wrapper named "print-area" or "main-has-sidebar" may hold the report itself: keep it."""
    total = counts.total(el)
    if total < 300:
        return False
    return counts.linked(el) < total * 0.5


def _choose_container(body, segments):
    """The element with the most non-link Chinese text in its own paragraphs (readability)."""
    scores: dict[int, float] = {}
    elements: dict[int, object] = {}

    def add(el, value: float) -> None:
        if el is None or el.name in ("html", "[document]"):
            return
        scores[id(el)] = scores.get(id(el), 0.0) + value
        elements[id(el)] = el

    for text, ctx, linked in segments:
        value = max(0, _cjk(text) - linked)
        if not value:
            continue
        if ctx.name in _UNIT_TAGS:
            add(ctx.parent, value)
            add(ctx.parent.parent if ctx.parent is not None else None, value / 2)
        else:
            add(ctx, value)
            add(ctx.parent, value / 2)
    if not scores:
        return body
    for key, el in elements.items():
        if _is_content_name(el):
            scores[key] *= 1.2
    best = max(scores, key=lambda k: scores[k])
    chosen = elements[best]
    # A report split over sibling blocks (one <div> per chapter) scores on each sibling: take
    # their parent when another sibling holds a real share of the text.
    parent = chosen.parent
    if parent is not None and parent.name not in ("html", "[document]"):
        for sibling in parent.find_all(True, recursive=False):
            if sibling is not chosen and scores.get(id(sibling), 0.0) >= scores[best] * 0.25:
                return parent
    return chosen


def _title_like(el) -> bool:
    return el.name in _HEADINGS or any(w.startswith(_TITLE_WORDS) or w.endswith("title") for w in _words(el))


def _title_targets(page_title: str | None, meta_title: str | None) -> list[str]:
    """What a title may read like: the ArticleTitle meta, and the article part of <title>
    ("报告名_南山区人民政府门户网站" → "报告名"; the site name alone is not a title)."""
    targets = []
    if meta_title:
        targets.append(normalize(meta_title))
    if page_title:
        pieces = [normalize(p) for p in _TITLE_SEPARATORS.split(page_title) if p.strip()]
        if pieces:
            targets.append(max(pieces, key=len))
    return [t for t in targets if len(t) >= 6]


def _matches_title(norm: str, targets: list[str]) -> bool:
    return any(norm == t or (t in norm and len(norm) <= len(t) * 1.5) or (norm in t and len(norm) >= len(t) * 0.6)
               for t in targets)


def _find_title(container, targets: list[str]):
    """The report title just above the article: the nearest heading or "title" element that
    matches the page title, or without one the nearest <h1>/<h2> close above the article."""
    parents = {id(p) for p in container.parents}
    for distance, el in enumerate(container.find_all_previous(True, limit=400)):
        if id(el) in parents or el.name in ("title", "head") or el.find_parent("head") is not None:
            continue
        text = _clean(el.get_text(" "))
        norm = normalize(text)
        if not norm or len(norm) > 120 or is_furniture(norm):
            continue
        if norm in targets:  # old table layouts: a bold <td> that reads exactly like the title
            return el, text
        if not _title_like(el):
            continue
        if _matches_title(norm, targets):
            return el, text
        if not targets and el.name in ("h1", "h2") and distance <= 30:
            return el, text
    return None, None


def _meta_info(soup) -> tuple[str | None, str | None]:
    """(title, published) from <meta> tags content management systems write."""
    title = published = None
    for m in soup.find_all("meta"):
        key = (m.get("name") or m.get("property") or m.get("itemprop") or "")
        key = key.lower() if isinstance(key, str) else ""
        content = m.get("content")
        if not isinstance(content, str) or not content.strip():
            continue
        if key in ("articletitle", "og:title") and title is None:
            title = content.strip()
        elif key in ("pubdate", "publishdate", "firstpublishedtime", "publishtime", "published_time",
                     "article:published_time", "dc.date", "dc.date.issued", "datepublished") and published is None:
            published = _date(content)
    return title, published


def _date(value: str) -> str | None:
    m = _META_DATE.search(value.strip())
    if not m:
        return None
    g = [x for x in m.groups() if x is not None]
    y, mo, d = (int(x) for x in g[:3])
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _header_published(segments, anchor: int) -> str | None:
    """The date on the page's "发布时间：… 来源：…" line nearest above the article's first text
    (a sidebar listing other articles' dates comes earlier in the page), else below it."""
    order = list(range(min(anchor, len(segments) - 1), -1, -1)) + list(range(anchor + 1, len(segments)))
    for i in order:
        text = segments[i][0]
        norm = normalize(text)
        if len(norm) > 120:
            continue
        date = header_date(norm)
        if date and (is_furniture(norm) or "来源" in norm or "发布" in norm):
            return date
    return None


def _nearest(el, stop, test, memo: dict):
    """The nearest ancestor-or-self of ``el`` below ``stop`` that passes ``test``, or None.

    Answers are memoised for every element walked, so asking for each text of a page 15,000
    elements deep costs linear time, not depth times texts.
    """
    path = []
    found = None
    cur = el
    while cur is not None and cur is not stop:
        key = id(cur)
        if key in memo:
            found = memo[key]
            break
        path.append(key)
        if test(cur):
            found = cur
            break
        cur = cur.parent
    for key in path:
        memo[key] = found
    return found


class _Tables:
    """Table and row numbers for cell sources; one-column tables are layout, not data."""

    def __init__(self, container) -> None:
        self.index: dict[int, int] = {}
        self.rows: dict[int, int] = {}
        self.layout: set[int] = set()
        self.container = container
        self._cells: dict[int, object] = {}
        self._numbers: dict[int, int] = {}  # id(td) -> its place in the row
        tables = container.find_all("table")
        rows: dict[int, list] = {id(t): [] for t in tables}
        for tr in container.find_all("tr"):  # each row once: nested tables cost linear time
            table = tr.find_parent("table")
            if table is not None and id(table) in rows:
                rows[id(table)].append(tr)
        n = 0
        for table in tables:
            own = rows[id(table)]
            if all(len(tr.find_all(["td", "th"], recursive=False)) <= 1 for tr in own):
                self.layout.add(id(table))
                continue
            n += 1
            self.index[id(table)] = n
            for i, tr in enumerate(own, start=1):
                self.rows[id(tr)] = i

    def cell_position(self, ctx) -> Position | None:
        """Table, row and cell of a text in a data table; None outside one."""
        cell = _nearest(ctx, self.container, lambda el: el.name in ("td", "th"), self._cells)
        if cell is None:
            return None
        tr = cell.find_parent("tr")
        table = tr.find_parent("table") if tr is not None else None
        if table is not None and id(table) in self.index:
            if id(cell) not in self._numbers:  # each row numbered once: wide rows cost linear time
                cells = tr.find_all(["td", "th"], recursive=False)
                self._numbers.update((id(c), i) for i, c in enumerate(cells, start=1))
            return Position("cell", self.index[id(table)], sub=self._numbers.get(id(cell)),
                            row=self.rows.get(id(tr), 1))
        return None


class _Headings:
    """The heading level a text inherits from an enclosing <h1>-<h6> (or the container itself)."""

    def __init__(self, container) -> None:
        self.container = container
        self._memo: dict[int, object] = {}

    def level(self, ctx) -> int | None:
        el = _nearest(ctx, self.container, lambda e: e.name in _HEADINGS, self._memo)
        if el is not None:
            return _HEADINGS[el.name]
        return _HEADINGS.get(self.container.name) if self.container is not None else None


@lru_cache(maxsize=1)
def _soup_class():
    """BeautifulSoup that nests no deeper than ``limits.HTML_MAX_DEPTH``.

    BeautifulSoup re-links every new node by walking up its ancestors, so a page of unclosed
    tags 15,000 deep parses in minutes. Tags beyond the bound are left out (their text stays, in
    the deepest element kept), and the end tag of a tag left out closes nothing.
    """
    from bs4 import BeautifulSoup

    class BoundedSoup(BeautifulSoup):
        def reset(self) -> None:
            super().reset()
            self._skipped: dict[str, int] = {}

        def handle_starttag(self, name, namespace, nsprefix, attrs, *args, **kwargs):
            if len(self.tagStack) > limits.HTML_MAX_DEPTH:
                self.endData()
                self._skipped[name] = self._skipped.get(name, 0) + 1
                return None
            return super().handle_starttag(name, namespace, nsprefix, attrs, *args, **kwargs)

        def handle_endtag(self, name, nsprefix=None) -> None:
            if self._skipped.get(name):
                self.endData()
                self._skipped[name] -= 1
                return
            super().handle_endtag(name, nsprefix)

    return BoundedSoup


def read(data: bytes, name: str) -> Document:
    text, encoding = _decode(data, name)
    try:
        soup = _soup_class()(text, "lxml")
    except Exception:  # lxml gives up on some binary junk
        raise InputError(name, "网页文件无法解析（文件可能已损坏）") from None
    title_tag = soup.find("title")
    page_title = _clean(title_tag.get_text()) if title_tag is not None else None
    meta_title, published = _meta_info(soup)
    page_title = page_title or meta_title
    body = soup.body or soup
    for el in soup.find_all(["script", "style", "noscript", "template"]):
        el.decompose()
    all_segments = _segments(body)
    if not all_segments:
        raise InputError(name, "文件没有文字内容")

    _remove_chrome(soup)
    body = soup.body or soup
    container = _choose_container(body, _segments(body))
    segments = _segments(container)
    if published is None:
        first = next((t for t, _c, _l in segments if not is_furniture(normalize(t))), None)
        anchor = next((i for i, seg in enumerate(all_segments) if seg[0] == first), 0)
        published = _header_published(all_segments, anchor)
    tables = _Tables(container)
    headings = _Headings(container)

    blocks: list[Block] = []
    paragraphs = 0

    lines = SourceLines(text)

    def add(text: str, position: Position, kind: str = "paragraph", level: int | None = None,
            title: bool = False) -> None:
        norm = normalize(text)
        if norm:
            line, breaks = lines.lines_of(text, outside_links=title)
            position = replace(position, file_line=line, breaks=breaks)
            blocks.append(Block(text=text, line=len(blocks) + 1, source=position.label, kind=kind,
                                style_level=level, is_title=title, furniture=is_furniture(norm), norm=norm,
                                position=position))

    targets = _title_targets(page_title, meta_title)
    first_ctx = next((ctx for t, ctx, _ in segments if not is_furniture(normalize(t))), None)
    title_inside = first_ctx is not None and (
        first_ctx.name == "h1"
        or _matches_title(normalize(_clean(first_ctx.get_text(" "))), targets)
    )
    if not title_inside:
        title_el, title_text = _find_title(container, targets)
        if title_el is not None:
            paragraphs += 1
            add(title_text, Position("paragraph", paragraphs), level=_HEADINGS.get(title_el.name), title=True)

    title_done = False
    for seg_text, ctx, _linked in segments:
        cell = tables.cell_position(ctx)
        if cell is not None:
            add(seg_text, cell, kind="table-cell")
            continue
        paragraphs += 1
        norm = normalize(seg_text)
        is_title = title_inside and not title_done and ctx is first_ctx and not is_furniture(norm)
        if is_title:
            title_done = True
        add(seg_text, Position("paragraph", paragraphs), level=headings.level(ctx), title=is_title)
    if not any(not b.furniture and not b.is_title for b in blocks):
        raise InputError(name, "网页中没有找到正文内容")
    return Document(path=name, format="html", blocks=blocks, encoding=encoding, page_title=page_title,
                    published=published)
