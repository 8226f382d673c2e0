"""A name a Latin-script translation copies from a Latin-script source with a slip.

Between two texts in Latin script a name is copied, not transliterated: where the source
writes "Murugesu" and the other Latin-script translations all write "Murugesu" in the
same sentence, a translation writing "Murugessu" there has one spelling of its own, even
when it mentions the name only once (so no second spelling inside it shows the slip).
The other translations are the evidence: a convention of the target language
(German Michail for Mikhail, Kenia for Kenya) is a spelling the others do not share
with the source, or a standard form of a place, and is never reported. A letter off
counts in people's names only: places and things have exonyms the data do not list
(Trentin, Tibete) and spellings of the target language (Rkaziteli); an accent lost
(Gobekli for Göbekli) counts in every name.

Each word of the name is looked at, with the capitalised words around the mention (the
given names of "Mohamed Ali Ben Salah", where the tracked name is "Ben Salah"): a
rare word of the source (not a common word such as Prime or Minister) missing from the
aligned target sentences, where one word there is a letter off it (or two, when long;
never an inflected or derived form: see :func:`mtcheck.names.variants.letter_slip`) or
the same letters with other accents (Gobekli for Göbekli).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence

from mtcheck.checks import describe_sentences
from mtcheck.frequency import zipf
from mtcheck.languages import script_of
from mtcheck.names.inventory import find_mentions, lexicon
from mtcheck.names.variants import letter_slip
from mtcheck.types import (
    Alignment,
    Entity,
    Finding,
    NameVariant,
    SegmentedDocument,
    Severity,
    TextSpan,
)

# A word this frequent in the source language is a common word (Prime, Minister), which
# translations translate: only rarer words are names to copy.
_COMMON_ZIPF = 4.0
# A form the translation writes this often, and never the source's, is its own.
_USUAL = 2
# Words this short (Ali, Van) are left alone: a letter there is too much of the word.
_MIN_LETTERS = 4
_WORD = re.compile(r"[^\W\d_]+")
# A hyphenated name of capitalised parts (Constantinescu-Pop).
_COMPOUND = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)+(?![\w-])")


def _unaccented(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def name_words(text: str, start: int, end: int,
               particles: Collection[str] = ()) -> tuple[str, ...]:
    """The capitalised words of the name run around ``text[start:end]`` (the mention):
    its own words and the capitalised words joined to it, across lower-case name
    ``particles`` (Ana Luísa Ferreira da Costa)."""
    run: list[tuple[str, int]] = []
    for match in _WORD.finditer(text):
        word = match.group(0)
        joined = not run or not text[run[-1][1]:match.start()].strip(" -‐")
        if word[:1].isupper():
            if not joined and run and run[-1][1] < start:
                run = []  # a stretch before the mention, apart from it
            elif not joined:
                break  # the mention's stretch has ended
            run.append((word, match.end()))
        elif word in particles and run and joined:
            run.append((word, match.end()))
        elif run and run[-1][1] >= end:
            break
        else:
            run = []
    return tuple(w for w, _ in run if w[:1].isupper())


def accent_slip(first: str, second: str) -> bool:
    """``second`` is ``first`` with an accent lost (Göbekli / Gobekli). One added is the
    target language's orthography (Semipalatinsk / Semipalátinsk), not a slip."""
    return (first != second and _unaccented(first) == _unaccented(second)
            and len(unicodedata.normalize("NFD", second)) < len(unicodedata.normalize("NFD", first)))


# Letters and digraphs that Latin-script languages write one sound with (Daniyar /
# Daniiar, Yerlan / Jerlan, Vladimir / Wladimir, Shams / Schams, Mikhail / Michail,
# Rkatsiteli / Rkaziteli): forms that meet once each is folded to one letter differ by a
# transliteration convention, not by a slip. Longer digraphs first.
_CONVENTIONS = (("tsch", "s"), ("sch", "s"), ("sh", "s"), ("kh", "x"), ("ch", "x"),
                ("ts", "s"), ("tz", "s"), ("z", "s"), ("y", "i"), ("j", "i"), ("w", "v"),
                ("c", "k"), ("q", "k"))


def _conventional(word: str) -> str:
    folded = word.casefold()
    for letters, sound in _CONVENTIONS:
        folded = folded.replace(letters, sound)
    return folded


def convention(first: str, second: str) -> bool:
    """True when two different forms meet once the letters and digraphs of one sound are
    folded alike (see ``_CONVENTIONS``)."""
    return first != second and _conventional(first) == _conventional(second)


def _usual(written: str, word: str, target: SegmentedDocument) -> bool:
    """True when the translation writes ``written`` in two sentences or more and never
    ``word``: its own form of the name (Evereste for Everest), not a slip."""
    sentences = [s.text for s in target.sentences]
    return (sum(_written(written, text) for text in sentences) >= _USUAL
            and not any(_written(word, text) for text in sentences))


def _words(text: str) -> list[tuple[str, int, int]]:
    words = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]
    return words + [(m.group(0), m.start(), m.end()) for m in _COMPOUND.finditer(text)]


