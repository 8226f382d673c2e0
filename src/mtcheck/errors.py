"""Typed errors raised by the library.

The CLI turns every :class:`MtcheckError` into one message and exit code 2;
anything else escaping the library is a bug.
"""

from __future__ import annotations


class MtcheckError(Exception):
    """Base class of every error mtcheck reports to the user."""

    exit_code = 2


class InputError(MtcheckError):
    """An input file is missing, unreadable, empty, binary or malformed."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class ConfigError(MtcheckError):
    """A configuration file or a configuration value is invalid."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class LanguageError(MtcheckError):
    """A language code is unknown or does not fit the input."""


class ModelUnavailableError(MtcheckError):
    """A back-translation or embedding model cannot be loaded."""

    def __init__(self, model: str, languages: tuple[str, ...], problem: str, hint: str) -> None:
        self.model = model
        self.languages = languages
        self.problem = problem
        self.hint = hint
        langs = ", ".join(languages) if languages else "-"
        super().__init__(f"model {model!r} (languages: {langs}) is not available: {problem}. {hint}")


class OutputError(MtcheckError):
    """An output location cannot be written."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class MtcheckWarning(UserWarning):
    """Something the user should know that does not stop the run (a check falling back, a
    read-only cache). The CLI prints each one once as ``mtcheck: note: ...``."""
