"""What to try when a library search finds nothing: the concepts found in the words searched,
each of the words alone, and the themes the library holds practices on. Each comes with how many
practices it finds, and only if it finds some."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, TextField, Value
from django.db.models.functions import Concat

from citybridge.lib.vocabularies.concepts import concepts_by_word, label_of
from citybridge.network.models import Hub, Theme
from citybridge.practices.models import Practice, concept_q
from citybridge.practices.search import search_key, terms_of

MOST = 6


@dataclass(frozen=True)
class Suggestion:
    label: str
    # The library's filters the suggestion's link sets: {"q": "urrejtjes"} or {"theme": "hate"}.
    params: dict[str, str]
    count: int

    @property
    def query(self) -> str:
        return urlencode(self.params)


@dataclass
class Suggestions:
    concepts: list[Suggestion] = field(default_factory=list)
    words: list[Suggestion] = field(default_factory=list)
    themes: list[Suggestion] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.concepts or self.words or self.themes)


def suggestions_for(text: str, hub: Hub) -> Suggestions:
    """What to try instead of `text`, which found nothing (see the module's docstring)."""
    library = Practice.objects.annotate(
        _padded=Concat(Value(" "), "search_text", Value(" "), output_field=TextField())
    )
    terms = terms_of(text)
    found = Suggestions()
    shown: dict[str, list[str]] = {}
    for term in terms:
        for concept in sorted(term.concepts):
            shown.setdefault(concept, []).append(term.written)
    for concept, words in shown.items():
        count = library.filter(concept_q(concept)).count()
        if count:
            # The link searches a word that speaks of the concept alone; a phrase's words say it
            # only together ("gjuha e urrejtjes"), so they are searched as written.
            alone = [w for w in words if concept in concepts_by_word(search_key(w))[0][1]]
            query = alone[0] if alone else text
            found.concepts.append(Suggestion(label_of(concept), {"q": query}, count))
    if len(terms) > 1:
        for term in terms:
            count = Practice.objects.search(term.word).count()
            if count:
                found.words.append(Suggestion(term.written, {"q": term.written}, count))
    themes = (
        Theme.objects.of_hub(hub)
        .select_related("hub")
        .annotate(n=Count("practices", distinct=True))
        .filter(n__gt=0)
        .order_by("-n", "name")[:MOST]
    )
    found.themes = [Suggestion(str(t.label), {"theme": t.slug}, t.n) for t in themes]  # type: ignore[attr-defined]
    return found
