"""`python -m dipwatch` runs the command line."""

from dipwatch.cli import run

run()
