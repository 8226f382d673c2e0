"""Format readers: units, ids, lines, sides and declared languages, per format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtcheck import formats
from mtcheck.corpus import detect_format, load_document
from mtcheck.errors import InputError
from mtcheck.formats import FORMAT_BY_EXTENSION, FORMATS, read_bilingual, read_document
from mtcheck.types import Document, Paragraph

EXAMPLES = Path(__file__).resolve().parents[1] / "corpora" / "examples"
UNIT_IDS = ["title", "p1s1", "p2s1", "p3s1", "p4s2"]

# file, format, source language, target language, first target text
EXAMPLE_FILES = [
    ("shoigu.en-de.xlf", "xliff", "en", "de", "Schoigu besucht Iran"),
    ("shoigu.en-fr.xliff", "xliff", "en", "fr", "Choïgou en visite en Iran"),
    ("shoigu.en-de-fr.tmx", "tmx", "en", "fr", "Choïgou en visite en Iran"),
    ("shoigu.en-de-fr.tmx", "tmx", "en", "de", "Schoigu besucht Iran"),
    ("shoigu.en-de.po", "po", "en", "de", "Schoigu besucht Iran"),
    ("shoigu.en-de.tsv", "tsv", "en", "de", "Schoigu besucht Iran"),
    ("shoigu.en-fr.jsonl", "jsonl", "en", "fr", "Choïgou en visite en Iran"),
]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "fmt", "src", "tgt", "first"), EXAMPLE_FILES)
def test_examples_read_both_sides(name: str, fmt: str, src: str, tgt: str, first: str) -> None:
    source, target = read_bilingual(EXAMPLES / name, fmt, src, tgt)
    assert source.lang == src and target.lang == tgt
    assert source.presegmented and target.presegmented
    assert source.format == target.format == fmt
    assert source.paragraphs[0].text == "Shoigu visits Iran"
    assert target.paragraphs[0].text == first
    assert len(source.paragraphs) == len(target.paragraphs) == 5
    # The last unit is untranslated in every example: kept as an empty unit.
    assert target.paragraphs[-1].text == ""
    assert source.paragraphs[-1].text.startswith("The two countries")
    if fmt != "po":
        assert [p.unit_id for p in target.paragraphs] == UNIT_IDS
    assert [p.index for p in target.paragraphs] == list(range(5))
    lines = [p.line for p in target.paragraphs]
    assert lines == sorted(lines) and len(set(lines)) == 5


@pytest.mark.parametrize(("name", "fmt", "src", "tgt", "first"), EXAMPLE_FILES)
def test_read_document_picks_side_by_language(
    name: str, fmt: str, src: str, tgt: str, first: str
) -> None:
    assert read_document(EXAMPLES / name, tgt, fmt).paragraphs[0].text == first
    assert read_document(EXAMPLES / name, src, fmt).paragraphs[0].text == "Shoigu visits Iran"
    explicit = read_document(EXAMPLES / name, tgt, fmt, side="target")
    assert explicit.paragraphs[0].text == first


@pytest.mark.parametrize(
    ("name", "fmt", "lang", "declared"),
    [
        ("shoigu.en-de.xlf", "xliff", "fr", "de"),
        ("shoigu.en-fr.xliff", "xliff", "de", "fr"),
        ("shoigu.en-de.po", "po", "fr", "de"),
        ("shoigu.en-de.tsv", "tsv", "ru", "de"),
        ("shoigu.en-fr.jsonl", "jsonl", "it", "fr"),
    ],
)
def test_declared_target_language_contradicting_the_user_is_an_error(
    name: str, fmt: str, lang: str, declared: str
) -> None:
    with pytest.raises(InputError) as error:
        read_document(EXAMPLES / name, lang, fmt, side="target")
    assert name in str(error.value)
    assert f"target language {declared!r}" in str(error.value)
    assert repr(lang) in str(error.value)


def test_mismatched_language_without_side_names_the_pair() -> None:
    with pytest.raises(InputError, match=r"en → de, but was given as 'fr'"):
        read_document(EXAMPLES / "shoigu.en-de.xlf", "fr", "xliff")


def test_tmx_language_missing_lists_the_languages() -> None:
    with pytest.raises(InputError, match=r"no <tuv> in language 'ja'; the file has de, en, fr"):
        read_document(EXAMPLES / "shoigu.en-de-fr.tmx", "ja", "tmx")


def test_region_subtags_match_their_language(tmp_path: Path) -> None:
    path = write(tmp_path, "a.xlf", XLIFF12.replace('target-language="de"', 'target-language="de-DE"'))
    assert read_document(path, "de", "xliff").lang == "de"


def test_fuzzy_flags() -> None:
    fuzzy = {f: [u.id for u in formats.read_units(EXAMPLES / f, fmt).units if u.fuzzy]
             for f, fmt in [("shoigu.en-de.po", "po"), ("shoigu.en-de.xlf", "xliff")]}
    assert fuzzy["shoigu.en-de.xlf"] == ["p3s1"]
    assert [i.split("|")[0] for i in fuzzy["shoigu.en-de.po"]] == ["p3s1"]


def test_registry_and_extensions() -> None:
    assert FORMAT_BY_EXTENSION == {
        ".xlf": "xliff", ".xliff": "xliff", ".tmx": "tmx", ".po": "po", ".pot": "po",
        ".tsv": "tsv", ".jsonl": "jsonl",
    }
    assert list(FORMATS) == ["text", "xliff", "tmx", "po", "tsv", "jsonl"]
    assert detect_format("a/b.XLF") == "xliff"
    with pytest.raises(InputError, match=r"unknown format 'docx'; known formats: text, xliff"):
        formats.get_format("docx")


def test_corpus_load_document_dispatches_on_extension() -> None:
    document = load_document(EXAMPLES / "shoigu.en-de.tsv", "de")
    assert document.format == "tsv" and document.presegmented
    assert document.paragraphs[1].unit_id == "p1s1"


# --------------------------------------------------------------------------- XLIFF
XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a.html" source-language="en" target-language="de" datatype="html">
    <body>
      <group id="g1">
        <trans-unit id="u1">
          <source>Click <g id="1">here</g> to <x id="2"/>continue<ph id="3">&lt;br/&gt;</ph>.</source>
          <target state="translated">Klicken Sie <g id="1">hier</g>, um<ph id="3">{0}</ph>
 fortzufahren.</target>
        </trans-unit>
      </group>
      <trans-unit id="u2" translate="no"><source>API_KEY</source></trans-unit>
      <trans-unit id="u3"><source>Untranslated &amp; kept</source></trans-unit>
      <trans-unit id="u4"><source>Draft</source><target state="new">Entwurf</target></trans-unit>
    </body>
  </file>
</xliff>
"""


