"""The evaluation run: the stages chained in order, each call small and named.

Back-translation runs before alignment (it needs only the target sentences),
so that the aligner can use back-translation similarity, Bleualign-style.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from mtcheck import __version__, names
from mtcheck.align import ALIGNER, align_documents
from mtcheck.checks import CHECKS
from mtcheck.config import Config
from mtcheck.corpus import Corpus
from mtcheck.errors import ConfigError, InputError
from mtcheck.langid import wrong_language
from mtcheck.languages import get_language
from mtcheck.omission import capped_confidence, clear_text_caches, omission_findings
from mtcheck.omission.collector import collector_paused
from mtcheck.omissions import (
    alignment_findings,
    glued_findings,
    identical_to_source,
    review_flags,
)
from mtcheck.score import (
    METRICS,
    ROUNDTRIP_METRICS,
    coverage,
    reference_units,
    roundtrip_units,
    score_units,
)
from mtcheck.segment import SEGMENTER, segment_document
from mtcheck.support import warn_source_fallbacks
from mtcheck.types import (
    AlignedPair,
    Alignment,
    Finding,
    MetricScore,
    Progress,
    RunResult,
    RunSignature,
    ScoreKind,
    SegmentedDocument,
    SegmentResult,
    Severity,
    TranslationResult,
)


@dataclass(frozen=True)
class RoundTrip:
    """Back-translations of one translation (None when not evaluated) and why."""

    texts: tuple[str, ...] | None
    status: str
    signature: str = ""


_NOT_ROUNDTRIPPED = RoundTrip(None, "not evaluated: back-translation off")


def created_timestamp() -> str:
    """The run's one timestamp; SOURCE_DATE_EPOCH fixes it for reproducible output."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        moment = datetime.now(tz=timezone.utc).replace(microsecond=0)
        return moment.isoformat().replace("+00:00", "Z")
    # Up to the year 9999; more digits than that is not a timestamp.
    if not epoch.isdigit() or len(epoch) > 12 or int(epoch) > 253402300799:
        raise InputError("SOURCE_DATE_EPOCH", f"must be whole seconds since 1970 up to the "
                                              f"year 9999, not {epoch[:40]!r}")
    moment = datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return moment.isoformat().replace("+00:00", "Z")


