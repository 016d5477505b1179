"""rashomon: read many accounts of the same events and rebuild one evidence-linked picture."""

from __future__ import annotations

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
