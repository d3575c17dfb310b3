"""``python -m smewindow`` is the ``smewindow`` command."""

from smewindow.cli import main

main()
