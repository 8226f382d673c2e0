"""Language-aware sentence segmentation: the stage after :mod:`mtcheck.corpus`.

Sentences are found by one regular-expression scan for terminator clusters
(``.``, ``?!``, ``…``, ``。``, ``।``, Greek ``;`` ...) plus the closing quotes and
brackets that follow them; each candidate is then judged by a few rules that
look at the word before and the word after: abbreviations from per-language
lists (``data/segment/<lang>.toml``), initials, ordinals ("am 5. August"),
numbers, URLs, and sentences glued without a space ("strengthened.He").
This is about 200 times faster than pysbd and gives exact character spans.

Every non-whitespace character of the text belongs to exactly one span and the
spans are in order, so later stages can always map a sentence back to the file.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from hashlib import sha256
from importlib import resources

from mtcheck.config import SegmentConfig
from mtcheck.errors import ConfigError, InputError, LanguageError
from mtcheck.languages import get_language
from mtcheck.types import Document, SegmentedDocument, Sentence

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# Bump when a rule or a data file changes how text is cut, so results name the version they used.
SEGMENTER = "mtcheck-segment/2"

_RULE_KEYS = frozenset({
    "never_split", "before_number", "may_end", "starters", "months", "ordinal_dot",
    "ordinal_words", "terminators", "quote_continuations",
})

# Terminators that end a sentence wherever they stand, with or without a following space.
_CJK_TERMINATORS = "。！？｡．"
# Terminators that end a sentence before a space (or glued before a capitalised word).
_STRONG_TERMINATORS = "!?‼⁇⁈⁉‽;؟۔։።။।॥"
_DANDAS = "।॥"
_CLOSERS = "\"'”’»«›‹」』）〕】》〉〟＂)]}"
_OPENERS = "\"'“‘„«»‹›「『（〔【《〈(\\[{¿¡—–-"
_INLINE_SPACE = " \t\u00a0\u202f\u2009\u2007\u3000"
# Characters a sentence never starts with.
_NEVER_OPENS = ",;:)]}」』）〕】》〉、，；："
_CJK_SET = frozenset(_CJK_TERMINATORS)
_DANDA_SET = frozenset(_DANDAS)
_SPACES = re.compile(r"\s*")
_NEXT_WORD = re.compile(rf"\s*[{re.escape(_OPENERS)}]*([\w'’-]*)")
_URL_MARKS = ("://", "www.", "@", "/", "=", "\\")
_ROMAN = re.compile(r"[IVXLCDM]+|[ivxlcdm]+")
# What the glued-period rule reads after "word.": a dotted name or path ("Com/path",
# "Bar.baz"). It stops at anything that could end a sentence or open a new word ("。",
# "?", "...(", "-"), so that it never reads into the next sentence: "日.Za。.a" and
# "日.Za。" must be cut the same way ("the sentence alone" property).
_DOTTED_NAME = re.compile(r"[\w./@\\:%=&#~+]+")


@dataclass(frozen=True)
class SentenceSpan:
    """A sentence as character offsets into the text (end-exclusive, whitespace stripped).

    ``glued`` is True when the sentence followed the previous one with no space
    between them in a language that writes spaces ("strengthened.He").
    """

    start: int
    end: int
    glued: bool


@dataclass(frozen=True)
class SegmentRules:
    """The segmentation facts of one language, merged from generic.toml and <lang>.toml.

    Abbreviations are stored as keys without spaces and without the final period
    ("z.B", "т.е", "Mr"), so "z. B." and "z.B." in a text both match.
    """

    lang: str
    never_split: frozenset[str]
    before_number: frozenset[str]
    may_end: frozenset[str]
    starters: frozenset[str]  # casefolded
    months: frozenset[str]  # casefolded
    ordinal_dot: bool
    ordinal_words: frozenset[str]  # casefolded
    terminators: str
    quote_continuations: tuple[str, ...]
    spaces: bool  # the language writes spaces between sentences (glued ones are flagged)
    longest_abbreviation: int  # most whitespace-separated parts in one abbreviation
    # Matches abbreviations written with spaces ("z. B.", "EE. UU."); the periods inside a
    # match are never sentence ends. None when the language has no such abbreviation.
    spaced_abbreviations: re.Pattern[str] | None
    # Every abbreviation key and every last part of a spaced one, for a quick "not listed".
    all_keys: frozenset[str]


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends like a finished sentence: a terminator, then only closers.

    A translation whose last sentence does not (while the source's does) was
    most likely cut off mid-sentence.
    """
    stripped = text.rstrip().rstrip(_CLOSERS + _INLINE_SPACE)
    return bool(stripped) and stripped[-1] in "." + "…" + _STRONG_TERMINATORS + _CJK_TERMINATORS


