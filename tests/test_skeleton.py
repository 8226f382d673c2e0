"""The consonant skeleton of a romanised word, under each folding its callers use."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mtcheck.romanize import romanize
from mtcheck.skeleton import VOWELS, consonant_skeleton, folding, foldings

FOLDINGS = sorted(foldings())
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_CONSONANTS = "bdfgkprstz"


def test_the_three_callers_foldings_are_shipped() -> None:
    # names.consistency, omission.support, names.syllabic (mtcheck/data/skeleton.toml).
    assert {"exact", "spelling", "sound"} <= set(FOLDINGS)


def test_an_unknown_folding_names_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="exact, sound, spelling"):
        folding("coarse")
    with pytest.raises(ValueError, match="unknown skeleton folding 'coarse'"):
        consonant_skeleton("word", "coarse")


@pytest.mark.parametrize(("first", "second", "name", "skeleton"), [
    # An exonym that only re-vowels a name keeps its consonants, a repeated one too.
    ("nefertiti", "nofretete", "exact", "nfrtt"),
    # Katakana: a vowel after nearly every consonant, r for l, b for v.
    ("rindokubisuto", "lindkvist", "spelling", "rndkbst"),
    # Sounded out: digraphs and voicing folded, h, w and y dropped.
    ("Burgdorf", "burukudorufu", "sound", "brktrb"),
])
def test_a_rendering_and_its_name_share_the_skeleton(first: str, second: str, name: str,
                                                     skeleton: str) -> None:
    assert consonant_skeleton(first, name) == consonant_skeleton(second, name) == skeleton


@pytest.mark.parametrize(("word", "name", "skeleton"), [
    ("lindkvist", "exact", "lndkvst"),      # no letter folded
    ("tatata", "exact", "ttt"),             # repeats kept
    ("tatata", "spelling", "t"),            # repeats written once
    ("wacqvel", "spelling", "bkbr"),        # w, v to b; c, q to k; l to r
    ("Sacha", "sound", "sk"),               # the digraph folds before the vowels go
    ("Sacha", "spelling", "skh"),           # ch is no digraph here: c to k, h stays
    ("Thyssen-Krupp", "sound", "tsnkrb"),   # y and h dropped, p to b, hyphen and capitals
    ("Alexander", "sound", "rksntr"),       # x is ks
    ("Aiueoy", "exact", ""),                # y is a vowel
])
def test_each_folding_folds_its_own_letters(word: str, name: str, skeleton: str) -> None:
    assert consonant_skeleton(word, name) == skeleton


@pytest.mark.parametrize(("name", "written", "lang"), [
    ("Burgdorf", "ブルクドルフ", "ja"),
    ("Brandenburg", "브란덴부르크", "ko"),
])
def test_a_romanised_kana_or_hangul_rendering_sounds_like_the_name(name: str, written: str,
                                                                   lang: str) -> None:
    assert consonant_skeleton(romanize(written, lang), "sound") == consonant_skeleton(
        romanize(name, "en"), "sound")


@given(st.text(max_size=30), st.sampled_from(FOLDINGS))
def test_only_consonant_letters_come_out(text: str, name: str) -> None:
    skeleton = consonant_skeleton(text, name)
    assert set(skeleton) <= set(_LETTERS) - set(VOWELS)


@given(st.text(alphabet=_LETTERS + _LETTERS.upper() + " -'", max_size=20),
       st.sampled_from(FOLDINGS))
def test_case_spaces_and_punctuation_change_nothing(text: str, name: str) -> None:
    letters = "".join(ch for ch in text.lower() if ch in _LETTERS)
    assert consonant_skeleton(text, name) == consonant_skeleton(letters, name)
    assert consonant_skeleton(text.upper(), name) == consonant_skeleton(text.lower(), name)


@given(st.text(alphabet=_LETTERS, max_size=20), st.sampled_from(FOLDINGS))
def test_a_skeleton_is_its_own_skeleton(word: str, name: str) -> None:
    # Idempotent because no shipped rule writes what a rule of its folding reads (l to r,
    # never r to l; x to "ks", and neither k nor s is folded).
    skeleton = consonant_skeleton(word, name)
    assert consonant_skeleton(skeleton, name) == skeleton


@given(st.text(alphabet=_LETTERS, max_size=20), st.sampled_from(["spelling", "sound"]))
def test_a_collapsing_skeleton_has_no_repeated_letters(word: str, name: str) -> None:
    skeleton = consonant_skeleton(word, name)
    assert all(a != b for a, b in itertools.pairwise(skeleton))


@given(st.text(alphabet=_CONSONANTS, min_size=1, max_size=12), st.sampled_from("aeiouy"),
       st.sampled_from(FOLDINGS))
def test_vowels_added_between_consonants_leave_the_skeleton_alone(consonants: str,
                                                                   vowel: str,
                                                                   name: str) -> None:
    # What kana and Hangul add to a cluster changes nothing the comparison reads.
    assert consonant_skeleton(consonants, name) == consonant_skeleton(
        "".join(ch + vowel for ch in consonants), name)


@given(st.text(alphabet=_LETTERS, max_size=20), st.sampled_from(["exact", "spelling"]))
def test_foldings_of_single_letters_may_drop_the_vowels_first(word: str, name: str) -> None:
    # Only rules of more than one letter ("sound"'s digraphs) make the order matter.
    other = "".join(ch for ch in word if ch not in VOWELS)
    assert consonant_skeleton(word, name) == consonant_skeleton(other, name)
