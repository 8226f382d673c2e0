import itertools

from hypothesis import assume, given
from hypothesis import strategies as st

from mtcheck.omission.support import (
    SentenceWords,
    index_target,
    rare_words,
    word_found,
    words,
)

# Letters, the marks that join a word (l'Iran, Jean-Pierre), spaces, punctuation and digits.
TEXT = st.text(alphabet="abcÉé -'’.,;1", max_size=40)


@given(TEXT, st.integers(0, 40), st.integers(0, 40))
def test_a_piece_read_from_its_sentence_has_the_words_of_its_own_text(text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    read = SentenceWords.read(text, "en", 3.0, 2)
    span = read.span(start, end)
    if span is not None:
        piece = text[start:end]
        assert read.words[span] == words(piece)
        assert tuple(w for w, r in zip(read.words[span], read.rare[span], strict=True)
                     if r) == rare_words(piece, "en", 3.0, 2)


@given(TEXT)
def test_a_piece_cut_at_spaces_is_always_read_from_its_sentence(text):
    cuts = [0, *(k for k, ch in enumerate(text) if ch == " "), len(text)]
    read = SentenceWords.read(text, "en", 3.0, 2)
    for start, end in itertools.pairwise(cuts):
        assert read.span(start, end) is not None


def test_a_piece_that_cuts_a_word_is_not_read_from_its_sentence():
    text = "Jean-Pierre arrived in Tallinn."
    read = SentenceWords.read(text, "en", 3.0, 2)
    assert read.span(5, len(text)) is None  # "Pierre arrived ...": half of Jean-Pierre
    assert read.span(0, 4) is None  # "Jean"
    assert read.words[read.span(12, len(text))] == ("arrived", "in", "Tallinn")


def test_a_word_is_found_by_its_start_by_a_trigram_match_or_inside_an_unspaced_word():
    index = index_target("Die Gletscher des Kanchenjunga schmelzen.", "de", None, (), ())
    assert word_found("Kangchendzönga", "en", index, 0.5)  # shared start "kanch"
    assert not word_found("Everest", "en", index, 0.5)
    assert word_found("Gletschers", "de", index, 0.5)
    # Written without spaces, a word is also found inside a longer one (the trigrams of
    # "talin" and "hafentalin" are too few alike at 0.6).
    assert word_found("Tallinn", "en", index_target("Hafentallinn", "zh", None, (), ()), 0.6)
    assert not word_found("Tallinn", "en", index_target("Hafentallinn", "de", None, (), ()),
                          0.6)


def test_an_answer_is_kept_with_the_index_it_was_asked_of():
    index = index_target("Die Gletscher des Kanchenjunga schmelzen.", "de", None, (), ())
    assert word_found("Kanchenjunga", "en", index, 0.5)
    assert index.answers[("Kanchenjunga", "en", 0.5)] is True
    # Same text, same answers: the kept answers are no part of what the index compares.
    assert index == index_target("Die Gletscher des Kanchenjunga schmelzen.", "de", None, (), ())


def test_clearing_forgets_the_texts_read():
    from mtcheck.omission import clear_text_caches

    index_target("Die Gletscher des Kanchenjunga schmelzen.", "de", None, (), ())
    words("Die Gletscher schmelzen.")
    assert index_target.cache_info().currsize and words.cache_info().currsize
    clear_text_caches()
    assert index_target.cache_info().currsize == 0
    assert words.cache_info().currsize == 0


@given(st.lists(st.sampled_from(["Gipfel ", "12 ", "drei ", "XIV ", "la ", "1.5 km ", ". ",
                                 "Million ", "Iran "]), max_size=8))
def test_the_numbers_of_a_text_are_those_the_numbers_check_reads(pieces):
    from mtcheck.names.numerals import find_numbers
    from mtcheck.omission.support import all_numbers

    text = "".join(pieces)
    assert all_numbers(text, "de") == tuple(find_numbers(text, "de"))


@given(st.text(alphabet="abcdeilnorst", min_size=3, max_size=9),
       st.lists(st.text(alphabet="abcdeilnorst", min_size=3, max_size=9), max_size=12))
def test_a_word_whose_trigrams_match_a_word_of_the_translation_is_found(word, others):
    from mtcheck.omission.support import word_key

    key, grams = word_key(word, "fr")
    assume(len(key) >= 3)  # a shorter key (``aaa`` folds to ``a``) is only looked up as a place
    found = index_target(" ".join(others), "fr", None, (), ())
    alike = any(2 * len(grams & other) / (len(grams) + len(other)) >= 0.6
                for _, other in found.keys if grams & other)
    assert word_found(word, "fr", found, 0.6) or not alike


# Sentences of a merged pair: numbers near their joins and far from them.
_SENTENCES = ["Die Kommission hat heute in Brüssel über die Lage im Land beraten und beschlossen.",
              "Das kostet zwei", "Millionen Euro.", "Am 5.", "März 2024 kamen 1 200 Menschen.",
              "Er zitierte (S. 81 und", "1956) die Zeitschrift.", "Kein Wort davon.", "III."]


@given(st.lists(st.sampled_from(_SENTENCES), min_size=2, max_size=4))
def test_a_joined_text_has_the_numbers_of_the_whole_text(sentences):
    from mtcheck.names.numerals import find_numbers
    from mtcheck.omission.support import all_numbers, clear_text_caches, joined

    clear_text_caches()
    text = joined(sentences)
    assert text == " ".join(sentences)
    assert list(all_numbers(text, "de")) == find_numbers(text, "de")


def test_a_translation_s_numbers_are_its_text_s_read_when_asked_for():
    from mtcheck.omission.support import target_readings

    index = index_target("Il y avait 1 200 personnes en 2024.", "fr", None, (), ())
    assert index.numbers == target_readings("Il y avait 1 200 personnes en 2024.", "fr")
    assert {"1200", "2024"} <= index.numbers


@given(st.text(alphabet="abcéłдкаΔλ日本 -'’.,1", max_size=30))
def test_a_text_of_latin_words_only_has_no_skeletons(text):
    from mtcheck.omission.support import _latin, _latin_text, target_words

    if _latin_text(text):
        assert all(_latin(w) for w in target_words(text, "ru"))
        assert not index_target(text, "ru", None, (), ()).skeletons
