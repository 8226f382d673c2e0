"""Document-level alignment: paragraph by paragraph when the paragraphs match."""

from __future__ import annotations

from collections.abc import Sequence

from mtcheck.align.cost import LengthModel
from mtcheck.align.sentences import align_sentences, estimate_length_model
from mtcheck.config import AlignConfig
from mtcheck.types import AlignedPair, Alignment, SegmentedDocument

METHOD = "mtcheck-align/3"


def align_documents(
    source: SegmentedDocument,
    target: SegmentedDocument,
    config: AlignConfig | None = None,
    target_in_source_language: Sequence[str] | None = None,
) -> Alignment:
    """Align two segmented documents.

    When both have the same number of paragraphs (and ``config.within_paragraphs``),
    each paragraph is aligned with its counterpart, which keeps errors local; when
    they differ (a paragraph merged, split or dropped), the whole documents are
    aligned as one sequence, title included.
    """
    config = config or AlignConfig()
    if target_in_source_language is not None and len(target_in_source_language) != len(
        target.sentences
    ):
        raise ValueError(f"{len(target_in_source_language)} back-translations for "
                         f"{len(target.sentences)} target sentences")
    source_groups = _paragraph_groups(source)
    target_groups = _paragraph_groups(target)
    if config.within_paragraphs and len(source_groups) == len(target_groups):
        # A paragraph is too short to estimate the length model on, and a sentence dropped
        # from it would skew its length ratio: the whole document's model is used instead.
        model = estimate_length_model(source.texts(), target.texts(), source_lang=source.lang,
                                      target_lang=target.lang, config=config)
        pairs: list[AlignedPair] = []
        last = len(source_groups) - 1
        for k, (source_ids, target_ids) in enumerate(zip(source_groups, target_groups,
                                                         strict=True)):
            # Only the last paragraph can end where a cut-off translation stops.
            pairs.extend(_align_ids(source, target, source_ids, target_ids, config,
                                    target_in_source_language, model, may_be_cut_off=k == last))
        return Alignment(tuple(pairs), f"{METHOD}(paragraphs)")
    pairs = _align_ids(source, target, list(range(len(source.sentences))),
                       list(range(len(target.sentences))), config, target_in_source_language)
    return Alignment(tuple(pairs), f"{METHOD}(document)")


def _paragraph_groups(document: SegmentedDocument) -> list[list[int]]:
    """Sentence ids per paragraph that has sentences, in document order."""
    groups: dict[int, list[int]] = {}
    for sentence in document.sentences:
        groups.setdefault(sentence.paragraph, []).append(sentence.id)
    return [groups[key] for key in sorted(groups)]


def _align_ids(source: SegmentedDocument, target: SegmentedDocument, source_ids: list[int],
               target_ids: list[int], config: AlignConfig,
               backtranslations: Sequence[str] | None,
               length_model: LengthModel | None = None,
               may_be_cut_off: bool = True) -> list[AlignedPair]:
    local = align_sentences(
        [source.sentences[i].text for i in source_ids],
        [target.sentences[j].text for j in target_ids],
        source_lang=source.lang,
        target_lang=target.lang,
        config=config,
        target_in_source_language=(
            [backtranslations[j] for j in target_ids] if backtranslations is not None else None
        ),
        length_model=length_model,
        may_be_cut_off=may_be_cut_off,
    )
    return [
        AlignedPair(tuple(source_ids[i] for i in pair.source_ids),
                    tuple(target_ids[j] for j in pair.target_ids), pair.cost, pair.confidence)
        for pair in local
    ]
