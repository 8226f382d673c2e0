"""A small hand-made RunResult for the report tests: an English source with a
Russian and a Japanese translation, covering every shape the report must show.

Russian: a 2-1 merge, a 1-0 omission, a glued sentence, back-translations,
reference scores, an inconsistent name (Шойгу / Шойга), a number mismatch and
a suppressed finding. Japanese: a 1-2 split, a 0-1 addition, a missing name, a
glossary mismatch, no back-translation ("not evaluated").
"""

from __future__ import annotations

from mtcheck.types import (
    AlignedPair,
    Alignment,
    Document,
    Entity,
    Finding,
    GateCheck,
    GateResult,
    GateStatus,
    MetricScore,
    NameRendering,
    NameVariant,
    Paragraph,
    RunResult,
    RunSignature,
    ScoreKind,
    SegmentedDocument,
    SegmentResult,
    Sentence,
    Severity,
    TextSpan,
    TranslationResult,
)

SOURCE_SENTENCES = (
    "Shoigu arrived in Tehran on Monday.",
    "He met Bagheri at the ministry.",
    "The talks lasted 3 hours.",
    "Shoigu praised the cooperation.",
    "Both sides signed a memorandum.",
)


def segmented(
    path: str, lang: str, sentences: tuple[str, ...], glued: frozenset[int] = frozenset()
) -> SegmentedDocument:
    """One paragraph holding ``sentences`` separated by a space (none before glued ones)."""
    text = ""
    built: list[Sentence] = []
    for index, sentence in enumerate(sentences):
        if text and index not in glued:
            text += " "
        start = len(text)
        text += sentence
        built.append(
            Sentence(
                id=index,
                paragraph=0,
                text=sentence,
                start=start,
                end=len(text),
                line=1,
                glued=index in glued,
            )
        )
    document = Document(path=path, lang=lang, paragraphs=(Paragraph(0, text, 1),))
    return SegmentedDocument(document, tuple(built), "regex-v1")


def _rendering(entity: str, sentence_id: int, text: str, surface: str, base: str) -> NameRendering:
    start = text.index(surface)
    return NameRendering(entity, sentence_id, start, start + len(surface), surface, base)


RU_SENTENCES = (
    "Шойгу прибыл в Тегеран в понедельник.",
    "Он встретился с Багери в министерстве, переговоры длились 4 часа.",
    "Шойга высоко оценил сотрудничество.",
)

JA_SENTENCES = (
    "ショイグは月曜日にテヘランに到着した。",
    "彼は省で会談した。",
    "バゲリとも会った。",
    "会談は3時間続いた。",
    "ショイグは協力を称賛した。",
    "両国は覚書に署名した。",
    "詳細は発表されなかった。",
)


