"""Word (.docx): paragraphs and tables in body order, with what the styles say about headings.

python-docx reads the package, but its paragraph and table API hides what a reviewer sees: the
body order of paragraphs and tables, the number Word draws in front of an auto-numbered
paragraph ("一、"), text inside smart tags and content controls. So the body XML is walked
directly and the styles and numbering parts are resolved here.
"""

from __future__ import annotations

import io
import re
import zipfile

from .. import limits
from ..document import Block, Document, Position
from ..errors import InputError
from ..furniture import is_furniture
from ..normalize import normalize

_CORRUPT = "Word 文件已损坏或不完整"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def _val(el, tag: str) -> str | None:
    """The w:val of child ``tag`` of ``el``, or None."""
    if el is None:
        return None
    child = el.find(_q(tag))
    return None if child is None else child.get(_q("val"))


_P, _TBL, _TR, _TC, _R, _T = _q("p"), _q("tbl"), _q("tr"), _q("tc"), _q("r"), _q("t")
_PPR, _RPR, _SDT, _SDTCONTENT = _q("pPr"), _q("rPr"), _q("sdt"), _q("sdtContent")
_TXBX = _q("txbxContent")
# Subtrees whose text is not on the page: deletions, moved-away text, fallback copies of
# drawings (the mc:Choice copy is read), field instructions and the paragraph mark.
_SKIP = {_q("del"), _q("moveFrom"), _q("instrText"), _q("delText"), _PPR, _RPR, _TXBX, f"{{{_MC}}}Fallback"}
_BREAKS = {_q("br"), _q("cr")}

# Style names as Word, WPS and their traditional-script editions write them.
_HEADING_NAME = re.compile(r"^(?:heading|标题|標題)\s*([1-9])$", re.IGNORECASE)
_TITLE_NAMES = {"title", "标题", "標題"}


class _Styles:
    """Paragraph styles by id: name, base style, outline level and list numbering."""

    def __init__(self, root) -> None:
        self.by_id: dict[str, object] = {}
        self.default: str | None = None
        if root is None:
            return
        for st in root.iter(_q("style")):
            if st.get(_q("type"), "paragraph") != "paragraph":
                continue
            sid = st.get(_q("styleId"))
            if sid is None:
                continue
            self.by_id[sid] = st
            if st.get(_q("default")) in ("1", "true", "on"):
                self.default = sid

    def chain(self, sid: str | None):
        """The style and its bases, nearest first; loops in broken files are cut."""
        seen = set()
        sid = sid or self.default
        while sid and sid not in seen and sid in self.by_id:
            seen.add(sid)
            st = self.by_id[sid]
            yield st
            sid = _val(st, "basedOn")

    def level(self, sid: str | None) -> tuple[int | None, bool]:
        """Heading level (1-based) and title flag the style chain gives."""
        for st in self.chain(sid):
            name = (_val(st, "name") or "").strip()
            if name.lower() in _TITLE_NAMES:
                return None, True
            m = _HEADING_NAME.match(name)
            if m:
                return int(m.group(1)), False
            lvl = _val(st.find(_PPR), "outlineLvl")
            if lvl is not None:
                return _outline(lvl), False
        return None, False

    def num_pr(self, sid: str | None) -> tuple[str | None, str | None]:
        """(numId, ilvl) a style attaches to its paragraphs, if any."""
        for st in self.chain(sid):
            np_ = st.find(_PPR)
            np_ = None if np_ is None else np_.find(_q("numPr"))
            if np_ is not None:
                return _val(np_, "numId"), _val(np_, "ilvl")
        return None, None


def _outline(val: str) -> int | None:
    """w:outlineLvl 0-8 is heading level 1-9; 9 means body text."""
    try:
        n = int(val)
    except ValueError:
        return None
    return n + 1 if 0 <= n <= 8 else None


# --- list numbering -----------------------------------------------------------------------

_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"


def _chinese(n: int, digits: str = _CN_DIGITS, units: str = "十百千") -> str:
    """Chinese counting as Word draws it: 1 一, 10 十, 11 十一, 21 二十一, 105 一百零五."""
    if n <= 0 or n >= 10000:
        return str(n)
    parts = []
    zero = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = n // power % 10
        if d == 0:
            zero = bool(parts)
            continue
        if zero:
            parts.append(digits[0])
            zero = False
        parts.append(digits[d] + unit)
    text = "".join(parts)
    if digits is _CN_DIGITS and 10 <= n < 20:
        text = text[1:]  # 十一, not 一十一
    return text


