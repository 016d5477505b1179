"""The render stage: a store's corpus as JSON (json_export), PLOVER JSONL (plover), one self-contained HTML page
(html) or Markdown."""

from __future__ import annotations

from .html import render_html, write_html
from .json_export import corpus_to_dict, write_json
from .markdown import render_markdown, write_markdown
from .plover import event_to_plover, mention_to_plover, plover_records, write_plover_jsonl

__all__ = ["corpus_to_dict", "event_to_plover", "mention_to_plover", "plover_records", "render_html",
           "render_markdown", "write_html", "write_json", "write_markdown", "write_plover_jsonl"]
