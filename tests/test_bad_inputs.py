"""The bad-input matrix: every broken input gives one InputError naming the file and the problem."""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any

import pytest

from mtcheck import formats
from mtcheck.corpus import load_document
from mtcheck.errors import InputError

FORMAT_NAMES = ["text", "xliff", "tmx", "po", "tsv", "jsonl"]
EXTENSION = {"text": ".txt", "xliff": ".xlf", "tmx": ".tmx", "po": ".po", "tsv": ".tsv",
             "jsonl": ".jsonl"}

# A small valid file per format, en -> de, two units on lines 1-based as noted in the tests.
VALID = {
    "text": "Hallo\n\nTschüss, Welt.\n",
    "xliff": '<xliff version="1.2"><file source-language="en" target-language="de"><body>\n'
             '<trans-unit id="1"><source>Hello</source><target>Hallo</target></trans-unit>\n'
             '<trans-unit id="2"><source>Bye</source><target>Tschüss</target></trans-unit>\n'
             "</body></file></xliff>\n",
    "tmx": '<tmx version="1.4"><header srclang="en"/><body>\n'
           '<tu><tuv xml:lang="en"><seg>Hello</seg></tuv><tuv xml:lang="de"><seg>Hallo</seg></tuv></tu>\n'
           '<tu><tuv xml:lang="en"><seg>Bye</seg></tuv><tuv xml:lang="de"><seg>Tschüss</seg></tuv></tu>\n'
           "</body></tmx>\n",
    "po": 'msgid "Hello"\nmsgstr "Hallo"\n\nmsgid "Bye"\nmsgstr "Tschüss"\n',
    "tsv": "Hello\tHallo\nBye\tTschüss\n",
    "jsonl": '{"id": "1", "source": "Hello", "target": "Hallo"}\n'
             '{"id": "2", "source": "Bye", "target": "Tschüss"}\n',
}


def load(path: Path, fmt: str, lang: str = "de") -> object:
    return load_document(path, lang, format=fmt)


def texts(path: Path, fmt: str) -> list[str]:
    document = load_document(path, "de", format=fmt)
    return [p.text for p in document.paragraphs]


def expect_error(path: Path, fmt: str, pattern: str, lang: str = "de") -> InputError:
    with pytest.raises(InputError, match=pattern) as error:
        load(path, fmt, lang)
    assert str(path) in str(error.value), "the message names the file"
    assert error.value.exit_code == 2
    return error.value


