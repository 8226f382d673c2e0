"""Another real place in a name's place (mtcheck.names.replacement)."""

from __future__ import annotations

from builders import one_to_one, segmented
from mtcheck.config import NamesConfig
from mtcheck.names import check_translation, find_entities
from mtcheck.names.replacement import (
    after_own_word,
    common_words,
    names_a_known_place,
    names_another_city,
)
from mtcheck.names.residual import residual_rendering, sounds_at_all
from mtcheck.types import Entity

RARE = NamesConfig().rare_zipf


def entity(name: str) -> Entity:
    return Entity(id=name.lower(), canonical=name, source_forms=(name,), source_ids=(0,))


def test_a_city_of_geonames_that_is_not_the_name_is_another_place() -> None:
    assert names_another_city("Αρεκίπα", entity("Áncash"), "el")
    assert names_another_city("Казань", entity("Kazanlak"), "ru")


def test_the_names_own_city_is_no_other_place() -> None:
    # Geonames lists Αρεκίπα among Arequipa's names: the name rendered, not replaced;
    # so is a word of a longer name (the city of Arequipa).
    assert not names_another_city("Αρεκίπα", entity("Arequipa"), "el")
    assert not names_another_city("Αρεκίπα", entity("Arequipa Region"), "el")


def test_a_word_that_names_no_city_is_no_other_place() -> None:
    assert not names_another_city("Κίσπε", entity("Quispe"), "el")
    assert not names_another_city("Άνκας", entity("Áncash"), "el")


def test_a_leftover_that_is_another_city_is_no_rendering() -> None:
    # Kazan sounds enough like Kazanlak to pass for a spelling of it, but it is a city.
    assert sounds_at_all("Казань", entity("Kazanlak"), "ru")
    ru = segmented("ru", ["Завод построят под городом Казань к 2028 году."], "ru.txt")
    assert residual_rendering(entity("Kazanlak"), ru, [0], {}, RARE) is None
    # A leftover that names no city stays the name's rendering.
    kept = segmented("ru", ["Завод построят под городом Казанлык к 2028 году."], "ru.txt")
    assert residual_rendering(entity("Kazanlak"), kept, [0], {}, RARE) == "Казанлык"


def test_common_words_of_a_name_are_those_many_names_share() -> None:
    assert common_words(entity("Thomas Lipton"), "en", 3.5) == {"Thomas"}
    assert common_words(entity("San Nicolás"), "es", 3.5) == {"San", "Nicolás"}
    # A rare given name tells the name as well as its surname; a one-word name has none.
    assert common_words(entity("Kari Bjørnstad"), "en", 3.5) == set()
    assert common_words(entity("Lipton"), "en", 3.5) == set()


def test_another_name_after_a_word_of_the_name_keeps_its_frame() -> None:
    target = segmented("en", ["Fishermen in Villa Constitución and San Pedro say so."])
    assert after_own_word("Pedro", entity("San Nicolás"), target, [0])
    # Not a word of the name itself, nor a word that follows none of the name's words.
    assert not after_own_word("San", entity("San Nicolás"), target, [0])
    assert not after_own_word("Constitución", entity("San Nicolás"), target, [0])
    # A one-word name has no frame.
    assert not after_own_word("Pedro", entity("Nicolás"), target, [0])


def test_an_inflected_country_name_names_that_country_not_the_entity() -> None:
    assert names_a_known_place("Аргентины", entity("Santa Fe"), "ru", "es")
    # A place the name itself holds is the name's own (カタール of カタール航空).
    assert not names_a_known_place("カタール", entity("Qatar Airways"), "ja", "en")
    assert not names_a_known_place("Пилар", entity("Santa Fe"), "ru", "es")


def _findings(source: str, target: str, lang: str) -> list[tuple[str, str | None, str]]:
    src = segmented("en", [source], "en.txt")
    result = check_translation(src, segmented(lang, [target], f"{lang}.txt"), one_to_one(1),
                               find_entities(src))
    return [(f.check, f.entity, f.message) for f in result.findings
            if f.check.startswith("names.")]


LIPTON = "The estate near Haputale was bought by Thomas Lipton in 1890."


def test_a_shared_given_name_beside_another_surname_is_a_replacement() -> None:
    found = _findings(LIPTON, "La tenuta vicino a Haputale fu comprata da Thomas Twining "
                              "nel 1890.", "it")
    assert [(c, e) for c, e, _ in found] == [("names.missing", "thomas-lipton")]
    assert found[0][2].endswith("replaced by Twining")


def test_a_given_name_alone_or_the_full_name_still_render_it() -> None:
    assert _findings(LIPTON, "La tenuta vicino a Haputale fu comprata da Thomas Lipton "
                             "nel 1890.", "it") == []
    # The surname alone is the name; the given name alone, with no other name there, is
    # a shortened mention, not a replacement.
    assert _findings(LIPTON, "La tenuta vicino a Haputale fu comprata da Lipton nel 1890.",
                     "it") == []
    assert _findings(LIPTON, "La tenuta vicino a Haputale fu comprata da Thomas nel 1890.",
                     "it") == []


def test_a_real_city_that_sounds_like_the_name_replaced_it() -> None:
    source = "Kannywood, the film industry based in Kano, produced 300 films."
    found = _findings(source, "Kannywood, la industria del cine con sede en Kaduna, "
                              "produjo 300 películas.", "es")
    assert ("names.missing", "kano") in [(c, e) for c, e, _ in found]
    assert _findings(source, "Kannywood, la industria del cine con sede en Kano, "
                             "produjo 300 películas.", "es") == []


def _spanish_findings(target: str) -> list[tuple[str, str | None]]:
    src = segmented("es", ["La laguna amenaza a Huaraz, donde viven 120.000 personas."],
                    "es.txt")
    result = check_translation(src, segmented("pt", [target], "pt.txt"), one_to_one(1),
                               find_entities(src))
    return [(f.check, f.entity) for f in result.findings if f.check.startswith("names.")]


def test_a_copied_name_that_starts_with_another_sound_is_another_name() -> None:
    # Between Latin-script languages a name is copied: Caraz sounds like Huaraz, but its
    # first sound is another, so it is no second spelling of it.
    assert _spanish_findings("A lagoa ameaça Caraz, onde vivem 120.000 pessoas.") == [
        ("names.missing", "huaraz")]
    assert _spanish_findings("A lagoa ameaça Huaraz, onde vivem 120.000 pessoas.") == []
