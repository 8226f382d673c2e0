"""Names inside larger names: a word of a longer name is that name, not a shorter one.

A translation often keeps a multi-word name of the source as it is written ("Tanger Med", a
port, in a Portuguese text that writes the city Tânger; "Samudera Indonesia" in Russian).
Its words sound like other names of the sentence (Tanger ~ Tangier), but they render the
longer name: counting them for the city would make the city look spelt two ways, or left in
Latin script. Two rules follow, both from the aligned pair alone:

* a rendering inside a copy of a run of two or more capitalised words of the pair's source
  belongs to that run, unless the entity's own mention in that source lies inside the run
  too (then the copy is how the translation keeps it, and the rendering shows it);
* a word of an organisation's name followed by its acronym in the source ("the Japan
  International Cooperation Agency (JICA)") is present where the pair's translation holds
  that acronym: the translation names the organisation (国際協力機構（JICA）), not the
  country, and no word of its name is missing; so is a word of a name whose initials the
  translation writes as an acronym of its own (라르센앤드투브로(L&T) for "Larsen & Toubro"),
  or of a name with an acronym among its words that the translation keeps (モザンビークLNG
  for "Mozambique LNG", a project). The name the translation writes before the acronym
  (中央交通ハブ（CPK）) is how it names the organisation: a mention without the acronym is
  there where its pair writes that name again.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Sequence

from mtcheck.types import Alignment, NameRendering, SegmentedDocument

# A word of a name: letters, with hyphens and apostrophes inside.
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Acronym in brackets right after a name: (JICA), (ESA), (CRCC).
_BRACKETED_ACRONYM = re.compile(r"\s*[(（]\s*([A-Z][A-Z0-9&.-]{1,9})\s*[)）]")


def _runs(text: str, particles: Collection[str]) -> Iterable[tuple[int, int]]:
    """(start, end) of each run of two or more capitalised words, name particles allowed
    between them ("Vallée de Joux"), in ``text``."""
    words = list(_WORD.finditer(text))
    i = 0
    while i < len(words):
        if not words[i].group(0)[:1].isupper():
            i += 1
            continue
        j, last = i, i
        while j + 1 < len(words):
            gap = text[words[j].end():words[j + 1].start()]
            if not gap.isspace():
                break
            following = words[j + 1].group(0)
            if following[:1].isupper():
                j = last = j + 1
            elif (following in particles and j + 2 < len(words)
                  and words[j + 2].group(0)[:1].isupper()
                  and text[words[j + 1].end():words[j + 2].start()].isspace()):
                j += 1
            else:
                break
        if last > i:
            yield words[i].start(), words[last].end()
        i = last + 1


def inside_longer_names(source: SegmentedDocument, target: SegmentedDocument,
                        alignment: Alignment, renderings: Sequence[NameRendering],
                        mentions: Iterable[tuple[str, int, int, int]],
                        particles: Collection[str] = ()) -> frozenset[tuple[int, int]]:
    """(target sentence id, start) of the renderings that lie inside a copy, in their
    aligned target sentences, of a longer capitalised run of the source (see the module's
    docstring). ``mentions`` are ``(entity, source sentence id, start, end)``."""
    by_sentence: dict[int, list[tuple[str, int, int]]] = {}
    for entity, sentence_id, start, end in mentions:
        by_sentence.setdefault(sentence_id, []).append((entity, start, end))

    def own(sid: int, start: int, end: int) -> Collection[str]:
        return {e for e, s, t in by_sentence.get(sid, ()) if start <= s and t <= end}

    return _inside_copies(source, target, alignment, renderings,
                          lambda text: _runs(text, particles), re.escape, own)


def _inside_copies(source: SegmentedDocument, target: SegmentedDocument,
                   alignment: Alignment, renderings: Sequence[NameRendering],
                   runs: Callable[[str], Iterable[tuple[int, int]]],
                   pattern: Callable[[str], str],
                   own: Callable[[int, int, int], Collection[str]] = lambda *_: ()
                   ) -> frozenset[tuple[int, int]]:
    """(target sentence id, start) of the renderings shorter than a ``runs`` span of an
    aligned source sentence and inside a copy of it (found by ``pattern`` of the span's
    text) in the pair's target sentences, but for the entities ``own`` names for the span
    (sentence id, start, end): those are the run's own name."""
    texts = {s.id: unicodedata.normalize("NFC", s.text) for s in source.sentences}
    by_target: dict[int, list[NameRendering]] = {}
    for rendering in renderings:
        by_target.setdefault(rendering.sentence_id, []).append(rendering)
    inside: set[tuple[int, int]] = set()
    for pair in alignment.pairs:
        if not pair.source_ids or not pair.target_ids:
            continue
        for sid in pair.source_ids:
            text = texts.get(sid, "")
            for start, end in runs(text):
                run = text[start:end]
                found = re.compile(pattern(run))
                kept = own(sid, start, end)
                for tid in pair.target_ids:
                    target_text = unicodedata.normalize("NFC", target.sentences[tid].text)
                    for copy in found.finditer(target_text):
                        inside.update(
                            (r.sentence_id, r.start) for r in by_target.get(tid, ())
                            if copy.start() <= r.start and r.end <= copy.end()
                            and r.entity not in kept and (r.end - r.start) < len(run))
    return frozenset(inside)


