"""What the header's search box finds, kind by kind: cities, people, engagements, needs,
practices, support actions and advocacy records of the hub the request works in.

Each kind is reached through its own `visible_to(user)`, exactly as its list pages reach it, so
a focal point finds their city's records and a donor finds cities and practices but no person,
need or support. Names are matched folded (citybridge.lib.text.fold: Cyrillic or Latin, with or
without diacritics) on the people's and cities' folded columns; the other records by their
words, keyed with `search_key` (ijekavian read as ekavian too) and compared here, as their titles
have no folded column; practices through the library's own search (practices.search: stems and
meaning across the region's languages).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from citybridge.accounts.scopes import scope_of
from citybridge.advocacy.models import AdvocacyAction
from citybridge.engagement.models import Engagement
from citybridge.lib.text import fold, search_key
from citybridge.lib.vocabularies.matching import STOPWORDS
from citybridge.needs.models import Need
from citybridge.network.models import Hub, LocalGovernment, Person
from citybridge.practices.models import Practice
from citybridge.support.models import SupportAction

# The fewest letters a search needs: one letter finds half the hub.
SHORTEST = 2


@dataclass
class Group:
    """The records of one kind found: the first ones (`records`) and how many in all."""

    kind: str
    heading: Any
    records: list[Any] = field(default_factory=list)
    total: int = 0
    # The kind's own list searching the same words, where that list has a search.
    more_url: str = ""


def searchable(text: str) -> bool:
    return len(fold(text).replace(" ", "")) >= SHORTEST


def find(user: Any, hub: Hub, text: str, *, limit: int) -> list[Group]:
    """Every kind the user may see, in the menu's order, each with its first `limit` records
    found for `text` (and none found: a people search is logged even when it finds no one).
    People found are the caller's to log as shown."""
    groups = [
        _cities(user, hub, text, limit),
        _people(user, hub, text, limit),
        _engagements(user, hub, text, limit),
        _needs(user, hub, text, limit),
        _practices(text, limit),
        _support(user, hub, text, limit),
        _advocacy(user, hub, text, limit),
    ]
    return [g for g in groups if g is not None]


def _list_url(name: str, text: str) -> str:
    return f"{reverse(name)}?{urlencode({'q': text})}"


def _first(queryset: QuerySet, limit: int) -> tuple[list[Any], int]:
    records = list(queryset[: limit + 1])
    total = len(records) if len(records) <= limit else queryset.count()
    return records[:limit], total


def _cities(user: Any, hub: Hub, text: str, limit: int) -> Group:
    cities = (
        LocalGovernment.objects.visible_to(user)
        .of_hub(hub)
        .search(text)
        .select_related("country")
        .order_by("name_key")
    )
    records, total = _first(cities, limit)
    return Group("cities", _("Cities"), records, total, _list_url("network:city_list", text))


def _people(user: Any, hub: Hub, text: str, limit: int) -> Group | None:
    if not scope_of(user).sees_people_of(hub.pk):
        return None
    people = (
        Person.objects.visible_to(user)
        .of_hub(hub)
        .search(text)
        .select_related("city__country", "organisation")
        .order_by("name_key")
    )
    records, total = _first(people, limit)
    return Group("people", _("People"), records, total, _list_url("network:person_list", text))


def _words(text: str) -> list[str]:
    """The words a record's key must hold, small words left out (unless nothing else is said)."""
    words = search_key(text).split()
    return [w for w in words if w not in STOPWORDS] or words


def _matching(rows: Iterable[tuple[Any, ...]], words: list[str]) -> list[int]:
    """The ids (first of each row) of the rows whose other cells, keyed, hold every word."""
    return [
        row[0]
        for row in rows
        if all(w in search_key(" ".join(c for c in row[1:] if c)) for w in words)
    ]


def _by_words(
    queryset: QuerySet, fields: tuple[str, ...], text: str, limit: int
) -> tuple[list[Any], int]:
    """The records of `queryset` (in its order) whose `fields` hold every word of `text`."""
    ids = _matching(queryset.values_list("pk", *fields), _words(text))
    shown = queryset.model.objects.in_bulk(ids[:limit])
    return [shown[pk] for pk in ids[:limit]], len(ids)


def _engagements(user: Any, hub: Hub, text: str, limit: int) -> Group:
    engagements = Engagement.objects.visible_to(user).of_hub(hub).order_by("-starts_on", "pk")
    records, total = _by_words(engagements, ("title", "key", "place"), text, limit)
    _related(records, "host_city")
    return Group(
        "engagements",
        _("Engagements"),
        records,
        total,
        _list_url("engagement:engagement_list", text),
    )


def _needs(user: Any, hub: Hub, text: str, limit: int) -> Group:
    needs = Need.objects.visible_to(user).of_hub(hub).order_by("-raised_on", "pk")
    records, total = _by_words(needs, ("statement",), text, limit)
    _related(records, "city", "theme")
    return Group("needs", _("Needs"), records, total)


def _practices(text: str, limit: int) -> Group:
    # The library is the network's, open to every role of every hub (as its own pages are).
    practices = (
        Practice.objects.search(text)
        .select_related("origin_country")
        .distinct()
        .order_by("-search_rank", "title")
    )
    records, total = _first(practices, limit)
    return Group(
        "practices", _("Practices"), records, total, _list_url("practices:practice_list", text)
    )


def _support(user: Any, hub: Hub, text: str, limit: int) -> Group:
    actions = (
        SupportAction.objects.visible_to(user)
        .of_hub(hub)
        .not_withdrawn()
        .order_by("-created_at", "pk")
    )
    records, total = _by_words(actions, ("title", "description"), text, limit)
    _related(records, "city")
    return Group("support", _("Support actions"), records, total)


def _advocacy(user: Any, hub: Hub, text: str, limit: int) -> Group:
    actions = AdvocacyAction.objects.visible_to(user).of_hub(hub).order_by("-date", "pk")
    records, total = _by_words(actions, ("title", "summary"), text, limit)
    return Group("advocacy", _("Advocacy"), records, total)


def _related(records: list[Any], *fields: str) -> None:
    """Load the few records' related rows in one query each (no query inside the template)."""
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(records, *fields)
