"""Who every history row names: the acting user, from the web, the worker and the command line.

django-simple-history takes a row's user from `HistoricalRecords.context.request.user`; its
middleware puts the request there for a page, and nothing does in the worker or a command.
`acting_as(user)` puts a stand-in there for the length of a block, and is the one place that
does:
- every function with a keyword `acting_user` (the actions) is wrapped in `@records_acting_user`,
  which acts as that user for the call (a test lists them all and fails on one left out);
- the worker runs each job as the user who started it (`citybridge.jobs.actions.run_job`);
- a command (`ActingCommand`) runs as the user given with `--as USER`, or else as the
  "command line" user: an account that exists only to be named in the history, inactive, with
  no password and no role, so it can neither sign in nor see anything.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property, wraps
from typing import Any, ParamSpec, TypeVar

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from simple_history.models import HistoricalRecords

from citybridge.accounts.models import User

P = ParamSpec("P")
R = TypeVar("R")

COMMAND_LINE = "command line"

_NOTHING = object()

# The wrapped actions, for the test that no function taking `acting_user` is left out.
ACTIONS: set[Callable[..., Any]] = set()


def command_line_user() -> User:
    """The account a command without `--as` acts as (made the first time it is needed)."""
    user, _created = User.objects.get_or_create(
        username=COMMAND_LINE,
        defaults={"is_active": False, "password": make_password(None)},
    )
    return user


class _Acting:
    """What simple-history reads as "the request": it reads only `.user`."""

    def __init__(self, user: User | Callable[[], User]) -> None:
        self._user = user

    @cached_property
    def user(self) -> User:
        return self._user if isinstance(self._user, User) else self._user()


@contextmanager
def acting_as(user: User | Callable[[], User] | None) -> Iterator[None]:
    """History rows written in this block name `user`, or the user that `user()` returns when
    the first row is written (so a block that writes none makes no command-line account).
    `acting_as(None)` changes nothing: whoever acts already (the request's user, the
    command's) goes on acting. Blocks nest; each puts back what it found."""
    if user is None:
        yield
        return
    context = HistoricalRecords.context
    previous = getattr(context, "request", _NOTHING)
    context.request = _Acting(user)
    try:
        yield
    finally:
        if previous is _NOTHING:
            del context.request
        else:
            context.request = previous


def records_acting_user(action: Callable[P, R]) -> Callable[P, R]:
    """Run `action` as its `acting_user` keyword argument, so its history rows name them."""

    @wraps(action)
    def acting(*args: P.args, **kwargs: P.kwargs) -> R:
        with acting_as(kwargs.get("acting_user")):  # type: ignore[arg-type]
            return action(*args, **kwargs)

    ACTIONS.add(acting)
    return acting


class ActingCommand(BaseCommand):
    """A command whose changes name a user: `--as USER` (an active user's username), or the
    command-line user. `self.acting_user` is the user given, or None: pass it on as
    `acting_user`, the access log then says "command line" as it always has."""

    acting_user: User | None = None

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        help = "The username to record as having made the changes (default: command line)."
        parser.add_argument("--as", dest="as_user", metavar="USER", help=help)
        # After a sub-command's own arguments too (`import attendance FILE --as USER`).
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    sub.add_argument(
                        "--as", dest="as_user", metavar="USER", help=help, default=argparse.SUPPRESS
                    )
        return parser

    def execute(self, *args: Any, **options: Any) -> Any:
        username = options.get("as_user")
        self.acting_user = None
        if username:
            self.acting_user = User.objects.filter(username=username, is_active=True).first()
            if self.acting_user is None:
                raise CommandError(f"No active user {username!r} (--as).")
        # Made here, outside the command's transactions: a dry run's rollback cannot take it.
        with acting_as(self.acting_user or command_line_user()):
            return super().execute(*args, **options)
