"""Load documents and corpora: the first stage of the pipeline.

A *corpus* is a folder with a ``manifest.toml`` naming one source document,
its translations and optional references (see the README). Documents are
plain text whose paragraphs are separated by blank lines; other formats are
read by :mod:`mtcheck.formats`. Every problem with an input file is an
:class:`~mtcheck.errors.InputError` naming the file.
"""

from __future__ import annotations

import codecs
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mtcheck.errors import InputError, LanguageError
from mtcheck.io import printable_path, read_input_bytes
from mtcheck.languages import get_language
from mtcheck.types import Document, Paragraph

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

MANIFEST = "manifest.toml"
_SENTENCE_END = re.compile(r"[.!?。！？।॥;:…\"'”’»)\]]\s*$")


@dataclass(frozen=True)
class Corpus:
    """One source document with its translations and references, keyed by language."""

    id: str
    source: Document
    translations: Mapping[str, Document]
    references: Mapping[str, Document] = field(default_factory=dict)
    root: str | None = None
    gold_dir: str | None = None


def read_text(path: str | Path) -> str:
    """Read a text file strictly: decoded, newlines normalised, no NULs, not empty.

    UTF-8 (with or without BOM) and UTF-16/UTF-32 with a BOM are accepted. The
    file is checked before it is read (regular file, size cap: see
    :func:`mtcheck.io.read_input_bytes`). Errors name the byte offset so that
    users can find a broken byte with ``xxd``.
    """
    return decode_text(read_input_bytes(path), printable_path(path))


# Characters that make no visible text: a file of only these is empty.
_INVISIBLE = re.compile(r"[\s\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]*")


