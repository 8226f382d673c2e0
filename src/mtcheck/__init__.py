"""mtcheck: check the quality of machine translations.

The library is a pipeline of small typed stages::

    corpus -> segment -> align -> backtranslate -> score -> names -> report / gate

Each stage lives in its own module, exchanges the frozen dataclasses of
:mod:`mtcheck.types`, and never prints: only :mod:`mtcheck.cli` talks to the user.
"""

__version__ = "0.1.0"
