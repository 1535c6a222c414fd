"""The `report-check` command line: options in, library calls, exit code out."""

from __future__ import annotations

import contextlib
import signal
import sys
from pathlib import Path

import click

from . import __version__, cli_zh
from .errors import InputError, RuleFault
from .formatters import names as formatter_names
from .formatters import outline_names, render_outline

cli_zh.install()

EXIT_USAGE = 2


def _fail(exc: InputError | RuleFault) -> None:
    click.echo(f"report-check: {exc.path}: {exc.problem}", err=True)
    sys.exit(EXIT_USAGE)


def _say(text: str, nl: bool = True) -> None:
    """Print to stdout in what the console can show (a GBK or cp1252 console never crashes)."""
    from .output import emit

    emit(text + ("\n" if nl else ""), "text")


def _load(path: str, timeout: float | None = None):
    """Read and analyse one report (in a worker bounded in time and memory, with ``timeout``); a
    failure to read, or a fault analysing it, is one line and exit 2."""
    from .checker import read_and_analyse

    try:
        if timeout:
            from . import limits, worker

            return worker.run(read_and_analyse, path, name=path, timeout=timeout, memory=limits.MEMORY_BYTES)
        return read_and_analyse(path)
    except (InputError, RuleFault) as exc:
        _fail(exc)
    except Exception as exc:  # a reader library failing on a malformed file
        _fail(InputError(path, f"无法读取文件（{type(exc).__name__}: {exc}）"))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="report-check", help="显示版本并退出。")
def main() -> None:
    """检查法治政府建设年度报告是否符合要求（结构、行政执法三项制度、数据、日期）。"""


def _bounds(fn):
    """--timeout and --max-size: every file is read in a worker bounded in time and memory."""
    from . import limits

    fn = click.option("--timeout", type=click.FloatRange(min=0), default=limits.TIMEOUT_SECONDS,
                      show_default=True, help="每个文件的处理时限（秒），0 为不限")(fn)
    return click.option("--max-size", type=click.FloatRange(min=0, min_open=True),
                        default=limits.MAX_INPUT_BYTES / limits.MB, show_default=True,
                        help="输入文件的大小上限（MB）")(fn)


def _set_max_size(max_size: float) -> None:
    from . import limits

    limits.set_max_input(int(max_size * limits.MB))


@main.command()
@click.argument("file")
@click.option("--format", "fmt", type=click.Choice(outline_names()), default="text", show_default=True,
              help="输出格式")
@_bounds
def outline(file: str, fmt: str, timeout: float, max_size: float) -> None:
    """显示报告的提纲、元数据和数字（FILE 为 - 时读标准输入）。"""
    from .output import emit

    _set_max_size(max_size)
    emit(render_outline(fmt, _load(file, timeout)), fmt)


FAIL_ON = ["error", "warning", "info", "never"]


def _profiles() -> list[str]:
    from .ruleset import profile_files

    return list(profile_files())


def _settings(config_file, no_config, cli: dict):
    from . import config

    try:
        cfg = config.Config() if no_config else config.load(config_file)
    except InputError as exc:
        _fail(exc)
    settings = config.settle(cfg, cli)
    profile = settings["profile"]
    names = set(_profiles())
    for name in [profile, *(settings["profiles"] or {}).values()]:
        if name and name not in names:
            where = settings.values["profile"].origin if name == profile else cfg.where()
            _fail(InputError(name, f"没有名为“{name}”的规则配置（{where}），可选：{'、'.join(_profiles())}"))
    return settings


def _inputs(files, settings):
    """The files of a run: those given (folders expanded), else the config's ``include``."""
    from . import config
    from .checker import expand_all

    try:
        if files:
            found = expand_all(list(files))
        elif settings["include"]:
            found = config.included(settings)
        else:
            _fail(InputError("check", "没有给出要检查的文件（FILES），配置文件中也没有 include"))
    except InputError as exc:
        _fail(exc)
    # A file named on the command line is checked even when an exclude glob matches it.
    named = {f for f in files if f == "-" or not Path(f).is_dir()}
    found.files = [f for f in found.files if f in named or not config.excluded(settings, f)]
    found.skipped = [s for s in found.skipped if not config.excluded(settings, s.path)]
    return found