def test_xliff12_inline_codes_groups_and_skipped_units(tmp_path: Path) -> None:
    units = formats.read_units(write(tmp_path, "a.xlf", XLIFF12), "xliff").units
    assert [(u.id, u.line) for u in units] == [("u1", 6), ("u3", 13), ("u4", 14)]
    assert units[0].source == "Click here to continue."
    assert units[0].target == "Klicken Sie hier, um\n fortzufahren."
    assert units[1].source == "Untranslated & kept" and units[1].target is None
    assert [u.fuzzy for u in units] == [False, False, True]


XLIFF20 = """<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-US" trgLang="fr">
 <file id="f1">
  <unit id="u1">
   <originalData><data id="d1">&lt;b&gt;</data></originalData>
   <segment id="s1"><source>Hello <pc id="1">world</pc><ph id="2" dataRef="d1"/>.</source>
     <target>Bonjour <pc id="1">le monde</pc><cp hex="00A0"/>!</target></segment>
   <ignorable><source> </source></ignorable>
   <segment id="s2"><source>Bye.</source></segment>
  </unit>
 </file>
</xliff>
"""


def test_xliff20_segments_inline_codes_and_code_points(tmp_path: Path) -> None:
    source, target = read_bilingual(write(tmp_path, "b.xliff", XLIFF20), "xliff", "en", "fr")
    assert [p.unit_id for p in source.paragraphs] == ["u1#s1", "u1#s2"]
    assert [p.text for p in source.paragraphs] == ["Hello world.", "Bye."]
    assert [p.text for p in target.paragraphs] == ["Bonjour le monde\u00a0!", ""]
    assert source.paragraphs[0].line == 6


def test_xliff_multiple_files_qualify_ids(tmp_path: Path) -> None:
    body = '<file original="{0}" source-language="en" target-language="de"><body>' \
           '<trans-unit id="1"><source>A</source><target>B</target></trans-unit></body></file>'
    text = f'<xliff version="1.2">{body.format("x.html")}{body.format("y.html")}</xliff>'
    units = formats.read_units(write(tmp_path, "m.xlf", text), "xliff").units
    assert [u.id for u in units] == ["x.html:1", "y.html:1"]


# --------------------------------------------------------------------------- TMX
def test_tmx_inline_codes_region_codes_and_missing_variants(tmp_path: Path) -> None:
    text = """<tmx version="1.4"><header srclang="EN-us" segtype="sentence"/>
<body>
<tu><tuv xml:lang="en-US"><seg>Press <bpt i="1">&lt;b&gt;</bpt>OK<ept i="1">&lt;/b&gt;</ept></seg></tuv>
    <tuv xml:lang="de-DE"><seg>Drücken Sie <hi>OK</hi></seg></tuv></tu>
<tu tuid="x"><tuv xml:lang="en-US"><seg>Only English</seg></tuv></tu>
</body></tmx>"""
    source, target = read_bilingual(write(tmp_path, "t.tmx", text), "tmx", "en", "de")
    assert [p.text for p in source.paragraphs] == ["Press OK", "Only English"]
    assert [p.text for p in target.paragraphs] == ["Drücken Sie OK", ""]
    assert [p.unit_id for p in target.paragraphs] == ["1", "x"]
    assert [p.line for p in target.paragraphs] == [3, 5]