def _roman(n: int) -> str:
    out = []
    for value, sym in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                       (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter: a..z, aa..zz
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _format_number(n: int, fmt: str) -> str:
    """One level's number in Word's ST_NumberFormat; unknown formats fall back to digits."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        if fmt in ("ideographDigital", "taiwaneseDigital"):
            return "".join("〇一二三四五六七八九"[int(c)] for c in str(n))
        return _chinese(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return _chinese(n, _CN_LEGAL, "拾佰仟")
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12] if n > 0 else str(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "decimalEnclosedParen":
        return _PAREN[n - 1] if 0 < n <= len(_PAREN) else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return f"{n}."
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


# Word accepts list starts up to 32767; a file claiming 10^12 would have a Roman or letter number
# of 10^9 characters drawn.
_MAX_START = 32767


def _clamp_start(value: str) -> int:
    if len(value) > 6:
        return _MAX_START if not value.startswith("-") else 0
    return max(0, min(int(value), _MAX_START))


class _Numbering:
    """Word automatic numbering: counts list paragraphs and renders the number text Word shows."""

    def __init__(self, root, styles: _Styles) -> None:
        # numId -> (abstractNumId, start overrides, level overrides)
        self.nums: dict[str, tuple[str | None, dict[int, int], dict[int, dict]]] = {}
        self.abstract: dict[str, dict[int, dict]] = {}
        self.style_link: dict[str, str] = {}  # abstractNumId -> style id it links to
        self.counters: dict[str, list[int | None]] = {}
        self.styles = styles
        if root is None:
            return
        for an in root.iter(_q("abstractNum")):
            aid = an.get(_q("abstractNumId"))
            link = _val(an, "numStyleLink")
            if link:
                self.style_link[aid] = link
            levels = {}
            for lvl in an.iter(_q("lvl")):
                levels[int(lvl.get(_q("ilvl"), "0"))] = self._level(lvl)
            self.abstract[aid] = levels
        for num in root.iter(_q("num")):
            starts = {}
            overrides = {}
            for ov in num.iter(_q("lvlOverride")):
                il = int(ov.get(_q("ilvl"), "0"))
                so = _val(ov, "startOverride")
                if so is not None and so.lstrip("-").isdigit():
                    starts[il] = _clamp_start(so)
                lvl = ov.find(_q("lvl"))
                if lvl is not None:
                    overrides[il] = self._level(lvl)
            self.nums[num.get(_q("numId"))] = (_val(num, "abstractNumId"), starts, overrides)

    @staticmethod
    def _level(lvl) -> dict:
        start = _val(lvl, "start")
        return {
            "start": _clamp_start(start) if start and start.lstrip("-").isdigit() else 1,
            "fmt": _val(lvl, "numFmt") or "decimal",
            "text": _val(lvl, "lvlText"),
            "suff": _val(lvl, "suff") or "tab",
            "legal": lvl.find(_q("isLgl")) is not None,
        }

    def _levels(self, num_id: str, depth: int = 0):
        """(counter key, levels, start overrides) for a numId, following numStyleLink."""
        entry = self.nums.get(num_id)
        if entry is None or depth > 3:
            return None
        aid, starts, overrides = entry
        link = self.style_link.get(aid)
        if link and not self.abstract.get(aid):
            linked_num, _ = self.styles.num_pr(link)
            if linked_num and linked_num != num_id:
                return self._levels(linked_num, depth + 1)
        levels = dict(self.abstract.get(aid, {}))
        levels.update(overrides)
        # A num that restarts its list counts on its own; others continue their abstract list.
        key = f"num:{num_id}" if starts or overrides else f"abs:{aid}"
        return key, levels, starts

    def label(self, num_id: str | None, ilvl: int) -> str:
        """Advance the list counter and return the number text, e.g. "一、" or "（1）"."""
        if not num_id or num_id == "0":
            return ""
        found = self._levels(num_id)
        if found is None:
            return ""
        key, levels, starts = found
        if ilvl not in levels:
            return ""

        def start(i: int) -> int:
            return starts.get(i, levels.get(i, {}).get("start", 1))

        counters = self.counters.setdefault(key, [None] * 10)
        counters[ilvl] = start(ilvl) if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, 10):
            counters[deeper] = None
        lvl = levels[ilvl]
        if lvl["fmt"] == "bullet" or lvl["fmt"] == "none" or lvl["text"] is None:
            return ""

        def repl(m: re.Match) -> str:
            i = int(m.group(1)) - 1
            if i not in levels:
                return ""
            n = counters[i] if counters[i] is not None else start(i)
            fmt = "decimal" if lvl["legal"] else levels[i]["fmt"]
            return _format_number(n, fmt)

        text = re.sub(r"%([1-9])", repl, lvl["text"]).strip()
        if not text:
            return ""
        if lvl["suff"] == "nothing" or not text[-1].isascii():
            return text
        return text + " "


# --- body walk ----------------------------------------------------------------------------


def _run_hidden(r) -> bool:
    rpr = r.find(_RPR)
    if rpr is None:
        return False
    v = rpr.find(_q("vanish"))
    return v is not None and v.get(_q("val"), "true") not in ("0", "false", "off")


def _pieces(p) -> tuple[list[str], list]:
    """The paragraph's visible text split at line breaks, and the text boxes it anchors."""
    pieces = [""]
    boxes = []

    def walk(el) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == _TXBX:
                boxes.append(child)
                continue
            if tag in _SKIP:
                continue
            if tag == _R and _run_hidden(child):
                continue
            if tag == _T:
                pieces[-1] += child.text or ""
            elif tag == _q("tab"):
                pieces[-1] += "\t"
            elif tag in _BREAKS:
                if child.get(_q("type")) not in ("page", "column"):
                    pieces.append("")
            elif tag in (_q("noBreakHyphen"),):
                pieces[-1] += "-"
            elif tag == _q("sym"):
                ch = child.get(_q("char"))
                if ch:
                    try:
                        code = int(ch, 16)
                        code = code - 0xF000 if code >= 0xF000 else code
                        # A surrogate or a code past Unicode is no character: every output would die on it.
                        pieces[-1] += "\ufffd" if 0xD800 <= code <= 0xDFFF else chr(code)
                    except (ValueError, OverflowError):
                        pass
            else:
                walk(child)

    walk(p)
    return [s.strip() for s in pieces], boxes


class _Reader:
    def __init__(self, doc) -> None:
        self.styles = _Styles(_part_root(doc, "styles"))
        self.numbering = _Numbering(_part_root(doc, "numbering"), self.styles)
        self.blocks: list[Block] = []
        self.paragraphs = 0
        self.tables = 0

    def add(self, text: str, position: Position, kind: str = "paragraph", level: int | None = None,
            title: bool = False) -> None:
        norm = normalize(text)
        if not norm:
            return
        self.blocks.append(
            Block(
                text=text,
                line=len(self.blocks) + 1,
                source=position.label,
                kind=kind,
                style_level=level,
                is_title=title,
                furniture=is_furniture(norm),
                norm=norm,
                position=position,
            )
        )

    def container(self, el, cell: Position | None = None, anchor: int | None = None) -> None:
        """Paragraphs and tables of a body, cell, text box or content control, in order.

        ``anchor`` is the paragraph a text box stands in: its text is found there in Word.
        """
        for child in el:
            tag = child.tag
            if tag == _P:
                self.paragraph(child, cell, anchor)
            elif tag == _TBL:
                self.table(child)
            elif tag == _SDT:
                content = child.find(_SDTCONTENT)
                if content is not None:
                    self.container(content, cell, anchor)
            elif tag in (_q("customXml"), _q("ins"), _q("moveTo")):
                self.container(child, cell, anchor)

    def paragraph(self, p, cell: Position | None, anchor: int | None = None) -> None:
        """Every paragraph outside tables counts, empty ones too, so 第N段 is the paragraph's
        place in the body (python-docx ``Document.paragraphs[N-1]`` when no content control
        comes before it)."""
        if cell is None and anchor is None:
            self.paragraphs += 1
        number = anchor if anchor is not None else self.paragraphs
        ppr = p.find(_PPR)
        style_id = _val(ppr, "pStyle")
        pieces, boxes = _pieces(p)
        label = self._label(ppr, style_id)
        first = next((i for i, piece in enumerate(pieces) if piece), None)
        if first is not None and label:
            pieces[first] = label + pieces[first]
        if cell is not None:
            for piece in pieces:
                self.add(piece, cell, kind="table-cell")
        elif first is not None:
            level, title = self._level(ppr, style_id)
            for piece in pieces:
                self.add(piece, Position("paragraph", number), level=level, title=title)
        for box in boxes:
            self.container(box, cell, number if cell is None else None)

    def _label(self, ppr, style_id: str | None) -> str:
        num_id = ilvl = None
        np_ = None if ppr is None else ppr.find(_q("numPr"))
        if np_ is not None:
            num_id, ilvl = _val(np_, "numId"), _val(np_, "ilvl")
        if num_id is None:
            s_num, s_ilvl = self.styles.num_pr(style_id)
            num_id = s_num
            ilvl = ilvl if ilvl is not None else s_ilvl
        if num_id is None:
            return ""
        try:
            return self.numbering.label(num_id, int(ilvl or 0))
        except (ValueError, KeyError, IndexError):
            return ""

    def _level(self, ppr, style_id: str | None) -> tuple[int | None, bool]:
        direct = _val(ppr, "outlineLvl")
        if direct is not None:
            return _outline(direct), False
        return self.styles.level(style_id)

    def table(self, tbl) -> None:
        self.tables += 1
        table = self.tables
        row = 0
        for tr in tbl.iter(_TR):
            if _ancestor_table(tr) is not tbl:
                continue  # nested table rows are read with their own table
            row += 1
            cells = list(tr.findall(_TC))
            for sdt in tr.findall(_SDT):
                content = sdt.find(_SDTCONTENT)
                cells += [] if content is None else content.findall(_TC)
            for n, tc in enumerate(cells, start=1):
                self.container(tc, Position("cell", table, sub=n, row=row))


def _ancestor_table(el):
    parent = el.getparent()
    while parent is not None and parent.tag != _TBL:
        parent = parent.getparent()
    return parent


def _part_root(doc, which: str):
    """The XML root of the styles or numbering part, or None when the file has none."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    rel = RT.STYLES if which == "styles" else RT.NUMBERING
    for r in doc.part.rels.values():
        if r.reltype == rel and not r.is_external:
            part = r.target_part
            el = getattr(part, "element", None)
            if el is not None:
                return el
            from docx.oxml.parser import parse_xml

            return parse_xml(part.blob)
    return None


def _check_unpacked(infos, name: str) -> None:
    """Refuse a zip bomb before python-docx unpacks it: the sizes the zip declares are checked
    first, and zipfile stops reading a member at its declared size, so they cannot lie."""
    xml = sum(i.file_size for i in infos if i.filename.endswith((".xml", ".rels")))
    total = sum(i.file_size for i in infos)
    for size, limit, what in ((xml, limits.DOCX_XML_BYTES, " XML 内容"), (total, limits.DOCX_TOTAL_BYTES, "内容")):
        if size > limit:
            raise InputError(name, f"Word 文件解压后的{what}有 {limits.size_text(size)}，超过 "
                                   f"{limits.size_text(limit)} 的上限（可能是压缩炸弹），已拒绝读取")


def _open(data: bytes, name: str):
    """Open the package, turning every way a file can be broken into one Chinese message."""
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise InputError(name, "Word 文件已加密，无法读取（请先取消密码保护后再检查）")
        raise InputError(name, "这是旧版 Word（.doc）文件，请在 Word 或 WPS 中另存为 .docx 后再检查")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except Exception:  # BadZipFile, struct and OS errors for a truncated or foreign file
        raise InputError(name, _CORRUPT) from None
    names = {i.filename for i in infos}
    _check_unpacked(infos, name)
    if "word/document.xml" not in names and not any(n.startswith("word/") and n.endswith(".xml") for n in names):
        raise InputError(name, f"{_CORRUPT}（压缩包中没有 word/document.xml，可能不是 Word 文件）")
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception:  # python-docx, lxml and zipfile raise many types for a broken package
        raise InputError(name, _CORRUPT) from None


def read(data: bytes, name: str) -> Document:
    doc = _open(data, name)
    try:
        reader = _Reader(doc)
        reader.container(doc.element.body)
        title = (doc.core_properties.title or "").strip() or None
    except InputError:
        raise
    except Exception:
        raise InputError(name, _CORRUPT) from None
    if not reader.blocks:
        raise InputError(name, "文件没有文字内容")
    return Document(path=name, format="docx", blocks=reader.blocks, page_title=title)
