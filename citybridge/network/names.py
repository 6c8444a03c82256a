"""People's and places' names in the reader's script, for the request being served.

NameScriptMiddleware activates the signed-in user's User.name_script for the request; the
`name` and `names` template filters (built in to every template) and `shown_name()` write a
name in it. Lists never sort by what is shown: they sort by the folded name (Person.name_key,
LocalGovernment.name_key), the same in every script.

Which rules write a Latin name in Cyrillic: a city's country says (Macedonian rules for North
Macedonia, Serbian elsewhere); for a person, the page's language (Macedonian rules on Macedonian
pages, Serbian on the others), since a name's origin is not recorded. A city's own Cyrillic name
(LocalGovernment.name_cyrillic) wins over a transliteration.
"""

from __future__ import annotations

from contextvars import ContextVar, Token
from typing import Any

from django.utils.translation import get_language

from citybridge.lib.scripts import AS_WRITTEN, CYRILLIC, LATIN, in_script
from citybridge.network.models import LocalGovernment, Person

_script: ContextVar[str] = ContextVar("citybridge_name_script", default=AS_WRITTEN)


def activate(script: str) -> Token[str]:
    return _script.set(script if script in (LATIN, CYRILLIC) else AS_WRITTEN)


def deactivate(token: Token[str]) -> None:
    _script.reset(token)


def current() -> str:
    return _script.get()


def _page_rules() -> str:
    return "mk" if get_language() == "mk" else "sr"


def shown_name(value: Any) -> str:
    """A person's, a city's or any name (a string) in the active script."""
    if value is None:
        return ""
    script = current()
    if isinstance(value, Person):
        return in_script(value.full_name, script, _page_rules())
    if isinstance(value, LocalGovernment):
        if script == CYRILLIC and value.name_cyrillic:
            return value.name_cyrillic
        country = value._state.fields_cache.get("country")  # no query for the rule
        rules = "mk" if country is not None and country.code == "MK" else _page_rules()
        return in_script(value.name, script, rules)
    return in_script(str(value), script, _page_rules())
