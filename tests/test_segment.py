"""Tests of mtcheck.segment: golden tables per language, rules, and the document API."""

from __future__ import annotations

import pytest

from mtcheck.config import SegmentConfig
from mtcheck.errors import InputError, LanguageError
from mtcheck.languages import registry
from mtcheck.segment import (
    SEGMENTER,
    SentenceSpan,
    load_rules,
    segment_document,
    segmenter_signature,
    split_sentences,
)
from mtcheck.types import Document, Paragraph


def texts(text: str, lang: str, *abbreviations: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, lang, abbreviations)]


# (language, text, expected sentences). Real sentences, many from the shipped corpus.
GOLDEN = [
    # --- English: abbreviations, initials, numbers, URLs, glued sentences
    ("en", "Pezeshitsyan stressed that cooperation will be strengthened.Pezeshitsyan also "
           "condemned Israel's military operations.",
     ["Pezeshitsyan stressed that cooperation will be strengthened.",
      "Pezeshitsyan also condemned Israel's military operations."]),
    ("en", "Shoigu said that Russia is ready to cooperate in the field of regional affairs.He "
           "condemned the assassination.",
     ["Shoigu said that Russia is ready to cooperate in the field of regional affairs.",
      "He condemned the assassination."]),
    ("en", "Mr. Smith met Dr. Jones at the U.S. Embassy. They talked.",
     ["Mr. Smith met Dr. Jones at the U.S. Embassy.", "They talked."]),
    ("en", "Gen. Bagheri met St. John in Washington, D.C. on Monday.",
     ["Gen. Bagheri met St. John in Washington, D.C. on Monday."]),
    ("en", "Inflation rose to 5.5 percent, e.g. in food. Pi is 3.14 exactly.",
     ["Inflation rose to 5.5 percent, e.g. in food.", "Pi is 3.14 exactly."]),
    ("en", "See www.example.com for details. The site is fast.",
     ["See www.example.com for details.", "The site is fast."]),
    ("en", "The Himalaya chronicle by G.O.Dyhrenfurth appeared in 1957. It was long.",
     ["The Himalaya chronicle by G.O.Dyhrenfurth appeared in 1957.", "It was long."]),
    ("en", "The report by J. R. R. Tolkien arrived. It was late.",
     ["The report by J. R. R. Tolkien arrived.", "It was late."]),
    ("en", "He moved to the U.S. He liked it there.",
     ["He moved to the U.S.", "He liked it there."]),
    ("en", "Apples, pears, etc. The list goes on.",
     ["Apples, pears, etc.", "The list goes on."]),
    ("en", "See No. 5 on p. 12. No. That is wrong.",
     ["See No. 5 on p. 12.", "No.", "That is wrong."]),
    ("en", '"Where are you going?" she asked. "Home." He nodded.',
     ['"Where are you going?" she asked.', '"Home."', "He nodded."]),
    ("en", "Really?! I did not know. Wait... what? Fine... Let us go.",
     ["Really?!", "I did not know.", "Wait... what?", "Fine...", "Let us go."]),
    ("en", "He paused (as always.) Then he spoke. The talks [...] ended late.",
     ["He paused (as always.)", "Then he spoke.", "The talks [...] ended late."]),
    ("en", "1. Prepare the agenda. 2. Send it out.",
     ["1. Prepare the agenda.", "2. Send it out."]),
    ("en", "It was founded in 1956. Nobody remembers why.",
     ["It was founded in 1956.", "Nobody remembers why."]),
    # --- German: ordinals, abbreviations with spaces, initials
    ("de", "Die Delegation traf am 5. August in Teheran ein. Sie blieb zwei Tage.",
     ["Die Delegation traf am 5. August in Teheran ein.", "Sie blieb zwei Tage."]),
    ("de", "Im 19. Jahrhundert war das anders. Heute nicht.",
     ["Im 19. Jahrhundert war das anders.", "Heute nicht."]),
    ("de", "Das gilt z. B. für Berge, d. h. für alle Gipfel. Es bleibt so.",
     ["Das gilt z. B. für Berge, d. h. für alle Gipfel.", "Es bleibt so."]),
    ("de", "Flüsse wie z.B. der Arun entspringen dort. Dr. Toni Hagen hat sie kartiert.",
     ["Flüsse wie z.B. der Arun entspringen dort.", "Dr. Toni Hagen hat sie kartiert."]),
    ("de", "Der Artikel steht in Bd.XI auf S. 161. Er ist lang.",
     ["Der Artikel steht in Bd.XI auf S. 161.", "Er ist lang."]),
    ("de", "Er wurde Dritter mit Platz 3. Dann ging er nach Hause.",
     ["Er wurde Dritter mit Platz 3.", "Dann ging er nach Hause."]),
    ("de", "Pezeshkian betonte, dass die Zusammenarbeit gestärkt werde.Pezeshkian verurteilte "
           "zudem die Angriffe.",
     ["Pezeshkian betonte, dass die Zusammenarbeit gestärkt werde.",
      "Pezeshkian verurteilte zudem die Angriffe."]),
    ("de", "»Wir kommen.« Er lachte.", ["»Wir kommen.«", "Er lachte."]),
    # --- French: spaced punctuation and guillemets, M.
    ("fr", "M. Dupont est arrivé à Téhéran. Il a rencontré le président.",
     ["M. Dupont est arrivé à Téhéran.", "Il a rencontré le président."]),
    ("fr", "« Nous sommes prêts. » Il est parti ! Vraiment ?! Oui.",
     ["« Nous sommes prêts. »", "Il est parti !", "Vraiment ?!", "Oui."]),
    ("fr", "Le groupe (c.-à-d. la délégation) est reparti. Fin.",
     ["Le groupe (c.-à-d. la délégation) est reparti.", "Fin."]),
    # --- Spanish, Portuguese, Italian
    ("es", "El Sr. García llegó ayer. ¿Vendrá mañana? ¡Claro que sí!",
     ["El Sr. García llegó ayer.", "¿Vendrá mañana?", "¡Claro que sí!"]),
    ("es", "Los EE. UU. y Rusia hablaron. Después se fueron.",
     ["Los EE. UU. y Rusia hablaron.", "Después se fueron."]),
    ("pt", "O Sr. Silva chegou a Teerã. Ele foi recebido pelo Dr. Costa.",
     ["O Sr. Silva chegou a Teerã.", "Ele foi recebido pelo Dr. Costa."]),
    ("it", "La Fiat S.p.A. ha sede a Torino. Il Sig. Rossi è il direttore.",
     ["La Fiat S.p.A. ha sede a Torino.", "Il Sig. Rossi è il direttore."]),
    ("it", "Lo ha detto il Dott. Bianchi, ecc. Il resto è noto.",
     ["Lo ha detto il Dott. Bianchi, ecc.", "Il resto è noto."]),
    # --- Russian and Ukrainian: initials, "г.", "т. е."
    ("ru", "С. К. Шойгу прибыл в Тегеран 5 августа 2024 г. в составе делегации. Он провёл "
           "переговоры.",
     ["С. К. Шойгу прибыл в Тегеран 5 августа 2024 г. в составе делегации.",
      "Он провёл переговоры."]),
    ("ru", "Это важно, т. е. необходимо. Секретарь Совбеза Шойгу С.К. Он прибыл вчера.",
     ["Это важно, т. е. необходимо.", "Секретарь Совбеза Шойгу С.К.", "Он прибыл вчера."]),
    ("ru", "Пезешкиан подчеркнул, что сотрудничество будет укреплено.Пезешкьян также осудил "
           "удары.",
     ["Пезешкиан подчеркнул, что сотрудничество будет укреплено.",
      "Пезешкьян также осудил удары."]),
    ("ru", "Они обсудили экономику, энергетику и т. д. Затем встреча закончилась.",
     ["Они обсудили экономику, энергетику и т. д.", "Затем встреча закончилась."]),
    ("ru", "«Мы готовы к сотрудничеству». Так заявил Шойгу.",
     ["«Мы готовы к сотрудничеству».", "Так заявил Шойгу."]),
    ("uk", "Шойгу прибув до Тегерана. Він зустрівся з президентом.",
     ["Шойгу прибув до Тегерана.", "Він зустрівся з президентом."]),
    # --- Greek: ";" is the question mark
    ("el", "Τι είπε ο Σοϊγκού; Είπε ότι η Ρωσία είναι έτοιμη. Πότε θα φύγει;",
     ["Τι είπε ο Σοϊγκού;", "Είπε ότι η Ρωσία είναι έτοιμη.", "Πότε θα φύγει;"]),
    ("el", "Ο κ. Παπαδόπουλος ήρθε. Έφυγε νωρίς.",
     ["Ο κ. Παπαδόπουλος ήρθε.", "Έφυγε νωρίς."]),
    ("el", "Τι είπε\u037e Τίποτα.", ["Τι είπε\u037e", "Τίποτα."]),
    # --- Finnish, Indonesian, Latin
    ("fi", "Shoigu saapui Teheraniin 5. elokuuta. Hän tapasi presidentin.",
     ["Shoigu saapui Teheraniin 5. elokuuta.", "Hän tapasi presidentin."]),
    ("fi", "Tämä koskee esim. Irania. Se on tärkeää.",
     ["Tämä koskee esim. Irania.", "Se on tärkeää."]),
    ("id", "Shoigu tiba di Teheran. Ia bertemu dengan Presiden Pezeshkian.",
     ["Shoigu tiba di Teheran.", "Ia bertemu dengan Presiden Pezeshkian."]),
    ("id", "Mereka membahas ekonomi, energi, dll. Kemudian pertemuan selesai.",
     ["Mereka membahas ekonomi, energi, dll.", "Kemudian pertemuan selesai."]),
    ("la", "M. Tullius Cicero consul fuit. Cn. Pompeius imperator erat.",
     ["M. Tullius Cicero consul fuit.", "Cn. Pompeius imperator erat."]),
    # --- CJK: no spaces needed, closing brackets stay with the sentence
    ("ja", "ショイグ氏はテヘランに到着した。会談は友好的だった！次は？",
     ["ショイグ氏はテヘランに到着した。", "会談は友好的だった！", "次は？"]),
    ("ja", "「協力を強化する。」と大統領は述べた。会談は終わった。",
     ["「協力を強化する。」と大統領は述べた。", "会談は終わった。"]),
    ("ja", "「本当ですか？」彼は聞いた。円周率は３．１４です。",
     ["「本当ですか？」", "彼は聞いた。", "円周率は３．１４です。"]),
    ("zh", "绍伊古抵达德黑兰。他说：“我们准备合作。”随后双方举行会谈！",
     ["绍伊古抵达德黑兰。", "他说：“我们准备合作。”", "随后双方举行会谈！"]),
    ("zh", "俄罗斯代表团于5日抵达。伊朗表示欢迎。", ["俄罗斯代表团于5日抵达。", "伊朗表示欢迎。"]),
    ("ko", "쇼이구는 테헤란에 도착했다. 그는 대통령을 만났다.",
     ["쇼이구는 테헤란에 도착했다.", "그는 대통령을 만났다."]),
    ("ko", "협력이 강화될 것이라고 강조했다.페제시키안은 또한 규탄했다.",
     ["협력이 강화될 것이라고 강조했다.", "페제시키안은 또한 규탄했다."]),
    # --- Devanagari: danda and double danda with verse numbers
    ("sa", "शोइगुः तेहरान-नगरम् आगतवान्। सः राष्ट्रपतिना सह अमिलत्॥ १॥ ततः सः गतवान्।",
     ["शोइगुः तेहरान-नगरम् आगतवान्।", "सः राष्ट्रपतिना सह अमिलत्॥ १॥", "ततः सः गतवान्।"]),
    ("hi", "शोइगु तेहरान पहुंचे। उन्होंने राष्ट्रपति से मुलाकात की।",
     ["शोइगु तेहरान पहुंचे।", "उन्होंने राष्ट्रपति से मुलाकात की।"]),
    # --- Arabic script (generic rules)
    ("ar", "وصل شويغو إلى طهران. هل التقى الرئيس؟ نعم.",
     ["وصل شويغو إلى طهران.", "هل التقى الرئيس؟", "نعم."]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), GOLDEN,
                         ids=[f"{g[0]}-{i}" for i, g in enumerate(GOLDEN)])
