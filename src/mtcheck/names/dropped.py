"""When a name found nowhere in a translation may be reported as dropped from it.

The stage reports a name missing only where it knows how the translation writes it (see
:func:`mtcheck.names.consistency.name_findings`). Two kinds of names are found nowhere for
two reasons at once, and need a second look before they are reported:

* a person that no translation into another script renders anywhere: people are never
  translated by meaning, so each of those translations either dropped the name or wrote a
  transliteration the matcher cannot see (Гоу Тинвэй, 쩐꾸옥카인);
* a multi-word name of common words (Cat Ba, Bay of Bengal), usually translated as a phrase
  (South Asia -> Asie du Sud), that other translations render all the same.

Such a name is reported as dropped from an aligned pair only when nothing there can be its
unseen rendering: no unknown name-like word stands in the pair (capitalised inside the
sentence where only names are capitalised, rare and capitalised where nouns are too, or a
rare katakana word; an acronym is another organisation's name, not this one), in a script
where name-like words can be told at all (a cased script, or Japanese katakana). In
Hangul, in Han characters or in a script without case a transliteration cannot be told
from other words: nothing is reported there.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

from mtcheck.frequency import zipf
from mtcheck.languages import get_language
from mtcheck.names.consistency import unknown_names
from mtcheck.names.replacement import after_own_word, names_a_known_place
from mtcheck.types import Entity, Finding, NameRendering, SegmentedDocument

# Scripts whose name-like words can be told from others: by a capital letter, or (Japanese)
# by katakana.
_TELLING_SCRIPTS = frozenset({"Latn", "Cyrl", "Grek", "Armn", "Jpan"})


def confirmed_drops(findings: Sequence[Finding], target: SegmentedDocument,
                    renderings: Sequence[NameRendering], doubtful: Collection[str],
                    rare_zipf: float, entities: Mapping[str, Entity] | None = None,
                    source_lang: str = "en", source: SegmentedDocument | None = None
                    ) -> tuple[Finding, ...]:
    """``findings`` less the ``names.missing`` ones on a ``doubtful`` entity (see the
    module's docstring) in a pair that may hold its unseen rendering: an unknown name (a
    word rarer than ``rare_zipf`` that looks like a name, see
    :func:`mtcheck.names.consistency.unknown_names`), or a script where such words cannot
    be told. A word that follows one of the name's own words (``entities`` gives them:
    "San Pedro" for "San Nicolás") is another name in the name's frame, not its rendering
    (see :func:`mtcheck.names.replacement.after_own_word`)."""
    if not doubtful:
        return tuple(findings)
    telling = get_language(target.lang).script in _TELLING_SCRIPTS
    spans: dict[int, list[tuple[int, int]]] = {}
    for rendering in renderings:
        spans.setdefault(rendering.sentence_id, []).append((rendering.start, rendering.end))
    named = entities or {}
    # A word of a source name as the source writes it is that name's: of another name (the
    # Villa of Villa Constitución beside its rendered Constitución), or a word of this one
    # that cannot tell it alone (the San of San Nicolás, before Pedro).
    written = {w for e in named.values() for f in e.source_forms for w in f.split()}

    def unseen(finding: Finding) -> bool:
        ids, own = finding.target_ids, named.get(finding.entity or "")
        # The source's own acronym kept there (中国交通建設（CCCC）) is how the translation
        # names the organisation; another acronym names another one.
        copied = " ".join(source.sentences[s].text for s in finding.source_ids) if source else ""
        # The name kept as the source writes it, inside a longer word (the C of C-130), is
        # there, whatever the matcher makes of it.
        text = " ".join(target.sentences[t].text for t in ids)
        if own and any(_within_word(form, text) for form in own.source_forms):
            return True
        return any((not _acronym(word) or (own and _copied(word, copied)
                                           and _initials(word, own)))
                   and not (own and after_own_word(word, own, target, ids))
                   and word not in written
                   and not (own and names_a_known_place(word, own, target.lang, source_lang))
                   for word in [*unknown_names(target, ids, spans, rare_zipf),
                                *_katakana_leftovers(target, ids, spans, rare_zipf)])

    return tuple(f for f in findings
                 if f.check != "names.missing" or f.entity not in doubtful
                 or (telling and not unseen(f)))


def _katakana_leftovers(target: SegmentedDocument, ids: Sequence[int],
                        spans: Mapping[int, Sequence[tuple[int, int]]],
                        rare_zipf: float) -> list[str]:
    """Rare katakana runs outside the renderings of names. Japanese writes no spaces, so a
    transliteration (ネッタイシマカ) may share a "word" with a rendered name (ボリビア)
    that hides it from :func:`mtcheck.names.consistency.unknown_names`."""
    if get_language(target.lang).script != "Jpan":
        return []
    found = []
    for tid in ids:
        text = target.sentences[tid].text
        taken = spans.get(tid, ())
        for match in _KATAKANA.finditer(text):
            if len(match.group(0)) > 1 and zipf(match.group(0), target.lang) < rare_zipf \
                    and not any(s < match.end() and match.start() < e for s, e in taken):
                found.append(match.group(0))
    return found


_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]+")


def _within_word(form: str, text: str) -> bool:
    """``form`` in ``text`` not inside a longer word of its own script (a Latin name may
    touch Japanese characters: からC-130)."""
    letter = r"[A-Za-z\u00c0-\u024f]" if _LATIN.fullmatch(form) else r"[^\W\d_]"
    return re.search(f"(?<!{letter})" + re.escape(form) + f"(?!{letter})", text) is not None


_LATIN = re.compile(r"[\sA-Za-z\u00c0-\u024f'’.-]+")


def _initials(word: str, entity: Entity) -> bool:
    """True when the acronym ``word`` spells the initials of the entity's capitalised words
    (CCCC for China Communications Construction Company)."""
    letters = "".join(ch for ch in word if ch.isalpha())
    return any(letters == "".join(w[0] for w in form.split() if w[:1].isupper())
               for form in entity.source_forms)


def _copied(word: str, text: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text) is not None


def _acronym(word: str) -> bool:
    """An acronym (ЮНЕСКО, ISRO): another organisation's short name, never the
    transliteration of a person or of a phrase."""
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def joined_to_rendered(findings: Sequence[Finding], source: SegmentedDocument,
                       mentions: Sequence[tuple[str, int, int, int]],
                       renderings: Sequence[NameRendering], entities: Collection[str],
                       particles: Collection[str]) -> tuple[Finding, ...]:
    """``findings`` less the ``names.missing`` ones on ``entities`` whose mention the source
    joins to another name's by lower-case particles alone (the Salar of "Salar de Atacama"),
    where the pair renders that other name (солончак Атакама): the word is the longer
    name's generic part, which a translation may render by meaning. ``mentions`` are
    (entity, source sentence, start, end)."""
    if not entities:
        return tuple(findings)
    rendered: dict[int, set[str]] = {}
    for rendering in renderings:
        rendered.setdefault(rendering.sentence_id, set()).add(rendering.entity)
    by_sentence: dict[int, list[tuple[str, int, int]]] = {}
    for entity, sentence, start, end in mentions:
        by_sentence.setdefault(sentence, []).append((entity, start, end))

    def joined(finding: Finding) -> bool:
        here = set().union(*(rendered.get(t, set()) for t in finding.target_ids))
        for sid in finding.source_ids:
            text = source.sentences[sid].text
            own = [(s, e) for x, s, e in by_sentence.get(sid, ()) if x == finding.entity]
            for other, start, end in by_sentence.get(sid, ()):
                if other == finding.entity or other not in here:
                    continue
                for s, e in own:
                    gap = text[e:start] if e <= start else text[end:s]
                    words = gap.split()
                    if words and all(w in particles for w in words):
                        return True
        return False

    return tuple(f for f in findings if f.check != "names.missing"
                 or f.entity not in entities or not joined(f))
