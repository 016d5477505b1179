"""The report stage: a store's corpus as JSON (json_export), one self-contained HTML page (html) or Markdown."""

from __future__ import annotations

from .html import render_html, write_html
from .json_export import corpus_to_dict, write_json
from .markdown import render_markdown, write_markdown

__all__ = ["corpus_to_dict", "render_html", "render_markdown", "write_html", "write_json", "write_markdown"]
