"""Imported by the forkserver of a collection's worker processes, and only there.

The forkserver is the process every local worker is forked from. Importing this
module warms it as :mod:`.warm` describes (the plan comes from its environment),
so each forked worker starts with the tables loaded, sharing their memory with
its siblings until it writes to it. No model is loaded here: a model's threads
would not survive the fork; each worker loads its models itself, once.
"""

from __future__ import annotations

import contextlib
import gc
import os

from mtcheck.collection.warm import ENVIRONMENT, WarmUp, one_thread_per_worker, warm

# Before anything imports numpy (importing .warm does not): OpenBLAS reads it when it loads.
one_thread_per_worker()

_PLAN = os.environ.pop(ENVIRONMENT, "")
if _PLAN:
    # Warming is an optimisation: a worker meets, and reports, the same problem when its
    # document needs the table.
    with contextlib.suppress(Exception):
        warm(WarmUp.decode(_PLAN))
# Keep the warmed objects out of the collector's way: a forked child that ran a full
# collection would otherwise touch (and so copy) every page of them.
gc.freeze()
