"""Fuzzing the format readers: any bytes give a Document or an InputError, nothing else.

Bounded for CI (a few seconds per test); raise ``max_examples`` locally with
``--hypothesis-seed`` / ``HYPOTHESIS_PROFILE`` when hunting.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtcheck import formats
from mtcheck.corpus import load_document
from mtcheck.errors import InputError
from mtcheck.types import Document, Paragraph

EXAMPLES = Path(__file__).resolve().parents[1] / "corpora" / "examples"
SEEDS = {
    "xliff": ["shoigu.en-de.xlf", "shoigu.en-fr.xliff"],
    "tmx": ["shoigu.en-de-fr.tmx"],
    "po": ["shoigu.en-de.po"],
    "tsv": ["shoigu.en-de.tsv"],
    "jsonl": ["shoigu.en-fr.jsonl"],
}
FORMAT_NAMES = ["text", *SEEDS]
FUZZ = settings(max_examples=60, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow])

_names: Iterator[int] = count()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def check_reads(workdir: Path, fmt: str, raw: bytes) -> None:
    """The contract: a well-formed Document or one InputError naming the file."""
    path = workdir / f"case{next(_names)}.{fmt}"
    path.write_bytes(raw)
    try:
        for lang, side in (("de", None), ("en", "source"), ("fr", "target")):
            if fmt == "text" and side is not None:
                continue
            document = (load_document(path, lang, format=fmt) if side is None
                        else formats.read_document(path, lang, fmt, side=side))
            check_document(document, raw)
    except InputError as error:
        assert str(path) in str(error)
    finally:
        path.unlink()


def check_document(document: Document, raw: bytes) -> None:
    assert document.paragraphs, "an empty document must be an InputError"
    assert [p.index for p in document.paragraphs] == list(range(len(document.paragraphs)))
    lines = raw.count(b"\n") + raw.count(b"\r") + 1
    for paragraph in document.paragraphs:
        assert isinstance(paragraph.text, str)
        paragraph.text.encode("utf-8")  # no lone surrogates reach later stages
        assert "\x00" not in paragraph.text
        assert 1 <= paragraph.line <= lines
    if document.presegmented:
        ids = [p.unit_id for p in document.paragraphs]
        assert None not in ids and len(set(ids)) == len(ids)


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
@FUZZ
@given(raw=st.binary(max_size=400))
def test_random_bytes(workdir: Path, fmt: str, raw: bytes) -> None:
    check_reads(workdir, fmt, raw)


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
@FUZZ
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_random_text(workdir: Path, fmt: str, text: str) -> None:
    check_reads(workdir, fmt, text.encode("utf-8"))


# Mutations of valid files reach deeper than random bytes: most stay almost well-formed.
_TOKENS = [b"<", b">", b"</", b"/>", b'"', b"\\", b"\t", b"\n", b"\r", b"&", b"&amp;", b"{", b"}",
           b"[", b":", b",", b"msgid ", b"msgstr ", b"#, fuzzy\n", b"<!ENTITY a 'b'>",
           b"<target>", b"</source>", b"\xff", b"\xc3", b"\x00", b"\xef\xbb\xbf", b'"id": 1',
           b"<seg>", b"xml:lang=\"de\"", b"<cp hex=\"D800\"/>", b"&#0;", b"&#xD800;"]


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["delete", "insert", "duplicate", "flip"]))
        if action == "delete":
            data[position : position + draw(st.integers(1, 40))] = b""
        elif action == "insert":
            data[position:position] = draw(st.sampled_from(_TOKENS) | st.binary(max_size=4))
        elif action == "duplicate":
            data[position:position] = data[position : position + draw(st.integers(1, 80))]
        elif position < len(data):
            data[position] ^= 1 << draw(st.integers(0, 7))
    return bytes(data)


@pytest.mark.parametrize(("fmt", "name"), [(f, n) for f, names in SEEDS.items() for n in names])
@settings(max_examples=120, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_valid_files(workdir: Path, fmt: str, name: str, data: st.DataObject) -> None:
    seed = (EXAMPLES / name).read_bytes()
    check_reads(workdir, fmt, data.draw(mutated(seed)))


# --------------------------------------------------------------------------- round trips
unit_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\t"),
    max_size=40,
).map(str.strip)
units = st.lists(st.tuples(unit_text.filter(bool), unit_text), min_size=1, max_size=8)


@FUZZ
@given(pairs=units)
def test_jsonl_round_trip(workdir: Path, pairs: list[tuple[str, str]]) -> None:
    path = workdir / f"rt{next(_names)}.jsonl"
    path.write_text("".join(json.dumps({"id": f"u{i}", "source": s, "target": t or None}) + "\n"
                            for i, (s, t) in enumerate(pairs)), encoding="utf-8")
    source, target = formats.read_bilingual(path, "jsonl", "en", "de")
    assert [p.text for p in source.paragraphs] == [s for s, _ in pairs]
    assert [p.text for p in target.paragraphs] == [t for _, t in pairs]
    assert [p.line for p in target.paragraphs] == list(range(1, len(pairs) + 1))


@FUZZ
@given(pairs=units)
def test_tsv_round_trip(workdir: Path, pairs: list[tuple[str, str]]) -> None:
    path = workdir / f"rt{next(_names)}.tsv"
    path.write_text("id\ten\tde\n" + "".join(f"u{i}\t{s}\t{t}\n" for i, (s, t) in enumerate(pairs)),
                    encoding="utf-8")
    source, target = formats.read_bilingual(path, "tsv", "en", "de")
    assert [p.text for p in source.paragraphs] == [s for s, _ in pairs]
    assert [p.text for p in target.paragraphs] == [t for _, t in pairs]
    assert [p.unit_id for p in target.paragraphs] == [f"u{i}" for i in range(len(pairs))]


# --------------------------------------------------------------------------- unit alignment
def _doc(ids: list[str]) -> Document:
    paragraphs = tuple(Paragraph(index=i, text="x", line=1, unit_id=u) for i, u in enumerate(ids))
    return Document(path="x", lang="en", paragraphs=paragraphs, format="tsv", presegmented=True)


id_lists = st.lists(st.sampled_from("abcdefghij"), unique=True, max_size=10)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(source_ids=id_lists, target_ids=id_lists)
def test_unit_alignment_is_a_cover(source_ids: list[str], target_ids: list[str]) -> None:
    pairs = formats.unit_alignment(_doc(source_ids), _doc(target_ids))
    assert [s for s, _ in pairs if s is not None] == list(range(len(source_ids)))
    assert sorted(t for _, t in pairs if t is not None) == list(range(len(target_ids)))
    for s, t in pairs:
        if s is not None and t is not None:
            assert source_ids[s] == target_ids[t]
        elif s is not None:
            assert source_ids[s] not in target_ids
        elif t is not None:
            assert target_ids[t] not in source_ids
