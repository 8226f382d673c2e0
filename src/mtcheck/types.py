"""The frozen dataclasses that the pipeline stages exchange.

Every stage takes and returns these types, so a stage can be tested alone and
results can be serialised generically (see :mod:`mtcheck.results`).
Sentence ids are 0-based positions in a document's sentence list; character
offsets are Python string indices (code points), end-exclusive.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum

# Progress callback the CLI supplies to long stages: (what, done, total). The library never prints.
Progress = Callable[[str, int, int], None]


# --------------------------------------------------------------------------- corpus
@dataclass(frozen=True)
class Paragraph:
    """A blank-line separated block of a document (or one unit of a segment-aligned file)."""

    index: int
    text: str
    line: int  # 1-based line of the file where the block starts
    is_title: bool = False
    unit_id: str | None = None  # id of the unit in XLIFF/TMX/PO/TSV/JSONL inputs
    # The file marks the unit as not final: PO "#, fuzzy", an XLIFF needs-review state.
    needs_review: bool = False


@dataclass(frozen=True)
class Document:
    """One text in one language, as loaded from a file."""

    path: str
    lang: str
    paragraphs: tuple[Paragraph, ...]
    format: str = "text"
    # Segment-aligned formats give one sentence per paragraph; the segmenter then keeps them.
    presegmented: bool = False


# --------------------------------------------------------------------------- segment
@dataclass(frozen=True)
class Sentence:
    """One sentence of a document with its position in the file."""

    id: int
    paragraph: int
    text: str
    start: int  # offset of text in its paragraph's text
    end: int
    line: int  # 1-based line of the file where the sentence starts
    # True when the sentence followed the previous one with no space ("strengthened.He").
    glued: bool = False


@dataclass(frozen=True)
class SegmentedDocument:
    """A document cut into sentences; ``segmenter`` names the method for the signature."""

    document: Document
    sentences: tuple[Sentence, ...]
    segmenter: str

    @property
    def lang(self) -> str:
        return self.document.lang

    def texts(self) -> list[str]:
        return [s.text for s in self.sentences]


# --------------------------------------------------------------------------- align
@dataclass(frozen=True)
class AlignedPair:
    """A bead: source sentence ids linked to target sentence ids (either side may be empty)."""

    source_ids: tuple[int, ...]
    target_ids: tuple[int, ...]
    cost: float = 0.0
    confidence: float = 1.0
    # "1-1", "2-1", "1-0", ...: derived, but stored so that results.json readers see it.
    kind: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", f"{len(self.source_ids)}-{len(self.target_ids)}")


@dataclass(frozen=True)
class Alignment:
    """A monotone cover of both documents' sentences by beads."""

    pairs: tuple[AlignedPair, ...]
    method: str


# --------------------------------------------------------------------------- score
class ScoreKind(str, Enum):
    REFERENCE = "reference"  # translation against a human reference
    ROUNDTRIP = "roundtrip"  # back-translation against the source: an estimate


@dataclass(frozen=True)
class MetricScore:
    """A document-level score with its confidence interval and reproducibility signature."""

    metric: str  # "BLEU", "chrF", "chrF++", "TER", "semantic"
    kind: ScoreKind
    value: float
    signature: str
    ci_low: float | None = None
    ci_high: float | None = None
    higher_is_better: bool = True


@dataclass(frozen=True)
class SegmentResult:
    """Per aligned pair: what it was compared with and its sentence-level scores."""

    pair_index: int
    reference: str | None = None
    backtranslation: str | None = None
    # "reference.chrF", "roundtrip.chrF", "roundtrip.semantic", ... -> value
    scores: Mapping[str, float] = field(default_factory=dict)


# --------------------------------------------------------------------------- findings
class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class TextSpan:
    """A character span inside one sentence of the source or the target."""

    side: str  # "source" | "target"
    sentence_id: int
    start: int  # offsets in the sentence text
    end: int
    text: str


@dataclass(frozen=True)
class NameVariant:
    """One base spelling of an entity in a translation, with where it occurs."""

    base: str
    surfaces: tuple[str, ...]
    count: int
    sentence_ids: tuple[int, ...]


@dataclass(frozen=True)
class Finding:
    """One problem found by a declared check (see :mod:`mtcheck.checks`)."""

    check: str
    severity: Severity
    message: str
    source_ids: tuple[int, ...] = ()
    target_ids: tuple[int, ...] = ()
    spans: tuple[TextSpan, ...] = ()
    entity: str | None = None
    variants: tuple[NameVariant, ...] = ()
    expected: str | None = None
    suppressed: bool = False


# --------------------------------------------------------------------------- names
@dataclass(frozen=True)
class Entity:
    """A named entity of the source: its id, a display name and the source spellings."""

    id: str
    canonical: str
    source_forms: tuple[str, ...]
    source_ids: tuple[int, ...]  # source sentences that mention it
    from_glossary: bool = False


@dataclass(frozen=True)
class NameRendering:
    """Where an entity was found in a target sentence, and the base form after inflection."""

    entity: str
    sentence_id: int
    start: int
    end: int
    surface: str
    base: str


# --------------------------------------------------------------------------- gate
class GateStatus(str, Enum):
    PASS = "pass"
    FAIL = "fail"
    WARN = "warn"
    SKIP = "skip"


@dataclass(frozen=True)
class GateCheck:
    """One threshold applied to one language."""

    lang: str
    name: str  # the threshold key as written in the config, e.g. "reference.chrF.min"
    status: GateStatus
    message: str
    value: float | None = None
    threshold: float | None = None
    target_ids: tuple[int, ...] = ()
    p_value: float | None = None
    # Source sentences behind the check (an omitted sentence has no target to point at).
    source_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class GateResult:
    passed: bool
    checks: tuple[GateCheck, ...]
    config: str
    baseline: str | None = None


# --------------------------------------------------------------------------- results
@dataclass(frozen=True)
class TranslationResult:
    """Everything the pipeline learnt about one translation."""

    lang: str
    target: SegmentedDocument
    alignment: Alignment
    reference: SegmentedDocument | None = None
    reference_alignment: Alignment | None = None
    scores: tuple[MetricScore, ...] = ()
    segments: tuple[SegmentResult, ...] = ()
    roundtrip_status: str = "not evaluated"
    # Share of source sentences that have a counterpart in the alignment.
    coverage: float = 0.0
    findings: tuple[Finding, ...] = ()
    renderings: tuple[NameRendering, ...] = ()


@dataclass(frozen=True)
class RunSignature:
    """What produced a run, so that every number can be reproduced."""

    mtcheck_version: str
    config: str
    segmenter: str
    aligner: str
    created: str  # the one timestamp in the results (SOURCE_DATE_EPOCH honoured)
    models: Mapping[str, str] = field(default_factory=dict)  # lang -> model signature
    scorers: Mapping[str, str] = field(default_factory=dict)  # metric -> sacrebleu signature
    # lang -> the bilingual dictionaries the omission check read that translation with
    dictionaries: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RunResult:
    """The results of one evaluation run: one source and its translations."""

    document_id: str
    source: SegmentedDocument
    translations: tuple[TranslationResult, ...]
    signature: RunSignature
    entities: tuple[Entity, ...] = ()
    source_findings: tuple[Finding, ...] = ()
    gate: GateResult | None = None
