"""Find the named entities of a source document from evidence, not from capital letters.

Candidates are capitalised words (in English, not ordinary words at the start of a
sentence), split into names, titles, demonyms and organisation words with the lists in
``data/names/en.toml`` for English sources. A candidate is kept only with evidence (see
:mod:`mtcheck.names.evidence`): a named-entity recogniser, data (glossary, CLDR territories
and cities, geonames), English mid-sentence capitalisation, or rarity in the source
language; German nouns, all capitalised, are kept only when rare or a known place.
Multi-word names a recogniser or the place data give are kept whole ("Czech Republic").
Spellings whose phonetic keys are close are clustered into one entity, which is how the
source's own "Pezhashyan" and "Pezeshitsyan" become one person.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from rapidfuzz import fuzz

from mtcheck.config import NamesConfig
from mtcheck.frequency import zipf
from mtcheck.names import places
from mtcheck.names.evidence import Evidence, covered, is_common, recognised_spans
from mtcheck.names.glossary import Glossary
from mtcheck.names.inflection import InflectionRules, rules_for
from mtcheck.recogniser import Spans
from mtcheck.romanize import romanize, sound_key
from mtcheck.types import Entity, NameRendering, SegmentedDocument

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
    # Lower-case particles inside personal names ("de" of "Maarten de Vries").
    particles: frozenset[str] = frozenset()
    # Titles that a portfolio precedes ("Energy Minister", "Health Secretary").
    portfolio_titles: frozenset[str] = frozenset()
    # Particles joined to a name by a hyphen (the "al-" of "al-Harthy").
    joined_particles: frozenset[str] = frozenset()


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
        particles=frozenset(table.get("name_particles", ())),
        portfolio_titles=frozenset(table.get("portfolio_titles", ())),
        joined_particles=frozenset(table.get("joined_particles", ())),
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


# Recogniser labels of a person: the only names whose hyphenated parts may be lower-case.
_PERSON_LABELS = frozenset({"PERSON"})


def _tokens(source: SegmentedDocument, ner: Spans | None = None) -> list[list[_Token]]:
    titles = {p.index for p in source.document.paragraphs if p.is_title}
    particles = lexicon().particles
    sentences = []
    for sentence in source.sentences:
        tokens = []
        people = [(s, e) for s, e, label in (ner[sentence.id] if ner is not None else ())
                  if label in _PERSON_LABELS]
        for number, match in enumerate(_WORD.finditer(sentence.text)):
            text = match.group(0)
            if "'" in text or "’" in text:
                text = _POSSESSIVE.sub("", text)
            # A name joined to a lower-case word is the name in a compound adjective
            # ("Dhaka-based", "Kremlin-backed"): the name is the part before it.
            # A particle between two capitalised parts is no such word: La
            # Chaux-de-Fonds, Aix-en-Provence. Nor is the second syllable of an East Asian
            # given name written in lower case, where the recogniser's person spans the
            # whole word (Kuo Ting-wei, Moon Jae-in).
            parts = text.split("-")
            lower = next((i for i, part in enumerate(parts) if i and part[:1].islower()
                          and not (part in particles and i + 1 < len(parts)
                                   and parts[i + 1][:1].isupper())), None)
            whole = any(s <= match.start() and match.start() + len(text) <= e
                        for s, e in people)
            if lower is not None and not whole:
                text = "-".join(parts[:lower])
            tokens.append(_Token(sentence.id, match.start(), match.start() + len(text), text,
                                 number == 0 or sentence.paragraph in titles))
        sentences.append(tokens)
    return sentences


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() or _particle_joined(word)


def _particle_joined(word: str) -> bool:
    """True for a name whose lower-case particle is joined to it by a hyphen: the Arabic
    article of "Hamad bin Saif al-Rawahi", "Laila al-Harthy", "Nasr ad-Din" (written
    capitalised, Al-Rawahi, where it opens a sentence)."""
    head, _, rest = word.partition("-")
    return bool(rest) and rest[:1].isupper() and head in lexicon().joined_particles


def _without_article(form: str) -> str:
    """``form`` less a name particle joined to it by a hyphen: al-Amri, Al-Amri → Amri."""
    head, _, rest = form.partition("-")
    return rest if rest[:1].isupper() and head.lower() in lexicon().joined_particles else form


def _capitalised_form(word: str) -> str:
    """``word`` as written where it opens a sentence: al-Rawahi → Al-Rawahi."""
    return word[:1].upper() + word[1:] if _particle_joined(word) else word


def _is_acronym(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _english(lang: str) -> bool:
    return lang.split("-")[0] == "en"


def _capitals_mark_names(lang: str) -> bool:
    """True for a source language that capitalises names but not nouns inside a sentence
    (English, Spanish, French, Russian ...: known by its inflection data); not German."""
    if _english(lang):
        return True
    rules = rules_for(lang)
    return rules != InflectionRules(lang=rules.lang) and not rules.capitalises_nouns


# Recogniser labels whose multi-word spans are one name even across lower-case words
# ("the Democratic Republic of the Congo"), and those of organisations, whose common words
# ("East African Community") are translated as phrases, not transliterated.
_WHOLE_LABELS = frozenset({"GPE", "LOC"})
_PHRASE_LABELS = frozenset({"ORG", "FAC"})
# Nationalities and other adjectives derived from names.
_ADJECTIVE_LABELS = frozenset({"NORP"})


def _in_phrase_name(spans: Sequence[tuple[int, int, str]], token: _Token, text: str) -> bool:
    """True inside a recognised organisation name of two or more words."""
    return any(start <= token.start and token.end <= end and label in _PHRASE_LABELS
               and " " in text[start:end].strip() for start, end, label in spans)


def _place_words(tokens: list[_Token], text: str, lang: str,
                 spans: Sequence[tuple[int, int, str]] = ()) -> dict[int, int]:
    """token index -> end index (exclusive) of a multi-word place name starting there: a
    CLDR/geonames name, or a recognised place spanning lower-case words."""
    found: dict[int, int] = {}
    for start, end, label in spans:
        if label not in _WHOLE_LABELS:
            continue
        inside = [i for i, t in enumerate(tokens) if start <= t.start and t.end <= end]
        while inside and not _is_capitalised(tokens[inside[0]].text):
            inside.pop(0)  # "the" of "the Democratic Republic of the Congo"
        if len(inside) >= 2 and _is_capitalised(tokens[inside[-1]].text):
            found[inside[0]] = inside[-1] + 1
    for i in range(len(tokens)):
        for length in (3, 2):
            j = i + length
            if j > len(tokens) or not all(_is_capitalised(t.text) for t in tokens[i:j]):
                continue
            phrase = text[tokens[i].start:tokens[j - 1].end]
            if places.is_territory(places.lookup(phrase, lang)):
                found[i] = j
                break
    return found


def _candidates(source: SegmentedDocument, words: Lexicon | None,
                config: NamesConfig) -> list[list[_Token]]:
    """Runs of adjacent capitalised words that may contain names, per sentence.

    A word at the start of a sentence (or in a title, or in any position of a language that
    capitalises nouns) needs evidence to be kept: a recogniser's span, a place name, or
    rarity in the source language.
    """
    lang = source.lang
    ner = recognised_spans(source, config.use_ner)
    sentences = _tokens(source, ner)
    english = words is not None and _english(lang)
    names_capitalised = _capitals_mark_names(lang)
    nouns_capitalised = rules_for(lang).capitalises_nouns
    # Name particles are the same in names of every source language ("de" of "Vallée de
    # Joux" in a German text).
    particles = words.particles if words is not None else lexicon().particles
    lower_seen = {t.text for tokens in sentences for t in tokens if not _is_capitalised(t.text)}
    capitalised_inside = ({t.text for tokens in sentences for t in tokens
                           if not t.initial and _is_capitalised(t.text)} if english else set())
    runs: list[list[_Token]] = []
    for tokens in sentences:
        sid = tokens[0].sentence_id if tokens else 0
        text = source.sentences[sid].text if tokens else ""
        spans = ner[sid] if ner is not None else ()
        multi = _place_words(tokens, text, lang, spans)
        forced_until = -1
        run: list[_Token] = []
        for index, token in enumerate(tokens):
            word = token.text
            if index in multi:
                forced_until = multi[index]
            forced = index < forced_until
            keep = forced or (_is_capitalised(word) and not _is_acronym(word)
                              and (words is None or word.lower() not in words.never_names))
            if keep and not forced:
                place = places.is_territory(places.lookup(word, lang))
                rare = (nouns_capitalised and _double_name(word, lang, config.rare_zipf)) or (
                    zipf(word.lower(), lang) < config.rare_zipf)
                if not place and not rare and _in_phrase_name(spans, token, text):
                    keep = False  # "Energy" of "International Energy Agency"
                if zipf(word.lower(), lang) >= config.adjective_zipf and any(
                        s <= token.start and token.end <= e and label in _ADJECTIVE_LABELS
                        for s, e, label in spans):
                    keep = False  # Swedish, Kenyan, Andean: adjectives, not names
                evidence = (covered(spans, token.start, token.end) is not None or place or rare)
                if english and words is not None:
                    if token.initial and word not in capitalised_inside:
                        keep = (keep and word.lower() not in words.common
                                and word.lower() not in lower_seen and evidence)
                else:
                    # Where every noun is capitalised, a city of the place data is a
                    # candidate too, even with a common name (München): whether it is
                    # tracked is for the translations to say (mtcheck.names.agreement).
                    city = (zipf(word.lower(), lang) < config.function_zipf
                            and bool(places.lookup(word, lang)))  # not "Die" (Die, Drôme)
                    # Where only names are capitalised (Spanish, French), a capital inside
                    # a sentence makes a candidate as in English ("San Pedro", not "San").
                    if not (names_capitalised and not token.initial):
                        keep = keep and (evidence or city) and word.lower() not in lower_seen
            adjacent = bool(run) and text[run[-1].end:token.start].strip() == ""
            if keep and (adjacent or not run):
                run.append(token)
                continue
            # A particle between two capitalised words joins them into one name. Where
            # every noun is capitalised (German), only between two rare words: a foreign
            # name ("Vallée de Joux"), not a noun and its complement.
            if (not keep and adjacent and word in particles and index + 1 < len(tokens)
                    and _is_capitalised(tokens[index + 1].text)
                    and run[-1].text not in particles
                    and (words is not None or (nouns_capitalised and all(
                        zipf(t.text.lower(), lang) < config.rare_zipf
                        for t in (run[-1], tokens[index + 1]))))):
                run.append(token)
                continue
            if run:
                runs.append(_without_trailing_particles(run, particles))
            run = [token] if keep else []
        if run:
            runs.append(_without_trailing_particles(run, particles))
    return [r for r in runs if r]


# Zipf of a word seen once in a billion: two words' frequencies multiply (their Zipf
# figures add) less this, under independence.
_PER_BILLION = 9.0


def _double_name(word: str, lang: str, threshold: float) -> bool:
    """True for a hyphen-joined word of capitalised parts rarer together than
    ``threshold`` (Gruber-Steinbach: two surnames of Zipf 3.6 and 3.7). Word-frequency data
    reads such a word as its parts, about as frequent as the rarer one; the two together
    are far rarer, as rare as a name. Only where every noun is capitalised: elsewhere a
    capital inside a sentence makes a candidate already."""
    parts = word.split("-")
    if len(parts) < 2 or not all(_is_capitalised(p) and not _is_acronym(p) for p in parts):
        return False
    together = sum(zipf(p.lower(), lang) for p in parts) - _PER_BILLION * (len(parts) - 1)
    return together < threshold


def _without_trailing_particles(run: list[_Token], particles: frozenset[str]) -> list[_Token]:
    while run and run[-1].text in particles:
        run = run[:-1]
    return run


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


def _name_spans(run: list[_Token], names: set[str], words: Lexicon,
                common: Callable[[str], bool] = lambda word: False) -> list[list[_Token]]:
    """The parts of a capitalised run that name people or places.

    Common words (``common``: frequent and no place) directly before a title that takes a
    portfolio (``portfolio_titles``) name the portfolio, not a person: "Energy" of "Energy
    Minister Hamad bin Saif al-Rawahi", "Health Secretary", "Economy Minister"; translations
    render them by meaning (ministre de l'Énergie), never as a name. Before any other title
    a common word may be a firm's name ("Shell Chief Executive ...") and stays.
    """
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
            portfolio = lower in words.portfolio_titles and all(common(t.text) for t in current)
            if current and not portfolio:
                spans.append(current)
            current = []
        else:
            current.append(token)
    if current:
        spans.append(current)
    return spans


def _whole_or_parts(source: SegmentedDocument, run: list[_Token], names: set[str],
                    words: Lexicon | None, ner: object,
                    config: NamesConfig | None = None) -> list[list[_Token]]:
    """A run the recogniser or the place data give as one name stays whole ("Czech
    Republic", "Sergei Shoigu"); any other run is split into its name parts."""
    text = source.sentences[run[0].sentence_id].text
    phrase = text[run[0].start:run[-1].end]
    if len(run) > 1 and places.is_territory(places.lookup(phrase, source.lang)):
        return [run]
    if words is None:
        return [_without_leading_compounds(run, source.lang)]
    spans = ner[run[0].sentence_id] if isinstance(ner, tuple) else ()
    if len(run) > 1 and spans:
        whole = covered(spans, run[0].start, run[-1].end)
        label = next((lab for s, e, lab in spans if (s, e) == whole), "")
        if whole and label in {"GPE", "LOC"} and not any(
                t.text.lower() in words.titles for t in run):
            return [run]
    rare_zipf = (config or NamesConfig()).rare_zipf

    def common(word: str) -> bool:
        return (zipf(word.lower(), source.lang) >= rare_zipf
                and not places.is_territory(places.lookup(word, source.lang)))

    return _name_spans(run, names, words, common)


# Where every noun is capitalised, a title written as a compound before a name
# (Infrastrukturminister Dariusz Klimczak, Stadtpräsidentin Hanna Zdanowska) is rare as a
# whole but ends in a common word: its tail has at least this many letters and a Zipf
# frequency of at least _COMPOUND_TAIL_ZIPF, and the part before it at least three letters.
_COMPOUND_TAIL = 5
_COMPOUND_TAIL_ZIPF = 3.0


def _common_compound(word: str, lang: str) -> bool:
    lower = word.lower()
    return any(zipf(lower[cut:], lang) >= _COMPOUND_TAIL_ZIPF
               for cut in range(3, len(lower) - _COMPOUND_TAIL + 1))


def _without_leading_compounds(run: list[_Token], lang: str) -> list[_Token]:
    """The run less the compounds of common words that lead it, in a language that
    capitalises nouns: the name is what follows the title."""
    if not rules_for(lang).capitalises_nouns:
        return run
    while len(run) > 1 and _common_compound(run[0].text, lang):
        run = run[1:]
    return run


def _similar(first: str, second: str, threshold: float, lang: str = "en",
             place_threshold: float = 100.0) -> bool:
    """True when two source spellings are one name: the same phonetic key, or close keys
    where one spelling is unknown to word-frequency data (a misspelling or an ad-hoc
    transliteration, Pezhashyan / Pezeshitsyan). Two established names with close keys are
    two places (Makalu / Manaslu).

    A spelling that the place data (CLDR, geonames) knows in ``lang`` is established too: a
    second spelling of it that the data does not know is the same place only when its key is
    within ``place_threshold`` (Islamabat / Islamabad); one that shares no more than the
    first syllables with it is another name made from it (Kyrgyzaltyn, a company, beside
    Kirghizstan); so are spellings of two different places."""
    # The article every name of a family of names carries (al-Amri, al-Harthy) says nothing
    # of whether two spellings are one name: only what follows it is compared.
    first, second = _without_article(first), _without_article(second)
    a, b = sound_key(first, "en"), sound_key(second, "en")
    if a == b:
        return True
    if min(len(a), len(b)) < _MIN_FUZZY_KEY or a[:1] != b[:1]:
        return False
    ratio = fuzz.ratio(a, b)
    if ratio < threshold:
        return False
    known = set(places.lookup(first, lang)), set(places.lookup(second, lang))
    if ratio < place_threshold and (bool(known[0]) != bool(known[1])
                                    or (not known[0] & known[1] and known[0])):
        return False
    return any(max(zipf(w.lower(), lang), zipf(w.lower(), "en")) == 0.0
               for form in (first, second) for w in form.split())


def _slug(name: str) -> str:
    ascii_name = romanize(name, "en").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-") or "name"


def find_entities(source: SegmentedDocument, glossary: Glossary | None = None,
                  config: NamesConfig | None = None) -> tuple[Entity, ...]:
    """The people and places of the source (plus glossary entries it mentions), in order of
    first mention. Near-spellings are one entity whose ``source_forms`` keep every spelling."""
    config = config or NamesConfig()
    words = lexicon("en") if _english(source.lang) else None
    runs = _candidates(source, words, config)
    single_words = {t.text.lower() for run in runs for t in run}
    ner = recognised_spans(source, config.use_ner)
    spans: list[list[_Token]] = []
    for run in runs:
        spans.extend(_whole_or_parts(source, run, single_words, words, ner, config))

    # A full name whose word is also used alone ("Sergei Shoigu" / "Shoigu") is a mention of
    # that word's entity: translations keep the surname, not always the given name.
    # Likewise a full name whose last words are used alone ("Rodrigo Aguirre Paredes" /
    # "Aguirre Paredes").
    def span_text(span: list[_Token]) -> str:
        return source.sentences[span[0].sentence_id].text[span[0].start:span[-1].end]

    alone = Counter(_capitalised_form(s[0].text) for s in spans if len(s) == 1)
    # A later word of a full name that opens a sentence elsewhere, where a capital is no
    # evidence ("Echeverría añadió ..." after "Rodrigo Echeverría Lagos"), is used alone too.
    openers = {tokens[0].text for tokens in _tokens(source) if tokens and tokens[0].initial}
    alone.update(t.text for s in spans if len(s) > 1 for t in s[1:]
                 if t.text in openers and t.text not in alone and len(t.text) >= 4)
    alone_phrases = {span_text(s) for s in spans if len(s) > 1}
    forms: list[tuple[str, int, int]] = []  # (form, sentence id, start)
    for span in spans:
        tail = next((span[i:] for i in range(1, len(span) - 1)
                     if span_text(span[i:]) in alone_phrases), None)
        used = ([t for t in span if _capitalised_form(t.text) in alone] if len(span) > 1
                else span)
        if tail:
            forms.append((span_text(tail), span[0].sentence_id, tail[0].start))
        elif used:
            forms.append((used[-1].text, span[0].sentence_id, used[-1].start))
        else:
            forms.append((span_text(span), span[0].sentence_id, span[0].start))

    groups: list[dict[str, object]] = []
    if glossary:
        for entry in glossary.entries:
            groups.append({"id": entry.id, "name": entry.name, "glossary": True,
                           "forms": list(entry.source_forms)})
    auto_forms = list(dict.fromkeys(form for form, _, _ in forms))
    # Where every noun is capitalised, rare compounds abound (Südostsporn / Südwestsporn):
    # only close spellings are one name there.
    cluster = (max(config.cluster_threshold, config.weak_match_threshold)
               if rules_for(source.lang).capitalises_nouns else config.cluster_threshold)
    for form in auto_forms:
        home = next((g for g in groups if any(_similar(form, f, cluster, source.lang,
                                                       config.place_cluster_threshold)
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
    ordered = tuple(e for _, e in sorted(entities, key=lambda item: item[0]))
    return _without_names_of_organisations(source, ordered, ner)


def _without_names_of_organisations(source: SegmentedDocument, entities: tuple[Entity, ...],
                                    ner: object) -> tuple[Entity, ...]:
    """The entities less place names that the source writes only inside a longer
    organisation's or facility's name while it writes the place itself otherwise: the
    "Tanger" of "Tanger Med" (a port) beside "Tangier" (the city) is a word of the port's
    name, which translations keep as it is (Tânger, but "Tanger Med"), not a second
    spelling of the city."""
    if not isinstance(ner, tuple):
        return entities
    keys = {e.id: place_keys(e, source.lang) for e in entities}
    inside: dict[str, bool] = {}
    for mention in find_mentions(source, entities):
        text = source.sentences[mention.sentence_id].text
        within = any(
            start <= mention.start and mention.end <= end and label in _PHRASE_LABELS
            and _longer_name(text[start:end], mention.text)
            for start, end, label in ner[mention.sentence_id])
        inside[mention.entity] = inside.get(mention.entity, True) and within
    dropped = {e.id for e in entities if inside.get(e.id) and keys[e.id] and not e.from_glossary
               and any(o.id != e.id and set(keys[o.id]) & set(keys[e.id])
                       and not set(o.source_forms) & set(e.source_forms) for o in entities)}
    return tuple(e for e in entities if e.id not in dropped)


def _longer_name(span: str, word: str) -> bool:
    """True when the recogniser's span holds a capitalised word besides ``word``."""
    return any(w != word and w[:1].isupper() for w in _WORD.findall(span))


@lru_cache(maxsize=64)
def _forms_pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for every form, longest first, so that a sentence is searched once."""
    alternatives = "|".join(re.escape(f) for f in forms)
    return re.compile(r"(?<![^\W_])(?:" + alternatives
                      + r")(?=['’]s\b|['’](?!\w)|(?![^\W_]))")


def find_mentions(source: SegmentedDocument, entities: Sequence[Entity]) -> tuple[Mention, ...]:
    """Every occurrence of every entity's source forms, longest forms first, no overlaps.

    All forms are compiled into one pattern (once per entity set) and each sentence is
    searched once: the stage stays linear in the length of the document.
    """
    owner: dict[str, str] = {}
    for entity in entities:
        for form in entity.source_forms:
            owner.setdefault(form, entity.id)
    if not owner:
        return ()
    pattern = _forms_pattern(tuple(sorted(owner, key=lambda f: (-len(f), f))))
    mentions: list[Mention] = []
    for sentence in source.sentences:
        text = unicodedata.normalize("NFC", sentence.text)
        for match in pattern.finditer(text):
            mentions.append(Mention(owner[match.group(0)], sentence.id, match.start(),
                                    match.end(), match.group(0)))
    return tuple(mentions)


def mentions_by_sentence(mentions: Iterable[Mention]) -> dict[int, list[Mention]]:
    grouped: dict[int, list[Mention]] = {}
    for mention in mentions:
        grouped.setdefault(mention.sentence_id, []).append(mention)
    return grouped


def entity_evidence(source: SegmentedDocument, entities: Sequence[Entity],
                    config: NamesConfig | None = None) -> dict[str, Evidence]:
    """entity id -> the strongest evidence that it is a name (see :class:`Evidence`)."""
    config = config or NamesConfig()
    lang = source.lang
    ner = recognised_spans(source, config.use_ner)
    names_capitalised = _capitals_mark_names(lang)
    result: dict[str, Evidence] = {}
    by_entity: dict[str, list[Mention]] = {}
    for mention in find_mentions(source, entities):
        by_entity.setdefault(mention.entity, []).append(mention)
    titles = {p.index for p in source.document.paragraphs if p.is_title}
    for entity in entities:
        if entity.from_glossary:
            result[entity.id] = Evidence.GLOSSARY
            continue
        mentions = by_entity.get(entity.id, [])
        common = (any(is_common(f, lang, config.rare_zipf) for f in entity.source_forms)
                  or _plural_in_common_phrase(source, entity, mentions, config))
        inside = names_capitalised and any(not _sentence_start(source, m) for m in mentions)
        # Only in English, where the recogniser and word lists set common words of
        # institutions apart ("University"), does a capital make a common city name a
        # place (Spanish Universidad, Palacio, Sur are cities too).
        english_inside = inside and _english(lang)
        # A recogniser reads a headline's capitals as names ("Nordic" in "... at Nordic
        # world championships"): a common word it tags only in a title is no evidence.
        recognised = ner is not None and any(
            _recognised(ner[m.sentence_id], m, source) for m in mentions
            if not (common and source.sentences[m.sentence_id].paragraph in titles))
        keys = place_keys(entity, lang)
        # A country or a time-zone city is a name wherever it stands; a geonames city with a
        # common name (Essen, Nice) only with other evidence (recognised, or capitalised
        # inside an English sentence).
        if keys and (places.is_territory(keys) or not common or recognised or english_inside):
            result[entity.id] = Evidence.DATA
        elif recognised:
            result[entity.id] = Evidence.NER
        elif inside and not common:
            result[entity.id] = Evidence.CAPITALISED
        else:
            result[entity.id] = Evidence.WEAK
    return result


def _common_or_plural(word: str, lang: str, threshold: float) -> bool:
    """True when ``word`` is a frequent word of ``lang``, or the plural of one by the
    language's plural endings (Pescas of pesca "fishing"): wordfreq counts forms apart, and
    a plural is rarer than its singular without being any more a name."""
    folded = word.casefold()
    return zipf(folded, lang) >= threshold or any(
        folded.endswith(ending) and len(folded) - len(ending) >= 3
        and zipf(folded[:-len(ending)], lang) >= threshold
        for ending in rules_for(lang).plural_suffixes)


_PHRASE_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _plural_in_common_phrase(source: SegmentedDocument, entity: Entity,
                             mentions: Sequence[Mention], config: NamesConfig) -> bool:
    """True when every form of the entity is the plural of a frequent word of the source
    language and every mention stands in a run of two or more capitalised words, joined by
    frequent lower-case words (da, e, of), all of them frequent or plurals of frequent
    words: a word of an institution's name made of common words ("Ministério da
    Agricultura e Pescas"), which translators translate (Fisheries, Fischerei), not a
    name. A surname that is such a plural (Santos, Torres) stands beside a rare given name
    or surname, or alone."""
    lang = source.lang
    if not mentions or not rules_for(lang).plural_suffixes or not all(
            _common_or_plural(f, lang, config.rare_zipf) for f in entity.source_forms):
        return False
    for mention in mentions:
        words = list(_PHRASE_WORD.finditer(source.sentences[mention.sentence_id].text))
        at = next((i for i, w in enumerate(words) if w.start() == mention.start), None)
        if at is None:
            return False
        run = [words[at].group(0)]
        for step in (-1, 1):
            i = at + step
            while 0 <= i < len(words):
                word = words[i].group(0)
                if word[:1].isupper():
                    run.append(word)
                elif zipf(word.casefold(), lang) < config.function_zipf:
                    break
                i += step
        if len(run) < 2 or not all(_common_or_plural(w, lang, config.rare_zipf) for w in run):
            return False
    return True


def organisations(source: SegmentedDocument, entities: Sequence[Entity],
                  config: NamesConfig | None = None) -> frozenset[str]:
    """Entities the recogniser tags as whole organisation names (SunPesa, Siemens): often
    kept in Latin script by translations into other scripts."""
    config = config or NamesConfig()
    ner = recognised_spans(source, config.use_ner)
    if ner is None:
        return frozenset()
    found = set()
    for mention in find_mentions(source, entities):
        text = source.sentences[mention.sentence_id].text
        for start, end, label in ner[mention.sentence_id]:
            name = text[start:end]
            name = name[4:] if name.lower().startswith("the ") else name
            if label in _PHRASE_LABELS and name == mention.text:
                found.add(mention.entity)
    return frozenset(found)


def persons(source: SegmentedDocument, entities: Sequence[Entity],
            config: NamesConfig | None = None) -> frozenset[str]:
    """Entities the recogniser tags as a person in one of their mentions: a person's name
    left in Latin script in a non-Latin translation is an error even where translators
    keep brands so."""
    config = config or NamesConfig()
    ner = recognised_spans(source, config.use_ner)
    if ner is None:
        return frozenset()
    # A place the recogniser tags as itself elsewhere is no person for lying inside a
    # longer span it tags PERSON (the Ghana of "A Rocha Ghana", an organisation).
    whole: set[str] = set()
    inside: set[str] = set()
    placed: set[str] = set()
    for mention in find_mentions(source, entities):
        for start, end, label in ner[mention.sentence_id]:
            if not (start <= mention.start and mention.end <= end):
                continue
            exact = (start, end) == (mention.start, mention.end)
            if label == "PERSON":
                (whole if exact else inside).add(mention.entity)
            elif label in _WHOLE_LABELS and exact:
                placed.add(mention.entity)
    return frozenset(whole | (inside - placed))


# Recogniser labels of names a translation may keep whole as a brand (its labels are
# imperfect: Samudera Indonesia, a shipping line, comes out as a GPE); never a person's.
_KEPT_LABELS = frozenset({"ORG", "FAC", "GPE", "LOC", "PRODUCT", "WORK_OF_ART", "EVENT"})


def labels_in_translation(target: SegmentedDocument, renderings: Sequence[NameRendering],
                          config: NamesConfig | None = None) -> dict[str, frozenset[str]]:
    """entity id -> the recogniser's labels of the spans its renderings in ``target`` lie
    in. Where the source has no recogniser and a translation at hand is in English, its
    labels say which names are organisations (kept in Latin script by some press) and
    which are people."""
    config = config or NamesConfig()
    ner = recognised_spans(target, config.use_ner)
    if ner is None:
        return {}
    labels: dict[str, set[str]] = {}
    for rendering in renderings:
        for start, end, label in ner[rendering.sentence_id]:
            if start <= rendering.start and rendering.end <= end:
                labels.setdefault(rendering.entity, set()).add(label)
    return {entity: frozenset(found) for entity, found in labels.items()}


def organisation_phrases(source: SegmentedDocument,
                         config: NamesConfig | None = None) -> frozenset[str]:
    """Casefolded names of two or more words, other than persons', that the recogniser finds
    in the source (Doğuş Group, Samudera Indonesia): a translation that copies one whole
    keeps a brand as it is, and another name inside it is no name left in Latin script."""
    config = config or NamesConfig()
    ner = recognised_spans(source, config.use_ner)
    if ner is None:
        return frozenset()
    found = set()
    for sentence, spans in zip(source.sentences, ner, strict=True):
        for start, end, label in spans:
            name = sentence.text[start:end].strip()
            name = name[4:] if name.lower().startswith("the ") else name
            if label in _KEPT_LABELS and " " in name:
                found.add(name.casefold())
    return frozenset(found)


def _recognised(spans: Sequence[tuple[int, int, str]], mention: Mention,
                source: SegmentedDocument) -> bool:
    """True when the recogniser tags the mention as a person or place, or as a whole
    organisation name (Norfund; not the "Energy" of "International Energy Agency")."""
    text = source.sentences[mention.sentence_id].text
    for start, end, label in spans:
        if start <= mention.start and mention.end <= end and label not in _ADJECTIVE_LABELS:
            if label not in _PHRASE_LABELS:
                return True
            name = text[start:end]
            name = name[4:] if name.lower().startswith("the ") else name
            if name == mention.text:
                return True
    return False


def _sentence_start(source: SegmentedDocument, mention: Mention) -> bool:
    before = source.sentences[mention.sentence_id].text[:mention.start]
    return not any(ch.isalpha() for ch in before)


def place_keys(entity: Entity, lang: str) -> tuple[str, ...]:
    """The places (see :mod:`mtcheck.names.places`) the entity's source spellings name."""
    keys: list[str] = []
    for form in (entity.canonical, *entity.source_forms):
        keys.extend(places.lookup(form, lang))
    return tuple(dict.fromkeys(keys))
