"""The local web app and JSON API over a store: `rashomon serve` (see docs/web.md)."""

from __future__ import annotations

from .app import create_app, serve
from .workspace import MAX_UPLOAD_BYTES

__all__ = ["MAX_UPLOAD_BYTES", "create_app", "serve"]