def test_golden_sentences(lang: str, text: str, expected: list[str]) -> None:
    assert texts(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "glued"), [
    ("en", "It will be strengthened.Pezeshitsyan also condemned it.", [False, True]),
    ("en", "Is it true?Yes it is.", [False, True]),
    ("en", "It was 2024.He left.", [False, True]),
    ("ko", "강조했다.페제시키안은 규탄했다.", [False, True]),
    ("sa", "सः आगतवान्।सः गतवान्।", [False, True]),
    # No spaces between sentences is normal in Chinese and Japanese: not glued.
    ("zh", "他来了。他走了。", [False, False]),
    ("ja", "来た!次に行った。", [False, False]),
    ("en", "He came. He went.", [False, False]),
])
def test_glued_flag(lang: str, text: str, glued: list[bool]) -> None:
    assert [s.glued for s in split_sentences(text, lang)] == glued


@pytest.mark.parametrize("text", [
    "The U.S.A. is large.",
    "Written by G.O.Dyhrenfurth in 1957.",
    "Published by B.Arthaud in Paris.",
    "Collected by J.D.A.Stainton there.",
    "Pi is 3.14 and e is 2.718.",
    "Visit www.example.com today.",
    "Mail info@example.Com now.",
    "Use System.Console.WriteLine here.",
    "The jQuery.Ajax call failed.",
    "Built on ASP.NET by Fiat S.p.A. engineers.",
    "See Nr.212 and S.298-303 here.",
    "He wrote version 1.2.3 today.",
])
def test_dotted_words_are_not_split(text: str) -> None:
    assert texts(text, "en") == [text]