def decode_text(raw: bytes, where: str) -> str:
    """Decode file content with the checks of :func:`read_text`."""
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        text = _decode_wide(raw, "utf-32", where)
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode_wide(raw, "utf-16", where)
    else:
        nul = raw.find(b"\x00")
        if nul >= 0:
            wide = _looks_wide(raw)
            if wide:
                raise InputError(where, f"looks like {wide} without a byte-order mark; "
                                        "save it as UTF-8 (or with a BOM)")
            raise InputError(where, f"binary file (NUL byte at byte offset {nul}), expected text")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            bad = raw[exc.start : exc.start + 1].hex()
            raise InputError(
                where, f"not valid UTF-8: byte 0x{bad} at byte offset {exc.start}"
            ) from None
    if "\x00" in text:
        raise InputError(where, "binary file (NUL character), expected text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _INVISIBLE.fullmatch(text):
        raise InputError(where, "file is empty")
    return text


def _decode_wide(raw: bytes, encoding: str, where: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        name = encoding.upper()
        raise InputError(where, f"broken {name} at byte offset {exc.start}") from None


def _looks_wide(raw: bytes) -> str | None:
    """"UTF-16-LE" etc. when NUL bytes fall where a BOM-less UTF-16/32 file has them."""
    head = raw[:4096]
    size = len(head) - len(head) % 4
    if size >= 4:
        lanes = [head[i:size:4] for i in range(4)]
        zero = [lane.count(0) / len(lane) for lane in lanes]
        if min(zero[1:]) > 0.9 and zero[0] < 0.5:
            return "UTF-32-LE"
        if min(zero[:3]) > 0.9 and zero[3] < 0.5:
            return "UTF-32-BE"
    size = len(head) - len(head) % 2
    if size >= 2:
        even, odd = head[0:size:2], head[1:size:2]
        if odd.count(0) / len(odd) > 0.6 and even.count(0) / len(even) < 0.2:
            return "UTF-16-LE"
        if even.count(0) / len(even) > 0.6 and odd.count(0) / len(odd) < 0.2:
            return "UTF-16-BE"
    return None


def split_paragraphs(text: str, has_title: bool | None = None) -> tuple[Paragraph, ...]:
    """Cut text into blank-line separated paragraphs, remembering their first line.

    ``has_title=None`` guesses: a first block of one short line without
    sentence-final punctuation, followed by more text, is a title.
    """
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line.strip())
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    if has_title is None:
        first = blocks[0][1] if blocks else []
        has_title = (
            len(blocks) > 1
            and len(first) == 1
            and len(first[0]) <= 200
            and not _SENTENCE_END.search(first[0])
        )
    return tuple(
        Paragraph(index=i, text="\n".join(lines), line=line, is_title=has_title and i == 0)
        for i, (line, lines) in enumerate(blocks)
    )


def load_document(
    path: str | Path,
    lang: str,
    *,
    format: str | None = None,
    has_title: bool | None = None,
    side: str | None = None,
) -> Document:
    """Load one document in language ``lang``; the format comes from the extension.

    ``side`` ("source" or "target") picks the side of a bilingual file (XLIFF,
    TMX, TSV, ...); plain text ignores it.
    """
    try:
        code = get_language(lang).code
    except LanguageError as exc:
        raise InputError(printable_path(path), str(exc)) from None
    fmt = format or detect_format(path)
    if fmt != "text":
        from mtcheck import formats

        return formats.read_document(path, code, fmt, side=side)
    paragraphs = split_paragraphs(read_text(path), has_title)
    return Document(path=printable_path(path), lang=code, paragraphs=paragraphs, format="text")


def detect_format(path: str | Path) -> str:
    """The input format named by a file's extension ("text" when unknown)."""
    suffix = Path(path).suffix.lower()
    try:
        from mtcheck.formats import FORMAT_BY_EXTENSION
    except ImportError:  # pragma: no cover - formats is part of the package
        return "text"
    return FORMAT_BY_EXTENSION.get(suffix, "text")


MANIFEST_TABLES = {
    "document": {"id", "title", "date", "source_language", "source", "has_title"},
    "translations": None,  # language -> path
    "references": None,
    "gold": {"directory"},
}


def load_corpus(root: str | Path, languages: tuple[str, ...] = ()) -> Corpus:
    """Load a corpus folder through its manifest; ``languages`` narrows the translations.

    Every path in the manifest must resolve (symlinks followed) to a file
    inside the corpus folder: a corpus from a pull request cannot make a run
    read ``/etc/passwd`` or a runner's files into its reports.
    """
    root = Path(root)
    manifest_path = root / MANIFEST if root.is_dir() else root
    where = printable_path(manifest_path)
    if not manifest_path.exists():
        raise InputError(where, "no corpus manifest here (expected a folder with manifest.toml)")
    try:
        manifest = tomllib.loads(read_text(manifest_path))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(where, f"invalid TOML: {exc}") from None
    except RecursionError:
        raise InputError(where, "invalid TOML: nested too deeply") from None
    base = manifest_path.parent
    unknown_tables = set(manifest) - set(MANIFEST_TABLES)
    if unknown_tables:
        raise InputError(where, f"unknown table(s) {', '.join(sorted(unknown_tables))} "
                                f"(known: {', '.join(MANIFEST_TABLES)})")
    document = _table(manifest, "document", where)
    unknown = set(document) - (MANIFEST_TABLES["document"] or set())
    if unknown:
        raise InputError(where, f"unknown key(s) in [document]: {', '.join(sorted(unknown))}")
    for key in ("source", "source_language"):
        if not isinstance(document.get(key), str):
            raise InputError(where, f"[document] needs a string {key!r}")
    for key in ("id", "title", "date"):
        if key in document and not isinstance(document[key], str):
            raise InputError(where, f"[document] {key} must be a string, not {document[key]!r}")
    has_title = document.get("has_title")
    if has_title is not None and not isinstance(has_title, bool):
        raise InputError(where, "[document] has_title must be true or false")
    source_lang = _manifest_language(str(document["source_language"]), where, "[document]")
    source = load_document(_inside(base, str(document["source"]), where, "[document] source"),
                           source_lang, has_title=has_title, side="source")
    translations = _documents(manifest, "translations", base, where, has_title)
    if languages:
        wanted = [_normalised_or_typed(code) for code in languages]
        missing = [code for code in wanted if code not in translations]
        if missing:
            raise InputError(where, f"no translation for language(s): {', '.join(missing)}; "
                                    f"this corpus has: {', '.join(translations)}")
        translations = {code: translations[code] for code in wanted}
    if not translations:
        raise InputError(where, "the manifest lists no translations")
    references = _documents(manifest, "references", base, where, has_title)
    gold_table = _table(manifest, "gold", where)
    unknown = set(gold_table) - (MANIFEST_TABLES["gold"] or set())
    if unknown:
        raise InputError(where, f"unknown key(s) in [gold]: {', '.join(sorted(unknown))}")
    gold = gold_table.get("directory")
    if gold is not None and not isinstance(gold, str):
        raise InputError(where, f"[gold] directory must be a path string, not {gold!r}")
    gold_dir = _inside(base, gold, where, "[gold] directory", folder=True) if gold else None
    return Corpus(
        id=str(document.get("id") or printable_path(base.name)),
        source=source,
        translations=translations,
        references={k: v for k, v in references.items() if k in translations},
        root=str(base),
        gold_dir=str(gold_dir) if gold_dir else None,
    )


def input_paths(corpus: Corpus) -> list[Path]:
    """Every file and folder a corpus was read from (to keep outputs away from them)."""
    paths = [Path(corpus.source.path)]
    paths += [Path(d.path) for d in (*corpus.translations.values(), *corpus.references.values())]
    if corpus.root:
        paths.append(Path(corpus.root) / MANIFEST)
    if corpus.gold_dir:
        paths.append(Path(corpus.gold_dir))
    return paths


def _inside(base: Path, relative: str, where: str, key: str, *, folder: bool = False) -> Path:
    """``relative`` under ``base``, refused when it resolves (symlinks followed) outside it."""
    candidate = base / relative
    try:
        resolved = candidate.resolve()
        root = base.resolve()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop on old Pythons
        raise InputError(where, f"{key}: cannot resolve {relative!r}: {exc}") from None
    if resolved != root and root not in resolved.parents:
        raise InputError(where, f"{key} {relative!r} points outside the corpus folder "
                                f"({printable_path(resolved)}); manifest paths must stay inside it")
    if folder and resolved.exists() and not resolved.is_dir():
        raise InputError(where, f"{key} {relative!r} is not a folder")
    return candidate


def _normalised_or_typed(code: str) -> str:
    try:
        return get_language(code).code
    except LanguageError:
        return code


def _manifest_language(code: str, where: str, key: str) -> str:
    try:
        return get_language(code).code
    except LanguageError as exc:
        raise InputError(where, f"{key} {exc}".strip()) from None


def adhoc_corpus(
    source: str | Path,
    source_lang: str,
    translations: Mapping[str, str | Path],
    references: Mapping[str, str | Path] | None = None,
    *,
    format: str | None = None,
) -> Corpus:
    """A corpus from files that live anywhere (``--source`` / ``--translation``)."""
    if not translations:
        raise InputError(str(source), "no translation given (use --translation LANG=FILE)")
    translated = {_manifest_language(code, "--translation", "") for code in translations}
    orphans = [code for code in sorted(references or {})
               if _manifest_language(code, "--reference", "") not in translated]
    if orphans:
        lang = orphans[0]
        raise InputError(printable_path((references or {})[lang]),
                         f"a reference for {lang!r} but no translation into {lang!r} "
                         f"(add --translation {lang}=FILE)")
    src = load_document(source, source_lang, format=format, side="source")
    loaded: dict[str, dict[str, Document]] = {"--translation": {}, "--reference": {}}
    for option, files in (("--translation", translations), ("--reference", references or {})):
        given: dict[str, str] = {}
        for lang, path in files.items():
            code = _manifest_language(lang, option, "")
            _refuse_duplicate(code, lang, given, option, "")
            loaded[option][code] = load_document(path, code, format=format, side="target")
    return Corpus(
        id=printable_path(Path(source).stem),
        source=src,
        translations=loaded["--translation"],
        references=loaded["--reference"],
    )


def _table(manifest: Mapping[str, object], key: str, where: str) -> dict[str, object]:
    value = manifest.get(key, {})
    if not isinstance(value, dict):
        raise InputError(where, f"[{key}] must be a table")
    return value


def _documents(manifest: Mapping[str, object], key: str, base: Path, where: str,
               has_title: bool | None) -> dict[str, Document]:
    documents: dict[str, Document] = {}
    given: dict[str, str] = {}
    for lang, rel in _table(manifest, key, where).items():
        if not isinstance(rel, str):
            raise InputError(where, f"[{key}] {lang} must be a path string")
        code = _manifest_language(lang, where, f"[{key}]")
        _refuse_duplicate(code, lang, given, where, f"[{key}]")
        path = _inside(base, rel, where, f"[{key}] {lang}")
        documents[code] = load_document(path, code, has_title=has_title, side="target")
    return documents


def _refuse_duplicate(code: str, typed: str, given: dict[str, str], where: str, key: str) -> None:
    """Two entries that are one language after normalisation (fr / FR, fr / fr-CA) are an error."""
    base = code.split("-", 1)[0].lower()
    for other_code, other_typed in given.items():
        if other_code.split("-", 1)[0].lower() == base:
            raise InputError(where, f"{key} lists {other_typed!r} and {typed!r}, which are the "
                                    f"same language ({base}); give one translation per language")
    given[code] = typed
