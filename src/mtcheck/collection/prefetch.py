"""Back-translation of a whole collection in batches gathered from many documents.

Run document by document, the back-translation stage hands a model one
document's sentences at a time (15 sentences of a short article: small batches
that leave a model's replicas idle), and every worker that runs a document
needs every model. Before the documents run, the driver therefore gathers the
distinct sentences of every document to run, per source language and
translation language, and makes one :class:`BatchTask` per model (languages that
share a model, such as a multilingual fallback, go together). Each is run by the
same stage function as a document's (:func:`mtcheck.pipeline.backtranslate_all`),
on a worker that keeps the model loaded; the translations land in the driver's
cache. The documents then find every sentence there, and their workers load no
model at all.

Every executor runs the same batches, so the translations (and so the results)
are the same whichever executor ran them; the batches depend only on the
documents to run, not on their order of completion.

Names are recognised ahead the same way when a few documents run in the driver's
process (an incremental run after a few changes): loading the recogniser is then a
large share of the run, so :func:`recognise_ahead` has one child process load it and
recognise every such document on the other core while the first document is aligned
and scored (see :mod:`mtcheck.recogniser`: same spans as in-process).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from mtcheck.config import Config
from mtcheck.errors import MtcheckError
from mtcheck.types import Document, SegmentedDocument, Sentence

# At most this many documents run in the driver's process get their names recognised
# ahead, in one child; with more, one load of the recogniser in-process is a small share
# of the run. (The recogniser keeps the results of 16 documents.)
RECOGNISE_AHEAD_AT_MOST = 8


@dataclass(frozen=True)
class BatchTask:
    """Distinct sentences of many documents for one model, to back-translate into the cache."""

    into: str  # the documents' source language
    texts: tuple[tuple[str, tuple[str, ...]], ...]  # (translation language, sentences)
    config: Config
    documents: int  # how many documents the sentences come from (for messages)
    private_cache: bool = False

    @property
    def label(self) -> str:
        langs = ", ".join(lang for lang, _ in self.texts)
        return f"back-translation of {langs} into {self.into} ({self.documents} documents)"

    def targets(self) -> dict[str, SegmentedDocument]:
        """The sentences as documents of one paragraph-less sentence list each."""
        return {lang: _as_document(lang, sentences, self.label) for lang, sentences in self.texts}


def gather(manifests: Sequence[str], languages: tuple[str, ...], config: Config,
           private_cache: bool) -> list[BatchTask]:
    """One batch per (source language, model) over the documents at ``manifests``.

    A document that cannot be read is left out here: its own run reports the
    problem, with the usual message.
    """
    from mtcheck.backtranslate.resolve import choose_model
    from mtcheck.backtranslate.stage import backend_for
    from mtcheck.corpus import load_corpus
    from mtcheck.segment import segment_document

    if not config.backtranslation.enabled:
        return []
    # (source language, backend, model) -> translation language -> sentences, first seen first
    groups: dict[tuple[str, str, str], dict[str, dict[str, None]]] = {}
    counts: dict[tuple[str, str, str], set[str]] = {}
    for manifest in manifests:
        try:
            corpus = load_corpus(manifest, languages)
        except MtcheckError:
            continue
        into = corpus.source.lang
        for lang, document in corpus.translations.items():
            try:
                key = (into, backend_for(config.backtranslation, lang),
                       choose_model(config.backtranslation, lang).model)
                sentences = segment_document(document, config.segment).texts()
            except MtcheckError:
                continue  # the document's own run says why
            group = groups.setdefault(key, {})
            group.setdefault(lang, {}).update(dict.fromkeys(t for t in sentences if t.strip()))
            counts.setdefault(key, set()).add(manifest)
    return [BatchTask(into=key[0],
                      texts=tuple((lang, tuple(sentences)) for lang, sentences
                                  in sorted(group.items())),
                      config=config, documents=len(counts[key]), private_cache=private_cache)
            for key, group in sorted(groups.items())]


def _as_document(lang: str, sentences: tuple[str, ...], label: str) -> SegmentedDocument:
    return SegmentedDocument(
        document=Document(path=label, lang=lang, paragraphs=()),
        sentences=tuple(Sentence(id=i, paragraph=0, text=text, start=0, end=len(text), line=0)
                        for i, text in enumerate(sentences)),
        segmenter="collection batch",
    )


@contextmanager
def recognise_ahead(documents: Sequence[tuple[str, tuple[str, ...], Config]]) -> Iterator[None]:
    """Within the block, the names of these few documents (manifest, languages, config) are
    recognised in a child process started now; nothing happens for more than
    :data:`RECOGNISE_AHEAD_AT_MOST` documents."""
    from mtcheck import recogniser

    if not documents or len(documents) > RECOGNISE_AHEAD_AT_MOST:
        yield
        return
    from mtcheck.corpus import load_corpus
    from mtcheck.names.evidence import prefetch_recognition
    from mtcheck.segment import segment_document

    with recogniser.in_background():
        served: list[SegmentedDocument] = []
        for manifest, languages, config in documents:
            if not config.names.use_ner:
                continue
            try:
                corpus = load_corpus(manifest, languages)
                served.extend(segment_document(document, config.segment)
                              for document in (corpus.source, *corpus.translations.values())
                              if recogniser.serves(document.lang))
            except MtcheckError:
                continue  # the document's own run reports it
        prefetch_recognition(served)
        yield
