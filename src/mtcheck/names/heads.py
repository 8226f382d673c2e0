"""Organisations told by the generic noun beside their name.

"The bank Vontobel", "банка Vontobel", "la empresa Minera Licancabur", "компания Rio
Tinto", "Swatch Group", "Uhrenkonzern Swatch": a name next to a generic noun for a firm or an
institution (``data/names/organisation_heads.toml``) is an organisation's, whatever the
shape of the name ("Bank Vontobel" looks like a person's full name) or the recogniser's
label (it tags "the bank Vontobel" as a person). The press of Cyrillic, Greek and Chinese
script commonly keeps such names as the firm writes them; a person's or a place's name left
in Latin script stays a finding (see :mod:`mtcheck.names.brands`).

The noun must stand right before the name (lower-case, except where the language
capitalises nouns) or right after it (any case: "Swatch Group" names the group), in the
source or in a translation around the rendering of the name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from mtcheck.config import NamesConfig
from mtcheck.names.brands import personal_names
from mtcheck.names.evidence import recognised_spans
from mtcheck.names.inflection import rules_for
from mtcheck.names.inventory import Mention, labels_in_translation, lexicon
from mtcheck.types import NameRendering, SegmentedDocument

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover
    import tomli as tomllib  # type: ignore[no-redef]

_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True)
class Heads:
    """One language's generic organisation nouns (see the data file)."""

    nouns: tuple[str, ...]
    compound: tuple[str, ...]
    max_ending: int
    spaced: bool  # False for scripts written without spaces (Chinese, Japanese)
    articles: frozenset[str] = frozenset()
    follows: bool = False  # a lower-case noun may follow the name


@cache
def _table() -> Mapping[str, object]:
    text = resources.files("mtcheck").joinpath(
        "data/names/organisation_heads.toml").read_text("utf-8")
    return tomllib.loads(text)


@cache
def heads_for(lang: str) -> Heads:
    table = _table()
    base = lang.replace("_", "-").split("-")[0].lower()
    nouns = table.get("heads", {})
    compound = table.get("compound", {})
    articles = table.get("articles", {})
    assert isinstance(nouns, dict) and isinstance(compound, dict) and isinstance(articles, dict)
    return Heads(tuple(nouns.get(base, ())), tuple(compound.get(base, ())),
                 int(str(table.get("max_ending", 3))), base not in {"zh", "ja"},
                 frozenset(articles.get(base, ())),
                 base in tuple(table.get("follows_name", ())))  # type: ignore[arg-type]


def _is_head(word: str, heads: Heads, before: bool, capitalises_nouns: bool) -> bool:
    """True when ``word`` is one of the nouns (or an inflected form of one, or, before the
    name, a compound ending in one where the language joins nouns)."""
    if before and word[:1].isupper() and not capitalises_nouns:
        return False  # a capitalised word before the name is part of it, or a name
    folded = word.casefold().strip("'’-")
    if any(folded.startswith(n) and len(folded) - len(n) <= heads.max_ending
           for n in heads.nouns):
        return True
    return before and any(folded.endswith(n) and len(folded) > len(n) + 2
                          for n in heads.compound)


def _beside(text: str, start: int, end: int, heads: Heads, capitalises_nouns: bool) -> bool:
    """True when a head noun stands right before ``text[start:end]`` or right after it."""
    if not heads.nouns:
        return False
    if not heads.spaced:
        left, right = text[:start].rstrip(), text[end:].lstrip()
        return any(left.endswith(n) or right.startswith(n) for n in heads.nouns)
    # The word before the name, past up to three more capitalised words of it ("the
    # company Rio Tinto" for Tinto; "Naturschutzverband Klub Przyrodników").
    cursor = start
    for _ in range(4):
        before = re.search(r"([^\W\d_][\w'’-]*)(\s+)$", text[:cursor])
        if not before:
            break
        word = before.group(1)
        if _is_head(word, heads, True, capitalises_nouns):
            return True
        if not word[:1].isupper():
            break
        cursor = before.start()
    after = _WORD.match(text[end:].lstrip(" "))
    if (after and text[end:end + 1].isspace() and (heads.follows or after.group(0)[:1].isupper())
            and _is_head(after.group(0), heads, False, capitalises_nouns)):
        return True
    # In apposition: "Kazatomprom, the state uranium company and ...", the noun closing a
    # short phrase of lower-case words (not "Sarr, a company spokesman").
    apposition = _APPOSITION.match(text[end:])
    return bool(apposition and apposition.group(1).casefold() in heads.articles
                and _is_head(apposition.group(2), heads, False, capitalises_nouns))


# A comma, an article, up to three more lower-case words, the last of which ends the
# phrase (before punctuation or a conjunction).
_APPOSITION = re.compile(r",\s+([^\W\d_]+)\s+(?:[^\W\d_][\w-]*\s+){0,2}"
                         r"([^\W\d_][\w-]*)(?=\s*[,.;:)]|\s+(?:and|that|which|who)\b|$)")


def _latin(ch: str) -> bool:
    return ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN")