def abbreviation_key(abbreviation: str) -> str:
    """The form an abbreviation is matched in: no whitespace, no final period."""
    return "".join(abbreviation.split()).rstrip(".")


@cache
def _rule_tables(name: str) -> dict[str, object]:
    path = resources.files("mtcheck").joinpath(f"data/segment/{name}.toml")
    if not path.is_file():
        return {}
    table = tomllib.loads(path.read_text("utf-8"))
    unknown = set(table) - _RULE_KEYS
    if unknown:  # a typo in shipped data must fail loudly, in the tests
        raise ValueError(f"data/segment/{name}.toml: unknown key(s) {sorted(unknown)}")
    return table


def _strings(tables: Sequence[dict[str, object]], key: str) -> list[str]:
    values: list[str] = []
    for table in tables:
        raw = table.get(key, [])
        if isinstance(raw, list):
            values.extend(str(item) for item in raw)
    return values


@cache
def load_rules(lang: str, extra_abbreviations: tuple[str, ...] = ()) -> SegmentRules:
    """Rules for a language code (unknown codes raise LanguageError), plus user abbreviations.

    Languages without a data file get the generic rules only.
    """
    language = get_language(lang)
    generic, own = _rule_tables("generic"), _rule_tables(language.base)
    tables = [generic, own]
    # A language's own kind for an abbreviation wins over the generic one (Turkish "vs."
    # means "etc." and may end a sentence).
    kinds = ("never_split", "before_number", "may_end")
    own_keys = {kind: {abbreviation_key(a) for a in _strings([own], kind)} for kind in kinds}
    lists: dict[str, list[str]] = {}
    for kind in kinds:
        elsewhere = set().union(*(own_keys[k] for k in kinds if k != kind))
        lists[kind] = [a for a in _strings([generic], kind)
                       if abbreviation_key(a) not in elsewhere] + _strings([own], kind)
    never = [*lists["never_split"], *extra_abbreviations]
    before_number = lists["before_number"]
    may_end = lists["may_end"]
    everything = [*never, *before_number, *may_end]
    terminators = "".join(str(t.get("terminators", "")) for t in tables)
    return SegmentRules(
        lang=language.code,
        never_split=frozenset(abbreviation_key(a) for a in never),
        before_number=frozenset(abbreviation_key(a) for a in before_number),
        may_end=frozenset(abbreviation_key(a) for a in may_end),
        starters=frozenset(s.casefold() for s in _strings(tables, "starters")),
        months=frozenset(m.casefold() for m in _strings(tables, "months")),
        ordinal_dot=any(t.get("ordinal_dot") is True for t in tables),
        ordinal_words=frozenset(w.casefold() for w in _strings(tables, "ordinal_words")),
        terminators=terminators,
        quote_continuations=tuple(_strings(tables, "quote_continuations")),
        spaces=language.spaces,
        longest_abbreviation=max((len(a.split()) for a in everything), default=1),
        spaced_abbreviations=_spaced_pattern(everything),
        all_keys=frozenset(
            {abbreviation_key(a) for a in everything}
            | {abbreviation_key(a.split()[-1]) for a in everything if a.split()}
            | {k[0].lower() + k[1:] for k in map(abbreviation_key, everything) if k}
        ),
    )


