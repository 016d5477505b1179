"""The local web app and JSON API over a store: `rashomon serve` (see docs/web.md)."""

from __future__ import annotations

from .app import MAX_UPLOAD_BYTES, create_app, serve

__all__ = ["MAX_UPLOAD_BYTES", "create_app", "serve"]
