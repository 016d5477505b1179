"""One loaded corpus as the web app serves it, built once per load and shared by the API and the pages: render's
lookups (`CorpusLookup`), the JSON export the API serves, and the views of the listing pages, each made on
first use by render's view functions."""

from __future__ import annotations

import functools
from typing import Any

from ..render import corpus_to_dict
from ..render.views import (
    ClaimsView,
    CorpusLookup,
    EntitiesView,
    SidesView,
    SourcesView,
    TimelineView,
    claims_view,
    entities_view,
    sides_view,
    sources_view,
    timeline_view,
)


class CorpusIndex(CorpusLookup):
    """A corpus with its records by id, its JSON export and its pages' views, each built on first use."""

    @functools.cached_property
    def export(self) -> dict[str, Any]:
        """`corpus_to_dict(corpus)`: the --json export, which the API serves piece by piece."""
        return corpus_to_dict(self.corpus)

    @functools.cached_property
    def export_by_id(self) -> dict[str, dict[str, dict[str, Any]]]:
        """{collection: {id: exported object}} for every collection whose objects have ids."""
        return {name: {item["id"]: item for item in items} for name, items in self.export.items()
                if isinstance(items, list) and items and "id" in items[0]}

    @functools.cached_property
    def sources(self) -> SourcesView:
        """The sources page's view."""
        return sources_view(self)

    @functools.cached_property
    def entities_page(self) -> EntitiesView:
        """The entities page's view."""
        return entities_view(self)

    @functools.cached_property
    def timeline(self) -> TimelineView:
        """The timeline's view of every event (the API and the other pages read it)."""
        return timeline_view(self)

    def timeline_at(self, min_confidence: float) -> TimelineView:
        """The timeline page's view: the events at or above `min_confidence`, those below apart; built once per
        threshold."""
        found = self._timelines.get(min_confidence)
        if found is None:
            found = self._timelines[min_confidence] = timeline_view(self, min_confidence=min_confidence)
        return found

    @functools.cached_property
    def _timelines(self) -> dict[float, TimelineView]:
        return {}

    @functools.cached_property
    def claims_page(self) -> ClaimsView:
        """The claims page's view."""
        return claims_view(self)

    @functools.cached_property
    def sides(self) -> SidesView:
        """The side-by-side page's view."""
        return sides_view(self)
