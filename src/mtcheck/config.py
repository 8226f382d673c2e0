"""Run configuration: TOML files mapped onto frozen dataclasses, strictly.

The dataclass defaults below are the built-in defaults; a config file only
overrides them. Unknown keys and wrong types are errors naming the key and the
file, because a silently ignored threshold is worse than a failed run.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
import sys
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mtcheck.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@dataclass(frozen=True)
class SegmentConfig:
    # Extra abbreviations per language code that never end a sentence ("Gen.", "Bd.").
    abbreviations: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Split "strengthened.He" into two sentences (flagged glued); off for texts full of
    # dotted identifiers.
    split_glued: bool = True


@dataclass(frozen=True)
class AlignConfig:
    # Align paragraph by paragraph when both documents have the same number of paragraphs.
    within_paragraphs: bool = True
    # Bead kinds the aligner may use, "source-target" sentence counts. 1-0 and 0-1 are
    # always allowed so that every pair of documents has an alignment.
    beads: tuple[str, ...] = (
        "1-1", "1-2", "2-1", "1-0", "0-1", "2-2", "1-3", "3-1", "2-3", "3-2", "1-4", "4-1",
        "1-5",
    )
    # Weight of the shared-signal similarity (numbers, names, cognates, punctuation).
    similarity_weight: float = 20.0
    # Weight of the similarity between the source and back-translations of the target.
    backtranslation_weight: float = 20.0
    # Documents up to this many sentence pairs (rows × columns) are searched in full;
    # longer ones in a band around the anchor line that widens while the path hits its
    # edge, up to 16 times its first width (linear time at every size).
    full_search_cells: int = 40_000
    # Half width of the first band, in sentences.
    band: int = 50
    # Cost of each further sentence in a run of unaligned ones (the first costs
    # -log P(1-0) = -log P(0-1) = 4.2). Lower than the first because unaligned sentences
    # come in blocks: captions, a paragraph added or left out by the translator.
    unaligned_run_cost: float = 3.0
    # Cost of a bead boundary at a soft cut: after a colon or semicolon, or before a
    # sentence that starts in lower case. Such cuts are often inside one translation unit.
    soft_boundary_cost: float = 1.0
    # Re-estimate the length model's variance from the document's own 1-1 beads (a first
    # pass) and align again with it; false keeps Gale & Church's 6.8.
    estimate_length_variance: bool = True
    # A 2-1 bead earns the larger reward of a merged bead only when both of its source
    # sentences share a signal (number, name, cognate, mark) with the target sentence, or
    # the cut between them is soft; otherwise it earns that of a 1-1 bead, so that a short
    # sentence left untranslated comes out as a 1-0 rather than riding on its neighbour.
    merge_needs_support: bool = True


# Upper bound of score.bootstrap_resamples: beyond it the interval does not change and the
# run takes minutes (1e7 resamples took over 100 s, 1e9 ran out of memory).
MAX_BOOTSTRAP_RESAMPLES = 100_000


@dataclass(frozen=True)
class ScoreConfig:
    # Bootstrap resamples for the 95% confidence intervals of corpus scores (1 = no CI).
    bootstrap_resamples: int = 1000
    # Seed of every resampling mtcheck does itself (significance tests).
    seed: int = 12345


@dataclass(frozen=True)
class BacktranslationConfig:
    enabled: bool = True
    # A model for every language; overrides `models` and the template when set.
    model: str = ""
    # Per-language model ids or local paths.
    models: Mapping[str, str] = field(default_factory=dict)
    # `{lang}` is replaced by the translation's language for languages in `template_languages`.
    template: str = "Helsinki-NLP/opus-mt-{lang}-en"
    template_languages: tuple[str, ...] = (
        "ko", "ru", "fr", "id", "ja", "de", "es", "it", "fi", "zh", "uk", "nl", "ar", "hi",
    )
    fallback: str = "Helsinki-NLP/opus-mt-mul-en"
    revision: str = ""
    # What to do when a model is not available: "skip" (round-trip scores are marked
    # "not evaluated") or "fail" (exit code 2).
    on_missing: str = "skip"
    # "auto": CTranslate2 int8 on CPU where installed (transformers if a model does not
    # convert), transformers on CUDA; or "transformers", "ctranslate2", "apertium".
    backend: str = "auto"
    # Per-language backend overriding `backend`, e.g. {es = "apertium"}.
    backends: Mapping[str, str] = field(default_factory=dict)
    device: str = "auto"
    beam_size: int = 4
    max_length: int = 256
    batch_size: int = 16
    cache_dir: str = ""
    # Fetch a model from the Hugging Face hub when it is not in the local cache. Off by
    # default: without network a hub lookup retries for about a minute before failing.
    allow_download: bool = False
    # "auto": float32 (transformers) or int8 (ctranslate2) on CPU, float16 on CUDA.
    quantization: str = "auto"
    # CPU threads for the model; 0 uses every core this process may run on.
    threads: int = 0
    # English sentence-embedding model for the round-trip semantic similarity ("" turns it off).
    embedding_model: str = "sentence-transformers/all-MiniLM-L6-v2"


@dataclass(frozen=True)
class Suppression:
    check: str
    lang: str = "*"
    entity: str = "*"
    reason: str = ""


@dataclass(frozen=True)
class NamesConfig:
    # Path of a glossary TOML file, relative to the config file.
    glossary: str = ""
    # A candidate name must occur at least this often in the source to be tracked.
    min_occurrences: int = 1
    # Use the named-entity recogniser of the optional ``ner`` extra when it is installed.
    use_ner: bool = True
    # A capitalised word rarer than this (wordfreq Zipf) may be a name without other evidence.
    rare_zipf: float = 3.0
    # The last word of a run of capitalised words rarer than this (wordfreq Zipf, in the
    # source language and in English) gives the run a person's shape ("Hsu Ya-ting"), not a
    # firm's ("Kosmos Energy"): see mtcheck.names.brands.
    surname_zipf: float = 3.5
    # A word at least this frequent (wordfreq Zipf) is a function word (German "Die"), not a
    # candidate name, even where a town bears it.
    function_zipf: float = 6.0
    # A word at least this frequent that the recogniser tags as a nationality (NORP) is an
    # adjective (Swedish, Andean); a rarer one is more likely a mis-tagged surname.
    adjective_zipf: float = 2.0
    # Names with weak evidence (rare capitalised words) match a target word only this well,
    # and are tracked only where this share of their aligned pairs renders them.
    weak_match_threshold: float = 90.0
    weak_survival: float = 0.75
    # A candidate rendered (in weak_survival of its aligned pairs) by at least this many
    # translations of the document is a name by agreement across translations (strong
    # evidence); 0 switches agreement off.
    agreement_min_translations: int = 2
    # A name the check finds missing from one sentence in more than this share of a
    # document's translations (and in more than agreement_min_translations of them) is
    # written there in a form the check does not recognise, not dropped by every
    # translator: no names.missing finding (glossary names excepted). 1 switches it off.
    missing_by_most: float = 0.5
    # Source spellings whose phonetic keys match at least this well (rapidfuzz ratio, 0-100)
    # are one entity ("Pezhashyan" / "Pezeshitsyan").
    cluster_threshold: float = 76.0
    # A spelling the place data (CLDR, geonames) does not know is one entity with a place
    # they know only this close: a letter off in a six-letter key (83.3) is a misspelling
    # of the place, a name sharing its first syllables (Kyrgyzaltyn / Kirghizstan, 76) is
    # another name.
    place_cluster_threshold: float = 83.0
    # A target word is a rendering of a name when its romanised key matches at least this well.
    match_threshold: float = 75.0
    # Keys shorter than 6 letters ("Iran", "Gaza") must match at least this well.
    short_match_threshold: float = 85.0
    # Report a run of at least this many source words copied verbatim into a translation.
    untranslated_min_words: int = 4
    # Check that numbers and dates of each source sentence appear in its translation.
    check_numbers: bool = True
    # Learn how a translation writes a name the matcher cannot find (Russia -> Venäjä) from
    # co-occurrence over the aligned pairs, so that names.missing works without a glossary.
    learn_renderings: bool = True
    # Learn only for names mentioned in at least this many aligned pairs.
    learn_min_mentions: int = 2
    # A unit learned by co-occurrence alone is in at least this share of the name's pairs ...
    learn_coverage: float = 0.75
    # ... and its Dice coefficient with the name's pairs is at least this (rare elsewhere).
    learn_association: float = 0.6
    # A unit of the name's pairs that sounds this much like it (ratio 0-100) is its rendering.
    learn_similarity: float = 60.0


@dataclass(frozen=True)
class OmissionConfig:
    """Partial omissions: source clauses (or merged sentences) with no support in the target.

    A piece is flagged when its score reaches ``threshold``; the score adds the
    length evidence (how much better the pair's length fits the document's length
    model without the piece, Student-t log-likelihood ratio) and the weighted
    anchor evidence below. Calibrated on the Bleualign dev set, see docs/omissions.md.
    """

    enabled: bool = True
    threshold: float = 7.0
    # A document's bar follows its own score level: this far above the median score of its
    # pairs (without the kind priors below), but at most ``threshold`` and at least
    # ``threshold - calm_discount`` (close translations score low everywhere, so a dropped
    # clause stands out sooner).
    relative_threshold: float = 9.5
    calm_discount: float = 2.0
    # Lower bound of the length model's spread (log ratio), for near-literal documents.
    spread_floor: float = 0.08
    # Degrees of freedom of the Student-t length likelihood (lower: heavier tails, less
    # weight on one very short pair).
    length_tail: float = 30.0
    # Pieces tested: runs of clauses of this share of their sentence's length.
    min_share: float = 0.15
    max_share: float = 0.85
    # A sentence without clause marks is also tested half by half (cut at a space).
    halves: bool = True
    # Added to a half's score: a cut at a space is no clause boundary, and a sentence cut
    # in two is tested twice more.
    half_prior: float = -2.5
    # Words rarer than this (wordfreq Zipf) in the source language are anchors.
    rare_zipf: float = 3.0
    min_letters: int = 4
    # Trigram Dice of romanised keys at which two words are taken as the same name.
    match_similarity: float = 0.5
    # Evidence per anchor (at most 3 of each kind count). Rare words (names, terms) weigh
    # what the document's own rates of finding them say (mtcheck.omission.detect.
    # anchor_weights); ``word_missing`` and ``word_found`` serve a document with fewer than
    # 10 of them. Numbers, compared digit for digit, keep these weights everywhere.
    number_missing: float = 1.5
    number_found: float = 2.0
    word_missing: float = 0.5
    word_found: float = 1.5
    bracket_missing: float = 1.0
    # Weight of (back-translation coverage of the rest of the pair - that of the piece).
    backtranslation: float = 4.0
    # Weight of (share of the rest of the pair's words whose usual translation, learnt from
    # the document's own pairs, is in the target - that of the piece), and the Dice
    # coefficient at which a source and a target word count as each other's translation.
    lexicon: float = 4.0
    lexicon_dice: float = 0.5
    # Weight of the word-support evidence (log-likelihood ratio: the piece's content words
    # supported by the translation only at the rate of an unrelated sentence of the document,
    # against the rate of the rest of its pair; see mtcheck.omission.coverage), and how many
    # words of the document's own rate the rest of the pair's rate is shrunk towards.
    support: float = 1.0
    support_prior: float = 4.0
    # Weight of the clause-mark evidence (Poisson log-likelihood ratio of the translation's
    # clause marks with and without the mark that goes with the piece, at the document's own
    # rate of target marks per source mark), and the marks added to both expectations.
    punctuation: float = 0.5
    mark_smoothing: float = 0.5
    # Weight of the local-length evidence (parts of sentences; log-likelihood ratio): the
    # stretch of the translation between the anchors on both sides of the piece, against the
    # document's own stretches (see mtcheck.omission.stretch).
    stretch: float = 0.25
    # Weight of the dictionary evidence (word support counted on a bilingual dictionary's
    # translations, see mtcheck.omission.dictionary), whether a word the dictionary finds
    # counts as supported in word support too, and as an anchor of the local length, the
    # folders searched for FreeDict's dictd files (MTCHECK_DICTIONARIES or --dictionaries
    # first), and whether a pair without a dictionary of its own goes through English.
    dictionary: float = 0.25
    # The same weight for Japanese and Chinese translations, read with EDICT and CC-CEDICT
    # backwards (mtcheck.omission.cjkdict; a renderings is matched as a substring).
    dictionary_unspaced: float = 0.9
    dictionary_support: bool = False
    dictionary_anchors: bool = False
    dictionaries: tuple[str, ...] = ("/usr/share/dictd", "/usr/local/share/dictd")
    dictionary_pivot: bool = True
    # A one-source pair of several translations is also tested without an edge translation
    # that fits the neighbouring pair better (see mtcheck.omission.detect._given_back).
    give_back: bool = True
    # Also tested: each stretch between words the translation supports (or numbers it has)
    # holding at least ``gap_words`` unsupported content words, whether or not it matches a
    # clause boundary; it starts ``gap_prior`` behind (it was chosen for holding nothing the
    # translation has, so its anchor and support evidence is biased upwards).
    gaps: bool = True
    gap_words: int = 2
    gap_prior: float = -5.0
    # Added to the score of a whole sentence of a merged pair: a sentence left out next to a
    # kept one is what makes a translation look like a merge, and a whole sentence is a
    # larger, surer piece than a clause. Only for a sentence that ends like one: a piece
    # ending in a colon or semicolon is a clause of a longer unit.
    sentence_prior: float = 6.0
    # The same for a whole sentence that ends in a colon: it leads in to the next one, and a
    # translator may well join the two, so it gets less of the sentence's prior.
    lead_in_prior: float = 3.0
    # A part of a sentence of a pair with several sentences on both sides is judged on the
    # length of its own part of the pair, when the pair cut in two leaves the rest fitting the
    # length model within this many spreads (0: the whole pair's length, as for any pair).
    split_fit: float = 1.5
    # An unpaired source sentence's omission finding moves to its paired neighbour when
    # the neighbour's translation fits the unpaired one better by this much (score units).
    relocate_margin: float = 1.0
    # Degrees of freedom of the Student-t length term when readings are compared (which
    # sentence a translation belongs to): heavy-tailed, so that a free or partial rendering
    # whose length is far off does not outweigh the names, numbers and words it shares with
    # its sentence (the length of a piece left out is judged apart, with ``length_tail``).
    relocate_tail: float = 4.0
    # Weight of the aligner's similarity (cosine of numbers, marks and romanised character
    # n-grams) in how well a sentence fits a translation when readings are compared.
    similarity: float = 40.0
    # Weight of how the translation ends given how the source ends (log-probability from
    # the document's own pairs: a question as a question, a lead-in as a lead-in), and of
    # numbers written as words ("drei", "trois"), in that comparison too.
    ending: float = 1.0
    number_words: bool = True
    # ... and the translation's rare words (names) looked up in the source, weighed as
    # ``word_found`` each.
    names_back: bool = True
    # The most confidence a pair gets when the check finds source content missing from it.
    confidence_cap: float = 0.25


@dataclass(frozen=True)
class ChecksConfig:
    disabled: tuple[str, ...] = ()
    # check id -> "error" | "warning" | "info"
    severity: Mapping[str, str] = field(default_factory=dict)
    suppress: tuple[Suppression, ...] = ()


@dataclass(frozen=True)
class Config:
    segment: SegmentConfig = field(default_factory=SegmentConfig)
    align: AlignConfig = field(default_factory=AlignConfig)
    score: ScoreConfig = field(default_factory=ScoreConfig)
    backtranslation: BacktranslationConfig = field(default_factory=BacktranslationConfig)
    names: NamesConfig = field(default_factory=NamesConfig)
    checks: ChecksConfig = field(default_factory=ChecksConfig)
    omission: OmissionConfig = field(default_factory=OmissionConfig)
    # Gate thresholds stay a raw table here; mtcheck.gate validates them.
    gate: Mapping[str, Any] = field(default_factory=dict)
    # Languages to add or facts to override, by code (see docs/languages.md); validated by
    # mtcheck.languages.
    languages: Mapping[str, Any] = field(default_factory=dict)
    # Where the config came from ("built-in defaults" or a path) and its content hash.
    source: str = "built-in defaults"
    digest: str = ""

    def resolve_path(self, relative: str) -> Path:
        """A path named in the config, relative to the config file's folder."""
        path = Path(relative)
        if path.is_absolute() or self.source == "built-in defaults":
            return path
        return Path(self.source).parent / path


