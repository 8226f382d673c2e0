"""Small hand-made pipeline values for unit tests of the later stages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mtcheck.types import AlignedPair, Alignment, Document, Paragraph, SegmentedDocument, Sentence


def segmented(lang: str, sentences: list[str], path: str = "doc.txt",
              *, title: bool = False) -> SegmentedDocument:
    """One paragraph per sentence, one line each, sentence ids in order.

    ``title`` makes the first sentence the document's title paragraph.
    """
    paragraphs = tuple(Paragraph(index=i, text=t, line=2 * i + 1, is_title=title and i == 0)
                       for i, t in enumerate(sentences))
    document = Document(path=path, lang=lang, paragraphs=paragraphs)
    return SegmentedDocument(
        document=document,
        sentences=tuple(
            Sentence(id=i, paragraph=i, text=t, start=0, end=len(t), line=2 * i + 1)
            for i, t in enumerate(sentences)
        ),
        segmenter="test",
    )


def alignment(*beads: tuple[tuple[int, ...], tuple[int, ...]]) -> Alignment:
    return Alignment(pairs=tuple(AlignedPair(s, t) for s, t in beads), method="test")


def one_to_one(n: int) -> Alignment:
    return alignment(*[((i,), (i,)) for i in range(n)])


TESTS = Path(__file__).resolve().parent


def fresh_python(code: str, cache: Path | None = None) -> str:
    """Standard output of ``code`` run by a new interpreter (this checkout's sources and
    these helpers on its path; ``cache`` as its user cache folder), which must succeed."""
    env = {"PYTHONPATH": f"{TESTS}:{TESTS.parent / 'src'}", "HF_HUB_OFFLINE": "1",
           "PATH": "/usr/bin:/bin"}
    if cache is not None:
        env["XDG_CACHE_HOME"] = str(cache)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=180, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()