def _latin_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The capitalised Latin-script words joined by spaces or hyphens around
    ``text[start:end]`` ("Rio Tinto" for the Tinto of "компания Rio Tinto")."""
    if not any(_latin(ch) for ch in text[start:end]):
        return start, end
    while start > 0 and _latin(text[start - 1]):
        start -= 1
    while start > 1 and text[start - 1] in " -":
        word = re.search(r"[^\W\d_]+$", text[:start - 1])
        if not (word and _latin(word.group(0)[0]) and word.group(0)[0].isupper()):
            break
        start = word.start()
    while end < len(text) and _latin(text[end]):
        end += 1
    while end + 1 < len(text) and text[end] in " -" and _latin(text[end + 1]) \
            and text[end + 1].isupper():
        end += 1
        while end < len(text) and _latin(text[end]):
            end += 1
    return start, end


def headed_in_source(source: SegmentedDocument,
                     mentions: Iterable[tuple[str, int, int, int]]) -> frozenset[str]:
    """Entities with a mention ``(entity, sentence id, start, end)`` beside a generic
    organisation noun of the source language."""
    heads = heads_for(source.lang)
    nouns = rules_for(source.lang).capitalises_nouns
    texts = {s.id: unicodedata.normalize("NFC", s.text) for s in source.sentences}
    return frozenset(entity for entity, sid, start, end in mentions
                     if _beside(texts.get(sid, ""), start, end, heads, nouns))


def headed_in_target(target: SegmentedDocument,
                     renderings: Iterable[NameRendering]) -> frozenset[str]:
    """Entities with a rendering beside a generic organisation noun of the translation's
    language (the whole Latin-script run around it, for a name kept as written)."""
    heads = heads_for(target.lang)
    nouns = rules_for(target.lang).capitalises_nouns
    found: set[str] = set()
    for rendering in renderings:
        text = target.sentences[rendering.sentence_id].text
        start, end = _latin_span(text, rendering.start, rendering.end)
        if _beside(text, start, end, heads, nouns):
            found.add(rendering.entity)
    return frozenset(found)


def named_organisations(source: SegmentedDocument, mentions: Sequence[Mention],
                        translations: Sequence[tuple[SegmentedDocument,
                                                     Sequence[NameRendering]]],
                        config: NamesConfig) -> frozenset[str]:
    """Entities that are organisations by the noun beside them: in the source, or in a
    translation (each given with its renderings). In a translation alone the noun may
    govern the name instead ("директор авиакомпании Solomon Desta", the airline's
    director): there it does not outweigh a recogniser that calls the name a person every
    time (it tags Rio Tinto a person once and a place once), nor a title before the name
    in an English source ("director Solomon Desta")."""
    spans = [(m.entity, m.sentence_id, m.start, m.end) for m in mentions]
    in_source = headed_in_source(source, spans)
    in_targets: set[str] = set()
    for target, renderings in translations:
        in_targets |= headed_in_target(target, renderings)
    return in_source | _labelled_text_headed(source, translations, config) | (
        frozenset(in_targets) - _only_persons(source, mentions, translations, config)
        - _titled(source, spans, config))


def _labelled_text_headed(source: SegmentedDocument,
                          translations: Sequence[tuple[SegmentedDocument,
                                                       Sequence[NameRendering]]],
                          config: NamesConfig) -> frozenset[str]:
    """For a source language no recogniser serves, entities with a rendering beside a
    generic organisation noun in the English translation, the very text whose labels
    stand in for the source's: there the noun contradicts a PERSON label of the same
    sentence ("the state-owned company Kyrgyzaltyn", tagged a person), as a noun of the
    source would."""
    if recognised_spans(source, config.use_ner) is not None:
        return frozenset()
    english = next(((t, r) for t, r in translations if t.lang.split("-")[0] == "en"), None)
    return headed_in_target(*english) if english else frozenset()


def _titled(source: SegmentedDocument, mentions: Sequence[tuple[str, int, int, int]],
            config: NamesConfig) -> frozenset[str]:
    """Entities an English source writes right after a title or before one in apposition."""
    if source.lang.split("-")[0] != "en":
        return frozenset()
    return personal_names(source, mentions, config.surname_zipf, lexicon().particles,
                          lexicon().titles, runs_too=False)


def _only_persons(source: SegmentedDocument, mentions: Sequence[Mention],
                  translations: Sequence[tuple[SegmentedDocument, Sequence[NameRendering]]],
                  config: NamesConfig) -> frozenset[str]:
    """Entities whose every recognised mention the recogniser tags PERSON (in the source,
    or in an English translation at hand for a source language it does not serve)."""
    labels = recognised_labels(source, mentions, translations, config)
    return frozenset(e for e, found in labels.items() if found == {"PERSON"})


def recognised_labels(source: SegmentedDocument, mentions: Sequence[Mention],
                      translations: Sequence[tuple[SegmentedDocument, Sequence[NameRendering]]],
                      config: NamesConfig) -> dict[str, frozenset[str]]:
    """entity id -> the recogniser's labels of the spans its mentions lie in: in the
    source, or in an English translation at hand for a source language it does not
    serve."""
    if recognised_spans(source, config.use_ner) is not None:
        return labels_in_translation(
            source, [NameRendering(m.entity, m.sentence_id, m.start, m.end, m.text, m.text)
                     for m in mentions], config)
    english = next(((t, r) for t, r in translations if t.lang.split("-")[0] == "en"), None)
    return labels_in_translation(english[0], english[1], config) if english else {}
