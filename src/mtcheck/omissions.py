"""Findings read off an alignment: omitted, added, truncated and glued sentences."""

from __future__ import annotations

from mtcheck.checks import CHECKS, describe_sentences
from mtcheck.segment import ends_sentence
from mtcheck.types import AlignedPair, Alignment, Finding, SegmentedDocument, TextSpan


def _finding(check: str, message: str, **kwargs: object) -> Finding:
    return Finding(check=check, severity=CHECKS[check].severity, message=message, **kwargs)  # type: ignore[arg-type]


def _quote(text: str, limit: int = 80) -> str:
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def alignment_findings(
    source: SegmentedDocument, target: SegmentedDocument, alignment: Alignment
) -> tuple[Finding, ...]:
    """Omissions (1-0 pairs), additions (0-1 pairs) and a truncated ending.

    An unpaired source "sentence" of punctuation alone (", ." left by a segmenter or OCR)
    is no omission: it has nothing a translation could leave out.

    Source sentences left unaligned at the very end of running text are one
    truncation finding rather than a run of omissions: that is how a cut-off
    translation looks, and one message says it better than five. In
    segment-aligned files (XLIFF, PO, ...) units are independent, so an empty
    last unit is an omission like any other.
    """
    pairs = alignment.pairs
    tail = len(pairs)
    while (not target.document.presegmented and tail > 0 and pairs[tail - 1].source_ids
           and not pairs[tail - 1].target_ids):
        tail -= 1
    truncated_ids = tuple(s for p in pairs[tail:] for s in p.source_ids)
    if len(truncated_ids) < 1 or tail == 0:
        tail, truncated_ids = len(pairs), ()
    findings = []
    for pair in pairs[:tail]:
        if pair.source_ids and not pair.target_ids:
            texts = " ".join(source.sentences[s].text for s in pair.source_ids)
            if not any(ch.isalnum() for ch in texts):
                continue  # stray punctuation (", .") says nothing a translation could leave out
            findings.append(_finding(
                "align.omission",
                f"Source {describe_sentences(pair.source_ids, source)} has no "
                f"counterpart in the translation: {_quote(texts)}",
                source_ids=pair.source_ids,
            ))
        elif pair.target_ids and not pair.source_ids:
            texts = " ".join(target.sentences[t].text for t in pair.target_ids)
            findings.append(_finding(
                "align.addition",
                f"Translation {describe_sentences(pair.target_ids, target)} has no "
                f"counterpart in the source: {_quote(texts)}",
                target_ids=pair.target_ids,
            ))
    if not truncated_ids and _cut_mid_sentence(source, target, pairs):
        last_pair = pairs[-1]
        last_text = target.sentences[last_pair.target_ids[-1]].text
        findings.append(_finding(
            "align.truncation",
            f"The translation stops mid-sentence: {_quote('…' + last_text[-60:])} does not end "
            f"like a sentence, while its source does ({_quote(source.sentences[-1].text)}).",
            source_ids=last_pair.source_ids,
            target_ids=(last_pair.target_ids[-1],),
        ))
    if truncated_ids:
        last = target.sentences[-1] if target.sentences else None
        findings.append(_finding(
            "align.truncation",
            (f"The translation stops early: the last source sentence "
             f"({describe_sentences(truncated_ids[:1], source)}: "
             f"{_quote(source.sentences[truncated_ids[0]].text)}) has no counterpart."
             if len(truncated_ids) == 1 else
             f"The translation stops early: the last {len(truncated_ids)} source sentences "
             f"(from {describe_sentences(truncated_ids[:1], source)}: "
             f"{_quote(source.sentences[truncated_ids[0]].text)}) have no counterpart."),
            source_ids=truncated_ids,
            target_ids=(last.id,) if last else (),
        ))
    findings.extend(glued_findings(target, "target"))
    return tuple(findings)


def _is_title(document: SegmentedDocument, sentence_id: int) -> bool:
    paragraph = document.sentences[sentence_id].paragraph
    return any(p.index == paragraph and p.is_title for p in document.document.paragraphs)


def _cut_mid_sentence(source: SegmentedDocument, target: SegmentedDocument,
                      pairs: tuple[AlignedPair, ...]) -> bool:
    """The last pair's translation stops where its source sentence has an ending."""
    if target.document.presegmented or not pairs or not pairs[-1].target_ids:
        return False
    last = pairs[-1]
    if not last.source_ids or last.source_ids[-1] != len(source.sentences) - 1:
        return False
    source_text = source.sentences[last.source_ids[-1]].text
    target_text = target.sentences[last.target_ids[-1]].text
    return ends_sentence(source_text) and not ends_sentence(target_text)


def _word_end(text: str, around: int) -> int:
    """An offset near ``around`` that does not cut a word: the end of the word there."""
    if len(text) <= around or " " not in text:
        return min(len(text), around)
    space = text.find(" ", around)
    return len(text) if space == -1 else space


def _word_start(text: str, around: int) -> int:
    """Where the last ``around``-odd characters of ``text`` start, at a word's start."""
    if len(text) <= around or " " not in text:
        return max(0, len(text) - around)
    space = text.rfind(" ", 0, len(text) - around)
    return 0 if space == -1 else space + 1


def glued_findings(document: SegmentedDocument, side: str) -> tuple[Finding, ...]:
    """Sentences that follow the previous one with no space ("strengthened.He")."""
    findings = []
    for sentence in document.sentences:
        if sentence.glued and sentence.id > 0:
            previous = document.sentences[sentence.id - 1]
            ids = (previous.id, sentence.id)
            head = _word_end(sentence.text, 30)
            excerpt = previous.text[_word_start(previous.text, 30):] + sentence.text[:head]
            findings.append(_finding(
                "segment.glued",
                "Two sentences are glued together without a space: "
                f"“{'…' if excerpt != previous.text + sentence.text[:head] else ''}{excerpt}"
                f"{'…' if head < len(sentence.text) else ''}”",
                spans=(TextSpan(side, sentence.id, 0, head, sentence.text[:head]),),
                **({"source_ids": ids} if side == "source" else {"target_ids": ids}),
            ))
    return tuple(findings)


def review_flags(target: SegmentedDocument) -> tuple[Finding, ...]:
    """Units the file itself marks as not final (PO fuzzy, XLIFF needs-review states)."""
    flagged = {p.index: p for p in target.document.paragraphs if p.needs_review}
    return tuple(
        _finding(
            "text.needs-review",
            f"Unit {flagged[s.paragraph].unit_id or s.paragraph} is marked fuzzy / needs review "
            f"in {target.document.path}: {_quote(s.text)}",
            target_ids=(s.id,),
        )
        for s in target.sentences if s.paragraph in flagged
    )


def identical_to_source(source: SegmentedDocument, target: SegmentedDocument) -> tuple[Finding, ...]:
    """The whole translation equals the source: nothing was translated."""
    if " ".join(source.texts()).strip() == " ".join(target.texts()).strip():
        return (_finding(
            "text.identical",
            f"The {target.lang} translation is identical to the {source.lang} source.",
            target_ids=tuple(s.id for s in target.sentences),
        ),)
    return ()