def _targets(outputs, fmt):
    from .formatters import names

    if fmt not in names():
        _fail(InputError(fmt, f"未知的输出格式，可选：{'、'.join(names())}"))
    targets = []
    for spec in outputs:
        name, sep, path = spec.partition(":")
        if not sep or not path or name not in names():
            _fail(InputError(spec, f"--output 应写成 格式:路径，格式可选：{'、'.join(names())}"))
        targets.append((name, path))
    return targets


def _profile_for(settings, reasons: dict):
    def profile_for(path: str):
        name, why = settings.profile_for(path)
        if why:
            reasons[path] = why
        return name
    return profile_for


def _stream(files, settings, fmt, color, jobs, timeout, summary_file, previous=None, progress=None) -> int:
    """Check a batch and write each report as soon as it is done, in input order; the text
    output ends with the totals. Only the compact summary view is kept. Returns the exit code."""
    from . import output
    from .checker import check_stream, load_previous
    from .limits import MEMORY_BYTES
    from .progress import Progress
    from .summary import Tally, write

    found = _inputs(files, settings)
    reasons: dict[str, str] = {}
    tally = Tally(keep_findings=bool(summary_file and summary_file.lower().endswith(".xlsx")))
    texts = [] if _wants_pairs(summary_file) else None
    for skipped in found.skipped:
        tally.add(skipped)
        click.echo(f"report-check: {skipped.path}: {skipped.problem}", err=True)
    render = _one_renderer(fmt, color)
    wrote = False
    bar = Progress(len(found.files), progress)
    try:
        last_year = load_previous(previous)
        for outcome in check_stream(found.files, _profile_for(settings, reasons), tuple(settings["rules"]),
                                    settings["fail-on"], jobs=jobs, timeout=timeout, memory=MEMORY_BYTES,
                                    texts=texts, previous=last_year, blocks=False):
            if outcome.path in reasons and hasattr(outcome, "profile_reason"):
                outcome.profile_reason = reasons.pop(outcome.path)
            tally.add(outcome)
            block = render(outcome)
            if block and fmt == "text":
                block = ("\n\n" if wrote else "") + block
            wrote = wrote or bool(block)
            with bar.writing():
                if not hasattr(outcome, "checklist"):
                    click.echo(f"report-check: {outcome.path}: {outcome.problem}", err=True)
                output.emit(block, fmt)
            bar.advance(outcome)
        bar.close()
        if fmt == "text" and wrote:
            from .formatters.text import totals

            output.emit(("\n\n" + totals(tally, color=color) if len(tally.rows) > 1 else "") + "\n", fmt)
        if summary_file:
            write(summary_file, tally, _pairs(texts))
    except (InputError, RuleFault) as exc:
        _fail(exc)
    finally:
        bar.close()
    if tally.unreadable:
        return EXIT_USAGE
    return 1 if any(r.status == "fail" for r in tally.rows) else 0


def _wants_pairs(summary_file) -> bool:
    """The xlsx and html summaries list the reports that copy each other."""
    return bool(summary_file) and summary_file.lower().endswith((".xlsx", ".html"))


def _pairs(texts):
    if texts is None:
        return []
    from .similar import pairs

    return pairs(sorted(texts, key=lambda t: t.path))


def _one_renderer(fmt, color):
    """How one report is written: a jsonl line, or its text block (unreadable files go to stderr)."""
    if fmt == "jsonl":
        from .formatters.jsonl import line

        return line
    from .formatters.text import render_one

    return lambda outcome: render_one(outcome, color=color) if hasattr(outcome, "checklist") else ""


