"""Numbers and dates: every number of a source sentence should be in its translation.

Digits of every script count (५, ５, ٥), so do the numerals a language's data lists as
words (Latin "die quinto"), and ordinal endings are ignored ("5th", "5.", "5-го", "5日").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from mtcheck.checks import CHECKS, describe_sentences
from mtcheck.names.inflection import rules_for
from mtcheck.types import Alignment, Finding, SegmentedDocument, TextSpan

# Digits with optional thousands separators and a decimal part, in any script.
_NUMBER = re.compile(r"(?<![\d.,])\d+(?:[,.\u00a0\u202f ]\d{3})*(?:[.,]\d+)?(?!\d)")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_HAN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
               "八": 8, "九": 9, "十": 10}
# Han numerals count only before a date or counter character, where they are unambiguous.
_HAN_NUMBER = re.compile(r"([〇零一二三四五六七八九十]{1,3})(?=[日月年号號])")


@dataclass(frozen=True)
class NumberMention:
    value: str  # normalised: ASCII digits, "." as the decimal point, no grouping
    start: int
    end: int
    text: str
    # Written as a word ("fünften"): enough to show the number is there, but never
    # reported as the number that replaced another one (zweite Mal, "the second time").
    word: bool = False


def _normalise(text: str) -> str:
    digits = "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in text)
    digits = re.sub(r"[\u00a0\u202f ]", "", digits)
    # "1,000" / "1.000" group thousands; a separator followed by other than 3 digits is decimal.
    if re.fullmatch(r"\d{1,3}([,.]\d{3})+", digits):
        return re.sub(r"[,.]", "", digits)
    return digits.replace(",", ".")


def _han_value(numeral: str) -> int | None:
    values = [_HAN_DIGITS[ch] for ch in numeral]
    if 10 in values:
        tens = values[: values.index(10)]
        units = values[values.index(10) + 1:]
        return (tens[0] if tens else 1) * 10 + (units[0] if units else 0)
    return int("".join(map(str, values))) if values else None


def _scaled(text: str, number: NumberMention,
            scales: tuple[tuple[str, int], ...]) -> NumberMention:
    """Apply a scale word right after a number: "4.5 billion" and "45億" are both 4500000000."""
    rest = text[number.end:]
    word_start = number.end + len(rest) - len(rest.lstrip(" \u00a0\u202f"))
    following = text[word_start:].casefold()
    for word, factor in scales:
        if not following.startswith(word):
            continue
        if _is_cjk(word[0]):
            # 万/億/만/억 count only right after the digits ("3만 명", not "5 만났다").
            if word_start != number.end:
                continue
        elif following[len(word):len(word) + 1].isalpha():
            continue  # a longer word: "milliardaire" is no "milliard"
        try:
            value = Decimal(number.value) * factor
        except InvalidOperation:
            return number
        end = word_start + len(word)
        return NumberMention(format(value.normalize(), "f").rstrip(".") if value % 1 else
                             str(int(value)), number.start, end, text[number.start:end])
    return number


def _is_cjk(ch: str) -> bool:
    """Kana, Han or Hangul: scripts whose scale words attach to the digits."""
    return "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af"


def find_numbers(text: str, lang: str) -> list[NumberMention]:
    """Numbers written in ``text``: digits of any script, Han numerals before 日/月/年,
    and the numeral words listed in the language's data."""
    rules = rules_for(lang)
    found = [_scaled(text, NumberMention(_normalise(m.group(0)), m.start(), m.end(), m.group(0)),
                     rules.scale_words)
             for m in _NUMBER.finditer(text)]
    for match in _HAN_NUMBER.finditer(text):
        value = _han_value(match.group(1))
        if value is not None:
            found.append(NumberMention(str(value), match.start(), match.end(), match.group(1)))
    prefixes = rules.number_prefixes
    words = dict(rules.number_words)
    if prefixes or words:
        for match in _WORD.finditer(text):
            word = unicodedata.normalize("NFC", match.group(0)).casefold()
            value = words.get(word)
            if value is None:
                value = next((v for prefix, v in prefixes if word.startswith(prefix)), None)
            if value is not None:
                found.append(NumberMention(str(value), match.start(), match.end(),
                                           match.group(0), word=True))
    return sorted(found, key=lambda n: n.start)


def _finding(check: str, message: str, source_ids: tuple[int, ...], target_ids: tuple[int, ...],
             spans: tuple[TextSpan, ...], expected: str | None = None) -> Finding:
    return Finding(check=check, severity=CHECKS[check].severity, message=message,
                   source_ids=source_ids, target_ids=target_ids, spans=spans, expected=expected)



def check_numbers(source: SegmentedDocument, target: SegmentedDocument,
                  alignment: Alignment) -> tuple[Finding, ...]:
    """numbers.mismatch where a source number is replaced, numbers.missing where it is gone."""
    findings: list[Finding] = []
    for pair in alignment.pairs:
        if not pair.source_ids or not pair.target_ids:
            continue
        source_numbers = [(sid, n) for sid in pair.source_ids
                          for n in find_numbers(source.sentences[sid].text, source.lang)]
        if not source_numbers:
            continue
        target_numbers = [(tid, n) for tid in pair.target_ids
                          for n in find_numbers(target.sentences[tid].text, target.lang)]
        missing = Counter(n.value for _, n in source_numbers) - Counter(
            n.value for _, n in target_numbers)
        extra = Counter(n.value for _, n in target_numbers) - Counter(
            n.value for _, n in source_numbers)
        extras = [(tid, n) for tid, n in target_numbers if extra[n.value] > 0 and not n.word]
        for sid, number in source_numbers:
            if missing[number.value] <= 0:
                continue
            missing[number.value] -= 1
            source_span = TextSpan("source", sid, number.start, number.end, number.text)
            if extras:
                tid, other = extras.pop(0)
                findings.append(_finding(
                    "numbers.mismatch",
                    f"The source has {number.text} ({describe_sentences([sid])}); the translation has "
                    f"{other.text} instead ({describe_sentences([tid])})",
                    pair.source_ids, (tid,),
                    (source_span, TextSpan("target", tid, other.start, other.end, other.text)),
                    expected=number.value))
            else:
                findings.append(_finding(
                    "numbers.missing",
                    f"{number.text} ({describe_sentences([sid])} of the source) is not in the "
                    f"translation ({describe_sentences(pair.target_ids)})",
                    pair.source_ids, pair.target_ids, (source_span,), expected=number.value))
    return tuple(findings)