def test_user_abbreviations_never_end_a_sentence() -> None:
    text = "Der Artikel von Verf. Schmidt ist lang."
    assert len(texts(text, "de")) == 2
    assert texts(text, "de", "Verf.") == [text]
    assert texts(text, "de", "Verf") == [text]


def test_glued_splitting_can_be_switched_off() -> None:
    text = "It will be strengthened.Pezeshitsyan agreed."
    spans = split_sentences(text, "en", split_glued=False)
    assert spans == [SentenceSpan(0, len(text), False)]


def test_blank_line_is_a_hard_boundary() -> None:
    assert texts("A heading without a stop\n\nThe body text.", "en") == [
        "A heading without a stop", "The body text."]


def test_single_newline_is_ordinary_space() -> None:
    assert texts("A sentence wrapped\nover two lines. Next one.", "en") == [
        "A sentence wrapped\nover two lines.", "Next one."]


def test_spans_are_stripped_offsets() -> None:
    text = "  Hello there.   How are you?  "
    assert split_sentences(text, "en") == [
        SentenceSpan(2, 14, False), SentenceSpan(17, 29, False)]


def test_whitespace_only_text_has_no_sentences() -> None:
    assert split_sentences(" \n\t ", "en") == []


def test_unknown_language_is_a_language_error() -> None:
    with pytest.raises(LanguageError, match="known codes"):
        split_sentences("Hello.", "xx")