def _run(files, settings, timeout: float | None = None, jobs: int = 1, texts: list | None = None,
         previous: str | None = None, progress: bool | None = None):
    """Check every input; unreadable ones are collected, a broken rule file stops the run."""
    from .catalogue import build
    from .checker import check_stream, load_previous
    from .results import Run, Unreadable

    found = _inputs(files, settings)
    rules = tuple(settings["rules"])
    reasons: dict[str, str] = {}
    profile_for = _profile_for(settings, reasons)
    try:
        from .limits import MEMORY_BYTES
        from .progress import Progress

        results, unreadable = [], []
        last_year = load_previous(previous)
        bar = Progress(len(found.files), progress)
        try:
            for o in check_stream(found.files, profile_for, rules, settings["fail-on"], jobs=jobs,
                                  timeout=timeout, memory=MEMORY_BYTES, texts=texts, previous=last_year):
                (unreadable if isinstance(o, Unreadable) else results).append(o)
                bar.advance(o)
        finally:
            bar.close()
        # One profile for every report: its rules are the catalogue; otherwise every profile's.
        forced = settings.values["profile"].origin.startswith("命令行")
        catalogue = build(settings["profile"] if forced or not settings["profiles"] else None, rules)
    except (InputError, RuleFault) as exc:
        _fail(exc)
    for r in results:
        if r.path in reasons:
            r.profile_reason = reasons[r.path]
    return Run(results=results, unreadable=found.skipped + unreadable, rules=catalogue, arguments=sys.argv[1:])


class _Terminated(KeyboardInterrupt):
    """SIGTERM (a CI job cancelled) handled like Ctrl-C."""


@contextlib.contextmanager
def _interruptible():
    """Ctrl-C or SIGTERM during a batch: one line saying how far it got, nothing written, exit 130."""
    def terminate(signum, frame):
        raise _Terminated()

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    except KeyboardInterrupt as exc:
        done, total = getattr(exc, "done", None), getattr(exc, "total", None)
        where = f"已处理 {done}/{total} 个文件，" if total is not None else ""
        click.echo(f"report-check: 已中断：{where}没有写出任何结果", err=True)
        sys.exit(130)
    finally:
        signal.signal(signal.SIGTERM, previous)


@main.command("check")
@click.argument("files", nargs=-1)
@click.option("--profile", "-p", help="规则配置：national、county-government、department、township；缺省时按报告单位推断")
@click.option("--rules", "rule_files", multiple=True, type=click.Path(dir_okay=False),
              help="自己的规则文件，在所选配置之上增加或覆盖规则（可多次指定）")
@click.option("--format", "-f", "fmt", default="text", show_default=True,
              help="输出格式：" + "、".join(formatter_names()))
@click.option("--output", "-o", "outputs", multiple=True, metavar="格式:路径",
              help="另外写一份输出到文件，如 -o sarif:out.sarif（可多次指定；格式同 --format）")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="达到该严重程度的问题使退出码为 1（缺省 error）")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False),
              help="基线文件：其中记录的已知问题不使检查失败")
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="配置文件（缺省：从当前目录向上查找 .report-check.yaml 或 pyproject.toml）")
@click.option("--no-config", is_flag=True, help="不读取配置文件")
@click.option("--show-config", is_flag=True, help="显示生效的设置及其来源，然后退出")
@click.option("--color/--no-color", default=None, help="彩色输出（缺省：终端时彩色）")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="同时检查的文件数（缺省：CPU 核数）；结果顺序与此无关")
@click.option("--summary", "summary_file", type=click.Path(dir_okay=False),
              help="另外写一份汇总表：.csv、.xlsx 或 .html（每份报告一行，每条规则一列）")
@click.option("--previous", "previous", type=click.Path(dir_okay=False), metavar="上一年度报告",
              help="上一年度的报告（任何支持的格式）：比较照搬的句子和未更新的数字（reuse.previous-year）")
@click.option("--progress/--no-progress", default=None,
              help="在标准错误上显示进度条（缺省：终端中且检查超过一秒时显示，CI 和管道中不显示）")
