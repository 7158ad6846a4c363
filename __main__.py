"""``python -m cliniclint``: the same command line as the ``cliniclint`` script."""

from .cli import main

main(prog_name="cliniclint")
