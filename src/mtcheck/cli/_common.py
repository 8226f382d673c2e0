"""Shared CLI plumbing: error handling and reusable options.

The library raises typed errors; this is the one place that turns them into a
message on stderr and an exit code (0 ok, 1 gate failed, 2 usage or input error).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click

from mtcheck.errors import MtcheckError, MtcheckWarning

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
EXIT_GATE_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
# Interrupted runs exit like a shell reports a signal: 128 + the signal number.
EXIT_SIGINT = 130
EXIT_SIGTERM = 143


class Terminated(BaseException):
    """SIGTERM arrived (CI cancellation, ``timeout``): unwinds like Ctrl-C, cleaning up."""


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated


def _install_sigterm() -> Any:
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None
    try:
        return signal.signal(signal.SIGTERM, _raise_terminated)
    except (ValueError, OSError):  # pragma: no cover - not the main interpreter
        return None


def reports_errors(func: F) -> F:
    """Turn library errors into one line on stderr and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        import warnings

        previous = _install_sigterm()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("once", MtcheckWarning)
                default_show = warnings.showwarning

                def show(message: Any, category: Any, *rest: Any, **options: Any) -> None:
                    if issubclass(category, MtcheckWarning):
                        click.echo(f"mtcheck: note: {message}", err=True)
                    else:
                        default_show(message, category, *rest, **options)

                warnings.showwarning = show
                return func(*args, **kwargs)
        except MtcheckError as exc:
            message = str(exc).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            click.echo(f"mtcheck: error: {message}", err=True)
            raise SystemExit(exc.exit_code) from None
        except KeyboardInterrupt:
            click.echo("mtcheck: interrupted; no partial output was kept", err=True)
            raise SystemExit(EXIT_SIGINT) from None
        except Terminated:
            click.echo("mtcheck: terminated (SIGTERM); no partial output was kept", err=True)
            raise SystemExit(EXIT_SIGTERM) from None
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception:
            # A bug, not bad input: never exit 1, which CI reads as "gate failed".
            import traceback

            traceback.print_exc()
            click.echo("mtcheck: internal error (a bug): please report it with the "
                       "traceback above", err=True)
            raise SystemExit(EXIT_INTERNAL) from None
        finally:
            if previous is not None:
                import signal

                signal.signal(signal.SIGTERM, previous)

    return wrapper  # type: ignore[return-value]


def config_option(func: F) -> F:
    """``--config FILE``: a TOML config; the built-in defaults when omitted."""
    return click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False),
        default=None,
        help="TOML config file (thresholds, models, glossary). Built-in defaults when omitted.",
    )(func)


def parse_lang_file(values: tuple[str, ...], option: str) -> dict[str, str]:
    """Parse repeated ``LANG=FILE`` option values."""
    parsed: dict[str, str] = {}
    for value in values:
        lang, sep, path = value.partition("=")
        if not sep or not lang or not path:
            raise click.BadParameter(f"expected LANG=FILE, got {value!r}", param_hint=option)
        if lang in parsed:
            raise click.BadParameter(f"language {lang!r} given twice", param_hint=option)
        parsed[lang] = path
    return parsed


class ProgressPrinter:
    """Progress on stderr for the library's ``Progress`` callback, with a rate.

    On a terminal one line is redrawn; elsewhere (CI logs) only the end of
    each stage is printed, so logs stay short.
    """

    def __init__(self) -> None:
        import sys
        import time

        self._clock = time.monotonic
        self._tty = sys.stderr.isatty()
        self._started: dict[str, float] = {}
        self._open = False

    def __call__(self, label: str, done: int, total: int) -> None:
        now = self._clock()
        start = self._started.setdefault(label, now)
        elapsed = max(now - start, 1e-9)
        rate = f", {done / elapsed:.1f}/s" if done and elapsed > 0.05 else ""
        line = f"{label}: {done}/{total}{rate}"
        if self._tty:
            click.echo(f"\r\x1b[2K{line}", err=True, nl=False)
            self._open = True
            if done >= total:
                click.echo("", err=True)
                self._open = False
        elif done >= total and total:
            click.echo(line, err=True)

    def close(self) -> None:
        if self._open:
            click.echo("", err=True)
            self._open = False