def test_region_subtags_use_the_base_language() -> None:
    assert texts("O Sr. Silva chegou. Ele saiu.", "pt-BR") == ["O Sr. Silva chegou.", "Ele saiu."]


@pytest.mark.parametrize("code", sorted(registry()))
def test_every_registered_language_has_rules(code: str) -> None:
    rules = load_rules(code)
    assert rules.lang == code
    assert "e.g" in rules.never_split  # the generic list applies everywhere
    assert split_sentences("One. Two.", code)


# --------------------------------------------------------------------------- documents
def _document(*paragraphs: Paragraph, presegmented: bool = False, lang: str = "en") -> Document:
    return Document(path="doc.txt", lang=lang, paragraphs=paragraphs, presegmented=presegmented)


def test_segment_document_numbers_sentences_and_lines() -> None:
    document = _document(
        Paragraph(0, "Shoigu visits Iran. Really", 1, is_title=True),
        Paragraph(1, "First sentence. Second\nwraps. Third.", 3),
        Paragraph(2, "Fourth.Fifth is glued.", 6),
    )
    segmented = segment_document(document)
    assert segmented.texts() == [
        "Shoigu visits Iran. Really", "First sentence.", "Second\nwraps.", "Third.",
        "Fourth.", "Fifth is glued."]
    assert [s.id for s in segmented.sentences] == [0, 1, 2, 3, 4, 5]
    assert [s.paragraph for s in segmented.sentences] == [0, 1, 1, 1, 2, 2]
    assert [s.line for s in segmented.sentences] == [1, 3, 3, 4, 6, 6]
    assert [s.glued for s in segmented.sentences] == [False] * 5 + [True]
    third = segmented.sentences[3]
    assert document.paragraphs[1].text[third.start : third.end] == "Third."
    assert segmented.segmenter == SEGMENTER
    assert segmented.document is document


