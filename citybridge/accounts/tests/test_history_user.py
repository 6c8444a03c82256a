"""Every history row names who acted: the acting user of an action, wherever it runs from
(a page, the worker: citybridge/jobs/tests/test_worker_history.py, a command)."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil

import pytest
from django.core.management import CommandError, call_command

import citybridge
from citybridge.accounts.history import ACTIONS, COMMAND_LINE, acting_as
from citybridge.accounts.models import Role, User
from citybridge.engagement.models import Engagement
from citybridge.network.models import LocalGovernment, Person, Position


def functions_taking_acting_user() -> dict[str, object]:
    """Every module-level function of the project with a keyword-only `acting_user`."""
    found: dict[str, object] = {}
    for info in pkgutil.walk_packages(citybridge.__path__, "citybridge."):
        if any(part in info.name for part in (".tests", ".migrations", ".management")):
            continue
        module = importlib.import_module(info.name)
        for name, function in vars(module).items():
            if not inspect.isfunction(function) or function.__module__ != module.__name__:
                continue
            parameter = inspect.signature(function).parameters.get("acting_user")
            if parameter is not None and parameter.kind is inspect.Parameter.KEYWORD_ONLY:
                found[f"{module.__name__}.{name}"] = function
    return found


def test_every_action_taking_an_acting_user_records_them_in_the_history():
    actions = functions_taking_acting_user()
    assert len(actions) > 40  # the walk found the actions (54 when this was written)
    forgotten = sorted(name for name, function in actions.items() if function not in ACTIONS)
    assert forgotten == []


def last_user(record) -> str | None:
    entry = type(record).history.filter(id=record.pk).latest("history_id")
    return entry.history_user.username if entry.history_user else None


def test_actions_called_outside_a_request_name_their_user_in_the_history(hub, city, officer):
    """As the worker, a command or a test calls them: no request for simple-history to read."""
    from citybridge.accounts.actions import save_role
    from citybridge.engagement.actions import save_engagement
    from citybridge.network.actions import add_position, save_city, save_person

    city.name_albanian = "Testgradi"
    save_city(city, acting_user=officer)
    person = save_person(Person(full_name="Invented Person"), hub=hub, acting_user=officer)
    position = add_position(Position(person=person, role="mayor"), acting_user=officer)
    day = dt.date(2024, 3, 1)
    engagement = save_engagement(
        Engagement(key="H1", title="Roundtable", kind="roundtable", starts_on=day, ends_on=day),
        hub=hub,
        acting_user=officer,
    )
    donor = User.objects.create_user(username="someone")
    role = save_role(Role(user=donor, hub=hub, kind=Role.Kind.DONOR), acting_user=officer)
    for record in (city, person, position, engagement, role):
        assert last_user(record) == "officer", record


def test_acting_blocks_nest_and_put_back_what_they_found(hub, officer, hub_admin):
    with acting_as(officer):
        with acting_as(hub_admin):
            first = Person.objects.create(hub=hub, full_name="Invented One")
        second = Person.objects.create(hub=hub, full_name="Invented Two")
        with acting_as(None):  # an action given no user: whoever acts goes on acting
            third = Person.objects.create(hub=hub, full_name="Invented Three")
    fourth = Person.objects.create(hub=hub, full_name="Invented Four")
    assert [last_user(p) for p in (first, second, third, fourth)] == [
        "hubadmin",
        "officer",
        "officer",
        None,
    ]


@pytest.fixture
def members_file(tmp_path):
    path = tmp_path / "members.csv"
    path.write_text("City,Country,Joined\nNovigrad Testni,ME,2023-01-10\n", encoding="utf-8")
    return str(path)


def test_a_command_records_the_user_given_with_as(hub, officer, members_file):
    call_command("import", "members", members_file, "--as", "officer")
    city = LocalGovernment.objects.get(name="Novigrad Testni")
    assert last_user(city) == "officer"


def test_a_command_without_as_records_the_command_line(hub, members_file):
    call_command("import", "members", members_file)
    city = LocalGovernment.objects.get(name="Novigrad Testni")
    assert last_user(city) == COMMAND_LINE
    system = User.objects.get(username=COMMAND_LINE)
    assert not system.is_active and not system.has_usable_password() and not system.roles.exists()


def test_a_command_as_an_unknown_or_inactive_user_is_refused(hub, officer, members_file):
    officer.is_active = False
    officer.save()
    for username in ("nobody", "officer", COMMAND_LINE):
        with pytest.raises(CommandError, match="No active user"):
            call_command("import", "members", members_file, "--as", username)
    assert not LocalGovernment.objects.filter(name="Novigrad Testni").exists()
