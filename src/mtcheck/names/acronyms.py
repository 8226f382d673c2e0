"""Acronyms of the source that one translation drops while the others keep them.

An acronym (UNESCO, JICA, AMD) is no name the inventory tracks: translations expand it,
localise it (EIB -> BEI, WHO -> OMS, ВОЗ) or keep it, and no spelling rule says which. What
the translations at hand do says it: when at least ``min_translations`` other translations
keep the acronym as written in the sentences aligned with its mention, a Latin-script
translation whose aligned sentences have neither it nor an acronym of their own (its
localised form) left it out ("UNESCO added the method to its list" -> "the method was
added to the list"). Such a drop is reported as ``names.missing``, a warning.

Not reported: an acronym the source mentions more than twice that the translation writes
nowhere (it expands or localises it throughout), a Roman numeral (XII), a word of a line
written in capitals (a headline), and translations in other scripts, where a localised
acronym (ЮНЕСКО, НАСА) cannot be told from a dropped one by its letters.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from mtcheck.checks import describe_sentences
from mtcheck.languages import get_language
from mtcheck.types import Alignment, Finding, SegmentedDocument, Severity, TextSpan

# Three to six Latin capitals standing alone: UNESCO, JICA, AMD (not "EU", "UN": two-letter
# ones are localised too often, UE, ONU, to tell).
_ACRONYM = re.compile(r"(?<![\w-])[A-Z]{3,6}(?![\w-])")
# A word of two letters or more: in capitals, a translation's own acronym (BEI, OMS).
_WORD = re.compile(r"(?<![\w-])[^\W\d_]{2,}(?![\w-])")
_ROMAN = re.compile(r"C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
# Words before the acronym in parentheses that spell it out: "Advanced Micro Devices (AMD)".
_SPELT_OUT = re.compile(r"((?:[^\W\d_][\w'’.-]*\s+){1,8})\(\s*$")
# An acronym mentioned in more source sentences than this, which a translation writes
# nowhere, is expanded or localised there throughout.
_RARE_MENTIONS = 2


def _is_acronym_token(word: str) -> bool:
    return not _ROMAN.fullmatch(word)


def _in_capitals_line(text: str) -> bool:
    """A headline written in capitals: most of its letters are capitals."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) > len(letters) / 2


def _pairs_of(alignment: Alignment) -> dict[int, tuple[int, ...]]:
    """Source sentence id -> the target ids of its aligned pair (empty when omitted)."""
    return {sid: pair.target_ids for pair in alignment.pairs for sid in pair.source_ids}


def spelt_out(text: str, start: int, acronym: str) -> str:
    """The words the source writes before "(ACRONYM)", if any, as the message's name."""
    match = _SPELT_OUT.search(text[:start])
    if not match:
        return ""
    # The capitalised run ending there, with short lower-case particles inside it
    # (Japan International Cooperation Agency, Bank of England); "and", a comma or a
    # longer lower-case word before it ends it.
    run: list[str] = []
    for word in reversed(match.group(1).split()):
        if word[-1:] in ",;:" or not (word[:1].isupper() or (len(word) <= 3 and run)):
            break
        run.insert(0, word)
    # Where the acronym's letters are the initials of the run's end, that end only
    # ("Nvidia and Advanced Micro Devices (AMD)").
    for start in range(len(run)):
        if run[start][:1].isupper() and "".join(
                w[0] for w in run[start:] if w[:1].isupper()) == acronym:
            return " ".join(run[start:])
    while run and not run[0][:1].isupper():
        run = run[1:]
    return " ".join(run)


def dropped_acronyms(source: SegmentedDocument,
                     translations: Mapping[str, tuple[SegmentedDocument, Alignment]],
                     min_translations: int) -> dict[str, list[Finding]]:
    """Per translation (keys of ``translations``), a ``names.missing`` finding for each
    source acronym it drops where at least ``min_translations`` (two at least) other
    translations keep it."""
    needed = max(2, min_translations)
    result: dict[str, list[Finding]] = {key: [] for key in translations}
    if len(translations) <= needed:
        return result
    mentions: dict[str, set[int]] = {}
    found: list[tuple[int, str, int, int]] = []
    for sentence in source.sentences:
        if _in_capitals_line(sentence.text):
            continue
        for match in _ACRONYM.finditer(sentence.text):
            if _is_acronym_token(match.group(0)):
                found.append((sentence.id, match.group(0), match.start(), match.end()))
                mentions.setdefault(match.group(0), set()).add(sentence.id)
    if not found:
        return result
    pairs = {key: _pairs_of(alignment) for key, (_, alignment) in translations.items()}
    texts = {key: "\n".join(s.text for s in target.sentences)
             for key, (target, _) in translations.items()}

    def pair_text(key: str, sid: int) -> str:
        target = translations[key][0]
        return "\n".join(target.sentences[t].text for t in pairs[key].get(sid, ()))

    def keeps(text: str, acronym: str) -> bool:
        """As written, in a compound or with a plural letter (TSMC-Aktie, CFA-Francs,
        TEUs), or as a word written in lower case after its first letter (Unesco)."""
        letter = r"[^\W\d_]"
        escaped = re.escape(acronym)
        return bool(re.search(rf"(?<!{letter}){escaped}(?!{letter}{{2}})", text)
                    or re.search(rf"(?<!{letter}){escaped}(?!{letter})", text, re.IGNORECASE))

    for sid, acronym, start, end in dict.fromkeys(found):
        if any(f[:2] == (sid, acronym) and f[2] < start for f in found):
            continue  # one finding per acronym and sentence
        source_text = source.sentences[sid].text
        keeping = {key for key in translations if keeps(pair_text(key, sid), acronym)}
        for key, (target, _) in translations.items():
            ids = pairs[key].get(sid, ())
            if not ids or key in keeping or get_language(target.lang).script != "Latn":
                continue
            if len(keeping - {key}) < needed:
                continue
            here = pair_text(key, sid)
            # An acronym of the translation's own there is the localised form (BEI, OMS).
            if any(word.isupper() and word not in source_text for word in _WORD.findall(here)):
                continue
            if len(mentions[acronym]) > _RARE_MENTIONS and not keeps(texts[key], acronym):
                continue
            spelt = spelt_out(source_text, start, acronym)
            name = f"{spelt} ({acronym})" if spelt else acronym
            result[key].append(Finding(
                check="names.missing", severity=Severity.WARNING,
                message=(f"{name} ({describe_sentences((sid,))} of the source) is not in the "
                         f"translation ({describe_sentences(ids)}); "
                         f"{len(keeping - {key})} other translations keep {acronym} there"),
                source_ids=(sid,), target_ids=tuple(ids),
                spans=(TextSpan("source", sid, start, end, acronym),)))
    return result
