"""`python -m rashomon.cli`: the `rashomon` command."""

from . import main

main()