def evaluate(corpus: Corpus, config: Config, progress: Progress | None = None) -> RunResult:
    """Run every stage on a corpus and return the results (no I/O besides model loading)."""
    _validate_checks_config(config)
    warn_source_fallbacks(corpus.source.lang)
    source = segment_document(corpus.source, config.segment)
    targets = {lang: segment_document(doc, config.segment)
               for lang, doc in corpus.translations.items()}
    references = {lang: segment_document(doc, config.segment)
                  for lang, doc in corpus.references.items()}
    # The recogniser loads while the back-translation, alignment and scores run.
    names.prefetch_recognition([source, *targets.values()], config.names.use_ner)
    roundtrips = backtranslate_all(targets, config, progress, into=source.document.lang)

    alignments = {lang: _align(source, target, config,
                               roundtrips.get(lang, _NOT_ROUNDTRIPPED).texts)
                  for lang, target in targets.items()}
    # What needs no names first, so that the recogniser has the most time to load.
    checked: dict[str, _CheckedWithoutNames] = {}
    # The collector waits until the omission stage's readings of this document are dropped:
    # its next pass would otherwise walk them all, just before they go (see
    # mtcheck.omission.collector).
    with collector_paused():
        for index, (lang, target) in enumerate(targets.items()):
            if progress:
                progress("checking translations", index, len(targets))
            checked[lang] = _check_without_names(
                source, target, alignments[lang], roundtrips.get(lang, _NOT_ROUNDTRIPPED),
                references.get(lang), config)
        if progress:
            progress("checking translations", len(targets), len(targets))
        clear_text_caches()  # the omission stage's readings serve this document only

    glossary = (names.load_glossary(config.resolve_path(config.names.glossary))
                if config.names.glossary else None)
    entities = names.find_entities(source, glossary, config.names)
    source_findings = names.check_source(source, entities) + glued_findings(source, "source")
    # All translations at once: their agreement is evidence of what is a name. Each with
    # its alignment as the omission check left it (pairs that lose content are doubted).
    name_checks = names.check_translations(
        source, {lang: (targets[lang], checked[lang].result.alignment) for lang in alignments},
        entities, glossary=glossary, config=config.names)
    translations = []
    for lang in targets:
        done = checked[lang]
        name_check = name_checks[lang]
        # Every copied fragment of a translation identical to its source would be one more
        # finding: the translation is reported once, as identical.
        name_findings = tuple(f for f in name_check.findings
                              if not (done.identical and f.check == "text.untranslated"))
        translations.append(dataclasses.replace(
            done.result,
            findings=apply_checks_config(done.findings + name_findings, lang, config),
            renderings=tuple(name_check.renderings),
        ))

    signature = RunSignature(
        mtcheck_version=__version__,
        config=f"{config.source}" + (f" (sha256:{config.digest})" if config.digest else ""),
        segmenter=SEGMENTER,
        aligner=ALIGNER,
        created=created_timestamp(),
        models={lang: rt.signature for lang, rt in sorted(roundtrips.items()) if rt.signature},
        scorers=_scorer_signatures(translations),
        dictionaries=_dictionary_signatures(source.lang, targets, config),
    )
    return RunResult(
        document_id=corpus.id,
        source=source,
        translations=tuple(translations),
        signature=signature,
        entities=tuple(entities),
        source_findings=apply_checks_config(source_findings, "source", config),
    )


def _dictionary_signatures(source_lang: str, targets: Mapping[str, SegmentedDocument],
                           config: Config) -> dict[str, str]:
    """lang -> the installed dictionaries the omission check read that translation with."""
    from mtcheck.omission.dictionary import dictionary_signature

    signatures = {lang: dictionary_signature(source_lang, lang, config.omission)
                  for lang in sorted(targets)}
    return {lang: label for lang, label in signatures.items() if label}


@dataclass(frozen=True)
class _CheckedWithoutNames:
    """One translation with every stage done but the names stage."""

    result: TranslationResult  # aligned, scored, confidence capped by its omissions
    findings: tuple[Finding, ...]  # omissions, review flags, language
    identical: bool  # the translation is its source, unchanged


def _check_without_names(source: SegmentedDocument, target: SegmentedDocument,
                         alignment: Alignment, roundtrip: RoundTrip,
                         reference: SegmentedDocument | None,
                         config: Config) -> _CheckedWithoutNames:
    result = _with_scores(
        TranslationResult(lang=target.lang, target=target, alignment=alignment,
                          roundtrip_status=roundtrip.status,
                          coverage=coverage(alignment, len(source.sentences))),
        source, reference, roundtrip, config)
    # A translation identical to the source also looks like the wrong language: say it once.
    identical = identical_to_source(source, target)
    omitted = omission_findings(source, target, alignment, roundtrip.texts, config.omission,
                                alignment_findings(source, target, alignment))
    return _CheckedWithoutNames(
        result=dataclasses.replace(
            result, alignment=capped_confidence(alignment, omitted, config.omission)),
        findings=omitted + review_flags(target) + (identical or wrong_language(target)),
        identical=bool(identical),
    )


def _align(source: SegmentedDocument, target: SegmentedDocument, config: Config,
           backtranslations: Sequence[str] | None) -> Alignment:
    """Segment-aligned inputs (XLIFF, TMX, ...) keep their given alignment; text is aligned."""
    if source.document.presegmented and target.document.presegmented:
        return unit_pairs_alignment(source, target)
    return align_documents(source, target, config.align, backtranslations)