def _spaced_pattern(abbreviations: Iterable[str]) -> re.Pattern[str] | None:
    alternatives = set()
    for abbreviation in abbreviations:
        parts = abbreviation.split()
        if len(parts) < 2:
            continue
        for first in {parts[0], parts[0][:1].upper() + parts[0][1:]}:
            alternatives.add(r"\s*".join(re.escape(p) for p in [first, *parts[1:]]))
    if not alternatives:
        return None
    # Longest first, so that "и т. д." wins over "т. д."; fixed order whatever the hash seed.
    ordered = sorted(alternatives, key=lambda alternative: (-len(alternative), alternative))
    return re.compile("|".join(ordered))


@cache
def _candidate_pattern(extra_terminators: str) -> re.Pattern[str]:
    # The Greek question mark U+037E is always a terminator; ASCII ";" only where the
    # language says so (Greek text often carries it after normalisation).
    strong = re.escape(_STRONG_TERMINATORS.replace(";", "") + "\u037e" + extra_terminators)
    dandas = re.escape(_DANDAS)
    inline = re.escape(_INLINE_SPACE)
    return re.compile(
        rf"(?P<blank>\n[{inline}]*\n\s*)"
        rf"|(?P<term>[.…{re.escape(_CJK_TERMINATORS)}{strong}]+"
        # "॥ १ ॥": a verse number between double dandas belongs to the verse.
        rf"(?:(?<=[{dandas}])[{inline}]*[0-9०-९]+[{inline}]*[{dandas}]+)?)"
        rf"(?P<close>[{re.escape(_CLOSERS)}]*)"
    )


def split_sentences(
    text: str,
    lang: str,
    abbreviations: Iterable[str] = (),
    *,
    split_glued: bool = True,
) -> list[SentenceSpan]:
    """Cut ``text`` in language ``lang`` into sentence spans.

    ``abbreviations`` never end a sentence, in addition to the language's lists.
    ``split_glued=False`` keeps "word.Word" together (for texts full of code identifiers).
    """
    rules = load_rules(lang, tuple(sorted(set(abbreviations))))
    pattern = _candidate_pattern(rules.terminators)
    cuts: list[tuple[int, bool]] = []
    sentence_start = _skip_space(text, 0)
    inner_periods = _inner_abbreviation_periods(text, rules)
    for match in pattern.finditer(text):
        if match.group("blank") is not None:
            cut, glued = match.start(), False
        elif match.start() in inner_periods:
            continue
        else:
            decision = _judge(text, match, sentence_start, rules, split_glued)
            if decision is None:
                continue
            cut, glued = decision
        cuts.append((cut, glued))
        sentence_start = _skip_space(text, cut)
    cuts.append((len(text), False))
    spans: list[SentenceSpan] = []
    previous, glued_here = 0, False
    for cut, glued_next in cuts:
        start = _skip_space(text, previous)
        end = cut
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append(SentenceSpan(start, end, glued_here and bool(spans)))
        previous, glued_here = cut, glued_next
    return spans


def _inner_abbreviation_periods(text: str, rules: SegmentRules) -> set[int]:
    """Offsets of the periods inside spaced abbreviations: "EE." in "EE. UU."."""
    if rules.spaced_abbreviations is None or "." not in text:
        return set()
    inner: set[int] = set()
    for match in rules.spaced_abbreviations.finditer(text):
        start, end = match.span()
        if start > 0 and text[start - 1].isalpha():
            continue  # the end of a longer word ("Baz. B." is not "z. B.")
        inner.update(i for i in range(start, end - 1) if text[i] == ".")
    return inner


def _skip_space(text: str, index: int) -> int:
    match = _SPACES.match(text, index)
    return match.end() if match else index


