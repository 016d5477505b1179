"""Turn Markdown into plain text: drop the markup (#, *, _, `, >, link targets, images), keep the words."""

from __future__ import annotations

import re

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FENCE = re.compile(r"^[ \t]*(?:```|~~~).*$", re.MULTILINE)
_ATX_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_SETEXT_UNDERLINE = re.compile(r"^(.+)\n[ \t]*(?:=+|-+)[ \t]*$", re.MULTILINE)
_RULE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.MULTILINE)
_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.MULTILINE)
_BULLET = re.compile(r"^([ \t]*)[*+][ \t]+", re.MULTILINE)
_REFERENCE_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", re.MULTILINE)
_IMAGE = re.compile(r"!\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])")
_LINK = re.compile(r"\[([^\]\n]+)\](?:\([^)\n]*\)|\[[^\]\n]*\])")
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^>\s]+>")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
# Tags that end a line or a block: removing them must leave a line break, or the words on either side
# run together ("Badr<br>Amiri" -> "BadrAmiri").
_BREAK_TAG = re.compile(r"<br\s*/?>|</?(?:p|div|li|ul|ol|tr|td|th|table|h[1-6]|blockquote|section|article|header|footer"
                        r"|figure|figcaption|hr|dd|dt|dl)(?:\s[^<>]*)?/?>", re.IGNORECASE)
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS_STAR = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_CODE = re.compile(r"`+([^`\n]+?)`+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")


def strip_markdown(text: str) -> str:
    """Plain text from Markdown: headings become their own paragraphs; links keep their words only."""
    text = _FRONT_MATTER.sub("", text.replace("\r\n", "\n"))
    text = _FENCE.sub("", text)
    text = _SETEXT_UNDERLINE.sub(lambda match: f"\n{match.group(1)}\n", text)
    text = _RULE.sub("", text)
    text = _ATX_HEADING.sub(lambda match: f"\n{match.group(1)}\n", text)
    text = _QUOTE.sub("", text)
    text = _BULLET.sub(r"\1- ", text)
    text = _REFERENCE_DEFINITION.sub("", text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub("", text)
    text = _BREAK_TAG.sub("\n", text)
    text = _HTML_TAG.sub("", text)
    text = _CODE.sub(r"\1", text)
    for pattern in (_STRONG, _STRIKE):
        text = pattern.sub(r"\2" if pattern is _STRONG else r"\1", text)
    text = _EMPHASIS_STAR.sub(r"\1", text)
    text = _EMPHASIS_UNDERSCORE.sub(r"\1", text)
    return _ESCAPE.sub(r"\1", text)
