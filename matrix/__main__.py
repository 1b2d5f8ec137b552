"""``python -m matrix`` runs the same CLI as the ``raci`` command."""

from .cli import cli

cli()
