"""Find the named entities of an English source without a model.

Candidates are capitalised words that are not ordinary words at the start of a sentence,
split into names, titles, demonyms and organisation words with the lists in
``data/names/en.toml``. People and places are tracked; organisation names are translated
as phrases rather than transliterated, so they are tracked only when a glossary lists them.
Spellings whose phonetic keys are close are clustered into one entity, which is how the
source's own "Pezhashyan" and "Pezeshitsyan" become one person.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rapidfuzz import fuzz

from mtcheck.config import NamesConfig
from mtcheck.names.glossary import Glossary
from mtcheck.romanize import phonetic_key, romanize
from mtcheck.types import Entity, SegmentedDocument

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s?$")
# Keys shorter than this must match exactly to be clustered: Iran and Iraq are not one place.
_MIN_FUZZY_KEY = 6


@dataclass(frozen=True)
class Lexicon:
    """The source-language word lists (lower-case)."""

    common: frozenset[str]
    # Capitalised anywhere but never names: weekdays, months ("on Tuesday", "in May").
    never_names: frozenset[str]
    titles: frozenset[str]
    organisation: frozenset[str]
    geographic: frozenset[str]
    demonyms: frozenset[str]
    demonym_suffixes: tuple[str, ...]


@cache
def lexicon(lang: str = "en") -> Lexicon:
    text = resources.files("mtcheck").joinpath(f"data/names/{lang}.toml").read_text("utf-8")
    table = tomllib.loads(text)
    return Lexicon(
        common=frozenset(table["common_words"]),
        never_names=frozenset(table.get("never_names", ())),
        titles=frozenset(table["titles"]),
        organisation=frozenset(table["organisation_words"]),
        geographic=frozenset(table["geographic_words"]),
        demonyms=frozenset(table["demonyms"]),
        demonym_suffixes=tuple(table["demonym_suffixes"]),
    )


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity in a source sentence (offsets within the sentence)."""

    entity: str
    sentence_id: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Token:
    sentence_id: int
    start: int
    end: int
    text: str
    initial: bool  # first word of its sentence, or in a title, where everything may be capitalised


