"""Ingest: find input files, read each into Documents with cleaned text and metadata.

`collect_paths` expands files, folders and globs; `read_path` reads one file into Documents (one per
article) and Skipped records (one per problem, with what to do); `clean_text` is the cleaning every
reader applies. See docs/ingest.md.
"""

from __future__ import annotations

from ..time import parse_date_value
from .clean import Cleaned, clean_blocks, clean_text
from .metadata import TextMetadata, find_metadata
from .paths import collect_paths, path_text
from .readers import read_path

__all__ = [
    "Cleaned",
    "TextMetadata",
    "clean_blocks",
    "clean_text",
    "collect_paths",
    "find_metadata",
    "parse_date_value",
    "path_text",
    "read_path",
]
