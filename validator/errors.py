"""The one error type the CLI turns into a single line and exit code 2."""


class InputError(Exception):
    """Unusable input or configuration: a bad file, a broken rule file, a bad option.

    The message is user-facing Chinese and already names the file; the CLI prints it as is.
    """

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class RuleFault(Exception):
    """A rule, or the analysis of a report that was read, failed: a defect of report-check or of the
    rule, never of the report. It names the rule (empty: the analysis) and the report so the user
    can send both to the maintainers.
    """

    def __init__(self, rule: str, path: str, cause: BaseException):
        self.rule = rule
        self.path = path
        self.cause = cause
        super().__init__(f"{path}: {self.problem}")

    @property
    def problem(self) -> str:
        what = f"规则 {self.rule} 检查这份报告时出错" if self.rule else "分析这份报告时出错"
        name = getattr(self.cause, "type_name", type(self.cause).__name__)
        return (f"{what}（{name}: {self.cause}）；"
                "这是 report-check 的缺陷，请把报告和这行提示发给维护者")


class RemoteError(Exception):
    """An exception raised in a worker process, carried back as its type name and message."""

    def __init__(self, type_name: str, message: str):
        self.type_name = type_name
        super().__init__(message)
