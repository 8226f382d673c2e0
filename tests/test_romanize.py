"""Romanisation and phonetic keys on real name forms across scripts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz

from mtcheck.romanize import phonetic_key, romanize


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Пезешкиан", "ru", "Pezeshkian"),
        ("Шойгу", "ru", "Shoigu"),
        ("Пезешкіан", "uk", "Pezeshkian"),
        ("Σοϊγκού", "el", "Soigu"),
        ("Μπαγκερί", "el", "Bageri"),
        ("Χαμάς", "el", "Hamas"),
        ("쇼이구", "ko", "syoigu"),
        ("ショイグ", "ja", "shoigu"),
        ("テヘラン", "ja", "teheran"),
        ("शोइगु", "sa", "shoigu"),
        ("शोइगु", "hi", "shoigu"),
        ("Šoigu", "fi", "Soigu"),
        ("Pezeshkianus", "la", "Pezeshkianus"),
        ("Schoigu", "de", "Schoigu"),
        ("Teerã", "pt", "Teera"),
    ],
)
def test_romanize_golden(text: str, lang: str, expected: str) -> None:
    assert romanize(text, lang) == expected


@pytest.mark.parametrize(
    ("first", "first_lang", "second", "second_lang"),
    [
        ("Shoigu", "en", "Шойгу", "ru"),
        ("Shoigu", "en", "Σοϊγκού", "el"),
        ("Shoigu", "en", "Choïgou", "fr"),
        ("Shoigu", "en", "Schoigu", "de"),
        ("Shoigu", "en", "Šoigu", "fi"),
        ("Shoigu", "en", "ショイグ", "ja"),
        ("Shoigu", "en", "शोइगु", "sa"),
        ("Pezeshkian", "en", "Пезешкиан", "ru"),
        ("Pezeshkian", "en", "Pezechkian", "fr"),
        ("Pezeshkian", "en", "Πεζεσκιάν", "el"),
        ("Bagheri", "en", "Μπαγκερί", "el"),
    ],
)
def test_phonetic_keys_of_one_name_agree(first: str, first_lang: str, second: str,
                                         second_lang: str) -> None:
    assert phonetic_key(romanize(first, first_lang)) == phonetic_key(romanize(second, second_lang))


@pytest.mark.parametrize(
    ("first", "second", "lang"),
    [("Pezeshkian", "페제시키안", "ko"), ("Pezeshkian", "ペゼシュキアン", "ja"),
     ("Pezeshkian", "पेजेश्कियान", "sa"), ("Pezeshkian", "Pezeshkijan", "fi")],
)
def test_phonetic_keys_of_one_name_are_close(first: str, second: str, lang: str) -> None:
    assert fuzz.ratio(phonetic_key(first), phonetic_key(romanize(second, lang))) >= 80


@pytest.mark.parametrize(("first", "second"), [("Iran", "Iraq"), ("Hamas", "Haniyeh"),
                                               ("Shoigu", "Sergei")])
def test_different_names_keep_different_keys(first: str, second: str) -> None:
    assert phonetic_key(first) != phonetic_key(second)


def test_unknown_language_still_romanises() -> None:
    assert romanize("Москва", "xx") == "Moskva"


@given(st.text(max_size=30))
def test_phonetic_key_is_lowercase_ascii_and_stable(text: str) -> None:
    key = phonetic_key(text)
    assert all("a" <= ch <= "z" for ch in key)
    assert phonetic_key(key) == phonetic_key(phonetic_key(key))