@pytest.fixture(params=FORMAT_NAMES)
def fmt(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_valid_files_load(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"ok{EXTENSION[fmt]}"
    path.write_text(VALID[fmt], encoding="utf-8")
    assert texts(path, fmt) == ["Hallo", "Tschüss" + (", Welt." if fmt == "text" else "")]


# --------------------------------------------------------------------------- bytes and files
def test_missing_file(tmp_path: Path, fmt: str) -> None:
    expect_error(tmp_path / f"nope{EXTENSION[fmt]}", fmt, "file not found")


def test_directory(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"dir{EXTENSION[fmt]}"
    path.mkdir()
    expect_error(path, fmt, "is a directory")


@pytest.mark.parametrize("content", [b"", b"   \n\n\t\n", codecs.BOM_UTF8])
def test_empty_file(tmp_path: Path, fmt: str, content: bytes) -> None:
    path = tmp_path / f"empty{EXTENSION[fmt]}"
    path.write_bytes(content)
    expect_error(path, fmt, "file is empty")


def test_binary_file(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"bin{EXTENSION[fmt]}"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    expect_error(path, fmt, r"binary file \(NUL byte at byte offset 8\)")


def test_nul_byte_inside_text(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"nul{EXTENSION[fmt]}"
    raw = VALID[fmt].encode("utf-8")
    path.write_bytes(raw[:5] + b"\x00" + raw[5:])
    expect_error(path, fmt, "NUL byte at byte offset 5")


def test_broken_utf8_reports_byte_offset(tmp_path: Path, fmt: str) -> None:
    raw = VALID[fmt].encode("utf-8")
    offset = raw.index("ü".encode())
    path = tmp_path / f"latin1{EXTENSION[fmt]}"
    path.write_bytes(raw[:offset] + b"\xfc" + raw[offset + 2 :])  # Latin-1 ü
    expect_error(path, fmt, f"not valid UTF-8: byte 0xfc at byte offset {offset}")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_utf16_and_utf8_with_bom_are_decoded(tmp_path: Path, fmt: str, codec: str) -> None:
    path = tmp_path / f"bom{EXTENSION[fmt]}"
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(codec, b"")
    text = VALID[fmt]
    if fmt in ("xliff", "tmx"):
        text = '<?xml version="1.0" encoding="UTF-16"?>\n' + text
    path.write_bytes(bom + text.encode(codec))
    assert texts(path, fmt) == texts_of_valid(tmp_path, fmt)


def texts_of_valid(tmp_path: Path, fmt: str) -> list[str]:
    path = tmp_path / f"plain{EXTENSION[fmt]}"
    path.write_text(VALID[fmt], encoding="utf-8")
    return texts(path, fmt)


@pytest.mark.parametrize("newline", ["\r\n", "\r", "mixed"])
def test_crlf_and_mixed_newlines(tmp_path: Path, fmt: str, newline: str) -> None:
    lines = VALID[fmt].split("\n")
    if newline == "mixed":
        text = "".join(line + ("\r\n", "\n", "\r")[i % 3] for i, line in enumerate(lines[:-1]))
    else:
        text = newline.join(lines)
    path = tmp_path / f"nl{EXTENSION[fmt]}"
    path.write_bytes(text.encode("utf-8"))
    document = load_document(path, "de", format=fmt)
    reference = load_document(_valid(tmp_path, fmt), "de", format=fmt)
    assert [(p.text, p.line) for p in document.paragraphs] == [
        (p.text, p.line) for p in reference.paragraphs]
    assert all("\r" not in p.text for p in document.paragraphs)


def _valid(tmp_path: Path, fmt: str) -> Path:
    path = tmp_path / f"valid{EXTENSION[fmt]}"
    path.write_text(VALID[fmt], encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt_name", ["text", "tsv", "jsonl"])
def test_50_megabyte_single_line(tmp_path: Path, fmt_name: str) -> None:
    """A huge one-line file is read in linear time and memory, not rejected or crashed."""
    sentence = "The delegation arrived in Tehran. "
    body = sentence * (50_000_000 // len(sentence) + 1)
    path = tmp_path / f"huge{EXTENSION[fmt_name]}"
    line = {"text": body, "tsv": f"x\t{body}",
            "jsonl": f'{{"source": "x", "target": "{body}"}}'}[fmt_name]
    path.write_text(line, encoding="utf-8")
    assert path.stat().st_size >= 50_000_000
    document = load_document(path, "de", format=fmt_name, has_title=False)
    assert len(document.paragraphs) == 1
    assert len(document.paragraphs[0].text) == len(body.strip())


# --------------------------------------------------------------------------- malformed content
MALFORMED = [
        ("xliff", '<xliff version="1.2"><file><body>\n<trans-unit id="1">\n<source>A</target>\n',
         r"malformed XLIFF at line 3: .*mismatch"),
        ("xliff", "<html><body>hi</body></html>", r"not an XLIFF file: root element is <html>"),
        ("xliff", '<xliff version="3.0"></xliff>', r"unsupported XLIFF version '3.0'"),
        ("xliff", '<xliff version="1.2"><file><body>\n<trans-unit id="a"><target>x</target>'
                  "</trans-unit></body></file></xliff>", r"<trans-unit> at line 2 has no <source>"),
        ("xliff", '<xliff version="1.2"><file><body>\n'
                  '<trans-unit id="a"><source>x</source></trans-unit>\n'
                  '<trans-unit id="a"><source>y</source></trans-unit>\n</body></file></xliff>',
         r"duplicate unit id 'a' at line 3"),
        ("xliff", '<xliff version="1.2"><file><body></body></file></xliff>',
         r"no translation units found"),
        ("xliff", "plain text, not XML", r"malformed XLIFF at line 1"),
        ("tmx", '<tmx version="1.4"><header srclang="en"/><body>\n<tu>\n<tuv><seg>x</seg></tuv>'
                "</tu></body></tmx>", r"<tuv> at line 3 has no xml:lang"),
        ("tmx", '<tmx version="1.4"><header srclang="en"/>\n<body><tu><tuv xml:lang="en">'
                "<seg>x</seg></tuv>\n</tu></bod></tmx>", r"malformed TMX at line 3"),
        ("tmx", '<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>x</seg></tuv>'
                "</tu></body></tmx>", r"TMX header has no srclang"),
        ("tmx", '<tmx version="1.4"><header srclang="en"/></tmx>', r"TMX file has no <body>"),
        ("po", 'msgid "a"\nmsgstr "b"\n\nmsgid "c\nmsgstr "d"\n',
         r"malformed PO: end-of-line within string on line 4"),
        ("po", 'msgid "a"\nmsgstr "b"\nmsgstr "c"\n', r"malformed PO: .*line 3"),
        ("po", "this is not a PO file\n", r"malformed PO: .*line 1"),
        ("po", 'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', r"duplicate message 'a' at line 4"),
        ("tsv", "a\tb\nc\n", r"line 2: expected 2 tab-separated columns like the first line, found 1"),
        ("tsv", "a\tb\tc\td\n", r"line 1: expected 2 columns .* found 4"),
        ("tsv", "x\ta\tb\nx\tc\td\n", r"line 2: duplicate id 'x'"),
        ("jsonl", '{"source": "a"}\n{"source": "b",\n',
         r"line 2: invalid JSON at column 16: Expecting property name"),
        ("jsonl", '{"source": "a"}\n\n[1, 2]\n', r"line 3: expected a JSON object, got an array"),
        ("jsonl", '{"target": "a"}\n', r'line 1: "source" must be a string, got null'),
        ("jsonl", '{"source": "a", "target": 3}\n', r'line 1: "target" must be a string or null'),
        ("jsonl", '{"source": "a", "id": [1]}\n', r'line 1: "id" must be a string or an integer'),
        ("jsonl", '{"source": "\\ud800"}\n', r'line 1: "source" has a \\u escape of a lone'),
        ("jsonl", '{"source": "a", "id": 1}\n{"source": "b", "id": "1"}\n',
         r"line 2: duplicate id '1'"),
        ("jsonl", '{"source": "a", "target_lang": "de"}\n{"source": "b", "target_lang": "fr"}\n',
         r"line 2: \"target_lang\" is 'fr' but earlier lines say 'de'"),
        ("jsonl", "[" * 100_000 + "\n", r"line 1: JSON nested too deeply"),
]


@pytest.mark.parametrize(
    ("fmt_name", "content", "pattern"),
    MALFORMED,
    ids=[f"{case[0]}-{number}" for number, case in enumerate(MALFORMED)],
)
def test_malformed_content(tmp_path: Path, fmt_name: str, content: str, pattern: str) -> None:
    path = tmp_path / f"bad{EXTENSION[fmt_name]}"
    path.write_text(content, encoding="utf-8")
    expect_error(path, fmt_name, pattern)


# --------------------------------------------------------------------------- formats and languages
def test_unknown_format(tmp_path: Path) -> None:
    path = _valid(tmp_path, "tsv")
    expect_error(path, "docx", r"unknown format 'docx'; known formats: text, xliff, tmx, po, tsv, jsonl")


def test_unknown_language_code(tmp_path: Path, fmt: str) -> None:
    expect_error(_valid(tmp_path, fmt), fmt, r"unknown language code 'xx': not an ISO 639 code.*de", "xx")


@pytest.mark.parametrize("fmt_name", ["xliff", "tmx"])
def test_language_not_in_the_file(tmp_path: Path, fmt_name: str) -> None:
    pattern = {"xliff": r"en → de, but was given as 'fr'", "tmx": r"no <tuv> in language 'fr'"}
    expect_error(_valid(tmp_path, fmt_name), fmt_name, pattern[fmt_name], "fr")


def test_declared_language_mismatch_with_explicit_side(tmp_path: Path) -> None:
    path = _valid(tmp_path, "xliff")
    with pytest.raises(InputError, match=r"declares source language 'en', but it was given as 'de'"):
        formats.read_document(path, "de", "xliff", side="source")


# --------------------------------------------------------------------------- hostile XML
XXE = """<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file://{secret}">]>
<xliff version="1.2"><file source-language="en" target-language="de"><body>
<trans-unit id="1"><source>Hello</source><target>&xxe;</target></trans-unit>
</body></file></xliff>
"""
LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE tmx [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<tmx version="1.4"><header srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>&lol4;</seg></tuv><tuv xml:lang="de"><seg>&lol4;</seg></tuv></tu>
</body></tmx>
"""


def test_xxe_payload_is_not_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    path = tmp_path / "xxe.xlf"
    path.write_text(XXE.format(secret=secret), encoding="utf-8")
    error = expect_error(path, "xliff", r"declares entities in a DOCTYPE; refused")
    assert "TOP-SECRET" not in str(error)


def test_xxe_parser_never_resolves_even_if_allowed(tmp_path: Path) -> None:
    """The parser itself leaves entities unresolved: defence in depth under the refusal."""
    from lxml import etree

    from mtcheck.formats._units import inline_text

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(XXE.format(secret=secret).encode(), parser)
    assert "TOP-SECRET" not in etree.tostring(root).decode()
    assert "TOP-SECRET" not in inline_text(root, ())


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "laughs.tmx"
    path.write_text(LAUGHS, encoding="utf-8")
    expect_error(path, "tmx", r"declares entities")


def test_external_dtd_is_not_fetched(tmp_path: Path) -> None:
    """A DOCTYPE pointing at a URL parses without network access and without the DTD."""
    path = tmp_path / "ext.xlf"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE xliff SYSTEM "http://192.0.2.1/x.dtd">\n'
                    + VALID["xliff"], encoding="utf-8")
    assert texts(path, "xliff") == ["Hallo", "Tschüss"]


# --------------------------------------------------------------------------- end to end (CLI)
CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "shoigu-visits-iran"
SOURCE_TEXT = "Shoigu visits Iran\n\nIran said the visit aims to strengthen bilateral interactions.\n"
GERMAN_TEXT = ("Schoigu besucht Iran\n\nDer Iran erklärte, der Besuch ziele darauf ab, die "
               "bilateralen Interaktionen zu stärken.\n")


def run_cli(args: list[str]) -> Any:
    from click.testing import CliRunner

    from mtcheck.cli import main

    return CliRunner().invoke(main, ["evaluate", *args, "--no-backtranslation", "-q"])


def adhoc(tmp_path: Path, translation: Path, out: Path, *extra: str) -> list[str]:
    source = tmp_path / "source.en.txt"
    source.write_text(SOURCE_TEXT, encoding="utf-8")
    return ["--source", str(source), "--translation", f"de={translation}", "--out", str(out),
            *extra]


def assert_clean_failure(result: Any, out: Path, *phrases: str, code: int = 2) -> None:
    assert result.exit_code == code, result.output
    assert result.stderr.startswith("mtcheck: error: ") or "interrupted" in result.stderr
    assert "Traceback" not in result.output
    for phrase in phrases:
        assert phrase in result.stderr
    leftovers = sorted(p.name for p in out.rglob("*")) if out.exists() else []
    assert leftovers in ([], ["results.json"]), leftovers
    if leftovers:
        assert (out / "results.json").read_text(encoding="utf-8") == "OLD"


E2E_CASES = [
    ("missing", None, "file not found"),
    ("broken.txt", "Gr\udcfc\n".encode("utf-8", "surrogateescape"), "byte 0xfc at byte offset 2"),
    ("binary.txt", b"\x00\x01\x02 text", "binary file"),
    ("empty.txt", b"", "file is empty"),
    ("bad.xlf", b"<xliff version='1.2'><file>\n<body>\n</file></xliff>", "malformed XLIFF at line 3"),
    ("wrong.xlf", VALID["xliff"].replace('target-language="de"', 'target-language="fr"').encode(),
     "declares target language 'fr', but it was given as 'de'"),
    ("bad.jsonl", b'{"source": "a"}\n{oops}\n', "line 2: invalid JSON"),
    ("bad.po", b'msgid "a\nmsgstr "b"\n', "malformed PO"),
]


@pytest.mark.parametrize(("name", "content", "message"), E2E_CASES,
                         ids=[case[0] for case in E2E_CASES])
def test_cli_bad_input_exits_2_and_writes_nothing(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    translation = tmp_path / name
    if content is not None:
        translation.write_bytes(content)
    out = tmp_path / "out"
    result = run_cli(adhoc(tmp_path, translation, out))
    assert_clean_failure(result, out, str(translation), message)
    assert not out.exists()


def test_cli_unknown_format(tmp_path: Path) -> None:
    translation = tmp_path / "de.txt"
    translation.write_text(GERMAN_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(adhoc(tmp_path, translation, out, "--format", "docx"))
    assert_clean_failure(result, out, "unknown format 'docx'; known formats: text, xliff")


def test_cli_unknown_language(tmp_path: Path) -> None:
    translation = tmp_path / "de.txt"
    translation.write_text(GERMAN_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    args = adhoc(tmp_path, translation, out)
    args[args.index(f"de={translation}")] = f"xx={translation}"
    assert_clean_failure(run_cli(args), out, "unknown language code 'xx'")


def test_cli_unwritable_output(tmp_path: Path) -> None:
    translation = tmp_path / "de.txt"
    translation.write_text(GERMAN_TEXT, encoding="utf-8")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    out = blocker / "out"
    result = run_cli(adhoc(tmp_path, translation, out))
    assert_clean_failure(result, out, str(blocker), "cannot write")
    assert blocker.read_text(encoding="utf-8") == "not a folder"


@pytest.fixture()
def old_output(tmp_path: Path) -> Path:
    """An output folder holding a previous run's results, which a failed run must keep."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "results.json").write_text("OLD", encoding="utf-8")
    return out


def test_cli_disk_full_keeps_previous_output(tmp_path: Path, old_output: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    translation = tmp_path / "de.txt"
    translation.write_text(GERMAN_TEXT, encoding="utf-8")
    real_write = Path.write_text
    calls = []

    def full_disk(self: Path, *args: Any, **kwargs: Any) -> int:
        calls.append(self)
        if len(calls) >= 2:  # the first file fits, the second does not
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", full_disk)
    result = run_cli(adhoc(tmp_path, translation, old_output))
    assert_clean_failure(result, old_output, "No space left on device")
    assert len(calls) >= 2


def test_cli_ctrl_c_during_a_stage(tmp_path: Path, old_output: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import mtcheck.pipeline

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(mtcheck.pipeline, "align_documents", interrupted)
    translation = tmp_path / "de.txt"
    translation.write_text(GERMAN_TEXT, encoding="utf-8")
    result = run_cli(adhoc(tmp_path, translation, old_output))
    assert_clean_failure(result, old_output, "interrupted", code=130)


def test_cli_ctrl_c_while_writing(tmp_path: Path, old_output: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    translation = tmp_path / "de.txt"
    translation.write_text(GERMAN_TEXT, encoding="utf-8")
    real_write = Path.write_text
    calls = []

    def interrupted(self: Path, *args: Any, **kwargs: Any) -> int:
        calls.append(self)
        if len(calls) >= 2:
            raise KeyboardInterrupt
        return real_write(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", interrupted)
    result = run_cli(adhoc(tmp_path, translation, old_output))
    assert_clean_failure(result, old_output, "interrupted", code=130)


def test_identical_translation_is_a_finding_not_an_error(tmp_path: Path) -> None:
    import json

    translation = tmp_path / "de.txt"
    translation.write_text(SOURCE_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(adhoc(tmp_path, translation, out))
    assert result.exit_code == 0, result.output
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    checks = {f["check"] for t in results["run"]["translations"] for f in t["findings"]}
    assert "text.identical" in checks


def test_cli_reads_a_bilingual_example(tmp_path: Path) -> None:
    """A segment-aligned translation runs end to end with its units as sentences."""
    examples = Path(__file__).resolve().parents[1] / "corpora" / "examples"
    out = tmp_path / "out"
    result = run_cli(["--source", str(examples / "shoigu.en-de.tsv"), "--translation",
                      f"de={examples / 'shoigu.en-de.tsv'}", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "results.json").exists()


# =========================================================================== hostile inputs
# Cases from an adversarial run (issue 14): each class is refused at its root with exit 2,
# or bounded, never a traceback, a hang or a silently wrong result.
def small_corpus(tmp_path: Path, translations: str = 'de = "de.txt"\n', extra: str = "") -> Path:
    """A corpus folder with an English source and a German translation."""
    root = tmp_path / "corpus"
    root.mkdir(exist_ok=True)
    (root / "en.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    (root / "de.txt").write_text(GERMAN_TEXT, encoding="utf-8")
    (root / "manifest.toml").write_text(
        '[document]\nsource_language = "en"\nsource = "en.txt"\n\n[translations]\n'
        + translations + extra, encoding="utf-8")
    return root


def run_corpus(root: Path, out: Path, *extra: str) -> Any:
    return run_cli([str(root), "--out", str(out), *extra])


@pytest.mark.parametrize("path", ["/etc/passwd", "../../../../../../etc/passwd", "../outside.txt"])
def test_manifest_paths_must_stay_inside_the_corpus(tmp_path: Path, path: str) -> None:
    (tmp_path / "outside.txt").write_text(GERMAN_TEXT, encoding="utf-8")
    root = small_corpus(tmp_path, f'de = "{path}"\n')
    out = tmp_path / "out"
    result = run_corpus(root, out)
    assert_clean_failure(result, out, "outside the corpus folder", "manifest.toml")
    assert not out.exists()


@pytest.mark.parametrize("table", ["document", "translations", "references"])
def test_a_symlink_out_of_the_corpus_is_refused(tmp_path: Path, table: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("runner secret\n\nmore\n", encoding="utf-8")
    root = small_corpus(tmp_path, 'de = "de.txt"\n' if table != "translations"
                        else 'de = "link.txt"\n',
                        '[references]\nde = "link.txt"\n' if table == "references" else "")
    (root / "link.txt").symlink_to(secret)
    if table == "document":
        text = (root / "manifest.toml").read_text(encoding="utf-8")
        (root / "manifest.toml").write_text(text.replace('"en.txt"', '"link.txt"'),
                                            encoding="utf-8")
    out = tmp_path / "out"
    assert_clean_failure(run_corpus(root, out), out, "outside the corpus folder")


def test_the_gold_folder_must_stay_inside_the_corpus(tmp_path: Path) -> None:
    root = small_corpus(tmp_path, extra='[gold]\ndirectory = "/etc"\n')
    out = tmp_path / "out"
    assert_clean_failure(run_corpus(root, out), out, "[gold] directory", "outside")


@pytest.mark.parametrize(("special", "message"), [("/dev/zero", "character device"),
                                                   ("/dev/null", "character device")])
def test_devices_are_refused_before_reading(tmp_path: Path, special: str, message: str) -> None:
    expect_error(Path(special), "text", message)


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "de.txt"
    os.mkfifo(fifo)
    expect_error(fifo, "text", "FIFO")


def test_the_size_cap_is_checked_before_reading(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    sparse = tmp_path / "big.txt"
    with sparse.open("wb") as handle:  # 1 GB, sparse: reading it whole would take seconds
        handle.truncate(1 << 30)
    expect_error(sparse, "text", "over the input limit of 100.0 MB")
    monkeypatch.setenv("MTCHECK_MAX_INPUT_MB", "0.001")
    small = tmp_path / "small.txt"
    small.write_text("x" * 2000, encoding="utf-8")
    expect_error(small, "text", "MTCHECK_MAX_INPUT_MB")
    monkeypatch.setenv("MTCHECK_MAX_INPUT_MB", "nan")
    with pytest.raises(InputError, match="MTCHECK_MAX_INPUT_MB"):
        load(small, "text")


@pytest.mark.parametrize(("content", "message"), [
    ("Hallo Welt.".encode("utf-32"), None),  # with a BOM: read
    ("Hallo Welt. Wie geht es?".encode("utf-32-le"), "looks like UTF-32-LE without a byte-order"),
    ("Hallo Welt. Wie geht es?".encode("utf-16-le"), "looks like UTF-16-LE without a byte-order"),
    ("Hallo Welt. Wie geht es?".encode("utf-16-be"), "looks like UTF-16-BE without a byte-order"),
    ("\u200b\u200b\ufeff\u2060\n\n".encode(), "file is empty"),
])
def test_encoding_messages_say_what_the_file_looks_like(tmp_path: Path, content: bytes,
                                                        message: str | None) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes(content)
    if message is None:
        assert texts(path, "text") == ["Hallo Welt."]
    else:
        expect_error(path, "text", message)


@pytest.mark.parametrize(("translations", "message"), [
    ('fr = "de.txt"\nFR = "de.txt"\n', "'fr' and 'FR', which are the same language"),
    ('fr = "de.txt"\nfr-CA = "de.txt"\n', "'fr' and 'fr-CA', which are the same language"),
    ('de = 5\n', "must be a path string"),
])
def test_duplicate_or_mistyped_manifest_languages(tmp_path: Path, translations: str,
                                                  message: str) -> None:
    root = small_corpus(tmp_path, translations)
    out = tmp_path / "out"
    assert_clean_failure(run_corpus(root, out), out, message)


@pytest.mark.parametrize(("extra", "message"), [
    ("x = " + "[" * 50_000 + "]" * 50_000 + "\n", "nested too deeply"),
    ("[extras]\nfoo = 1\n", "unknown table(s) extras"),
    ("[gold]\ndirectory = 3\n", "[gold] directory must be a path string"),
    ("[gold]\ndir = \"gold\"\n", "unknown key(s) in [gold]"),
])
def test_unknown_manifest_tables_and_wrong_types(tmp_path: Path, extra: str, message: str) -> None:
    root = small_corpus(tmp_path, extra=extra)
    out = tmp_path / "out"
    assert_clean_failure(run_corpus(root, out), out, message)


def test_document_id_must_be_a_string(tmp_path: Path) -> None:
    root = small_corpus(tmp_path)
    text = (root / "manifest.toml").read_text(encoding="utf-8")
    (root / "manifest.toml").write_text(text.replace("[document]\n", "[document]\nid = 5\n"),
                                        encoding="utf-8")
    out = tmp_path / "out"
    assert_clean_failure(run_corpus(root, out), out, "[document] id must be a string")


def test_duplicate_adhoc_languages(tmp_path: Path) -> None:
    translation = tmp_path / "de.txt"
    translation.write_text(GERMAN_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    args = adhoc(tmp_path, translation, out, "--translation", f"de-AT={translation}")
    assert_clean_failure(run_cli(args), out, "'de' and 'de-AT', which are the same language")


def test_lang_option_and_tags_are_normalised(tmp_path: Path) -> None:
    import json

    root = small_corpus(tmp_path, 'de-de = "de.txt"\n')
    out = tmp_path / "out"
    result = run_corpus(root, out, "--lang", "DE-de", "--no-report")
    assert result.exit_code == 0, result.output
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert [t["lang"] for t in results["run"]["translations"]] == ["de-DE"]
    result = run_corpus(root, tmp_path / "pages")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "pages" / "de-DE.html").is_file()


def test_a_non_utf8_file_name_is_stored_printable(tmp_path: Path) -> None:
    import json
    import os

    name = os.fsencode(tmp_path) + b"/de\xff.txt"
    with open(name, "wb") as handle:
        handle.write(GERMAN_TEXT.encode("utf-8"))
    out = tmp_path / "out"
    result = run_cli(adhoc(tmp_path, Path(os.fsdecode(name)), out, "--no-report"))
    assert result.exit_code == 0, result.output
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert results["run"]["translations"][0]["target"]["document"]["path"].endswith(
        "de\\xff.txt")


# --------------------------------------------------------------------------- outputs
def test_out_refuses_a_folder_holding_an_input(tmp_path: Path) -> None:
    root = small_corpus(tmp_path)
    before = (root / "de.txt").read_bytes()
    result = run_corpus(root, root)
    assert result.exit_code == 2, result.output
    assert "holds the input" in result.stderr
    assert (root / "de.txt").read_bytes() == before
    assert sorted(p.name for p in root.iterdir()) == ["de.txt", "en.txt", "manifest.toml"]


def test_out_refuses_a_dangling_symlink_and_dash(tmp_path: Path) -> None:
    translation = tmp_path / "de.txt"
    translation.write_text(GERMAN_TEXT, encoding="utf-8")
    link = tmp_path / "dangling"
    link.symlink_to(tmp_path / "nowhere")
    result = run_cli(adhoc(tmp_path, translation, link))
    assert result.exit_code == 2 and "symlink to a missing folder" in result.stderr
    assert "File exists" not in result.stderr


def test_junit_under_a_regular_file_names_it(tmp_path: Path) -> None:
    from mtcheck.errors import OutputError
    from mtcheck.io import atomic_write_text

    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        atomic_write_text(blocker / "gate.xml", "<x/>")


def test_special_files_are_written_through_not_replaced(tmp_path: Path) -> None:
    import os
    import stat

    from mtcheck.errors import OutputError
    from mtcheck.io import atomic_write_text

    with pytest.raises(OutputError, match="No space left"):
        atomic_write_text("/dev/full", "<x/>")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
    atomic_write_text("/dev/null", "fine")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="a pipe with no reader"):
        atomic_write_text(fifo, "x")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    # A symlink to a regular file: the file it points to is replaced, the link stays.
    real = tmp_path / "real.xml"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.xml"
    link.symlink_to(real)
    atomic_write_text(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"


def test_written_files_honour_the_umask(tmp_path: Path) -> None:
    import os

    from mtcheck.io import atomic_directory, atomic_write_text

    old = os.umask(0o022)
    try:
        atomic_write_text(tmp_path / "gate.xml", "<x/>")
        with atomic_directory(tmp_path / "out") as staging:
            (staging / "results.json").write_text("{}", encoding="utf-8")
    finally:
        os.umask(old)
    assert (tmp_path / "gate.xml").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "out").stat().st_mode & 0o777 == 0o755
    (tmp_path / "gate.xml").chmod(0o640)
    atomic_write_text(tmp_path / "gate.xml", "<y/>")  # a replaced file keeps its mode
    assert (tmp_path / "gate.xml").stat().st_mode & 0o777 == 0o640


def test_a_failed_commit_keeps_every_old_file(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The swap is one rename: when it fails, no new file is visible next to old ones."""
    import os

    from mtcheck import io
    from mtcheck.errors import OutputError

    out = tmp_path / "out"
    with io.atomic_directory(out) as staging:
        for name in ("results.json", "index.html", "de.html"):
            (staging / name).write_text("OLD", encoding="utf-8")
    (out / "keep.txt").write_text("mine", encoding="utf-8")

    def refuse(a: Any, b: Any) -> bool:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(io, "_exchange", refuse)
    with pytest.raises(OutputError, match="Operation not permitted"), \
            io.atomic_directory(out) as staging:
        for name in ("results.json", "index.html", "de.html"):
            (staging / name).write_text("NEW", encoding="utf-8")
    assert {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()} == {
        "results.json": "OLD", "index.html": "OLD", "de.html": "OLD", "keep.txt": "mine"}
    assert sorted(os.listdir(tmp_path)) == ["out"]
    monkeypatch.undo()
    with io.atomic_directory(out) as staging:
        (staging / "results.json").write_text("NEW", encoding="utf-8")
    assert (out / "results.json").read_text(encoding="utf-8") == "NEW"
    assert (out / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(os.listdir(tmp_path)) == ["out"]


def test_sigterm_cleans_up_and_exits_143(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    translation = tmp_path / "de.txt"
    translation.write_text(GERMAN_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    # The child stops itself with SIGTERM while writing the outputs.
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "real = Path.write_text\n"
        "def write(self, *a, **k):\n"
        "    real(self, *a, **k)\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "Path.write_text = write\n"
        "from mtcheck.cli import main\n"
        "sys.argv = ['mtcheck', 'evaluate', *sys.argv[1:]]\n"
        "main()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", script, *adhoc(tmp_path, translation, out),
         "--no-backtranslation", "-q"],
        capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 143, done.stderr
    assert "terminated" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if "staging" in p.name] == []
    assert time.monotonic() - started < 120
    del signal


# --------------------------------------------------------------------------- config
@pytest.mark.parametrize(("body", "message"), [
    ("[align]\nsimilarity_weight = nan\n", "must be a finite number"),
    ("[align]\nunaligned_run_cost = inf\n", "must be a finite number"),
    ("[align]\nsoft_boundary_cost = -1.0\n", "must not be negative"),
    ("[score]\nseed = -1\n", "'score.seed' must be a non-negative integer"),
    ("[score]\nbootstrap_resamples = 10000000\n", "bootstrap_resamples' must be from 1 to"),
    ("[score]\nbootstrap_resamples = 0\n", "bootstrap_resamples' must be from 1 to"),
    ("[[checks.suppress]]\nlang = \"de\"\n", "needs the key(s) check"),
    ("[gate.defaults]\n\"reference.chrF.min\" = nan\n", "must be a finite number"),
    ("[gate.baseline]\n\"max_drop.reference.chrF\" = nan\n", "must be a finite number"),
    ("[gate.baseline]\nresamples = 1000000000\n", "'resamples' must be an integer from 10"),
    ("[gate.languages.fr]\n\"reference.chrF.min\" = 50\n[gate.languages.FR]\n"
     "\"reference.chrF.min\" = 10\n", "same language as another table"),
    ("[gate.languages.xx]\n\"reference.chrF.min\" = 50\n", "unknown language code 'xx'"),
    # Found by tests/test_fuzz_inputs.py: a table where a word is expected.
    ("[gate]\nmissing_score = { a = 1 }\n", "'missing_score' is {'a': 1}; valid"),
    ("[gate.baseline]\nmethod = [1]\n", "'method' is [1]; valid"),
    ("[gate]\nx = " + "[" * 50_000 + "]" * 50_000 + "\n", "nested too deeply"),
])
def test_bad_config_values_exit_2(tmp_path: Path, body: str, message: str) -> None:
    translation = tmp_path / "de.txt"
    translation.write_text(GERMAN_TEXT, encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text(body, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(adhoc(tmp_path, translation, out, "--config", str(config), "--gate"))
    assert_clean_failure(result, out, message, str(config))


@pytest.mark.parametrize(("epoch", "message"), [("99999999999999", "year 9999"),
                                                ("abc", "not 'abc'"), ("-5", "not '-5'")])
def test_source_date_epoch_out_of_range(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        epoch: str, message: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    translation = tmp_path / "de.txt"
    translation.write_text(GERMAN_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    assert_clean_failure(run_cli(adhoc(tmp_path, translation, out)), out, "SOURCE_DATE_EPOCH",
                         message)


# --------------------------------------------------------------------------- results.json
@pytest.fixture(scope="module")
def good_results(tmp_path_factory: pytest.TempPathFactory) -> str:
    tmp_path = tmp_path_factory.mktemp("results")
    translation = tmp_path / "de.txt"
    translation.write_text(GERMAN_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(adhoc(tmp_path, translation, out, "--no-report"))
    assert result.exit_code == 0, result.output
    return (out / "results.json").read_text(encoding="utf-8")


def _with_score(text: str, metric: str, value: float) -> str:
    import json

    document = json.loads(text)
    document["run"]["translations"][0]["scores"].append(
        {"metric": metric, "kind": "reference", "value": value, "signature": "x",
         "ci_low": None, "ci_high": None, "higher_is_better": metric != "TER"})
    return json.dumps(document)


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda t: t.replace('"coverage": ', '"coverage": NaN, "x": ', 1), "NaN is not a number"),
    (lambda t: t.replace('"coverage": ', '"coverage": Infinity, "x": ', 1), "Infinity"),
    (lambda t: t.replace('"coverage": ', '"coverage": 1e999, "x": ', 1), "out of range"),
    (lambda t: t.replace('"coverage": ', '"coverage": 1' + "0" * 5000 + ', "x": ', 1),
     "5001 digits"),
    (lambda t: "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    (lambda t: t.replace('"coverage": ', '"coverage": 7.5, "x": ', 1), "coverage 7.5"),
    (lambda t: t.replace('"path": "', '"path": "\\udc80', 1), "lone surrogate"),
])
def test_hostile_results_json_is_refused(tmp_path: Path, good_results: str, mutate: Any,
                                         message: str) -> None:
    from click.testing import CliRunner

    from mtcheck.cli import main

    path = tmp_path / "results.json"
    path.write_text(mutate(good_results), encoding="utf-8")
    for command in (["gate", str(path)], ["report", str(path), "--out", str(tmp_path / "r")]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 2, result.output
        assert message in result.stderr and str(path) in result.stderr
        assert "Traceback" not in result.output


@pytest.mark.parametrize(("metric", "value", "message"), [
    ("chrF", 1e308, "outside 0..100"), ("BLEU", 100.5, "outside 0..100"),
    ("TER", -1e308, "outside 0..10000"), ("chrF", -0.1, "outside 0..100"),
])
def test_out_of_range_scores_cannot_pass_a_gate(tmp_path: Path, good_results: str, metric: str,
                                                value: float, message: str) -> None:
    from click.testing import CliRunner

    from mtcheck.cli import main

    path = tmp_path / "results.json"
    path.write_text(_with_score(good_results, metric, value), encoding="utf-8")
    result = CliRunner().invoke(main, ["gate", str(path)])
    assert result.exit_code == 2, result.output
    assert message in result.stderr


def test_an_in_range_score_is_read(tmp_path: Path, good_results: str) -> None:
    from mtcheck.results import load_results

    path = tmp_path / "results.json"
    path.write_text(_with_score(good_results, "TER", 250.0), encoding="utf-8")
    assert load_results(path).translations[0].scores[-1].value == 250.0


# --------------------------------------------------------------------------- XML writers
def test_junit_is_well_formed_with_control_characters() -> None:
    from xml.etree import ElementTree as ET

    from mtcheck.gate.outputs import xml_safe

    hostile = "Schoigu\x1b[31m besucht\x00 Iran\x0c \ud800 \ufffe"
    text = xml_safe(f"<a b=\"{hostile}\">{hostile}</a>")
    root = ET.fromstring(text)
    assert root.text == "Schoigu\\x1b[31m besucht\\x00 Iran\\x0c \\ud800 \\ufffe"
    assert "\t" in xml_safe("a\tb") and "\n" in xml_safe("a\nb")


def test_junit_of_a_translation_with_escape_characters_parses(tmp_path: Path) -> None:
    from xml.etree import ElementTree as ET

    translation = tmp_path / "de.txt"
    translation.write_text(GERMAN_TEXT.replace("Iran", "Iran\x1b[0m\x07"), encoding="utf-8")
    config = tmp_path / "gate.toml"
    config.write_text('[gate.defaults]\n"findings.error.max" = 0\n"coverage.min" = 0.99\n',
                      encoding="utf-8")
    junit = tmp_path / "gate.xml"
    result = run_cli(adhoc(tmp_path, translation, tmp_path / "out", "--config", str(config),
                           "--gate", "--junit", str(junit)))
    assert result.exit_code in (0, 1), result.output
    ET.parse(junit)  # well-formed


# --------------------------------------------------------------------------- formats
UNTRANSLATED = {
    "xliff": '<xliff version="1.2"><file source-language="en" target-language="de"><body>\n'
             '<trans-unit id="1"><source>Hello world.</source></trans-unit>\n'
             '<trans-unit id="2"><source>Bye now.</source><target></target></trans-unit>\n'
             "</body></file></xliff>\n",
    "po": 'msgid "Hello world."\nmsgstr ""\n\nmsgid "Bye now."\nmsgstr ""\n',
    "tsv": "Hello world.\t\nBye now.\t\n",
    "jsonl": '{"id": "1", "source": "Hello world.", "target": ""}\n'
             '{"id": "2", "source": "Bye now."}\n',
}


@pytest.mark.parametrize("fmt", sorted(UNTRANSLATED))
def test_a_fully_untranslated_file_is_findings_not_an_error(tmp_path: Path, fmt: str) -> None:
    import json

    path = tmp_path / f"de{EXTENSION[fmt]}"
    path.write_text(UNTRANSLATED[fmt], encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(["--source", str(path), "--translation", f"de={path}", "--out", str(out),
                      "--no-report"])
    assert result.exit_code == 0, result.output
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    checks = [f["check"] for f in results["run"]["translations"][0]["findings"]]
    assert checks.count("align.omission") == 2


TMX_REGIONS = ('<tmx version="1.4"><header srclang="en"/><body>\n'
               '<tu><tuv xml:lang="en"><seg>Hello</seg></tuv><tuv xml:lang="fr-FR"><seg>Salut'
               '</seg></tuv><tuv xml:lang="fr-CA"><seg>Allô</seg></tuv></tu>\n</body></tmx>\n')


def test_tmx_with_two_regional_variants_needs_one_named(tmp_path: Path) -> None:
    path = tmp_path / "m.tmx"
    path.write_text(TMX_REGIONS, encoding="utf-8")
    expect_error(path, "tmx", "holds fr-CA and fr-FR; give the language as one of them", "fr")
    assert [p.text for p in load_document(path, "fr-CA", format="tmx").paragraphs] == ["Allô"]
    assert [p.text for p in load_document(path, "fr-fr", format="tmx").paragraphs] == ["Salut"]


def test_tmx_duplicate_tuv_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "m.tmx"
    path.write_text(VALID["tmx"].replace('<tuv xml:lang="de"><seg>Hallo</seg></tuv>',
                                         '<tuv xml:lang="de"><seg>Hallo</seg></tuv>'
                                         '<tuv xml:lang="DE"><seg>Servus</seg></tuv>'),
                    encoding="utf-8")
    expect_error(path, "tmx", "two <tuv> in language 'DE'")


@pytest.mark.parametrize(("string", "escape"), [(r"\x41", r"'\x'"), (r"a\q", r"'\q'"),
                                                (r"\101", r"'\1'")])
def test_po_unknown_escapes_are_errors(tmp_path: Path, string: str, escape: str) -> None:
    path = tmp_path / "m.po"
    path.write_text(f'msgid "Hello"\nmsgstr "{string}"\n', encoding="utf-8")
    error = expect_error(path, "po", "unsupported escape")
    assert escape in str(error) and "line 2" in str(error)


def test_po_known_escapes_are_read(tmp_path: Path) -> None:
    path = tmp_path / "m.po"
    path.write_text('msgid "Hello"\nmsgstr "a\\tb \\"c\\" d\\\\e"\n', encoding="utf-8")
    assert texts(path, "po") == ['a\tb "c" d\\e']


# --------------------------------------------------------------------------- glossary keys
@pytest.mark.parametrize(("targets", "message"), [
    ('FR = "Téhéran"\nfr = "Teheran"\n', "lists 'fr' twice"),
    ('xx = "Tehran"\n', "unknown language code 'xx'"),
])
def test_glossary_target_keys_are_normalised_once(tmp_path: Path, targets: str,
                                                  message: str) -> None:
    from mtcheck.errors import ConfigError
    from mtcheck.names.glossary import load_glossary

    path = tmp_path / "glossary.toml"
    path.write_text(f'[entities.tehran]\nsource = "Tehran"\n[entities.tehran.targets]\n{targets}',
                    encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_glossary(path)


def test_glossary_keys_in_any_case_apply(tmp_path: Path) -> None:
    from mtcheck.names.glossary import load_glossary

    path = tmp_path / "glossary.toml"
    path.write_text('[entities.tehran]\nsource = "Tehran"\n[entities.tehran.targets]\n'
                    'FR = "Téhéran"\npt-br = "Teerã"\n', encoding="utf-8")
    entry = load_glossary(path).entries[0]
    assert entry.expected("fr") == "Téhéran"
    assert entry.expected("fr-CA") == "Téhéran"  # a regional tag falls back to its language
    assert entry.expected("pt-BR") == "Teerã"
    assert entry.expected("pt") is None
