"""The cyclic garbage collector paused while the omission stage scores a translation.

The stage builds several hundred thousand short-lived tuples, sets and small records (the
index of each translation it reads, word keys, pieces, fits) and frees them by reference
counting as it goes. Each of those allocations still counts towards the cyclic collector's
next pass, and its full passes walk every object the process holds (language tables, word
frequencies, the run's caches): on a long document they take a sizeable share of the stage
(see the runtime section of docs/omissions.md). The collector is paused for the stage and
resumed after it as it was; what the stage leaves for it (if anything) is collected at its
next pass. The results do not depend on it.

What the stage keeps for the rest of the document (its readings of the document's texts,
tens of thousands of small objects) is dropped once every translation is checked
(``clear_text_caches``); a pass of the collector in between would walk all of it just before
it goes, so :func:`mtcheck.pipeline.evaluate` keeps the collector paused until then.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off; turn it on again after, if it was on."""
    if not gc.isenabled():  # paused by the caller (or an enclosing stage): leave it so
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
