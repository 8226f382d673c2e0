"""What CI sees of a gate result: console text, JUnit XML, GitHub workflow commands, Markdown.

Each function renders a :class:`GateResult` (with the run it was computed on,
to turn sentence ids into ``file:line`` and text) into a string; nothing here
decides anything or writes files. The CLI prints or writes the strings.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from mtcheck import __version__
from mtcheck.types import GateCheck, GateResult, GateStatus, RunResult
from mtcheck.variants import VARIANT_CHECKS, variant_sentences

# How many offending sentences each output lists per check.
LISTED_SENTENCES = 5
# The console summary shortens quoted sentences to this many characters.
QUOTE_WIDTH = 90
# Above this many failed or warned checks the console summary drops sentence locations.
CONSOLE_LOCATED_CHECKS = 8

_ICONS = {GateStatus.PASS: "✅", GateStatus.FAIL: "❌", GateStatus.WARN: "⚠️",
          GateStatus.SKIP: "⏭️"}
_STATUS_ORDER = {GateStatus.FAIL: 0, GateStatus.WARN: 1, GateStatus.SKIP: 2, GateStatus.PASS: 3}


@dataclass(frozen=True)
class Located:
    """A sentence behind a check, where it is in its file."""

    side: str  # "target" | "source"
    path: str
    line: int
    text: str


def locate(check: GateCheck, run: RunResult) -> list[Located]:
    """The sentences a check names, target side first, in file order.

    Sentences holding a name's standing-out variant come before the correct
    mentions of the same name (GitHub shows only the first annotations).
    """
    located: list[Located] = []
    translation = next((t for t in run.translations if t.lang == check.lang), None)
    if translation is not None:
        sentences = translation.target.sentences
        named = set(check.target_ids)
        first = {t for f in translation.findings if f.check in VARIANT_CHECKS
                 and not f.suppressed and named & set(f.target_ids)
                 for t in variant_sentences(f)}
        for t in sorted(named, key=lambda t: (t not in first, t)):
            if 0 <= t < len(sentences):
                located.append(Located("target", translation.target.document.path,
                                       sentences[t].line, sentences[t].text))
    if not located:
        sentences = run.source.sentences
        for s in sorted(set(check.source_ids)):
            if 0 <= s < len(sentences):
                located.append(Located("source", run.source.document.path,
                                       sentences[s].line, sentences[s].text))
    return located


def _counts(checks: Iterable[GateCheck]) -> dict[GateStatus, int]:
    counts = dict.fromkeys(GateStatus, 0)
    for check in checks:
        counts[check.status] += 1
    return counts


def _headline(result: GateResult) -> str:
    counts = _counts(result.checks)
    verdict = "passed" if result.passed else "FAILED"
    parts = [f"{counts[GateStatus.FAIL]} failed", f"{counts[GateStatus.PASS]} passed"]
    if counts[GateStatus.WARN]:
        parts.append(f"{counts[GateStatus.WARN]} warned")
    if counts[GateStatus.SKIP]:
        parts.append(f"{counts[GateStatus.SKIP]} skipped")
    return f"gate {verdict}: {', '.join(parts)} of {len(result.checks)} checks"


def _languages(result: GateResult) -> list[str]:
    seen: dict[str, None] = {}
    for check in result.checks:
        seen.setdefault(check.lang, None)
    return list(seen)


def _lang_label(lang: str, run: RunResult) -> str:
    return f"{lang} (source)" if lang == run.source.lang else lang


def _shorten(text: str, width: int = QUOTE_WIDTH) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


# --------------------------------------------------------------------------- allowances
@dataclass(frozen=True)
class Allowance:
    """What one threshold key allowed and how close the worst language came."""

    key: str
    text: str  # e.g. "at most 10 errors per translation allowed, worst has 3 (fr)"
    findings: bool  # a findings.* limit (as opposed to a score or coverage limit)


def _finding_noun(selector: str, count: float) -> str:
    plural = count != 1
    if selector in ("error", "warning", "info"):
        return f"{selector}{'s' if plural else ''}"
    if selector == "total":
        return f"finding{'s' if plural else ''}"
    return f"{selector!r} finding{'s' if plural else ''}"


def _g(value: float) -> str:
    return f"{value:g}"


def allowances(result: GateResult) -> list[Allowance]:
    """For each threshold key: the limit the config set and the worst value against it.

    Said in words, so that "passed" next to a count of problems reads as what it
    is: "at most 10 errors per translation allowed, worst has 3 (fr)". Limits set
    per language are named with the worst language's own limit.
    """
    by_key: dict[str, list[GateCheck]] = {}
    for check in result.checks:
        if (check.status in (GateStatus.PASS, GateStatus.FAIL, GateStatus.WARN)
                and check.value is not None and check.threshold is not None
                and not check.name.startswith("max_drop.")):
            by_key.setdefault(check.name, []).append(check)
    found: list[Allowance] = []
    for key, checks in by_key.items():
        bound = key.rsplit(".", 1)[-1]
        sign = 1.0 if bound == "max" else -1.0
        # the worst check is the one with the least room left (most over) against its limit
        worst = max(checks, key=lambda c: sign * ((c.value or 0.0) - (c.threshold or 0.0)))
        value, limit = worst.value or 0.0, worst.threshold or 0.0
        varies = len({c.threshold for c in checks}) > 1
        per_lang = " (limits differ per language)" if varies else ""
        where = worst.lang
        if key.startswith("findings."):
            selector = key[len("findings."):-len(".max")]
            worst_text = (f"worst has {_g(value)} ({where})" if value else
                          "none has any")
            if limit == 0:
                text = f"no {_finding_noun(selector, 2)} allowed{per_lang}, {worst_text}"
            else:
                text = (f"at most {_g(limit)} {_finding_noun(selector, limit)} per "
                        f"translation allowed{per_lang}, {worst_text}")
            found.append(Allowance(key, text, True))
        elif key == "coverage.min":
            text = (f"coverage of at least {limit * 100:.0f}% required{per_lang}, lowest "
                    f"{value * 100:.1f}% ({where})")
            found.append(Allowance(key, text, False))
        else:
            kind, metric, _ = key.rsplit(".", 2)
            label = f"{'round-trip ' if kind == 'roundtrip' else 'reference '}{metric}"
            need, extreme = ("at least", "lowest") if bound == "min" else ("at most", "highest")
            shown = f"{value:.3f}" if metric == "semantic" else f"{value:.1f}"
            text = (f"{label} {need} {_g(limit)} required{per_lang}, {extreme} {shown} "
                    f"({where})")
            found.append(Allowance(key, text, False))
    return found


# --------------------------------------------------------------------------- console
def console_summary(result: GateResult, run: RunResult) -> str:
    """One screen: the verdict, then each language's failed and warned checks.

    Languages that passed share one line; sentence locations are listed only
    while the summary stays short (the JUnit and Markdown outputs list them all).
    """
    lines = [f"mtcheck {_headline(result)}", f"  config: {result.config}"]
    if result.baseline:
        lines.append(f"  baseline: {result.baseline}")
    if result.passed:
        lines += [f"  {a.text}" for a in allowances(result) if a.findings]
    flagged = [c for c in result.checks if c.status in (GateStatus.FAIL, GateStatus.WARN)]
    with_locations = len(flagged) <= CONSOLE_LOCATED_CHECKS
    passed = []
    for lang in _languages(result):
        checks = [c for c in result.checks if c.lang == lang]
        shown = sorted((c for c in checks if c in flagged),
                       key=lambda c: _STATUS_ORDER[c.status])
        if not shown:
            passed.append(_lang_label(lang, run))
            continue
        counts = _counts(checks)
        status = "FAIL" if counts[GateStatus.FAIL] else "warn"
        lines.append(f"{_lang_label(lang, run)}: {status} ({counts[GateStatus.PASS]} of "
                     f"{len(checks)} checks passed)")
        for check in shown:
            lines.append(f"  {check.status.value.upper():<5} {check.name}: "
                         f"{_shorten(check.message, 110)}")
            if with_locations:
                for where in locate(check, run)[:2]:
                    lines.append(f"        {where.path}:{where.line}: {_shorten(where.text)}")
    if passed:
        lines.append(f"passed: {', '.join(passed)}")
    if flagged and not with_locations:
        lines.append("(offending sentences: see --junit, --markdown or --github-annotations)")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- JUnit
# Characters XML 1.0 cannot carry, not even as character references: C0 controls other than
# tab, LF and CR, lone surrogates, U+FFFE and U+FFFF.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` with characters XML 1.0 forbids written as visible ``\\xNN`` / ``\\uNNNN``.

    Every XML writer passes its output through this, so a translation holding an
    ESC or a NUL cannot make the file unreadable to CI parsers.
    """
    def visible(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _XML_FORBIDDEN.sub(visible, text)


def junit_xml(result: GateResult, run: RunResult) -> str:
    """JUnit XML (the Ant/Jenkins schema): one testsuite, one testcase per language × check."""
    counts = _counts(result.checks)
    totals = {
        "tests": str(len(result.checks)),
        "failures": str(counts[GateStatus.FAIL]),
        "errors": "0",
        "skipped": str(counts[GateStatus.SKIP]),
        "time": "0",
    }
    suites = ET.Element("testsuites", {"name": "mtcheck gate", **totals})
    suite = ET.SubElement(suites, "testsuite", {
        "name": f"mtcheck gate: {run.document_id}",
        **totals,
        "timestamp": _junit_timestamp(run.signature.created),
        "hostname": "localhost",
        "id": "0",
        "package": "mtcheck.gate",
    })
    properties = ET.SubElement(suite, "properties")
    for name, value in (("mtcheck.version", __version__), ("config", result.config),
                        ("baseline", result.baseline or ""), ("document", run.document_id)):
        ET.SubElement(properties, "property", {"name": name, "value": value})
    for check in result.checks:
        case = ET.SubElement(suite, "testcase", {
            "name": check.name, "classname": f"mtcheck.gate.{check.lang}", "time": "0"})
        details = _details(check, run)
        if check.status is GateStatus.FAIL:
            failure = ET.SubElement(case, "failure",
                                    {"message": check.message, "type": "mtcheck.gate"})
            failure.text = details
        elif check.status is GateStatus.SKIP:
            ET.SubElement(case, "skipped", {"message": check.message})
        else:
            out = ET.SubElement(case, "system-out")
            out.text = ("WARNING: " if check.status is GateStatus.WARN else "") + details
    ET.SubElement(suite, "system-out").text = _headline(result)
    ET.SubElement(suite, "system-err").text = ""
    ET.indent(suites)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            + xml_safe(ET.tostring(suites, encoding="unicode")) + "\n")


