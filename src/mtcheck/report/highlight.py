"""Cut sentence text into pieces at the offsets the pipeline recorded.

The templates escape every piece, so marking a name or a finding's span never
means building HTML in Python: a sentence becomes a tuple of runs, each
knowing which name and which findings cover it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from mtcheck.report.findings_view import FindingView

# Bidi embeddings, overrides and isolates can make text display in an order that
# differs from what it contains ("Trojan Source"); reports show them as visible
# labels. LRM/RLM are left alone: RTL text uses them legitimately.
_BIDI_CONTROLS = {
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
}
_BIDI_SPLIT = re.compile("([" + "".join(_BIDI_CONTROLS) + "])")


@dataclass(frozen=True)
class TextPiece:
    """A run of plain text, or one revealed bidi control character."""

    text: str
    control: str = ""  # short name of the control character, e.g. "RLO"

    @property
    def codepoint(self) -> str:
        return f"U+{ord(self.text):04X}" if self.control else ""


def reveal(text: str | None) -> tuple[TextPiece, ...]:
    """Split ``text`` so that bidi control characters can be shown as labels."""
    if not text:
        return ()
    return tuple(
        TextPiece(part, _BIDI_CONTROLS.get(part, "")) for part in _BIDI_SPLIT.split(text) if part
    )


def _describe(findings: Iterable[FindingView]) -> list[str]:
    return [f"{f.severity}: {f.message}" for f in findings]


@dataclass(frozen=True)
class SentencePiece:
    """A run of sentence text, inside at most one name and any number of finding spans."""

    pieces: tuple[TextPiece, ...]
    entity_anchor: str | None = None
    entity_name: str | None = None
    variant_label: str | None = None  # why this rendering stands out, in words
    variant_tag: str | None = None  # short tag: "variant", "glossary", "missing"
    show_tag: bool = False  # a name cut by a finding span shows its tag once, at its end
    name_findings: tuple[FindingView, ...] = ()  # findings that explain the tag
    findings: tuple[FindingView, ...] = ()  # findings whose spans cover this run

    @property
    def tooltip(self) -> str:
        parts: list[str] = []
        if self.entity_name:
            parts.append(f"Name: {self.entity_name}")
        if self.variant_label:
            parts.append(self.variant_label)
        parts.extend(_describe(self.name_findings))
        return " — ".join(parts)

    @property
    def issue_tooltip(self) -> str:
        return " — ".join(_describe(self.findings))


@dataclass(frozen=True)
class NameMark:
    """Where a name occurs in a sentence, as the pipeline recorded it."""

    start: int
    end: int
    entity_anchor: str | None
    entity_name: str | None = None
    variant_label: str | None = None
    variant_tag: str | None = None
    findings: tuple[FindingView, ...] = ()


@dataclass(frozen=True)
class IssueMark:
    """A finding's span in a sentence."""

    start: int
    end: int
    finding: FindingView


def _name_layer(marks: Iterable[NameMark]) -> list[NameMark]:
    """Names do not nest: of overlapping ones keep the earliest, then the longest."""
    kept: list[NameMark] = []
    end = 0
    for mark in sorted(marks, key=lambda m: (m.start, -(m.end - m.start))):
        if mark.start >= end:
            kept.append(mark)
            end = mark.end
    return kept


def _around_names(span: IssueMark, names: Iterable[NameMark]) -> IssueMark:
    """Widen a finding's span so that it never starts or ends inside a name ("Is|rael")."""
    start, end = span.start, span.end
    for name in names:
        if name.start < start < name.end:
            start = name.start
        if name.start < end < name.end:
            end = name.end
    return span if (start, end) == (span.start, span.end) else replace(span, start=start, end=end)


def split_sentence(
    text: str, names: Iterable[NameMark] = (), issues: Iterable[IssueMark] = ()
) -> tuple[SentencePiece, ...]:
    """Cut ``text`` at every name and finding offset; spans outside the text are ignored.

    Finding spans may overlap each other and names, so the text is cut at every
    boundary and each run records the name and the findings that cover it.
    """
    size = len(text)
    kept = _name_layer(m for m in names if 0 <= m.start < m.end <= size)
    spans = [_around_names(m, kept) for m in issues if 0 <= m.start < m.end <= size]
    marks: list[NameMark | IssueMark] = [*kept, *spans]
    cuts = sorted({0, size} | {m.start for m in marks} | {m.end for m in marks})
    pieces: list[SentencePiece] = []
    for left, right in itertools.pairwise(cuts):
        findings: list[FindingView] = []
        for span in spans:
            if span.start <= left and right <= span.end and span.finding not in findings:
                findings.append(span.finding)
        name = next((m for m in kept if m.start <= left and right <= m.end), None)
        if name is None:
            pieces.append(SentencePiece(reveal(text[left:right]), findings=tuple(findings)))
            continue
        pieces.append(
            SentencePiece(
                reveal(text[left:right]),
                entity_anchor=name.entity_anchor,
                entity_name=name.entity_name,
                variant_label=name.variant_label,
                variant_tag=name.variant_tag,
                show_tag=right == name.end,
                name_findings=name.findings,
                findings=tuple(findings),
            )
        )
    return tuple(pieces)
