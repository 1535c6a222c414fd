"""The issue-10 hot spots were rewritten for speed only: each test runs the old way and the new
way over the same texts (the seed, the corpus, the example reports, the layouts, rule examples,
tricky and seeded random strings) and asserts identical results."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from shared_paths import CORPUS, SEED
from validator.formatters.jsonfmt import pretty
from validator.kinds.base import compile_any
from validator.normalize import _OTHERS, _TABLE, _fold_width, normalize
from validator.numbering import HEADING_START
from validator.readers import read_path
from validator.readers.text import _paragraphs, _wrap_width
from validator.ruleset import profile_files, resolve
from validator.textindex import prefilter, prefixes

ROOT = Path(__file__).resolve().parents[1]
TEXT_FILES = sorted(
    [p for p in (ROOT / "reports").rglob("*") if p.suffix in (".txt", ".md", ".html")]
    + [p for p in (ROOT / "tests" / "layouts").glob("*") if p.suffix in (".txt", ".md", ".html")]
    + ([SEED] if SEED.exists() else [])
    + ([p for p in CORPUS.glob("*") if p.suffix in (".txt", ".md")] if CORPUS.exists() else [])
)


def _forbid_pattern_lists() -> list[tuple[str, ...]]:
    """The pattern list of every forbid rule in every bundled profile."""
    seen: dict[tuple[str, ...], None] = {}
    for name in profile_files():
        for rule in resolve(name).rules:
            if rule.kind == "forbid":
                seen[tuple(rule.settings.patterns)] = None
    return list(seen)


PATTERN_LISTS = _forbid_pattern_lists()
PLACEHOLDER = next(tuple(r.settings.patterns) for r in resolve("national").rules if r.id == "hygiene.placeholder")


def _rule_example_texts() -> list[str]:
    texts = []
    for name in profile_files():
        for rule in resolve(name).rules:
            examples = rule.examples
            if examples is None:
                continue
            texts += list(examples.passing) + [f.text for f in examples.failing]
    return texts


def _blocks_of_files() -> list[list[str]]:
    out = []
    for path in TEXT_FILES:
        try:
            out.append([b.norm for b in read_path(str(path)).blocks])
        except Exception:  # a fixture a reader refuses is no text to compare on
            continue
    return out


TRICKY = [
    "曹某某", "李某某等3人", "某某县", "某某镇人民政府", "某县人民政府", "某街道2023年", "某区法治", "王某当场",
    "XX镇", "xx件", "××县", "20XX年", "20xx", "20××年度", "X", "XX", "Xi'an", "Xx路", "TODO", "TBD", "todo",
    "ATODO", "×2", "2×3", "〔XX〕", "〔2023〕5号", "【待补充】", "【此处填写数字】", "[待定]", "[待补充]", "待补充",
    "待完善数据", "期待", "待遇", "___", "__", "a____b", "X光机", "XXL", "MAX", "邢某某某", "某某某", "某",
    "www.xx.gov.cn", "20XX年X月X日", "XX万元", "X次", "WX公众号", "**件", "20**年", "***人", "1*",
]


def _texts() -> list[list[str]]:
    """Lists of blocks: each file's blocks, each example's lines, tricky strings alone and mixed."""
    rnd = random.Random(10)
    lists = _blocks_of_files()
    lists += [text.splitlines() for text in _rule_example_texts()]
    lists += [[t] for t in TRICKY]
    lists += [["".join(rnd.choice(TRICKY + ["，", "2023年", "全年办理", "\u3000"]) for _ in range(12)) for _ in range(5)]
              for _ in range(200)]
    return lists


ALL_TEXTS = _texts()


def _old(patterns, blocks):
    rx = compile_any(patterns)
    return [[m.span() for m in rx.finditer(b)] for b in blocks]


def _new(patterns, blocks):
    pf = prefilter(patterns)
    possible = pf.possible("\n".join(blocks)) if pf is not None else patterns
    if not possible:
        return [[] for _ in blocks]
    rx = compile_any(possible)
    return [[m.span() for m in rx.finditer(b)] for b in blocks]


@pytest.mark.parametrize("patterns", PATTERN_LISTS, ids=lambda p: p[0][:20])
def test_forbid_prefilter_finds_every_match_the_full_alternation_finds(patterns):
    for blocks in ALL_TEXTS:
        assert _new(patterns, blocks) == _old(patterns, blocks), blocks


def test_placeholder_matches_still_found_in_tricky_strings():
    """The comparison above can fail: the rule does find placeholders in these strings."""
    hits = {t for t in TRICKY if _new(PLACEHOLDER, [t]) != [[]]}
    assert {"XX镇", "20XX年", "某某县", "TODO", "〔XX〕", "【待补充】", "___"} <= hits
    assert not hits & {"曹某某", "Xi'an", "期待", "〔2023〕5号", "__", "MAX"}


_ALPHABET = "Xx×20某县镇区曹李【】[]待补充填写_TODOBa一，\n"


def _random_blocks(rnd: random.Random, alphabet: str) -> list[str]:
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randrange(31))) for _ in range(rnd.randrange(1, 5))]


def test_forbid_prefilter_on_random_text():
    rnd = random.Random(20261201)
    for _ in range(1500):
        blocks = _random_blocks(rnd, _ALPHABET)
        for patterns in PATTERN_LISTS:
            assert _new(patterns, blocks) == _old(patterns, blocks), blocks


@pytest.mark.parametrize("source, expected", [
    ("20[Xx×]{2}", {"20XX", "20Xx", "20X×", "20xX", "20xx", "20x×", "20×X", "20×x", "20××"}),
    ("T(?<![A-Za-z]T)ODO|TBD", {"TODO", "TBD"}),
    ("_{3,}", {"___"}),
    ("某(县|区)(?=政府)", {"某县", "某区"}),
    ("(?i)todo", None),
    (r"\d+年", None),
    ("a?b", None),
    ("(?:ab)*c", None),
])
def test_prefixes_are_what_every_match_starts_with(source, expected):
    assert (None if prefixes(source) is None else set(prefixes(source))) == expected


def test_a_backreference_turns_the_prefilter_off():
    assert prefilter((r"(a)\1", "b")) is None
    assert re.compile(compile_any((r"(a)\1", "b")).pattern).search("aa")


def _raw_lines() -> list[str]:
    lines = []
    for path in TEXT_FILES:
        try:
            lines += path.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError:
            continue
    return lines + TRICKY + _rule_example_texts()


_FOLDED = "".join(sorted(chr(cp) for cp in _TABLE))


def test_width_fold_is_the_translate_table():
    lines = _raw_lines()
    assert len(lines) > 100
    assert any(_OTHERS.search(line) for line in lines)  # both paths are taken
    for line in lines:
        assert _fold_width(line) == line.translate(_TABLE), line
    rnd = random.Random(7)
    alphabet = _FOLDED + "南山街道依法行政2023年,.()ＡＢ　 \t①é設(shè)"
    for _ in range(3000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(40)))
        assert _fold_width(text) == text.translate(_TABLE), text


def test_normalize_folds_width_as_written():
    assert normalize("　　一、 主要举措（２０２３年）：全年办理１２件；！？") == "一、主要举措(2023年):全年办理12件;!?"
    assert normalize("\ufeff依法—行政「放管服」﹪") == "依法-行政“放管服”%"


def _old_wrap_width(lengths):
    """The text reader's wrap-width scan before issue 10, kept to compare against."""
    from collections import Counter

    long = [n for n in lengths if n >= 15]
    if len(lengths) < 8 or not long:
        return None
    count = Counter(long)
    width = max(set(long), key=lambda w: count[w - 1] + count[w] + count[w + 1])
    at_width = sum(1 for n in lengths if abs(n - width) <= 1)
    beyond = sum(1 for n in lengths if n > width + 1)
    return width if at_width >= 0.4 * len(lengths) and beyond <= 0.05 * len(lengths) else None


