"""Which names a translation may keep in Latin script: press practice, not an omission.

Russian and Greek newspapers keep the names of firms, brands and products as the firm
writes them (Bosch, Infineon, Kosmos Energy); Japanese, Korean and Chinese ones render
nearly every foreign name in their own script. So for a translation in a non-Latin script
*with* case (Cyrillic, Greek), a name left in Latin script is a finding only with evidence
that its press would have transliterated it:

* it is a person's name: the recogniser tags it PERSON *and* the source writes it as a
  personal name, two or more capitalised words of which the last is rare ("Rahel
  Tesfaye", "Maarten de Vries"); the small English recogniser also tags firms as persons
  (Bosch, Denso, "Kosmos Energy", "Greenpeace Africa"), which that shape rules out;
* it is a place from data or a glossary name (decided by the caller's evidence);
* another translation in a cased non-Latin script transliterates it (Butantan kept in
  Latin by Russian while Greek writes Μπουτάνταν): what a translation into Japanese or
  Korean does is no evidence here, since those transliterate brands too;
* the translation itself writes it in its own script elsewhere, or a glossary gives a form
  (checked by :func:`mtcheck.names.consistency.name_findings`).

Everything is decided from the recogniser, word frequencies and the translations at hand:
no list of firms.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence

from mtcheck.frequency import zipf
from mtcheck.types import Entity, SegmentedDocument

# Scripts other than Latin that have capital letters: their press keeps brands in Latin.
CASED_SCRIPTS = frozenset({"Cyrl", "Grek", "Armn"})

# A word of a name: letters, with hyphens and apostrophes inside (Wen-chieh, O'Neill).
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _capitalised_runs(text: str, particles: Collection[str]) -> Iterable[tuple[int, int, list[str]]]:
    """(start, end, words) of each run of capitalised words separated only by spaces and
    name particles (Maarten de Vries); "and", a comma or any other word ends a run."""
    run: list[str] = []
    start = end = 0
    pending = False  # a particle seen since the run's last word
    for match in _WORD.finditer(text):
        word = match.group(0)
        elided = re.match(r"[^\W\d_]{1,3}['’]", word)
        if elided:  # L'entreprise, dell'Etiopia: the word is what follows the article
            word = word[elided.end():]
        gap = text[end:match.start()]
        joined = bool(run) and gap.isspace()
        if word[:1].isupper() and joined:
            run.append(word)
            end, pending = match.end(), False
            continue
        if word in particles and joined and not pending:
            end, pending = match.end(), True
            continue
        if run:
            yield start, end, [w for w in run]
        run, pending = ([word], False) if word[:1].isupper() else ([], False)
        start, end = match.start(), match.end()
    if run:
        yield start, end, run


def _rare(word: str, langs: Collection[str], surname_zipf: float) -> bool:
    """Rare in every language of ``langs``: the source's, English, where firms take their
    common words from ("Architects", "Lithium", "Energy" of names in any language), and
    those of the Latin-script translations at hand (the "Bahn" of Deutsche Bahn in a French
    text with a German translation)."""
    word = word.lower()
    return all(zipf(word, lang) < surname_zipf for lang in langs)


def personal_names(source: SegmentedDocument, mentions: Iterable[tuple[str, int, int, int]],
                   surname_zipf: float, particles: Collection[str] = (),
                   titles: Collection[str] = (), function_zipf: float = 6.0,
                   places: Collection[str] = (), languages: Collection[str] = (),
                   runs_too: bool = True) -> frozenset[str]:
    """Entities with a mention ``(entity, sentence id, start, end)`` inside a run of two or
    more capitalised words (``particles`` may stand between them) whose last word is rare:
    the shape of a person's full name, not of a firm named by one word or with a common
    word ("Kosmos Energy", "Greenpeace Africa", "Zaha Hadid Architects"); or right after a
    title or before one in apposition ("Hamas leader Haniyeh", "Ahmadian, Secretary of":
    ``titles``, case-folded). A function word capitalised at the start of a sentence
    (Zipf ``function_zipf`` or more: "The Aedes mosquito") is no word of the run; a run
    with a word of ``places`` is no person's name ("Nairobi de Norfund"). Rare means rare
    in the source language, English and ``languages``. Without ``runs_too``, only the
    titles count."""
    langs = {source.lang, "en", *languages}
    # Offsets are those of find_mentions, in the NFC form of each sentence.
    texts = {s.id: unicodedata.normalize("NFC", s.text) for s in source.sentences}
    runs = {i: list(_capitalised_runs(text, particles)) for i, text in texts.items()}
    found: set[str] = set()
    for entity_id, sentence_id, start, end in mentions:
        text = texts.get(sentence_id, "")
        before = _WORD.findall(text[:start][-40:])
        after = re.match(r",\s+(?:the\s+)?([^\W\d_]+)", text[end:])
        if ((before and before[-1].casefold() in titles and text[:start].endswith(" "))
                or (after and after.group(1).casefold() in titles)):
            found.add(entity_id)
        for run_start, run_end, words in runs.get(sentence_id, ()) if runs_too else ():
            while words and zipf(words[0].lower(), source.lang) >= function_zipf:
                words = words[1:]
            if (run_start <= start and end <= run_end and len(words) >= 2
                    and not any(w in places for w in words)
                    and _rare(words[-1].strip("'’-"), langs, surname_zipf)):
                found.add(entity_id)
    return frozenset(found)


def kept_as_brands(entities: Sequence[Entity], script: str,
                   peers: Sequence[tuple[str, Collection[str]]], exempt: Collection[str]
                   ) -> frozenset[str]:
    """Entities that a translation in ``script`` may keep in Latin script as its press does
    with firms and brands: empty unless ``script`` is a cased non-Latin script. ``peers``
    holds, for each *other* translation, its script and the entities it writes in that
    script at least once; only cased non-Latin peers count. ``exempt`` are the entities
    that must still be reported (people by shape, places from data, glossary names)."""
    if script not in CASED_SCRIPTS:
        return frozenset()
    written = {e for peer, ids in peers if peer in CASED_SCRIPTS for e in ids}
    return frozenset(e.id for e in entities if e.id not in exempt and e.id not in written)