def _short_part_compounds(sentence: str, words: Collection[str]) -> tuple[str, ...]:
    """The hyphenated names of ``sentence`` made of ``words`` that have a part too short
    to be judged alone (the Pop of Constantinescu-Pop): judged whole, where a letter is
    not too much of the word."""
    return tuple(dict.fromkeys(
        m.group(0) for m in _COMPOUND.finditer(sentence)
        if all(part in words for part in m.group(0).split("-"))
        and any(len(part) < _MIN_LETTERS for part in m.group(0).split("-"))))


def _written(word: str, text: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text) is not None


def _targets_of(alignment: Alignment) -> dict[int, tuple[int, ...]]:
    out: dict[int, tuple[int, ...]] = {}
    for pair in alignment.pairs:
        if pair.source_ids and pair.target_ids:
            for sid in pair.source_ids:
                out[sid] = pair.target_ids
    return out


def copied_with_slips(source: SegmentedDocument,
                      translations: Mapping[str, tuple[SegmentedDocument, Alignment]],
                      entities: Sequence[Entity], findings: Mapping[str, Sequence[Finding]],
                      places: Mapping[str, Collection[str]], min_translations: int,
                      persons: Collection[str] = (),
                      ) -> dict[str, list[Finding]]:
    """Per translation, a ``names.inconsistent`` finding (a warning) for each name word
    that a Latin-script translation writes with an accent lost or, in the name of one of
    the ``persons``, a letter off, where the source and every other Latin-script
    translation (``min_translations`` - 1 of them, one at least) write it as the source
    does (see the module's docstring). ``places`` maps a
    translation's key to the standard forms of places in its language (CLDR, geonames),
    which are never slips. Sentences already holding a ``names.*`` finding on the
    entity are left alone."""
    out: dict[str, list[Finding]] = {key: [] for key in translations}
    if min_translations <= 0 or script_of(source.lang) != "Latn":
        return out
    latin = sorted(key for key, (target, _) in translations.items() if script_of(target.lang) == "Latn")
    if len(latin) < 2:
        return out
    texts = {key: translations[key][0] for key in latin}
    aligned = {key: _targets_of(translations[key][1]) for key in latin}
    names = {e.id: e for e in entities}
    needed = max(1, min_translations - 1)
    seen: set[tuple[str, str, int, str]] = set()
    particles = lexicon().particles
    for mention in find_mentions(source, entities):
        sentence = source.sentences[mention.sentence_id].text
        words = name_words(sentence, mention.start, mention.end, particles)
        for word in (*words, *_short_part_compounds(sentence, words)):
            if len(word) < _MIN_LETTERS or zipf(word.lower(), source.lang) >= _COMMON_ZIPF:
                continue
            copies = {key for key in latin if mention.sentence_id in aligned[key]
                      and _written(word, " ".join(texts[key].sentences[t].text
                                                  for t in aligned[key][mention.sentence_id]))}
            for key in latin:
                ids = aligned[key].get(mention.sentence_id)
                if ids is None or key in copies:
                    continue
                others = [k for k in latin if k != key and mention.sentence_id in aligned[k]]
                if len(others) < needed or set(others) - copies:
                    continue
                slipped = _slipped_word(word, texts[key], ids, texts[key].lang,
                                        places.get(key, ()), mention.entity in persons)
                if slipped is None:
                    continue
                written, tid, start, end = slipped
                mark = (key, mention.entity, tid, written)
                if mark in seen or _reported(findings.get(key, ()), mention.entity,
                                             mention.sentence_id):
                    continue
                seen.add(mark)
                entity = names[mention.entity]
                out[key].append(Finding(
                    check="names.inconsistent", severity=Severity.WARNING,
                    message=(f"{entity.canonical}: {word} is written {written} in "
                             f"{describe_sentences((tid,))}, where the source and "
                             f"{len(others)} other translation(s) write {word}"),
                    source_ids=(mention.sentence_id,), target_ids=(tid,),
                    spans=(TextSpan("target", tid, start, end, written),),
                    entity=mention.entity,
                    variants=(NameVariant(word, (word,), 0, ()),
                              NameVariant(written, (written,), 1, (tid,)))))
    return out


def _slipped_word(word: str, target: SegmentedDocument, ids: Sequence[int], lang: str,
                  standard: Collection[str], person: bool) -> tuple[str, int, int, int] | None:
    """The one capitalised word of the target sentences ``ids`` that is ``word`` with a
    slip, with its sentence and span; None when there is none or more than one. A letter
    off counts in a ``person``'s name only: places and things have exonyms (Trentin,
    Tibete, le Ande) and spellings of the target language (Rkaziteli, Ain Schams)."""
    found = []
    for tid in ids:
        for other, start, end in _words(target.sentences[tid].text):
            if (other[:1].isupper() and other not in standard and len(other) >= _MIN_LETTERS
                    and ("-" in other) == ("-" in word)
                    and (accent_slip(word, other) if _unaccented(word) == _unaccented(other)
                         else person and letter_slip(word, other, lang)
                         and not convention(word, other))
                    and not _usual(other, word, target)):
                found.append((other, tid, start, end))
    return found[0] if len({f[0] for f in found}) == 1 else None


def _reported(findings: Sequence[Finding], entity: str, sentence: int) -> bool:
    return any(f.check.startswith("names.") and f.entity == entity and sentence in f.source_ids
               for f in findings)