def _old_paragraphs(lines):
    numbered = [(i, raw.rstrip()) for i, raw in enumerate(lines, start=1) if raw.strip()]
    width = _old_wrap_width([len(raw.strip()) for _, raw in numbered])
    out = []
    previous_full = False
    for i, raw in numbered:
        text = raw.strip()
        indented = raw[:1] in (" ", "\t", "\u3000")
        if out and width and previous_full and not indented and not HEADING_START.match(text):
            out[-1][1].append(text)
        else:
            out.append((i, [text]))
        previous_full = bool(width) and len(text) >= width - 1
    return [(i, "".join(pieces)) for i, pieces in out]


def _wrapped(rnd: random.Random) -> list[str]:
    """Hard-wrapped lines around one or two widths (ties between neighbouring widths included),
    headings, indented first lines, blank lines and a few long lines."""
    widths = [rnd.randrange(14, 40)] + [rnd.randrange(14, 40)] * rnd.randrange(2)
    lines = []
    for _ in range(rnd.randrange(4, 40)):
        kind = rnd.random()
        if kind < 0.1:
            lines.append(rnd.choice(["一、主要举措", "（二）存在问题", "1.加强学习", "第三部分 工作计划"]))
        elif kind < 0.2:
            lines.append("")
        else:
            w = rnd.choice(widths) + rnd.choice([-1, 0, 0, 0, 1, 2, 9])
            lead = rnd.choice(["", "", "\u3000\u3000", "  ", "\t"])
            lines.append(lead + "".join(rnd.choice("依法行政全年办理案件") for _ in range(max(1, w))) + rnd.choice(["", " "]))
    return lines