def _judge(
    text: str, match: re.Match[str], sentence_start: int, rules: SegmentRules, split_glued: bool
) -> tuple[int, bool] | None:
    """Where a terminator cluster ends a sentence: (cut offset, glued), or None."""
    term = match.group("term")
    closers = match.group("close")
    dot = match.start("term")
    after = _extend_spaced_closer(text, match.end())
    if after >= len(text):
        return after, False
    spaced = text[after].isspace()
    if term != ".":
        if not _CJK_SET.isdisjoint(term):
            return _judge_cjk(text, term, dot, after, closers, rules)
        if not _DANDA_SET.isdisjoint(term):
            return after, rules.spaces and not spaced
    if term.strip(".…"):
        # "?", "!", "?!", "...?", Greek ";": a question or exclamation.
        if spaced:
            return None if _next_is_lowercase(text, after) else (after, False)
        if split_glued and _starts_glued_sentence(text, dot, after):
            return after, rules.spaces
        return None
    if len(term) > 1:
        return _judge_ellipsis(text, dot, after, spaced)
    if not spaced:
        if split_glued and not _is_url_or_code(text, dot, sentence_start) and (
            (closers and _starts_glued_sentence(text, dot, after))
            or (not closers and _glued_period_ends(text, dot, after, sentence_start, rules))
        ):
            return after, rules.spaces
        return None
    if _next_is_lowercase(text, after):
        return None
    if closers:
        return after, False
    return None if _period_continues(text, dot, after, sentence_start, rules) else (after, False)


def _extend_spaced_closer(text: str, index: int) -> int:
    """French spacing puts a space before the closing guillemet: « Oui. »."""
    probe = index
    while probe < len(text) and text[probe] in _INLINE_SPACE:
        probe += 1
    if probe > index and probe < len(text) and text[probe] == "»":
        end = probe + 1
        if end == len(text) or text[end].isspace() or text[end] in _CLOSERS:
            while end < len(text) and text[end] in _CLOSERS:
                end += 1
            return end
    return index


def _judge_cjk(
    text: str, term: str, dot: int, after: int, closers: str, rules: SegmentRules
) -> tuple[int, bool] | None:
    if term == "．" and dot > 0 and text[dot - 1].isdigit() and text[after].isdigit():
        return None  # "３．１４"
    if closers and any(text.startswith(word, after) for word in rules.quote_continuations):
        return None  # 「…です。」と述べた
    return after, False


def _judge_ellipsis(text: str, dot: int, after: int, spaced: bool) -> tuple[int, bool] | None:
    if dot > 0 and text[dot - 1] in "([":
        return None  # "(...)", "[…]": an omission mark inside the sentence
    if not spaced or _next_is_lowercase(text, after):
        return None
    return after, False


def _next_word(text: str, index: int) -> str:
    """The next word after ``index``, skipping whitespace and opening quotes or brackets."""
    match = _NEXT_WORD.match(text, index)
    return match.group(1) if match else ""


def _next_is_starter(text: str, index: int, rules: SegmentRules) -> bool:
    """Is the next word a frequent sentence starter (and not an initial like "С." in "С. К.")?"""
    word = _next_word(text, index)
    if word.casefold() not in rules.starters:
        return False
    if len(word) == 1:
        end = text.find(word, index) + 1
        return not text.startswith(".", end)
    return True


def _next_is_lowercase(text: str, index: int) -> bool:
    """True when the text goes on with a lower-case word, or with punctuation that cannot
    open a sentence ("Rupies ( = 180.- SFr. ) zu", "Schweiz ! ) haben")."""
    start = _skip_space(text, index)
    if start < len(text) and text[start] in _NEVER_OPENS:
        return True
    word = _next_word(text, index)
    return bool(word) and word[0].islower()


def _token_before(text: str, dot: int, floor: int = 0) -> int:
    """Start offset of the whitespace-delimited token that ends at ``dot``.

    The token never reaches back before ``floor``, the start of the current sentence:
    "日。G." has the token "G", as it has when the sentence stands alone.
    """
    if dot <= floor or text[dot - 1].isspace():
        return dot
    low = max(floor, dot - 48)
    parts = text[low:dot].rsplit(None, 1)
    if len(parts) == 2 or low == floor:
        return dot - len(parts[-1])
    start = low  # a token longer than the window: walk back the slow way
    while start > floor and not text[start - 1].isspace():
        start -= 1
    return start


def _abbreviation_candidates(text: str, dot: int, parts: int, floor: int) -> list[str]:
    """Keys of the last 1..parts tokens before ``dot`` ("B", "z.B", ...), openers stripped,
    none reaching back before ``floor``."""
    keys: list[str] = []
    joined = ""
    end = dot
    for _ in range(parts):
        start = _token_before(text, end, floor)
        joined = text[start:end] + joined
        keys.append(joined.lstrip(_OPENERS))
        end = start
        while end > floor and text[end - 1].isspace():
            end -= 1
        if end <= floor:
            break
    return keys


