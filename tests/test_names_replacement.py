"""Another real place in a name's place (mtcheck.names.replacement)."""

from __future__ import annotations

from builders import segmented
from mtcheck.config import NamesConfig
from mtcheck.names.replacement import names_another_city
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
