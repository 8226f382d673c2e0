"""Base forms of name renderings: particle-free, uninflected, in the text's case, and the
same for a variant and each of its renderings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mtcheck.names import check_translation, find_entities, parse_glossary
from mtcheck.names.matching import base_form, entity_forms, group_variants
from mtcheck.types import (
    AlignedPair,
    Alignment,
    Document,
    Entity,
    NameRendering,
    Paragraph,
    SegmentedDocument,
    Sentence,
)


def keys_of(name: str, lang: str, accepted: tuple[str, ...] = ()) -> tuple[str, ...]:
    entity = Entity(name.lower(), name, (name,), (0,))
    return entity_forms([entity], lang, {entity.id: accepted})[0].keys


# (lang, English name, surfaces with their counts, glossary forms, expected base)
CASES = [
    # Korean particles come off even when the name occurs once.
    ("ko", "Tehran", {"테헤란에서": 1}, (), "테헤란"),
    ("ko", "Tehran", {"테헤란에": 1, "테헤란에서": 1}, (), "테헤란"),
    ("ko", "Israel", {"이스라엘의": 1}, (), "이스라엘"),
    ("ko", "Haniyeh", {"하니예의": 1}, (), "하니예"),
    ("ko", "Gaza", {"가자지구에서의": 1}, (), "가자"),
    ("ko", "Iran", {"이란": 3, "이란과": 1, "이란과의": 1, "이란의": 2}, (), "이란"),
    ("ko", "Russia", {"러시아가": 1, "러시아는": 1, "러시아의": 2}, (), "러시아"),
    # The text's case is kept for a Latin-script name in a non-Latin translation.
    ("ko", "Ahmadian", {"Ahmadian": 1}, (), "Ahmadian"),
    # Russian case endings; an ending that belongs to the name stays (Газа is Gaza).
    ("ru", "Ahmadian", {"Ахмадиана": 1}, (), "Ахмадиан"),
    ("ru", "Gaza", {"Газа": 1}, (), "Газа"),
    ("ru", "Russia", {"Россия": 1, "России": 2, "Россией": 1}, (), "Россия"),
    ("ru", "Tehran", {"Тегеране": 1}, (), "Тегеран"),
    # The nominative Хания (the glossary's form) cannot be cut out of the genitive Хании.
    ("ru", "Haniyeh", {"Хании": 2}, ("Хания",), "Хания"),
    ("ru", "Haniyeh", {"Хании": 2}, (), "Хании"),  # without a glossary: kept as written
    ("ru", "Israel", {"Израиля": 1}, ("Израиль",), "Израиль"),
    ("fi", "Shoigu", {"Shoigun": 1}, (), "Shoigu"),
    ("fi", "Shoigu", {"Shoigu": 1, "Shoigun": 2}, (), "Shoigu"),
    ("fi", "Tehran", {"Teheraniin": 1, "Teheranissa": 1}, (), "Teheran"),
    ("fi", "Gaza", {"Gazan": 1}, (), "Gaza"),
    ("fi", "Haniyeh", {"Haniyehin": 1}, (), "Haniyeh"),
    ("la", "Pezeshkian", {"Pezeshkiani": 1}, (), "Pezeshkian"),
    ("la", "Pezeshkian", {"Pezeshkianus": 1, "Pezeshkiani": 1}, ("Pezeshkian",), "Pezeshkian"),
    ("la", "Iran", {"Irania": 2, "Iraniae": 1, "Iraniam": 1}, ("Irania", "Iran"), "Irania"),
    ("la", "Gaza", {"Gazae": 1}, (), "Gaza"),
    ("el", "Bagheri", {"Μπαγκερί": 1}, (), "Μπαγκερί"),  # του Μπαγκερί: indeclinable
    ("el", "Gaza", {"Γάζας": 1}, (), "Γάζα"),
    ("el", "Russia", {"Ρωσία": 2, "Ρωσίας": 1}, (), "Ρωσία"),
    ("el", "Tehran", {"Τεχεράνη": 1}, ("Τεχεράνη",), "Τεχεράνη"),
    ("de", "Israel", {"Israels": 1}, (), "Israel"),
    ("sa", "Israel", {"इस्रायेलस्य": 1}, (), "इस्रायेल"),
    ("sa", "Tehran", {"तेहराननगरं": 1, "तेहराननगरे": 1}, (), "तेहरान"),
]


@pytest.mark.parametrize(("lang", "name", "counts", "accepted", "expected"), CASES)
def test_base_form(lang: str, name: str, counts: dict[str, int], accepted: tuple[str, ...],
                   expected: str) -> None:
    keys = keys_of(name, lang, accepted)
    assert base_form(counts, lang, keys=keys, accepted=accepted) == expected


def test_glossary_form_only_when_the_stems_meet() -> None:
    keys = keys_of("Pezeshkian", "ru", ("Пезешкиан",))
    assert base_form({"Пезешкияна": 1}, "ru", keys=keys, accepted=("Пезешкиан",)) == "Пезешкиян"


def renderings_of(surfaces: list[str], entity: str = "e") -> list[NameRendering]:
    return [NameRendering(entity, i, 0, len(s), s, s.lower()) for i, s in enumerate(surfaces)]


RU_FORMS = ["Пезешкиан", "Пезешкиана", "Пезешкианом", "Пезешкиян", "Пезешкияну", "Пезешкьян",
            "Россия", "России", "Россией", "Хании"]


@given(st.lists(st.sampled_from(RU_FORMS), min_size=1, max_size=12))
def test_one_base_per_variant_shared_by_its_renderings(surfaces: list[str]) -> None:
    groups = group_variants(renderings_of(surfaces), "ru", keys=keys_of("Pezeshkian", "ru"))
    bases = [variant.base for variant, _ in groups]
    assert len(set(bases)) == len(bases)
    for variant, members in groups:
        assert {r.base for r in members} == {variant.base}
        assert {r.surface for r in members} == set(variant.surfaces)


def document(sentences: list[str], lang: str) -> SegmentedDocument:
    paragraphs = tuple(Paragraph(i, text, i + 1) for i, text in enumerate(sentences))
    return SegmentedDocument(
        Document(f"{lang}.txt", lang, paragraphs),
        tuple(Sentence(i, i, text, 0, len(text), i + 1) for i, text in enumerate(sentences)),
        "test")


SOURCE = [
    "Shoigu arrived in Tehran on Monday.",
    "Pezeshkian met Shoigu in Tehran.",
    "Pezeshkian also met Ahmadian.",
]
KO = [
    "쇼이구는 월요일 테헤란에 도착했다.",
    "페제시키안은 테헤란에서 쇼이구를 만났다.",
    "페제시키얀은 또한 Ahmadian 장관을 만났다.",
]


def test_translation_renderings_carry_their_variant_base() -> None:
    source = document(SOURCE, "en")
    target = document(KO, "ko")
    alignment = Alignment(tuple(AlignedPair((i,), (i,)) for i in range(3)), "test")
    result = check_translation(source, target, alignment, find_entities(source))
    bases = {(r.entity, r.surface): r.base for r in result.renderings}
    assert bases[("tehran", "테헤란에")] == bases[("tehran", "테헤란에서")] == "테헤란"
    assert bases[("shoigu", "쇼이구는")] == bases[("shoigu", "쇼이구를")] == "쇼이구"
    assert bases[("ahmadian", "Ahmadian")] == "Ahmadian"
    inconsistent = [f for f in result.findings if f.check == "names.inconsistent"]
    assert [sorted(v.base for v in f.variants) for f in inconsistent] == [["페제시키안",
                                                                           "페제시키얀"]]
    for variant in inconsistent[0].variants:
        assert {bases[("pezeshkian", s)] for s in variant.surfaces} == {variant.base}


def test_glossary_form_is_the_base_of_an_accepted_variant() -> None:
    source = document(SOURCE, "en")
    target = document(["Шойгу прибыл в Тегеран.", "Пезешкиан встретил Шойгу в Тегеране.",
                       "Пезешкиан встретил и Ахмадиана."], "ru")
    glossary = parse_glossary(
        '[entities.ahmadian]\nname = "Ahmadian"\nsource = ["Ahmadian"]\n'
        '[entities.ahmadian.targets]\nru = "Ахмадиан"\n', "glossary.toml")
    alignment = Alignment(tuple(AlignedPair((i,), (i,)) for i in range(3)), "test")
    result = check_translation(source, target, alignment, find_entities(source, glossary),
                               glossary=glossary)
    bases = {r.surface: r.base for r in result.renderings}
    assert bases["Ахмадиана"] == "Ахмадиан"
    assert bases["Тегеране"] == bases["Тегеран"] == "Тегеран"
    assert not [f for f in result.findings if f.check.startswith("names.")]