def _abbreviation_kind(text: str, dot: int, floor: int, rules: SegmentRules) -> str | None:
    """Which list the word before ``dot`` is in: "never", "number", "may_end" or None."""
    for key in _abbreviation_candidates(text, dot, rules.longest_abbreviation, floor):
        if not key:
            continue
        # "E.g." and "Z. B." open sentences; a single capital ("Г.") is an initial instead.
        capitalised = key[0].isupper() and len(key) > 1
        variants = (key, key[0].lower() + key[1:]) if capitalised else (key,)
        for variant in variants:
            if variant in rules.never_split:
                return "never"
            if variant in rules.before_number:
                return "number"
            if variant in rules.may_end:
                return "may_end"
    return None


def _looks_abbreviated(token: str) -> bool:
    """Initials and dotted short forms: "G", "С", "U.S", "S.p.A", "J.D.A", "Ph.D"."""
    if len(token) == 1 and token.isalpha():
        return True
    parts = token.split(".")
    return len(parts) > 1 and all(1 <= len(p) <= 3 and p.isalpha() for p in parts)


def _period_continues(
    text: str, dot: int, after: int, sentence_start: int, rules: SegmentRules
) -> bool:
    """True when "word. Next" is not a sentence end (abbreviation, initial, ordinal...)."""
    token_start = _token_before(text, dot, sentence_start)
    token = text[token_start:dot].lstrip(_OPENERS)
    if not token:
        return False  # " ." in tokenised text
    if len(token) > 3 and token.isalpha() and token.islower() and token not in rules.all_keys:
        return False  # the common case: an ordinary word ends the sentence
    next_word = _next_word(text, after)
    starter = _next_is_starter(text, after, rules)
    kind = _abbreviation_kind(text, dot, sentence_start, rules)
    if kind == "never":
        return True
    if kind == "number":
        return next_word[:1].isdigit() or not starter
    if kind == "may_end":
        return not starter
    if token_start == sentence_start and (token.isdigit() or _ROMAN.fullmatch(token)
                                          or (len(token) == 1 and token.isalpha())):
        return True  # "1. Vom Kangchendzönga...", "IV. The", "a. First item"
    if token.isdigit():
        return _is_ordinal(text, token_start, token, next_word, sentence_start, rules)
    if _looks_abbreviated(token):
        return not starter
    return False


def _is_ordinal(text: str, token_start: int, number: str, next_word: str,
                sentence_start: int, rules: SegmentRules) -> bool:
    if not rules.ordinal_dot or len(number) > 3:
        return False
    if next_word.casefold() in rules.months:
        return True
    if next_word.casefold() in rules.starters:
        return False
    word_end = token_start
    while word_end > sentence_start and text[word_end - 1].isspace():
        word_end -= 1
    word_start = _token_before(text, word_end, sentence_start)
    return text[word_start:word_end].casefold() in rules.ordinal_words


def _is_url_or_code(text: str, dot: int, sentence_start: int) -> bool:
    token = text[_token_before(text, dot, sentence_start):dot]
    return any(mark in token for mark in _URL_MARKS)


def _starts_glued_sentence(text: str, dot: int, after: int) -> bool:
    """A capitalised word ("He") or a word of an uncased script right after a terminator."""
    first = text[after]
    if not first.isalpha():
        return False
    if first.isupper():
        return after + 1 < len(text) and text[after + 1].islower()
    if first.islower():
        return False
    before = text[dot - 1] if dot > 0 else ""
    return before.isalpha() and not before.isupper() and not before.islower()


