"""cliniclint: a quality linter for aesthetic-clinic marketing articles.

The engine lives in :mod:`cliniclint.lint`, the rule packs (data) in ``rules/``
and the command line in :mod:`cliniclint.cli`.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("cliniclint")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