def load_config(path: str | Path | None) -> Config:
    """Load a config file, or the built-in defaults when ``path`` is None."""
    if path is None:
        return Config()
    from mtcheck.errors import InputError
    from mtcheck.io import printable_path, read_input_bytes
    from mtcheck.languages import use_config_languages, validate_language_table

    path = Path(path)
    where = printable_path(path)
    try:
        raw = read_input_bytes(path)
    except InputError as exc:
        problem = "config file not found" if exc.problem == "file not found" else exc.problem
        raise ConfigError(where, problem) from None
    try:
        table = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(where, f"not UTF-8 (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(where, f"invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(where, "invalid TOML: nested too deeply") from None
    _reject_non_finite(table, where, "")
    config: Config = from_table(Config, table, where, exclude={"source", "digest"})
    _check_bounds(config, where)
    languages = validate_language_table(config.languages, where)
    use_config_languages(languages)
    digest = hashlib.sha256(raw).hexdigest()[:12]
    return dataclasses.replace(config, source=where, digest=digest, languages=languages)


def _reject_non_finite(value: Any, where: str, key: str) -> None:
    """NaN and infinities are never a meaningful setting (a NaN threshold disables a check)."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ConfigError(where, f"{key!r} must be a finite number, not {value!r}")
    if isinstance(value, dict):
        for k, v in value.items():
            _reject_non_finite(v, where, f"{key}.{k}" if key else k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _reject_non_finite(v, where, f"{key}[{i}]")


def _check_bounds(config: Config, where: str) -> None:
    """Ranges the type alone does not say; each bounds a cost or rules out a crash."""
    resamples = config.score.bootstrap_resamples
    if not 1 <= resamples <= MAX_BOOTSTRAP_RESAMPLES:
        raise ConfigError(where, f"'score.bootstrap_resamples' must be from 1 to "
                                 f"{MAX_BOOTSTRAP_RESAMPLES:,}, not {resamples}")
    if config.score.seed < 0:
        raise ConfigError(where, f"'score.seed' must be a non-negative integer, not "
                                 f"{config.score.seed}")
    align = config.align
    for name in ("similarity_weight", "backtranslation_weight", "unaligned_run_cost",
                 "soft_boundary_cost"):
        if getattr(align, name) < 0:
            raise ConfigError(where, f"'align.{name}' must not be negative")
    if align.band < 1 or align.full_search_cells < 0:
        raise ConfigError(where, "'align.band' must be at least 1 and "
                                 "'align.full_search_cells' not negative")
    bt = config.backtranslation
    for name in ("beam_size", "max_length", "batch_size"):
        if getattr(bt, name) < 1:
            raise ConfigError(where, f"'backtranslation.{name}' must be at least 1")
    if bt.threads < 0:
        raise ConfigError(where, "'backtranslation.threads' must not be negative")


def from_table(cls: type[Any], table: Mapping[str, Any], where: str, prefix: str = "",
               exclude: set[str] | None = None) -> Any:
    """Build dataclass ``cls`` from a TOML table, rejecting unknown keys and wrong types."""
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)} - (exclude or set())
    kwargs: dict[str, Any] = {}
    for key, value in table.items():
        dotted = f"{prefix}{key}"
        if key not in names:
            known = ", ".join(sorted(names))
            raise ConfigError(where, f"unknown key {dotted!r} (known keys here: {known})")
        kwargs[key] = _convert(hints[key], value, where, dotted)
    required = [f.name for f in dataclasses.fields(cls)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
                and f.name not in kwargs]
    if required:
        table_name = prefix.rstrip(".") or "the config"
        raise ConfigError(where, f"{table_name!r} needs the key(s) {', '.join(required)}")
    return cls(**kwargs)


def _convert(hint: Any, value: Any, where: str, key: str) -> Any:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        if not isinstance(value, dict):
            raise ConfigError(where, f"{key!r} must be a table")
        return from_table(hint, value, where, prefix=f"{key}.")
    if origin in (typing.Union, types.UnionType):
        errors = []
        for option in args:
            if option is type(None):
                continue
            try:
                return _convert(option, value, where, key)
            except ConfigError as exc:
                errors.append(exc)
        raise errors[0]
    if hint is Any:
        return value
    if origin is tuple:
        if not isinstance(value, list):
            raise ConfigError(where, f"{key!r} must be a list")
        item = args[0] if args else Any
        return tuple(_convert(item, v, where, f"{key}[{i}]") for i, v in enumerate(value))
    if origin in (Mapping, dict) or hint is dict:
        if not isinstance(value, dict):
            raise ConfigError(where, f"{key!r} must be a table")
        vt = args[1] if len(args) == 2 else Any
        return {k: _convert(vt, v, where, f"{key}.{k}") for k, v in value.items()}
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(where, f"{key!r} must be a number, not {value!r}")
        return float(value)
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(where, f"{key!r} must be an integer, not {value!r}")
        return value
    if hint in (str, bool):
        if not isinstance(value, hint):
            raise ConfigError(where, f"{key!r} must be a {hint.__name__}, not {value!r}")
        return value
    raise ConfigError(where, f"{key!r}: unsupported setting type {hint!r}")