def test_wrap_rejoin_is_unchanged():
    files = [path.read_text(encoding="utf-8", errors="replace").split("\n") for path in TEXT_FILES]
    rnd = random.Random(3)
    samples = files + [_wrapped(rnd) for _ in range(3000)]
    assert sum(1 for lines in samples if _wrap_width([len(x.strip()) for x in lines if x.strip()])) > 150
    for lines in samples:
        assert _paragraphs(lines) == _old_paragraphs(lines), lines


def _random_json(rnd: random.Random, depth: int = 0):
    kind = rnd.random()
    if depth > 5 or kind < 0.45:
        return rnd.choice([0, -3, 2.5, 1e300, float("nan"), True, False, None, "", "南山街道", 'a"b\\c', "换\n行\t",
                           "{[,]}: ", "\x00\x1f", "\u2028", "😀", "第2行"])
    if kind < 0.6:
        return rnd.choice([[], {}, ()])
    if kind < 0.8:
        seq = [_random_json(rnd, depth + 1) for _ in range(rnd.randrange(1, 5))]
        return tuple(seq) if rnd.random() < 0.2 else seq
    keys = ["rule", "excerpt", "位置", "", "a b", '"q"'] + ([1, 2.5, True, None] if rnd.random() < 0.05 else [])
    return {rnd.choice(keys): _random_json(rnd, depth + 1) for _ in range(rnd.randrange(1, 6))}


def test_json_pretty_is_the_standard_library_indent():
    rnd = random.Random(5)
    for _ in range(3000):
        value = _random_json(rnd)
        assert pretty(value) == json.dumps(value, ensure_ascii=False, indent=2), value
    deep: dict = {"n": None}
    for _ in range(60):  # deeper than the cached indentations
        deep = {"k": [1, deep, "x"]}
    assert pretty(deep) == json.dumps(deep, ensure_ascii=False, indent=2)


def test_json_pretty_refuses_what_the_standard_library_refuses():
    with pytest.raises(TypeError):
        pretty({"a": [1, {"b": object()}]})


def test_json_output_of_the_seed_is_unchanged():
    if not SEED.exists():
        pytest.skip(f"{SEED} is missing")
    from validator.checker import check_report
    from validator.formatters import jsonfmt
    from validator.report import load_report
    from validator.results import Run

    run = Run(results=[check_report(load_report(str(SEED)))])
    assert jsonfmt.render(run) == json.dumps(jsonfmt.document(run), ensure_ascii=False, indent=2) + "\n"
