"""The render stage: every output of a store's corpus.

`views` builds one view model per page from a corpus (plain data: text, spans, ids, labels, numbers); the
HTML report (`html`), Markdown (`markdown`), the terminal (`terminal`, what the CLI prints) and the web app
only format those. The exporters write the records themselves: JSON (`json_export`) and PLOVER JSONL (`plover`).
"""

from __future__ import annotations

from .html import format_html, render_html, write_html
from .json_export import corpus_to_dict, write_json
from .markdown import format_markdown, render_markdown, write_markdown
from .plover import event_to_plover, mention_to_plover, plover_records, write_plover_jsonl

__all__ = ["corpus_to_dict", "event_to_plover", "format_html", "format_markdown", "mention_to_plover",
           "plover_records", "render_html", "render_markdown", "write_html", "write_json", "write_markdown",
           "write_plover_jsonl"]