# --------------------------------------------------------------------------- PO
PO = r"""# header comment
msgid ""
msgstr ""
"Language: de_DE\n"
"Content-Type: text/plain; charset=UTF-8\n"

#, fuzzy
msgid "Open"
msgstr "Öffnen"

msgctxt "menu"
msgid "Open"
msgstr ""

msgid "one file"
msgid_plural "%d files"
msgstr[0] "eine Datei"
msgstr[1] "%d Dateien"

msgid ""
"multi "
"line"
msgstr "mehr\n"
"zeilig"

#~ msgid "gone"
#~ msgstr "weg"
"""


def test_po_entries_context_plural_multiline_obsolete(tmp_path: Path) -> None:
    units = formats.read_units(write(tmp_path, "d.po", PO), "po")
    assert units.declared_target == "de_DE" and units.declared_source is None
    assert [(u.id, u.line, u.source, u.target, u.fuzzy) for u in units.units] == [
        ("Open", 8, "Open", "Öffnen", True),
        ("menu|Open", 12, "Open", None, False),
        ("one file", 15, "one file", "eine Datei", False),
        ("multi line", 20, "multi line", "mehr\nzeilig", False),
    ]
    # The PO declares only its target; English then means the msgid side.
    assert read_document(tmp_path / "d.po", "en", "po").paragraphs[0].text == "Open"
    assert read_document(tmp_path / "d.po", "de", "po").paragraphs[1].text == ""


# --------------------------------------------------------------------------- TSV
@pytest.mark.parametrize(
    ("text", "ids", "targets", "declared"),
    [
        ("Hello\tHallo\nBye\t\n", ["1", "2"], ["Hallo", None], (None, None)),
        ("source\ttarget\nHello\tHallo\n", ["1"], ["Hallo"], (None, None)),
        ("id\ten\tde\na\tHello\tHallo\n\nb\tBye\tTschüss\n", ["a", "b"], ["Hallo", "Tschüss"],
         ("en", "de")),
        ("k1\tHello\tHallo\r\nk2\tBye\tTschüss\r\n", ["k1", "k2"], ["Hallo", "Tschüss"],
         (None, None)),
    ],
)
def test_tsv_layouts(tmp_path: Path, text: str, ids: list[str], targets: list[str | None],
                     declared: tuple[str | None, str | None]) -> None:
    path = tmp_path / "x.tsv"
    path.write_bytes(text.encode("utf-8"))
    units = formats.read_units(path, "tsv")
    assert [u.id for u in units.units] == ids
    assert [u.target for u in units.units] == targets
    assert (units.declared_source, units.declared_target) == declared


# --------------------------------------------------------------------------- JSONL
def test_jsonl_ids_null_targets_and_numbering(tmp_path: Path) -> None:
    lines = [{"id": 7, "source": "A", "target": "B"}, {"source": "C", "target": None},
             {"id": "z", "source": "D"}, {"source": "E", "target": "F", "fuzzy": True}]
    text = "\n".join(json.dumps(x) for x in lines) + "\n\n"
    units = formats.read_units(write(tmp_path, "j.jsonl", text), "jsonl").units
    assert [(u.id, u.line, u.target, u.fuzzy) for u in units] == [
        ("7", 1, "B", False), ("2", 2, None, False), ("z", 3, None, False), ("4", 4, "F", True)]


# --------------------------------------------------------------------------- alignment
def _doc(ids: list[str]) -> Document:
    paragraphs = tuple(Paragraph(index=i, text=u, line=i + 1, unit_id=u) for i, u in enumerate(ids))
    return Document(path="x", lang="en", paragraphs=paragraphs, format="tsv", presegmented=True)


@pytest.mark.parametrize(
    ("source", "target", "pairs"),
    [
        (["a", "b", "c"], ["a", "b", "c"], [(0, 0), (1, 1), (2, 2)]),
        (["a", "b", "c"], ["a", "c"], [(0, 0), (1, None), (2, 1)]),
        (["a", "c"], ["x", "a", "y", "c", "z"], [(None, 0), (0, 1), (None, 2), (1, 3), (None, 4)]),
        (["a", "b"], ["b", "a"], [(0, 1), (1, 0)]),
    ],
)
def test_unit_alignment_pairs_by_id(source: list[str], target: list[str],
                                    pairs: list[tuple[int | None, int | None]]) -> None:
    assert formats.unit_alignment(_doc(source), _doc(target)) == pairs


def test_unit_alignment_covers_every_unit_once() -> None:
    source, target = _doc(list("abcdef")), _doc(list("zbdaq"))
    pairs = formats.unit_alignment(source, target)
    assert sorted(s for s, _ in pairs if s is not None) == list(range(6))
    assert sorted(t for _, t in pairs if t is not None) == list(range(5))


def test_unit_alignment_rejects_plain_text() -> None:
    text = Document(path="x", lang="en", paragraphs=(), format="text")
    with pytest.raises(ValueError, match="presegmented"):
        formats.unit_alignment(text, text)
