"""Content hashes that decide whether a document's previous results can be reused.

A document's digest covers everything that can change its results: the bytes of
its manifest and of every file the manifest names (source, translations,
references, gold alignments), the effective config (every value, after command
line overrides, except where the back-translation cache lives), the glossary's
bytes, the languages asked for, whether the gate and reports were requested,
and the mtcheck version. Equal digests mean the
pipeline would produce the same results, so they are reused.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from mtcheck import __version__
from mtcheck.collection.discover import DocumentSpec
from mtcheck.config import Config
from mtcheck.results import to_jsonable

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def settings_digest(config: Config, languages: tuple[str, ...], *, gate: bool, reports: bool) -> str:
    """The digest of what every document of a run shares: version, config, glossary, options."""
    digest = hashlib.sha256()
    # Where the back-translation cache lives does not change a result.
    described_config = to_jsonable(config)
    described_config["backtranslation"].pop("cache_dir", None)
    described = {
        "mtcheck": __version__,
        "config": described_config,
        "languages": list(languages),
        "gate": gate,
        "reports": reports,
    }
    digest.update(json.dumps(described, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    if config.names.glossary:
        glossary = config.resolve_path(config.names.glossary)
        digest.update(glossary.read_bytes() if glossary.is_file() else b"(missing glossary)")
    return digest.hexdigest()


def document_digest(document: DocumentSpec, settings: str) -> str:
    """The digest of one document's inputs under the shared ``settings`` digest."""
    digest = hashlib.sha256(settings.encode("ascii"))
    manifest = Path(document.manifest)
    for path in _input_files(manifest):
        digest.update(str(path.relative_to(manifest.parent) if path.is_relative_to(manifest.parent)
                          else path).encode("utf-8") + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"(unreadable)")  # the run itself reports the problem
        digest.update(b"\0")
    return digest.hexdigest()


def _input_files(manifest: Path) -> Iterator[Path]:
    """The manifest and the files it names, in a stable order."""
    yield manifest
    try:
        table = tomllib.loads(manifest.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return
    base = manifest.parent
    named: list[str] = []
    document = table.get("document", {})
    if isinstance(document, dict) and isinstance(document.get("source"), str):
        named.append(document["source"])
    for key in ("translations", "references"):
        files = table.get(key, {})
        if isinstance(files, dict):
            named.extend(str(files[lang]) for lang in sorted(files))
    for name in named:
        yield base / name
    gold = table.get("gold", {})
    if isinstance(gold, dict) and isinstance(gold.get("directory"), str):
        folder = base / gold["directory"]
        if folder.is_dir():
            yield from sorted(p for p in folder.rglob("*") if p.is_file())
