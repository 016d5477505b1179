"""The `rashomon` command. Each command parses its options, calls one library function, renders.

Human-readable output goes to stdout; progress, warnings and logs go to stderr. `--json` prints one
JSON document to stdout and nothing else. Exit codes (EXIT_HELP, in every --help): 0 everything was
processed; 1 the command ran but some inputs failed and were skipped (or a lookup found nothing); 2 the
command could not run (a usage error, no store or a store in use, a bad setting).

The commands live by kind: `analyze` and `export` in analyze.py, the views of a store in views.py,
`eval` in evaluate.py, `serve`, `config`, `check` and `version` in admin.py; what they share in common.py.
Importing this package registers them all on `app`.
"""

from __future__ import annotations

from importlib import import_module

from .common import EXIT_FAILED, EXIT_HELP, EXIT_SKIPPED, app

__all__ = ["EXIT_FAILED", "EXIT_HELP", "EXIT_SKIPPED", "app", "main"]

# Each module registers its commands on `app` when imported; `rashomon --help` lists them in this order.
for _module in ("analyze", "views", "admin", "evaluate"):
    import_module(f"{__name__}.{_module}")


def main() -> None:
    """Entry point of the `rashomon` command."""
    app()