def _russian() -> TranslationResult:
    target = segmented("ru.txt", "ru", RU_SENTENCES, glued=frozenset({2}))
    pairs = (
        AlignedPair((0,), (0,), 0.1, 0.97),
        AlignedPair((1, 2), (1,), 0.4, 0.81),
        AlignedPair((3,), (2,), 0.2, 0.9),
        AlignedPair((4,), (), 1.0, 0.6),
    )
    number_start = RU_SENTENCES[1].index("4")
    source_number = SOURCE_SENTENCES[2].index("3")
    findings = (
        Finding(
            "names.inconsistent",
            Severity.ERROR,
            "Shoigu is rendered 2 ways: Шойгу (1), Шойга (1)",
            source_ids=(0, 3),
            target_ids=(0, 2),
            entity="shoigu",
            variants=(
                NameVariant("Шойгу", ("Шойгу",), 1, (0,)),
                NameVariant("Шойга", ("Шойга",), 1, (2,)),
            ),
        ),
        Finding(
            "numbers.mismatch",
            Severity.ERROR,
            "Number 3 in the source became 4",
            source_ids=(2,),
            target_ids=(1,),
            spans=(
                TextSpan("source", 2, source_number, source_number + 1, "3"),
                TextSpan("target", 1, number_start, number_start + 1, "4"),
            ),
        ),
        Finding(
            "align.omission",
            Severity.ERROR,
            "Source sentence 4 has no counterpart",
            source_ids=(4,),
        ),
        Finding(
            "segment.glued",
            Severity.INFO,
            "Sentence 2 follows sentence 1 without a space",
            target_ids=(2,),
        ),
        Finding(
            "names.script",
            Severity.WARNING,
            "Tehran left in Latin script",
            target_ids=(0,),
            entity="tehran",
            suppressed=True,
        ),
    )
    segments = (
        SegmentResult(
            0,
            reference="Шойгу прибыл в Тегеран в понедельник.",
            backtranslation="Shoigu arrived in Tehran on Monday.",
            scores={"reference.chrF": 100.0, "roundtrip.chrF": 100.0},
        ),
        SegmentResult(
            1,
            reference="Он встретился с Багери. Переговоры длились 3 часа.",
            backtranslation="He met Bagheri at the ministry, the talks lasted 4 hours.",
            scores={"reference.chrF": 61.3, "roundtrip.chrF": 72.5},
        ),
        SegmentResult(
            2,
            backtranslation="Shoiga praised the cooperation highly.",
            scores={"reference.chrF": 38.2, "roundtrip.chrF": 55.0},
        ),
        SegmentResult(3),
    )
    renderings = (
        _rendering("shoigu", 0, RU_SENTENCES[0], "Шойгу", "Шойгу"),
        _rendering("tehran", 0, RU_SENTENCES[0], "Тегеран", "Тегеран"),
        _rendering("bagheri", 1, RU_SENTENCES[1], "Багери", "Багери"),
        _rendering("shoigu", 2, RU_SENTENCES[2], "Шойга", "Шойга"),
    )
    scores = (
        MetricScore("BLEU", ScoreKind.REFERENCE, 34.56, "nrefs:1|bs:1000|tok:13a|v:2.6.0", 30.1, 39.9),
        MetricScore("chrF", ScoreKind.REFERENCE, 58.21, "nrefs:1|bs:1000|c:6|w:0|v:2.6.0", 52.0, 63.3),
        MetricScore("chrF++", ScoreKind.REFERENCE, 55.4, "nrefs:1|c:6|w:2|v:2.6.0", 50.2, 60.1),
        MetricScore(
            "TER", ScoreKind.REFERENCE, 48.7, "nrefs:1|tok:tercom|v:2.6.0", 41.0, 55.5,
            higher_is_better=False,
        ),
        MetricScore("chrF", ScoreKind.ROUNDTRIP, 71.9, "rt|opus-mt-ru-en@abc123|c:6|v:2.6.0", 66.0, 77.2),
        MetricScore("semantic", ScoreKind.ROUNDTRIP, 0.912, "rt|minilm@def456", 0.88, 0.94),
    )
    return TranslationResult(
        lang="ru",
        target=target,
        alignment=Alignment(pairs, "dp-length+anchors"),
        reference=segmented("ru.ref.txt", "ru", ("Шойгу прибыл в Тегеран в понедельник.",)),
        scores=scores,
        segments=segments,
        roundtrip_status="evaluated",
        coverage=0.8,
        findings=findings,
        renderings=renderings,
    )