def _hyphened(text: str) -> Iterable[tuple[int, int]]:
    """(start, end) of each word of ``text`` that joins two or more capitalised parts by
    hyphens (Hydro-Québec, Saint-Pierre): a name of its own, written as one word."""
    for word in _WORD.finditer(text):
        parts = word.group(0).split("-")
        if len(parts) >= 2 and sum(p[:1].isupper() for p in parts) >= 2:
            yield word.start(), word.end()


def _tails(text: str, particles: Collection[str]) -> Iterable[tuple[int, int]]:
    """The runs of ``text`` (see ``_runs``) and each of their tails of two or more words:
    a capitalised word that opens the sentence ("Selon HEC Montréal") is no word of the
    name."""
    for start, end in _runs(text, particles):
        starts = [w.start() for w in _WORD.finditer(text, start, end)
                  if w.group(0)[:1].isupper()]
        for first in starts[:-1]:
            yield first, end


def copied_verbatim(source: SegmentedDocument, target: SegmentedDocument,
                    alignment: Alignment, renderings: Sequence[NameRendering],
                    particles: Collection[str] = ()) -> frozenset[tuple[int, int]]:
    """(target sentence id, start) of the renderings that lie inside a copy, in their
    aligned target sentences, of a longer name of the source written as it is there: a run
    of capitalised words (HEC Montréal) or a hyphen-joined name (Hydro-Québec). Such a
    rendering shows the name is there, but it is the institution's own spelling, not the
    translator's choice of one: "Quebec" for the province beside "Hydro-Québec" is one
    spelling of Quebec, not two."""
    return _inside_copies(
        source, target, alignment, renderings,
        lambda text: (*_tails(text, particles), *_hyphened(text)),
        lambda run: r"(?<!\w)" + re.escape(run) + r"(?!\w)")


def named_by_acronym(source: SegmentedDocument, target: SegmentedDocument,
                     alignment: Alignment, mentions: Iterable[tuple[str, int, int, int]]
                     ) -> frozenset[tuple[str, int]]:
    """(entity, source sentence id) of the mentions that are words of a name followed by
    its acronym in brackets, where an aligned target sentence holds that acronym: the
    translation names the organisation, by its acronym or its own name. The name the
    translation writes right before that acronym is its own name for the organisation:
    another mention of it is there where its pair writes that name again."""
    texts = {s.id: unicodedata.normalize("NFC", s.text) for s in source.sentences}
    targets: dict[int, str] = {}
    for pair in alignment.pairs:
        joined = " ".join(target.sentences[t].text for t in pair.target_ids)
        for sid in pair.source_ids:
            targets[sid] = joined
    found: set[tuple[str, int]] = set()
    learned: dict[str, set[str]] = {}
    mentions = list(mentions)
    for entity, sentence_id, start, end in mentions:
        text = texts.get(sentence_id, "")
        # The translation's own acronym of the name it stands in (라르센앤드투브로(L&T) for
        # "Larsen & Toubro"): the initials of the name's capitalised words.
        initials = _initials(text, start, end)
        held = _acronyms(targets.get(sentence_id, ""))
        if len(initials) >= 2 and initials in held:
            found.add((entity, sentence_id))
            continue
        # An acronym that is a word of the name itself (Mozambique LNG, a project) kept by
        # the translation (モザンビークLNG事業): the name is there.
        if _own_acronyms(text, start, end) & held:
            found.add((entity, sentence_id))
            continue
        # The rest of the name up to the bracket: capitalised words and particles only.
        rest = re.match(r"((?:[\s-]+(?:[A-Z][\w'’-]*|of|for|and|de|du|des|la|le|the))*)",
                        text[end:])
        tail = text[end + (rest.end() if rest else 0):]
        acronym = _BRACKETED_ACRONYM.match(tail)
        # The name ends with the mention: its acronym must be the initials of its last
        # words, the mention's among them ("The Nepal Mountaineering Association (NMA)",
        # where the sentence's capitalised "The" is no word of it).
        if not acronym or not ((rest and rest.group(0).strip())
                               or _initials_end_at(text, start, end, acronym.group(1))):
            continue
        if re.search(r"(?<![A-Za-z])" + re.escape(acronym.group(1)) + r"(?![A-Za-z])",
                     targets.get(sentence_id, "")):
            found.add((entity, sentence_id))
            own = _named_before(targets.get(sentence_id, ""), acronym.group(1))
            if own:
                learned.setdefault(entity, set()).add(own)
    # Where the translation names the organisation before its acronym (中央交通ハブ（CPK）),
    # that name is its rendering: a later mention without the acronym is there where the
    # pair writes it again.
    for entity, sentence_id, _, _ in mentions:
        if (entity, sentence_id) not in found and any(
                form in targets.get(sentence_id, "") for form in learned.get(entity, ())):
            found.add((entity, sentence_id))
    return frozenset(found)