@_bounds
def check_cmd(files, profile, rule_files, fmt, outputs, fail_on, baseline_file, config_file, no_config,
              show_config, color, jobs, summary_file, previous, progress, timeout, max_size) -> None:
    """检查报告（FILES 可为文件、目录或 -），逐项列出清单和问题。

    退出码：0 没有达到 --fail-on 的问题；1 有；2 输入或用法错误。
    """
    from . import output

    settings = _settings(config_file, no_config, {"profile": profile, "rules": list(rule_files),
                                                  "fail-on": fail_on, "baseline": baseline_file})
    if show_config:
        output.emit(settings.to_text(), "text")
        sys.exit(0)
    targets = _targets(outputs, fmt)
    _set_max_size(max_size)
    if summary_file and not summary_file.lower().endswith((".csv", ".xlsx", ".html")):
        _fail(InputError(summary_file, "--summary 的文件扩展名应为 .csv、.xlsx 或 .html"))
    if color is None:
        color = sys.stdout.isatty()
    from .batch import default_jobs

    jobs = jobs or default_jobs()
    if fmt in ("text", "jsonl") and not targets and not settings["baseline"]:
        with _interruptible():
            failed = _stream(files, settings, fmt, color, jobs, timeout, summary_file, previous, progress)
        sys.exit(failed)
    texts = [] if _wants_pairs(summary_file) else None
    with _interruptible():
        run = _run(files, settings, timeout, jobs, texts, previous, progress)
    if settings["baseline"]:
        from . import baseline

        try:
            entries = baseline.load(settings["baseline"])
        except InputError as exc:
            _fail(exc)
        run.stale = baseline.apply(run.results, entries)
    for bad in run.unreadable:
        click.echo(f"report-check: {bad.path}: {bad.problem}", err=True)
    for entry in run.stale:
        click.echo(f"report-check: 基线条目已不再出现，可以删除：{entry.describe()}", err=True)
    try:
        output.show(run, fmt, color=color)
        if summary_file:
            from .summary import tally_of, write

            write(summary_file, tally_of(run), _pairs(texts))
        for name, path in targets:
            output.write_file(run, name, path)
        if "github" in (fmt, *(n for n, _ in targets)):
            output.step_summary(run)
    except InputError as exc:
        _fail(exc)
    if any(not u.skipped for u in run.unreadable):
        sys.exit(EXIT_USAGE)
    sys.exit(1 if run.failed else 0)


@main.command("similar")
@click.argument("files", nargs=-1, required=True)
@click.option("--threshold", type=click.FloatRange(0, 1, min_open=True), default=0.8, show_default=True,
              help="相同比例达到该值的两份报告列为相似（0–1）")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="输出格式")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="同时读取的文件数（缺省：CPU 核数）；结果与此无关")
@_bounds
def similar_cmd(files, threshold, fmt, jobs, timeout, max_size) -> None:
    """列出内容大体相同的报告（FILES 为文件或目录；比较前去掉单位名称、地名、年份和数字）。"""
    from . import similar
    from .checker import expand_all
    from .limits import MEMORY_BYTES
    from .output import emit

    _set_max_size(max_size)
    try:
        found = expand_all(list(files))
        from .batch import default_jobs

        texts, unreadable = similar.load(found.files, timeout or None, MEMORY_BYTES, jobs or default_jobs())
    except InputError as exc:
        _fail(exc)
    for path, problem in unreadable:
        click.echo(f"report-check: {path}: {problem}", err=True)
    pairs = similar.pairs(texts, threshold)
    emit(similar.to_json(pairs, unreadable) if fmt == "json" else similar.to_text(pairs, unreadable), fmt)


@main.command("baseline")
@click.argument("files", nargs=-1)
@click.option("--output", "-o", "output_file", required=True, type=click.Path(dir_okay=False),
              help="写入的基线文件，如 .report-check-baseline.yaml")
