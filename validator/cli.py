"""The `report-check` command line: options in, library calls, exit code out."""

from __future__ import annotations

import sys

import click

from . import __version__
from .errors import InputError

EXIT_USAGE = 2


def _fail(exc: InputError) -> None:
    click.echo(f"report-check: {exc.path}: {exc.problem}", err=True)
    sys.exit(EXIT_USAGE)


def _load(path: str):
    """Read and analyse one report; any failure to read is one line and exit 2."""
    from .report import load_report

    try:
        return load_report(path)
    except InputError as exc:
        _fail(exc)
    except Exception as exc:  # a reader library failing on a malformed file
        _fail(InputError(path, f"无法读取文件（{type(exc).__name__}: {exc}）"))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="report-check")
def main() -> None:
    """检查法治政府建设年度报告是否符合要求（结构、行政执法三项制度、数据、日期）。"""


@main.command()
@click.argument("file")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="输出格式")
def outline(file: str, fmt: str) -> None:
    """显示报告的提纲、元数据和数字（FILE 为 - 时读标准输入）。"""
    from . import outline_view

    report = _load(file)
    click.echo(outline_view.to_json(report) if fmt == "json" else outline_view.to_text(report), nl=fmt == "json")


FAIL_ON = ["error", "warning", "info", "never"]


def _profiles() -> list[str]:
    from .ruleset import profile_files

    return list(profile_files())


@main.command("check")
@click.argument("files", nargs=-1, required=True)
@click.option("--profile", "-p", help="规则配置：national、county-government、department、township；缺省时按报告单位推断")
@click.option("--rules", "rule_files", multiple=True, type=click.Path(dir_okay=False),
              help="自己的规则文件，在所选配置之上增加或覆盖规则（可多次指定）")
@click.option("--format", "-f", "fmt", default="text", show_default=True, help="输出格式：text、json、sarif、junit、github")
@click.option("--output", "-o", "outputs", multiple=True, metavar="FORMAT:PATH",
              help="另外写一份输出到文件，如 -o sarif:out.sarif（可多次指定）")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="达到该严重程度的问题使退出码为 1")
@click.option("--color/--no-color", default=None, help="彩色输出（缺省：终端时彩色）")
def check_cmd(files, profile, rule_files, fmt, outputs, fail_on, color) -> None:
    """检查报告（FILES 可为文件、目录或 -），逐项列出清单和问题。

    退出码：0 没有达到 --fail-on 的问题；1 有；2 输入或用法错误。
    """
    from .checker import check_path, expand
    from .formatters import names, render

    if profile and profile not in _profiles():
        _fail(InputError(profile, f"没有名为“{profile}”的规则配置，可选：{'、'.join(_profiles())}"))
    targets = []
    for spec in outputs:
        name, sep, path = spec.partition(":")
        if not sep or not path or name not in names():
            _fail(InputError(spec, f"--output 应写成 格式:路径，格式可选：{'、'.join(names())}"))
        targets.append((name, path))
    if fmt not in names():
        _fail(InputError(fmt, f"未知的输出格式，可选：{'、'.join(names())}"))
    try:
        paths = expand(list(files))
    except InputError as exc:
        _fail(exc)
    results, bad, resolved = [], False, {}
    for path in paths:
        try:
            results.append(check_path(path, profile, tuple(rule_files), fail_on, resolved))
        except InputError as exc:
            bad = True
            click.echo(f"report-check: {exc.path}: {exc.problem}", err=True)
            if exc.path in rule_files or exc.path.startswith("rules/"):
                sys.exit(EXIT_USAGE)
        except Exception as exc:  # a reader library failing on a malformed file
            bad = True
            click.echo(f"report-check: {path}: 无法读取文件（{type(exc).__name__}: {exc}）", err=True)
    if color is None:
        color = sys.stdout.isatty()
    if results:
        out = render(fmt, results, color=color)
        click.echo(out, nl=not out.endswith("\n"))
        for name, path in targets:
            try:
                with open(path, "w", encoding="utf-8") as fh:
                    fh.write(render(name, results))
            except OSError as exc:
                _fail(InputError(path, f"无法写入输出文件（{exc.strerror or exc}）"))
    if bad:
        sys.exit(EXIT_USAGE)
    sys.exit(1 if any(r.failed for r in results) else 0)


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
    click.echo(f"{resolved.name}（{resolved.title}）：{len(resolved.rules)} 条规则，来自 {' → '.join(resolved.chain)}")
    from .results import SEVERITY_LABELS

    width = max(len(r.id) for r in resolved.rules)
    for r in resolved.rules:
        click.echo(f"  {r.id:<{width}}  {SEVERITY_LABELS[r.severity]}  {r.title}")


@rules.command("explain")
@click.argument("rule_id")
@click.option("--profile", "-p", default="national", show_default=True)
def rules_explain(rule_id, profile) -> None:
    """说明一条规则：依据、提示信息、修改建议和示例。"""
    from . import kinds
    from .ruleset import resolve

    try:
        resolved = resolve(profile)
    except InputError as exc:
        _fail(exc)
    base_id = next((r.id for r in resolved.rules if rule_id == r.id or rule_id.startswith(r.id + ".")), None)
    if base_id is None:
        _fail(InputError(rule_id, f"规则配置 {profile} 中没有这条规则（report-check rules list 可列出全部规则）"))
    rule = next(r for r in resolved.rules if r.id == base_id)
    doc = (kinds.get(rule.kind).__doc__ or "").strip()
    out = [
        f"{rule.id}  {rule.title}",
        f"严重程度：{rule.severity}（规则配置 {profile}）",
        f"类型：{rule.kind} — {doc.splitlines()[0] if doc else ''}",
        f"依据：{rule.basis}",
        f"提示：{rule.message}",
    ]
    variants = getattr(kinds.get(rule.kind), "VARIANTS", {})
    out += [f"提示（{variants[k]}）：{v}" if k in variants else f"子项 {rule.id}.{k}：{v}"
            for k, v in rule.messages.items()]
    if rule.options.get("kinds"):
        out.append(f"识别的其他文件类型：{'、'.join(k['name'] for k in rule.options['kinds'])}")
    out += [f"修改建议：{rule.fix}", f"定义于：{rule.origin}", "", "符合的示例："]
    out += [_indent(t) for t in rule.examples.passing]
    out += ["不符合的示例："] + [_indent(t) for t in rule.examples.failing]
    click.echo("\n".join(out))


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.rstrip().splitlines()) + "\n    ---"


@rules.command("validate")
@click.argument("file", type=click.Path(dir_okay=False))
def rules_validate(file) -> None:
    """按 JSON Schema 校验规则文件。"""
    from .ruleset import load_file

    try:
        data = load_file(file)
    except InputError as exc:
        _fail(exc)
    click.echo(f"{file}：有效，{len(data.get('rules', []))} 条规则")


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
                why = "没有报告问题" if r.expect == "fail" else "却报告了：" + "；".join(r.got)
                click.echo(f"✗ {name} {r.rule} {'不符合' if r.expect == 'fail' else '符合'}示例{r.index}：{why}")
    click.echo(f"{total - failed} passed, {failed} failed")
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
    click.echo(to_text(ev), nl=False)
