"""The one error type the CLI turns into a single line and exit code 2."""


class InputError(Exception):
    """Unusable input or configuration: a bad file, a broken rule file, a bad option.

    The message is user-facing Chinese and already names the file; the CLI prints it as is.
    """

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")