def _glued_period_ends(
    text: str, dot: int, after: int, sentence_start: int, rules: SegmentRules
) -> bool:
    """True for "strengthened.Pezeshitsyan"; False for "U.S.A", "G.O.Dyhrenfurth", "Bd.XI".

    Only the current sentence is looked at, back to ``sentence_start`` and forward to
    the next terminator other than a period, so that a sentence cut here is cut the
    same way when it stands alone.
    """
    if not _starts_glued_sentence(text, dot, after):
        return False
    run_start = dot
    while run_start > sentence_start and text[run_start - 1].isalpha():
        run_start -= 1
    run = text[run_start:dot]
    if not run:
        digits = dot
        while digits > sentence_start and text[digits - 1].isdigit():
            digits -= 1
        # "in 2024.He" ends a sentence; "Nr.212" or "S.298" never reach here (digit after).
        return dot - digits >= 2 and (digits == sentence_start or text[digits - 1].isspace())
    if (run_start > sentence_start and not text[run_start - 1].isspace()
            and text[run_start - 1] not in _OPENERS):
        return False  # "J.D.A.Stainton", "x1.Foo": part of a longer dotted token
    if len(run) == 1 and (run.isupper() or run.islower()):
        return False  # an initial: "B.Arthaud"
    if any(c.isupper() for c in run[1:]) and not run.isupper():
        return False  # camelCase identifiers: "jQuery.Ajax"
    if _abbreviation_kind(text, dot, sentence_start, rules) is not None:
        return False
    following = _DOTTED_NAME.match(text, after)
    # "Example.Com/path", "Foo.Bar.baz": dotted names and paths, not two sentences.
    return not (following and re.search(r"[./@][^\W\d_]", following.group().rstrip(".:")))


def segment_document(document: Document, config: SegmentConfig | None = None) -> SegmentedDocument:
    """Cut every paragraph of a document into sentences, numbered across the document.

    Titles stay one sentence; a presegmented document (TMX, XLIFF, ...) keeps one
    sentence per paragraph. A document without any sentence is an InputError.
    """
    config = config or SegmentConfig()
    extra = configured_abbreviations(config, document.lang)
    sentences: list[Sentence] = []
    for paragraph in document.paragraphs:
        if paragraph.is_title or document.presegmented:
            spans = _whole(paragraph.text)
        else:
            spans = split_sentences(paragraph.text, document.lang, extra,
                                    split_glued=config.split_glued)
        for span in spans:
            sentences.append(Sentence(
                id=len(sentences),
                paragraph=paragraph.index,
                text=paragraph.text[span.start:span.end],
                start=span.start,
                end=span.end,
                line=paragraph.line + paragraph.text.count("\n", 0, span.start),
                glued=span.glued,
            ))
    # A segment-aligned file whose units are all untranslated has no target sentence: that
    # is a translation problem (every unit an omission), not an input error.
    if not sentences and not document.presegmented:
        raise InputError(document.path, "no sentences found")
    return SegmentedDocument(document, tuple(sentences), segmenter_signature(config, document.lang))


def segmenter_signature(config: SegmentConfig | None, lang: str) -> str:
    """SEGMENTER, plus a digest of the settings that change the cut when they differ."""
    config = config or SegmentConfig()
    extra = sorted(set(configured_abbreviations(config, lang)))
    parts = [SEGMENTER]
    if extra:
        parts.append("abbrev." + sha256("\n".join(extra).encode()).hexdigest()[:8])
    if not config.split_glued:
        parts.append("noglued")
    return "+".join(parts)


def configured_abbreviations(config: SegmentConfig, lang: str) -> tuple[str, ...]:
    """The config's extra abbreviations for ``lang``; keys may be "pt-BR", "DE", ...

    A key that is no known language is a ConfigError, not a silently ignored list.
    """
    code = get_language(lang).base
    found: list[str] = []
    for key, abbreviations in config.abbreviations.items():
        try:
            key_code = get_language(key).base
        except LanguageError as exc:
            raise ConfigError("segment.abbreviations", f"{key!r}: {exc}") from None
        if key_code == code:
            found.extend(abbreviations)
    return tuple(found)


def _whole(text: str) -> list[SentenceSpan]:
    start = _skip_space(text, 0)
    end = len(text)
    while end > start and text[end - 1].isspace():
        end -= 1
    return [SentenceSpan(start, end, False)] if end > start else []