def _tokens(source: SegmentedDocument) -> list[list[_Token]]:
    titles = {p.index for p in source.document.paragraphs if p.is_title}
    sentences = []
    for sentence in source.sentences:
        tokens = []
        for number, match in enumerate(_WORD.finditer(sentence.text)):
            text = match.group(0)
            if "'" in text or "’" in text:
                text = _POSSESSIVE.sub("", text)
            tokens.append(_Token(sentence.id, match.start(), match.start() + len(text), text,
                                 number == 0 or sentence.paragraph in titles))
        sentences.append(tokens)
    return sentences


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _is_acronym(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _candidates(source: SegmentedDocument, words: Lexicon) -> list[list[_Token]]:
    """Runs of adjacent capitalised words that may contain names, per sentence."""
    sentences = _tokens(source)
    lower_seen = {t.text for tokens in sentences for t in tokens if not _is_capitalised(t.text)}
    capitalised_inside = {t.text for tokens in sentences for t in tokens
                           if not t.initial and _is_capitalised(t.text)}
    runs: list[list[_Token]] = []
    for tokens in sentences:
        text = source.sentences[tokens[0].sentence_id].text if tokens else ""
        run: list[_Token] = []
        for token in tokens:
            word = token.text
            keep = (_is_capitalised(word) and not _is_acronym(word)
                    and word.lower() not in words.never_names)
            if keep and token.initial and word not in capitalised_inside:
                keep = word.lower() not in words.common and word.lower() not in lower_seen
            adjacent = bool(run) and text[run[-1].end:token.start].strip() == ""
            if keep and (adjacent or not run):
                run.append(token)
                continue
            if run:
                runs.append(run)
            run = [token] if keep else []
        if run:
            runs.append(run)
    return runs


def _is_demonym(word: str, names: set[str], words: Lexicon) -> bool:
    lower = word.lower()
    if lower in words.demonyms:
        return True
    for suffix in words.demonym_suffixes:
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            stem = lower[: -len(suffix)]
            if {stem, stem + "a", stem + "ia"} & names:
                return True
    return False


def _name_spans(run: list[_Token], names: set[str], words: Lexicon) -> list[list[_Token]]:
    """The parts of a capitalised run that name people or places."""
    lowers = [t.text.lower() for t in run]
    org_positions = [i for i, w in enumerate(lowers) if w in words.organisation]
    if org_positions:
        # "Russian Security Council Secretary Shoigu": the organisation ends at its last
        # organisation word; what follows it may be a title and a name.
        run = run[org_positions[-1] + 1:]
    spans: list[list[_Token]] = []
    current: list[_Token] = []
    for token in run:
        lower = token.text.lower()
        role = (lower in words.titles or lower in words.geographic
                or _is_demonym(token.text, names, words))
        if role:
            if current:
                spans.append(current)
            current = []
        else:
            current.append(token)
    if current:
        spans.append(current)
    return spans


def _similar(first: str, second: str, threshold: float) -> bool:
    a, b = phonetic_key(romanize(first, "en")), phonetic_key(romanize(second, "en"))
    if a == b:
        return True
    if min(len(a), len(b)) < _MIN_FUZZY_KEY or a[:1] != b[:1]:
        return False
    return fuzz.ratio(a, b) >= threshold


def _slug(name: str) -> str:
    ascii_name = romanize(name, "en").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-") or "name"


def find_entities(source: SegmentedDocument, glossary: Glossary | None = None,
                  config: NamesConfig | None = None) -> tuple[Entity, ...]:
    """The people and places of the source (plus glossary entries it mentions), in order of
    first mention. Near-spellings are one entity whose ``source_forms`` keep every spelling."""
    config = config or NamesConfig()
    words = lexicon("en")
    runs = _candidates(source, words)
    single_words = {t.text.lower() for run in runs for t in run}
    spans: list[list[_Token]] = []
    for run in runs:
        spans.extend(_name_spans(run, single_words, words))

    # A full name whose word is also used alone ("Sergei Shoigu" / "Shoigu") is a mention of
    # that word's entity: translations keep the surname, not always the given name.
    alone = Counter(s[0].text for s in spans if len(s) == 1)
    forms: list[tuple[str, int, int]] = []  # (form, sentence id, start)
    for span in spans:
        used = [t for t in span if t.text in alone] if len(span) > 1 else span
        if used:
            forms.append((used[-1].text, span[0].sentence_id, used[-1].start))
        else:
            text = source.sentences[span[0].sentence_id].text[span[0].start:span[-1].end]
            forms.append((text, span[0].sentence_id, span[0].start))

    groups: list[dict[str, object]] = []
    if glossary:
        for entry in glossary.entries:
            groups.append({"id": entry.id, "name": entry.name, "glossary": True,
                           "forms": list(entry.source_forms)})
    auto_forms = list(dict.fromkeys(form for form, _, _ in forms))
    for form in auto_forms:
        home = next((g for g in groups if any(_similar(form, f, config.cluster_threshold)
                                              for f in g["forms"])),  # type: ignore[attr-defined]
                    None)
        if home is None:
            groups.append({"id": None, "name": None, "glossary": False, "forms": [form]})
        elif form not in home["forms"]:  # type: ignore[operator]
            home["forms"].append(form)  # type: ignore[attr-defined]

    provisional = [
        Entity(id=str(g["id"] or f"auto-{i}"), canonical=str(g["name"] or ""),
               source_forms=tuple(g["forms"]),  # type: ignore[arg-type]
               source_ids=(), from_glossary=bool(g["glossary"]))
        for i, g in enumerate(groups)
    ]
    mentions = find_mentions(source, provisional)
    by_entity: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_entity.setdefault(mention.entity, []).append(mention)

    entities: list[tuple[tuple[int, int], Entity]] = []
    used_ids: set[str] = set()
    for entity in provisional:
        found = by_entity.get(entity.id, [])
        if len(found) < max(1, config.min_occurrences):
            continue
        counts = Counter(m.text for m in found)
        first: dict[str, tuple[int, int]] = {}
        for m in found:
            first.setdefault(m.text, (m.sentence_id, m.start))
        spelled = sorted(counts, key=lambda f: (-counts[f], first[f]))
        canonical = entity.canonical or spelled[0]
        entity_id = entity.id if entity.from_glossary else _slug(canonical)
        while entity_id in used_ids:
            entity_id += "-2"
        used_ids.add(entity_id)
        entities.append(((found[0].sentence_id, found[0].start), Entity(
            id=entity_id, canonical=canonical, source_forms=tuple(spelled),
            source_ids=tuple(sorted({m.sentence_id for m in found})),
            from_glossary=entity.from_glossary)))
    return tuple(e for _, e in sorted(entities, key=lambda item: item[0]))


def _form_pattern(form: str) -> re.Pattern[str]:
    return re.compile(r"(?<![^\W_])" + re.escape(form) + r"(?=['’]s\b|['’](?!\w)|(?![^\W_]))")


def find_mentions(source: SegmentedDocument, entities: Sequence[Entity]) -> tuple[Mention, ...]:
    """Every occurrence of every entity's source forms, longest forms first, no overlaps."""
    forms = sorted(((f, e.id) for e in entities for f in e.source_forms),
                   key=lambda item: (-len(item[0]), item[0]))
    mentions: list[Mention] = []
    for sentence in source.sentences:
        taken: list[tuple[int, int]] = []
        text = unicodedata.normalize("NFC", sentence.text)
        for form, entity_id in forms:
            for match in _form_pattern(form).finditer(text):
                if any(match.start() < end and start < match.end() for start, end in taken):
                    continue
                taken.append((match.start(), match.end()))
                mentions.append(Mention(entity_id, sentence.id, match.start(), match.end(),
                                        match.group(0)))
    return tuple(sorted(mentions, key=lambda m: (m.sentence_id, m.start)))


def mentions_by_sentence(mentions: Iterable[Mention]) -> dict[int, list[Mention]]:
    grouped: dict[int, list[Mention]] = {}
    for mention in mentions:
        grouped.setdefault(mention.sentence_id, []).append(mention)
    return grouped