# The fewest letters of a translation's own name for an organisation learnt before its
# acronym, and the fewest capitalised words of one in a script with spaces and case.
_MIN_OWN_LETTERS = 3
_MIN_OWN_WORDS = 2


def _named_before(text: str, acronym: str) -> str:
    """The translation's name right before ``acronym`` in brackets in ``text``: the run of
    Han, kana or Hangul letters (中央交通ハブ), or of capitalised words and the joiners
    between them ("Associação de Montanhismo do Nepal"); empty when there is none."""
    bracket = re.search(r"[(（]\s*" + re.escape(acronym) + r"\s*[)）]", text)
    if not bracket:
        return ""
    before = text[:bracket.start()].rstrip()
    run = re.search(r"[\u30a0-\u30ff\u3400-\u9fff\uac00-\ud7a3]+$", before)
    if run:
        # Hiragana (particles, endings) ends it: the name is the letters after them.
        return run.group(0) if len(run.group(0)) >= _MIN_OWN_LETTERS else ""
    words = list(_WORD.finditer(before))
    first = len(words)
    while first > 0 and (words[first - 1].group(0)[:1].isupper()
                         or words[first - 1].group(0).lower() in _JOINERS
                         or len(words[first - 1].group(0)) <= 2):
        first -= 1
    # It starts with a capitalised word of its own: not a joiner, nor an article
    # capitalised as the sentence's first word ("A Associação").
    while first < len(words) and (not words[first].group(0)[:1].isupper()
                                  or words[first].group(0).lower() in _JOINERS
                                  or len(words[first].group(0)) <= 2):
        first += 1
    kept = words[first:]
    if (len([w for w in kept if w.group(0)[:1].isupper()]) < _MIN_OWN_WORDS
            or kept[-1].end() != len(before)):
        return ""
    return before[kept[0].start():]


# Words that may join the capitalised words of a name: "Larsen & Toubro", "Bank of America".
_JOINERS = frozenset({"&", "of", "and", "for", "the", "de", "du", "des", "la", "le", "y", "e",
                      "et", "und"})


def _initials(text: str, start: int, end: int) -> str:
    """The initials of the run of capitalised words (and joiners) around ``text[start:end]``."""
    tokens = list(re.finditer(r"[^\W\d_][\w'’-]*|&", text))
    inside = [i for i, t in enumerate(tokens) if start <= t.start() and t.end() <= end]
    if not inside:
        return ""
    first, last = inside[0], inside[-1]
    while first > 0 and (tokens[first - 1].group(0)[:1].isupper()
                         or (tokens[first - 1].group(0) in _JOINERS and first > 1
                             and tokens[first - 2].group(0)[:1].isupper())):
        first -= 1
    while last + 1 < len(tokens) and (tokens[last + 1].group(0)[:1].isupper()
                                      or (tokens[last + 1].group(0) in _JOINERS
                                          and last + 2 < len(tokens)
                                          and tokens[last + 2].group(0)[:1].isupper())):
        last += 1
    words = [t.group(0) for t in tokens[first:last + 1]]
    if len([w for w in words if w[:1].isupper()]) < 2:
        return ""
    return "".join(w[0] for w in words if w[:1].isupper())


def _initials_end_at(text: str, start: int, end: int, acronym: str) -> bool:
    """True when ``acronym`` (two letters or more) is the initials of the capitalised words
    that end at ``end`` (joiners skipped), the first of them at or before ``start``: the
    bracket after a name names that name, whatever capitalised word comes before it."""
    letters = re.sub(r"[^A-Z]", "", acronym)
    if len(letters) < 2:
        return False
    words = [t for t in _WORD.finditer(text[:end]) if t.group(0) not in _JOINERS]
    last = words[-len(letters):] if len(words) >= len(letters) else []
    return (bool(last) and last[-1].end() == end and last[0].start() <= start
            and "".join(w.group(0)[0] for w in last) == letters)


def _own_acronyms(text: str, start: int, end: int) -> frozenset[str]:
    """The acronyms among the capitalised words right after ``text[start:end]`` (the LNG of
    "Mozambique LNG")."""
    rest = re.match(r"(?:\s+[A-Z][\w&.-]*)+", text[end:])
    return _acronyms(rest.group(0)) if rest else frozenset()


def _acronyms(text: str) -> frozenset[str]:
    """The acronyms of ``text`` with their joining signs dropped (L&T -> LT, U.S. -> US)."""
    return frozenset(re.sub(r"[&.\-]", "", a)
                     for a in re.findall(r"(?<![A-Za-z])[A-Z](?:[&.\-]?[A-Z])+\.?(?![A-Za-z])",
                                         text))