@click.option("--reason", required=True, help="接受这些问题的理由，写入每个条目")
@click.option("--profile", "-p", help="规则配置（缺省：配置文件或按报告单位推断）")
@click.option("--rules", "rule_files", multiple=True, type=click.Path(dir_okay=False))
@click.option("--config", "config_file", type=click.Path(dir_okay=False))
@click.option("--no-config", is_flag=True)
def baseline_cmd(files, output_file, reason, profile, rule_files, config_file, no_config) -> None:
    """记录报告当前的全部问题及理由，供 check --baseline 使用。"""
    from . import baseline, output

    if not reason.strip():
        _fail(InputError("--reason", "理由不能为空"))
    settings = _settings(config_file, no_config, {"profile": profile, "rules": list(rule_files)})
    run = _run(files, settings)
    for bad in run.unreadable:
        click.echo(f"report-check: {bad.path}: {bad.problem}", err=True)
    if any(not u.skipped for u in run.unreadable):
        sys.exit(EXIT_USAGE)
    entries = baseline.entries_for(run.results, reason.strip())
    try:
        output.write_text(output_file, baseline.dump(entries))
    except InputError as exc:
        _fail(exc)
    _say(f"已记录 {len(entries)} 个问题（{len(run.results)} 份报告）到 {output_file}")


@main.command("init")
def init_cmd() -> None:
    """在当前目录写一个带注释的 .report-check.yaml 起始配置。"""
    from .config import write_starter

    try:
        path = write_starter(Path.cwd())
    except InputError as exc:
        _fail(exc)
    _say(f"已写入 {path.name}；用 report-check check --show-config 查看生效的设置")


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址；只在本机使用时保持 127.0.0.1，供局域网同事使用时写本机的局域网地址")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="端口")
@click.option("--max-size", default=50, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="上传文件大小上限（MB），超过时回答 413")
@click.option("--workers", default=None, type=click.IntRange(min=1),
              help="同时检查的报告数（缺省：CPU 数，最多 4）")
@click.option("--timeout", default=60.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="每份报告的检查时限（秒），超时中止并回答 503")
def serve_cmd(host, port, max_size, workers, timeout) -> None:
    """在浏览器中检查报告：启动本机网页服务（上传页面、HTML 报告、JSON 接口）。"""
    from . import serve

    try:
        serve.require_server()
    except InputError as exc:
        _fail(exc)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"report-check 网页服务：http://{shown}:{port}/  （按 Ctrl+C 停止）", err=True)
    serve.run(host, port, int(max_size * 1024 * 1024), workers, timeout)


@main.group()
def rules() -> None:
    """列出、解释、校验和测试规则。"""


@rules.command("list")
@click.option("--profile", "-p", default="national", show_default=True)
@click.option("--rules", "rule_files", multiple=True, type=click.Path(dir_okay=False))
def rules_list(profile, rule_files) -> None:
    """列出一个规则配置中的全部规则。"""
    from .ruleset import resolve

    try:
        resolved = resolve(profile, tuple(rule_files))
    except InputError as exc:
        _fail(exc)
    _say(f"{resolved.name}（{resolved.title}）：{len(resolved.rules)} 条规则，来自 {' → '.join(resolved.chain)}")
    from .results import SEVERITY_LABELS

    width = max(len(r.id) for r in resolved.rules)
    for r in resolved.rules:
        _say(f"  {r.id:<{width}}  {SEVERITY_LABELS[r.severity]}  {r.title}")


@rules.command("explain")
@click.argument("rule_id")
@click.option("--profile", "-p", default="national", show_default=True, help="规则配置")
@click.option("--rules", "rule_files", multiple=True, type=click.Path(dir_okay=False),
              help="自己的规则文件，在所选配置之上（可多次指定）")
