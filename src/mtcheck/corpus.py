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

    UTF-8 (with or without BOM) and UTF-16 with a BOM are accepted. Errors name
    the byte offset so that users can find a broken byte with ``xxd``.
    """
    where = str(path)
    path = Path(path)
    if not path.exists():
        raise InputError(where, "file not found")
    if path.is_dir():
        raise InputError(where, "is a directory, expected a file")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(where, f"cannot read file: {exc.strerror}") from None
    return decode_text(raw, where)


def decode_text(raw: bytes, where: str) -> str:
    """Decode file content with the checks of :func:`read_text`."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(where, f"broken UTF-16 at byte offset {exc.start}") from None
    else:
        nul = raw.find(b"\x00")
        if nul >= 0:
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
    if not text.strip():
        raise InputError(where, "file is empty")
    return text


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
        raise InputError(str(path), str(exc)) from None
    fmt = format or detect_format(path)
    if fmt != "text":
        from mtcheck import formats

        return formats.read_document(path, code, fmt, side=side)
    paragraphs = split_paragraphs(read_text(path), has_title)
    return Document(path=str(path), lang=code, paragraphs=paragraphs, format="text")


def detect_format(path: str | Path) -> str:
    """The input format named by a file's extension ("text" when unknown)."""
    suffix = Path(path).suffix.lower()
    try:
        from mtcheck.formats import FORMAT_BY_EXTENSION
    except ImportError:  # pragma: no cover - formats is part of the package
        return "text"
    return FORMAT_BY_EXTENSION.get(suffix, "text")


def load_corpus(root: str | Path, languages: tuple[str, ...] = ()) -> Corpus:
    """Load a corpus folder through its manifest; ``languages`` narrows the translations."""
    root = Path(root)
    manifest_path = root / MANIFEST if root.is_dir() else root
    where = str(manifest_path)
    if not manifest_path.exists():
        raise InputError(where, "no corpus manifest here (expected a folder with manifest.toml)")
    try:
        manifest = tomllib.loads(read_text(manifest_path))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(where, f"invalid TOML: {exc}") from None
    base = manifest_path.parent
    document = _table(manifest, "document", where)
    unknown = set(document) - {"id", "title", "date", "source_language", "source", "has_title"}
    if unknown:
        raise InputError(where, f"unknown key(s) in [document]: {', '.join(sorted(unknown))}")
    for key in ("source", "source_language"):
        if not isinstance(document.get(key), str):
            raise InputError(where, f"[document] needs a string {key!r}")
    has_title = document.get("has_title")
    if has_title is not None and not isinstance(has_title, bool):
        raise InputError(where, "[document] has_title must be true or false")
    source = load_document(base / str(document["source"]), str(document["source_language"]),
                           has_title=has_title, side="source")
    translations = _documents(manifest, "translations", base, where, has_title)
    if languages:
        missing = [code for code in languages if code not in translations]
        if missing:
            raise InputError(where, f"no translation for language(s): {', '.join(missing)}; "
                                    f"this corpus has: {', '.join(translations)}")
        translations = {code: translations[code] for code in languages}
    if not translations:
        raise InputError(where, "the manifest lists no translations")
    references = _documents(manifest, "references", base, where, has_title)
    gold = manifest.get("gold", {}).get("directory")
    return Corpus(
        id=str(document.get("id") or base.name),
        source=source,
        translations=translations,
        references={k: v for k, v in references.items() if k in translations},
        root=str(base),
        gold_dir=str(base / gold) if isinstance(gold, str) else None,
    )


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
    orphans = sorted(set(references or {}) - set(translations))
    if orphans:
        lang = orphans[0]
        raise InputError(str((references or {})[lang]),
                         f"a reference for {lang!r} but no translation into {lang!r} "
                         f"(add --translation {lang}=FILE)")
    src = load_document(source, source_lang, format=format, side="source")
    return Corpus(
        id=Path(source).stem,
        source=src,
        translations={lang: load_document(p, lang, format=format, side="target")
                      for lang, p in translations.items()},
        references={lang: load_document(p, lang, format=format, side="target")
                    for lang, p in (references or {}).items()},
    )


def _table(manifest: Mapping[str, object], key: str, where: str) -> dict[str, object]:
    value = manifest.get(key, {})
    if not isinstance(value, dict):
        raise InputError(where, f"[{key}] must be a table")
    return value


def _documents(manifest: Mapping[str, object], key: str, base: Path, where: str,
               has_title: bool | None) -> dict[str, Document]:
    documents: dict[str, Document] = {}
    for lang, rel in _table(manifest, key, where).items():
        if not isinstance(rel, str):
            raise InputError(where, f"[{key}] {lang} must be a path string")
        try:
            code = get_language(lang).code
        except LanguageError as exc:
            raise InputError(where, f"[{key}] {exc}") from None
        documents[code] = load_document(base / rel, code, has_title=has_title, side="target")
    return documents
