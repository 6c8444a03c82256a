"""`citybridge match --city NAME --theme THEME [--text TEXT] [--format json]`, or `--need ID`."""

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from citybridge.accounts.access_log import log_access
from citybridge.accounts.models import AccessLog
from citybridge.lib.text import fold
from citybridge.matching.queries import Matches, match, match_need
from citybridge.needs.models import Need
from citybridge.network.commands import hub_from_option
from citybridge.network.models import Hub, LocalGovernment, Theme


def city_option(hub: Hub, name: str) -> LocalGovernment:
    """The hub's city written so, in any script; an exact name wins over a partial one."""
    key = fold(name)
    cities = LocalGovernment.objects.of_hub(hub)
    exact = cities.filter(Q(name_key=key) | Q(place_names__key=key)).distinct()
    found = list(exact[:2]) or list(cities.search(name)[:2])
    if len(found) != 1:
        problem = "No city" if not found else "More than one city"
        raise CommandError(f"{problem} of {hub.slug} is called '{name}'. Check the spelling.")
    return found[0]


def theme_option(hub: Hub, text: str) -> Theme:
    key = fold(text.replace("-", " "))
    for theme in Theme.objects.of_hub(hub):
        if key in (fold(theme.slug.replace("-", " ")), fold(theme.name)):
            return theme
    slugs = ", ".join(Theme.objects.of_hub(hub).values_list("slug", flat=True))
    raise CommandError(f"No theme '{text}'. Use one of: {slugs}.")


def as_text(matches: Matches) -> str:
    lines = []
    for title, items in (
        ("Practices", matches.practices),
        ("Peer cities", matches.peer_cities),
        ("Experts", matches.experts),
    ):
        lines.append(f"{title}:")
        for item in items:
            lines.append(f"  {item.score:.2f}  {item.label}")
            lines.extend(f"        - {reason}" for reason in item.reasons)
        if not items:
            lines.append("  (none)")
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Propose practices, peer cities and experts for a city's need, ranked, with reasons."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--need", type=int, help="A recorded need's id.")
        parser.add_argument("--city", help="The city, in any script.")
        parser.add_argument("--theme", help="The theme's slug or name.")
        parser.add_argument("--text", default="", help="What the city asks for, any language.")
        parser.add_argument("--hub")
        parser.add_argument("--limit", type=int, default=5)
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options) -> None:
        if options["need"]:
            need = Need.objects.select_related("hub", "city", "theme").filter(pk=options["need"])
            if not need:
                raise CommandError(f"No need with the id {options['need']}.")
            matches = match_need(need[0], options["limit"])
            hub = need[0].hub
        else:
            if not options["city"] or not options["theme"]:
                raise CommandError("Give --need ID, or --city NAME and --theme THEME.")
            hub = hub_from_option(options["hub"])
            city = city_option(hub, options["city"])
            theme = theme_option(hub, options["theme"])
            matches = match(hub, city, theme, options["text"], options["limit"])
        if matches.experts:  # experts are people: their names leave the system here
            log_access(
                None,
                AccessLog.Action.EXPORT,
                hub=hub,
                count=len(matches.experts),
                detail="match: experts (command line)",
            )
        if options["format"] == "json":
            self.stdout.write(json.dumps(matches.as_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(as_text(matches))