def test_presegmented_documents_keep_their_units() -> None:
    document = _document(Paragraph(0, "One. Two.", 1), Paragraph(1, "Three", 2),
                         presegmented=True)
    assert segment_document(document).texts() == ["One. Two.", "Three"]


def test_document_without_sentences_is_an_input_error() -> None:
    document = _document(Paragraph(0, "   ", 1))
    with pytest.raises(InputError, match=r"doc\.txt: no sentences found"):
        segment_document(document)


def test_config_abbreviations_apply_to_their_language_only() -> None:
    paragraph = Paragraph(0, "Der Bericht von Verf. Schmidt ist da.", 1)
    config = SegmentConfig(abbreviations={"de": ("Verf.",)})
    assert len(segment_document(_document(paragraph, lang="de"), config).sentences) == 1
    assert len(segment_document(_document(paragraph, lang="de")).sentences) == 2
    assert len(segment_document(_document(paragraph, lang="nl"), config).sentences) == 2


def test_signature_names_settings_that_change_the_cut() -> None:
    assert segmenter_signature(None, "de") == SEGMENTER
    custom = segmenter_signature(SegmentConfig(abbreviations={"de": ("Verf.",)}), "de")
    assert custom.startswith(SEGMENTER + "+abbrev.")
    assert custom != segmenter_signature(SegmentConfig(abbreviations={"de": ("Bd.",)}), "de")
    assert segmenter_signature(SegmentConfig(split_glued=False), "en").endswith("+noglued")


@pytest.mark.parametrize("code", sorted(registry()))
def test_abbreviation_kinds_are_disjoint(code: str) -> None:
    rules = load_rules(code)
    assert not rules.never_split & rules.before_number
    assert not rules.never_split & rules.may_end
    assert not rules.before_number & rules.may_end


def test_shipped_rule_files_are_valid() -> None:
    from importlib import resources

    folder = resources.files("mtcheck").joinpath("data/segment")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".toml"))
    assert "generic.toml" in names
    codes = set(registry())
    for name in names:
        stem = name.removesuffix(".toml")
        assert stem == "generic" or stem in codes, f"{name} names no registered language"
        if stem != "generic":
            load_rules(stem)  # raises on unknown keys


def test_config_abbreviation_keys_are_language_codes() -> None:
    from mtcheck.errors import ConfigError
    from mtcheck.segment import configured_abbreviations

    config = SegmentConfig(abbreviations={"DE": ("Verf.",), "pt-BR": ("Exa.",)})
    assert configured_abbreviations(config, "de") == ("Verf.",)
    assert configured_abbreviations(config, "pt") == ("Exa.",)
    assert configured_abbreviations(config, "en") == ()
    with pytest.raises(ConfigError, match="'klingon'"):
        configured_abbreviations(SegmentConfig(abbreviations={"klingon": ("Qa.",)}), "en")