def unit_pairs_alignment(source: SegmentedDocument, target: SegmentedDocument) -> Alignment:
    """The alignment a bilingual file gives: unit to unit by unit id.

    An empty or missing target unit becomes a 1-0 pair, so an untranslated unit
    is reported as an omission like any other.
    """
    from mtcheck.formats import unit_alignment

    def ids(document: SegmentedDocument, paragraph: int | None) -> tuple[int, ...]:
        if paragraph is None:
            return ()
        return tuple(s.id for s in document.sentences if s.paragraph == paragraph)

    pairs = []
    for source_paragraph, target_paragraph in unit_alignment(source.document, target.document):
        source_ids, target_ids = ids(source, source_paragraph), ids(target, target_paragraph)
        if source_ids or target_ids:
            pairs.append(AlignedPair(source_ids, target_ids))
    return Alignment(pairs=tuple(pairs), method="given by the file's translation units")


def backtranslate_all(
    targets: Mapping[str, SegmentedDocument], config: Config, progress: Progress | None,
    *, into: str = "en",
) -> dict[str, RoundTrip]:
    """Back-translate every translation into the source language ``into``, or say why not.

    The default models translate into English only; for another source language
    round-trip scores need a model chosen in the config (a multilingual one such
    as M2M100 or NLLB), otherwise they are "not evaluated" with that reason:
    comparing an English back-translation with a German source means nothing.
    """
    if not config.backtranslation.enabled:
        return {lang: RoundTrip(None, "not evaluated: back-translation switched off")
                for lang in targets}
    bt = config.backtranslation
    if get_language(into).base != "en" and not (bt.model or bt.models):
        name = get_language(into).name
        reason = (f"not evaluated: the source is in {name}, and the default back-translation "
                  f"models translate into English only; set [backtranslation] model to a "
                  f"multilingual model (M2M100, NLLB) to back-translate into {into}")
        return {lang: RoundTrip(None, reason) for lang in targets}
    from mtcheck.backtranslate import backtranslate

    outcomes = backtranslate(targets, config.backtranslation, into=into, progress=progress)
    return {
        lang: RoundTrip(outcome.texts, outcome.status, outcome.signature)
        for lang, outcome in outcomes.items()
    }


def _with_scores(
    result: TranslationResult,
    source: SegmentedDocument,
    reference: SegmentedDocument | None,
    roundtrip: RoundTrip,
    config: Config,
) -> TranslationResult:
    scores: list[MetricScore] = []
    per_pair: dict[int, dict[str, float]] = {}
    references: Mapping[int, str] = {}
    reference_alignment = None
    if reference is not None:
        reference_alignment = align_documents(source, reference, config.align)
        units = reference_units(result.target, result.alignment, reference, reference_alignment)
        scored = score_units(units, result.lang, ScoreKind.REFERENCE, config.score, METRICS)
        scores.extend(scored.scores)
        references = scored.per_pair_reference
        for index, values in scored.per_pair.items():
            per_pair.setdefault(index, {}).update(
                {f"reference.{name}": v for name, v in values.items()})
    if roundtrip.texts is not None:
        units = roundtrip_units(source, result.alignment, roundtrip.texts)
        scored = score_units(units, source.lang, ScoreKind.ROUNDTRIP, config.score,
                             ROUNDTRIP_METRICS, signature_suffix=roundtrip.signature)
        scores.extend(scored.scores)
        for index, values in scored.per_pair.items():
            per_pair.setdefault(index, {}).update(
                {f"roundtrip.{name}": v for name, v in values.items()})
        # The embedding model is English-only: a German source gets no semantic score
        # rather than a meaningless one (the run warned once, see mtcheck.support).
        if get_language(source.lang).base == "en":
            scores.extend(_semantic_scores(units, roundtrip, per_pair, config))
    segments = tuple(
        SegmentResult(
            pair_index=index,
            reference=references.get(index),
            backtranslation=_backtranslation(result, index, roundtrip.texts),
            scores=per_pair.get(index, {}),
        )
        for index in range(len(result.alignment.pairs))
    )
    return dataclasses.replace(
        result,
        reference=reference,
        reference_alignment=reference_alignment,
        scores=tuple(scores),
        segments=segments,
    )