def rules_explain(rule_id, profile, rule_files) -> None:
    """说明一条规则：依据、提示信息、修改建议和示例（RULE_ID 为规则 id，或 规则id.子项）。"""
    from . import kinds
    from .ruleset import resolve

    try:
        resolved = resolve(profile, tuple(rule_files))
    except InputError as exc:
        _fail(exc)
    by_id = {r.id: r for r in resolved.rules}
    parent, _, sub = rule_id.rpartition(".")
    rule = by_id.get(rule_id) or (by_id[parent] if parent in by_id and sub in by_id[parent].messages else None)
    if rule is None:
        _fail(InputError(rule_id, f"规则配置 {resolved.name} 中没有这条规则（report-check rules list 可列出全部规则）"))
    doc = (kinds.get(rule.kind).__doc__ or "").strip()
    out = [
        f"{rule.id}  {rule.title}",
        f"严重程度：{rule.severity}（规则配置 {resolved.name}：{' → '.join(resolved.chain)}）",
        f"类型：{rule.kind} — {doc.splitlines()[0] if doc else ''}",
        f"依据：{rule.basis}",
        f"提示：{rule.message}",
    ]
    variants = getattr(kinds.get(rule.kind), "VARIANTS", {})
    out += [f"提示（{variants[k]}）：{v}" if k in variants else f"子项 {rule.id}.{k}：{v}"
            for k, v in rule.messages.items()]
    explain = getattr(kinds.get(rule.kind), "explain", None)
    out += explain(rule.settings) if explain else []
    out += [f"修改建议：{rule.fix}", f"定义于：{rule.origin}", "", "符合的示例："]
    out += [_indent(t) for t in rule.examples.passing]
    out += ["不符合的示例："] + [_indent(f.text) + f"\n    应报告：{_expected(f.findings)}" for f in rule.examples.failing]
    _say("\n".join(out))


def _expected(findings) -> str:
    """'3:empty' as 第3行（empty）, '0' as 全文."""
    def one(spec: str) -> str:
        line, _, check = spec.partition(":")
        where = f"第{line}行" if line != "0" else "全文"
        return f"{where}（{check}）" if check else where
    return "、".join(one(s) for s in findings)


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.rstrip().splitlines()) + "\n    ---"


@rules.command("validate")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--profile", "-p", default=None, help="在该配置之上校验（缺省：文件的 extends，否则 national）")
def rules_validate(file, profile) -> None:
    """校验规则文件：JSON Schema、各类规则的选项、引用的部分规则、覆盖的规则 id、提示中的占位符。"""
    from .ruleset import load_file, resolve

    try:
        data = load_file(file)
        resolved = resolve(profile or data.get("extends") or "national", (file,))
    except InputError as exc:
        _fail(exc)
    _say(f"{file}：有效，{len(data.get('rules', []))} 条规则（按 {' → '.join(resolved.chain)} 校验）")


@rules.command("test")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@click.option("--profile", "-p", default=None, help="只测试该配置（缺省：全部内置配置）")
def rules_test(file, profile) -> None:
    """运行规则自带的通过/不通过示例；任何示例不符即退出码 1。"""
    from .examples import run_examples
    from .ruleset import load_file, resolve

    try:
        if file:
            data = load_file(file)
            base = resolve(profile or data.get("extends") or "national", (file,))
            only = {r["id"] for r in data.get("rules", [])}
            runs = [(file, run_examples(base, only))]
        else:
            names = [profile] if profile else _profiles()
            runs = [(n, run_examples(resolve(n))) for n in names]
    except InputError as exc:
        _fail(exc)
    failed = 0
    total = 0
    for name, results in runs:
        for r in results:
            total += 1
            if not r.ok:
                failed += 1
                if r.expect == "pass":
                    why = "却报告了：" + "；".join(r.got)
                elif not r.found:
                    why = "没有报告问题"
                else:
                    why = f"报告了 {_expected(r.found)}，应为 {_expected(r.expected)}"
                _say(f"✗ {name} {r.rule} {'不符合' if r.expect == 'fail' else '符合'}示例{r.index}：{why}")
    _say(f"{total - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


@main.command("eval")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--profile", "-p", default=None, help="规则配置（缺省：按报告单位推断）")
def eval_cmd(folder, profile) -> None:
    """在带 labels.yaml 的标注目录上计算每条规则的精确率和召回率。"""
    from .evaluate import evaluate, to_text

    try:
        ev = evaluate(folder, profile)
    except InputError as exc:
        _fail(exc)
    _say(to_text(ev), nl=False)