def _japanese() -> TranslationResult:
    target = segmented("ja.txt", "ja", JA_SENTENCES)
    pairs = (
        AlignedPair((0,), (0,), 0.1, 0.95),
        AlignedPair((1,), (1, 2), 0.3, 0.85),
        AlignedPair((2,), (3,), 0.1, 0.95),
        AlignedPair((3,), (4,), 0.1, 0.95),
        AlignedPair((4,), (5,), 0.1, 0.95),
        AlignedPair((), (6,), 1.0, 0.5),
    )
    findings = (
        Finding(
            "names.glossary",
            Severity.ERROR,
            "Shoigu should be ショイグ氏 per the glossary",
            source_ids=(0,),
            target_ids=(0, 4),
            entity="shoigu",
            expected="ショイグ氏",
        ),
        Finding(
            "names.missing",
            Severity.ERROR,
            "Tehran not found in the translation of sentence 0",
            source_ids=(0,),
            target_ids=(0,),
            entity="tehran",
        ),
        Finding(
            "align.addition",
            Severity.WARNING,
            "Target sentence 6 has no source",
            target_ids=(6,),
        ),
    )
    renderings = (
        _rendering("shoigu", 0, JA_SENTENCES[0], "ショイグ", "ショイグ"),
        _rendering("bagheri", 2, JA_SENTENCES[2], "バゲリ", "バゲリ"),
        _rendering("shoigu", 4, JA_SENTENCES[4], "ショイグ", "ショイグ"),
    )
    segments = tuple(
        SegmentResult(i, scores={"reference.chrF": value})
        for i, value in enumerate((88.0, 45.5, 12.5, 70.0, 95.0))
    )
    scores = (
        MetricScore("BLEU", ScoreKind.REFERENCE, 21.3, "nrefs:1|tok:ja-mecab|v:2.6.0", 17.0, 25.2),
        MetricScore("chrF", ScoreKind.REFERENCE, 40.05, "nrefs:1|c:6|w:0|v:2.6.0", 35.5, 44.4),
    )
    return TranslationResult(
        lang="ja",
        target=target,
        alignment=Alignment(pairs, "dp-length+anchors"),
        scores=scores,
        segments=segments,
        roundtrip_status="not evaluated: no model for ja",
        coverage=1.0,
        findings=findings,
        renderings=renderings,
    )


def make_run(source_path: str = "source.en.txt", ru_first_sentence: str | None = None) -> RunResult:
    """The fixture run; ``ru_first_sentence`` replaces the first Russian sentence."""
    source = segmented(source_path, "en", SOURCE_SENTENCES)
    russian = _russian()
    if ru_first_sentence is not None:
        sentences = (ru_first_sentence, *RU_SENTENCES[1:])
        russian = TranslationResult(
            lang=russian.lang,
            target=segmented("ru.txt", "ru", sentences, glued=frozenset({2})),
            alignment=russian.alignment,
            reference=russian.reference,
            scores=russian.scores,
            segments=russian.segments,
            roundtrip_status=russian.roundtrip_status,
            coverage=russian.coverage,
            findings=russian.findings,
            renderings=tuple(r for r in russian.renderings if r.sentence_id != 0),
        )
    entities = (
        Entity("shoigu", "Shoigu", ("Shoigu",), (0, 3)),
        Entity("tehran", "Tehran", ("Tehran",), (0,)),
        Entity("bagheri", "Bagheri", ("Bagheri",), (1,)),
    )
    source_findings = (
        Finding(
            "names.source-inconsistent",
            Severity.WARNING,
            "The source spells Bagheri once as Baghery",
            source_ids=(1,),
            entity="bagheri",
        ),
    )
    gate = GateResult(
        passed=False,
        checks=(
            GateCheck("ru", "reference.chrF.min", GateStatus.PASS, "chrF 58.2 ≥ 50", 58.21, 50.0),
            GateCheck("ja", "reference.chrF.min", GateStatus.FAIL, "chrF 40.1 < 50", 40.05, 50.0),
            GateCheck(
                "ru", "findings.error.max", GateStatus.FAIL, "3 errors > 0", 3, 0, target_ids=(0, 1)
            ),
        ),
        config="configs/ci.toml",
    )
    signature = RunSignature(
        mtcheck_version="0.1.0",
        config="sha256:0123abcd",
        segmenter="regex-v1",
        aligner="dp-length+anchors",
        created="2026-11-28T12:00:00Z",
        models={"ru": "Helsinki-NLP/opus-mt-ru-en@abc123"},
        scorers={"BLEU": "nrefs:1|tok:13a|v:2.6.0", "chrF": "nrefs:1|c:6|w:0|v:2.6.0"},
    )
    return RunResult(
        document_id="shoigu-visits-iran",
        source=source,
        translations=(russian, _japanese()),
        signature=signature,
        entities=entities,
        source_findings=source_findings,
        gate=gate,
    )