def _semantic_scores(units: Sequence[object], roundtrip: RoundTrip,
                     per_pair: dict[int, dict[str, float]], config: Config) -> list[MetricScore]:
    from mtcheck.backtranslate import semantic_similarity
    from mtcheck.score import ScoringUnit

    pairs = [u for u in units if isinstance(u, ScoringUnit) and u.hypothesis and u.reference]
    if not pairs:
        return []
    similarity = semantic_similarity([u.hypothesis for u in pairs], [u.reference for u in pairs],
                                     config.backtranslation)
    if similarity is None:
        return []
    values, signature = similarity
    for unit, value in zip(pairs, values, strict=True):
        for index in unit.pair_indexes:
            per_pair.setdefault(index, {})["roundtrip.semantic"] = round(float(value), 4)
    mean = sum(values) / len(values)
    return [MetricScore(metric="semantic", kind=ScoreKind.ROUNDTRIP, value=round(mean, 4),
                        signature=f"{signature}|{roundtrip.signature}")]


def _backtranslation(result: TranslationResult, index: int,
                     texts: tuple[str, ...] | None) -> str | None:
    if texts is None:
        return None
    ids = result.alignment.pairs[index].target_ids
    return " ".join(texts[t] for t in ids) if ids else None


def _scorer_signatures(translations: Sequence[TranslationResult]) -> dict[str, str]:
    """One entry per metric; a metric whose settings differ by language (the BLEU
    tokenizer for ja/ko/zh, say) gets one entry per variant, naming its languages."""
    languages: dict[str, dict[str, list[str]]] = {}
    for result in translations:
        for score in result.scores:
            by_signature = languages.setdefault(f"{score.kind.value}.{score.metric}", {})
            by_signature.setdefault(score.signature, []).append(result.lang)
    signatures: dict[str, str] = {}
    for metric, variants in languages.items():
        for signature, langs in variants.items():
            key = metric if len(variants) == 1 else f"{metric} ({', '.join(langs)})"
            signatures[key] = signature
    return dict(sorted(signatures.items()))


def _validate_checks_config(config: Config) -> None:
    for check in list(config.checks.disabled) + list(config.checks.severity):
        if check not in CHECKS:
            known = ", ".join(sorted(CHECKS))
            raise ConfigError(config.source, f"unknown check {check!r} in [checks]; "
                                             f"known checks: {known}")
    for check, severity in config.checks.severity.items():
        if severity not in {s.value for s in Severity}:
            raise ConfigError(config.source, f"[checks.severity] {check} = {severity!r}: "
                                             "expected error, warning or info")
    for suppression in config.checks.suppress:
        if suppression.check != "*" and suppression.check not in CHECKS:
            raise ConfigError(config.source, f"unknown check {suppression.check!r} in "
                                             "[[checks.suppress]]")


def apply_checks_config(findings: Sequence[Finding], lang: str, config: Config) -> tuple[Finding, ...]:
    """Drop disabled checks, apply severity overrides, mark suppressed findings.

    Suppressed findings stay in the results (marked) so that a reader can see
    what was silenced; the gate does not count them.
    """
    kept = []
    for finding in findings:
        if finding.check in config.checks.disabled:
            continue
        override = config.checks.severity.get(finding.check)
        if override:
            finding = dataclasses.replace(finding, severity=Severity(override))
        for rule in config.checks.suppress:
            if (rule.check in ("*", finding.check) and rule.lang in ("*", lang)
                    and rule.entity in ("*", finding.entity)):
                finding = dataclasses.replace(finding, suppressed=True)
                break
        kept.append(finding)
    return tuple(kept)