def _details(check: GateCheck, run: RunResult) -> str:
    lines = [check.message]
    if check.p_value is not None:
        lines.append(f"p-value: {check.p_value:g}")
    located = locate(check, run)
    for where in located[:LISTED_SENTENCES]:
        lines.append(f"{where.path}:{where.line}: {where.text}")
    if len(located) > LISTED_SENTENCES:
        lines.append(f"... and {len(located) - LISTED_SENTENCES} more sentences")
    return "\n".join(lines)


_TIMESTAMP = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})")


def _junit_timestamp(created: str) -> str:
    # The Ant schema wants a local date-time without zone or fraction.
    match = _TIMESTAMP.match(created)
    return match.group(1) if match else "1970-01-01T00:00:00"


# --------------------------------------------------------------------------- GitHub
def escape_data(text: str) -> str:
    """Escape a workflow command's message (as @actions/core does)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command property value: also ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotations(result: GateResult, run: RunResult, relative_to: str | None = None) -> str:
    """GitHub Actions ``::error``/``::warning`` commands, one per offending sentence.

    ``relative_to`` makes absolute document paths relative to that folder
    (the workspace), because GitHub only attaches annotations to repository paths.
    """
    # GitHub displays only the first few annotations of a step (10 errors, 10 warnings),
    # so the first sentence of every check comes before the second of any. One sentence
    # that fails several checks (a name error counted by findings.error.max and by
    # findings.names.inconsistent.max) gets one annotation naming all of them.
    # Keyed by sentence, not only by line: a text paragraph is one line with several sentences.
    Place = tuple[str, str, int, str]
    rounds: list[list[Place]] = [[] for _ in range(LISTED_SENTENCES)]
    titles: dict[Place, list[str]] = {}
    messages: dict[Place, str] = {}
    unlocated: list[str] = []
    for check in result.checks:
        if check.status not in (GateStatus.FAIL, GateStatus.WARN):
            continue
        level = "error" if check.status is GateStatus.FAIL else "warning"
        located = locate(check, run)
        if not located:
            title = f"mtcheck gate {check.lang}: {check.name}"
            unlocated.append(f"::{level} title={escape_property(title)}::"
                             f"{escape_data(check.message)}")
        for rank, where in enumerate(located[:LISTED_SENTENCES]):
            key = (level, _relative(where.path, relative_to), where.line, where.text)
            if key not in titles:
                titles[key] = [check.lang]
                messages[key] = f"{check.message}\n{where.side} sentence: {where.text}"
                rounds[rank].append(key)
            if check.name not in titles[key]:
                titles[key].append(check.name)
    commands = list(unlocated)
    for round_ in rounds:
        for key in round_:
            level, path, line, _ = key
            lang, *names = titles[key]
            title = f"mtcheck gate {lang}: {', '.join(names)}"
            props = f"file={escape_property(path)},line={line},title={escape_property(title)}"
            commands.append(f"::{level} {props}::{escape_data(messages[key])}")
    return "".join(c + "\n" for c in commands)


def _relative(path: str, base: str | None) -> str:
    if base is None or not os.path.isabs(path):
        return path.replace(os.sep, "/")
    relative = os.path.relpath(path, base)
    return (path if relative.startswith("..") else relative).replace(os.sep, "/")


# --------------------------------------------------------------------------- Markdown
def markdown_summary(result: GateResult, run: RunResult) -> str:
    """A Markdown report for ``$GITHUB_STEP_SUMMARY`` or a pull request comment."""
    icon = _ICONS[GateStatus.PASS] if result.passed else _ICONS[GateStatus.FAIL]
    out = [f"## {icon} mtcheck {_headline(result)}", ""]
    out.append(f"Document: `{_md_code(run.document_id)}` · config: `{_md_code(result.config)}`"
               + (f" · baseline: `{_md_code(result.baseline)}`" if result.baseline else ""))
    out.append("")
    allowed = allowances(result)
    if allowed:
        out += ["What the config allowed:", ""]
        out += [f"- `{a.key}`: {_md_cell(a.text)}" for a in allowed]
        out.append("")
    for lang in _languages(result):
        checks = sorted((c for c in result.checks if c.lang == lang),
                        key=lambda c: _STATUS_ORDER[c.status])
        failed = sum(c.status is GateStatus.FAIL for c in checks)
        lang_icon = _ICONS[GateStatus.FAIL] if failed else _ICONS[GateStatus.PASS]
        verdict = f"{failed} failed" if failed else "passed"
        out += [f"### {lang_icon} {_md_cell(_lang_label(lang, run))}: {verdict}", "",
                "| Status | Check | Value | Threshold | p | Details |",
                "|---|---|---:|---:|---:|---|"]
        for check in checks:
            located = locate(check, run)
            detail = _md_cell(check.message)
            if located and check.status in (GateStatus.FAIL, GateStatus.WARN):
                where = located[0]
                detail += (f"<br>`{_md_code(where.path)}:{where.line}` "
                           f"{_md_cell(_shorten(where.text))}")
                if len(located) > 1:
                    detail += f" (+{len(located) - 1} more)"
            out.append(f"| {_ICONS[check.status]} {check.status.value} | `{check.name}` | "
                       f"{_fmt(check.value)} | {_fmt(check.threshold)} | "
                       f"{_fmt(check.p_value)} | {detail} |")
        out.append("")
    return "\n".join(out)


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _md_cell(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(escaped.replace("|", "\\|").split())


def _md_code(text: str) -> str:
    return text.replace("`", "'").replace("|", "\\|")
