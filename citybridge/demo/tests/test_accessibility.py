"""WCAG 2.2 AA, checked by axe-core in Debian's Chromium on every page each demo role can reach.

The pages come from the URL conf and the access matrix's POLICY (a new URL joins this check the
moment it is classified there), opened with the demonstration's real records, at 1366 px and
390 px. List pages are checked again with their filters set (each select's first choice), and
the error pages through the error pages' test URL conf. Each violation is printed with its rule,
the element it was found on and what would fix it.

axe-core is fetched from the npm registry at set-up (the Makefile's var/axe-core) and Chromium is
Debian's package (/usr/bin/chromium): without either the check is skipped, saying so; with
CITYBRIDGE_AXE_REQUIRED=1 (CI) their absence fails instead. CITYBRIDGE_AXE_SKIP=reason skips it
on purpose (CI's PostgreSQL rerun: the pages' markup does not depend on the database engine).
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from citybridge.accounts.models import User
from citybridge.accounts.tests.test_access_matrix import POLICY, url_names, url_of
from citybridge.advocacy import models as advocacy_models
from citybridge.advocacy.models import AdvocacyAction
from citybridge.checkin.actions import open_check_in
from citybridge.engagement.models import Engagement
from citybridge.jobs.models import Job
from citybridge.needs.models import Need
from citybridge.network.models import Hub, LocalGovernment, Person
from citybridge.practices.models import Practice
from citybridge.reports.briefs.actions import publish_brief
from citybridge.support.models import ActionPlan, Mechanism, SupportAction

AXE = Path(os.environ.get("CITYBRIDGE_AXE", settings.BASE_DIR.parent / "var/axe-core/axe.min.js"))
CHROMIUM = Path(os.environ.get("CITYBRIDGE_CHROMIUM", "/usr/bin/chromium"))
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = (1366, 390)
# The access matrix's roles as the demonstration's users (it has no outsider).
DEMO_USERS = {
    "hub_admin": "admin",
    "officer": "officer",
    "focal": "focal",
    "expert": "expert",
    "donor": "donor",
    "anonymous": None,
}
# Pages checked in a second language too: the officer's, in Serbian Cyrillic.
OTHER_LANGUAGE = ("sr", ("reports:home", "needs:need_list", "reports:brief_list"))
QUERY = {"reports:brief_preview": "start=2023-01-01&end=2023-12-31&lang=en&funder="}
# Files, not pages: nothing for axe to read.
DOWNLOADS = {
    "practices:resource_download",
    "network:person_export",
    "rosetta-download-file",
    "support:support_iati",
    "checkin:checkin_sheet",
    "checkin:service_worker",
    "checkin:checkin_manifest",
    "operations:health_check",  # JSON for a monitor
}
# Not our interface: swagger-ui's own page for developers, from the django-ninja package (its
# colours, nested controls and target sizes are swagger-ui's; every page of ours is checked).
NOT_OURS = {"api_v1:openapi-view"}
ERROR_PAGES = ("/no-such-page/", "/test-errors/403/", "/test-errors/400/", "/test-errors/500/")


def why_not_runnable() -> str | None:
    if reason := os.environ.get("CITYBRIDGE_AXE_SKIP"):
        return reason
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[test]')"
    if not CHROMIUM.exists():
        return f"Chromium is not at {CHROMIUM}: apt-get install chromium (Debian's package)"
    if not AXE.exists():
        return f"axe-core is not at {AXE}: `make test` fetches it with npm at set-up"
    return None


def demo_objects(officer: User) -> dict[str, object]:
    """A real record of the demonstration for each URL that names one (the focal point's city
    where a page is about a city), plus the published brief and the import job it lacks."""
    hub = Hub.objects.get(slug="western-balkans")
    city = LocalGovernment.objects.get(name="Danilovgrad")
    brief = publish_brief(
        hub, dt.date(2023, 1, 1), dt.date(2023, 12, 31), lang="en", acting_user=officer
    )
    job = Job.objects.create(
        hub=hub, started_by=officer, kind=Job.Kind.IMPORT, title="Importing E012.csv"
    )
    person = Person.objects.filter(attendances__isnull=False).order_by("pk").first()
    engagement = Engagement.objects.filter(sheets__isnull=False).order_by("pk").first()
    consultation = Engagement.objects.filter(kind=Engagement.Kind.CONSULTATION).first()
    need = Need.objects.filter(city=city).first() or Need.objects.first()
    support = SupportAction.objects.order_by("pk").first()
    objects: dict[str, object] = {
        "accounts:user_detail": User.objects.get(username="focal"),
        "jobs:job_detail": job,
        "reports:figure_person": person,
        "reports:city_story": city,
        "reports:brief_detail": brief,
        "reports:brief_download": brief,
        "network:city_detail": city,
        "network:city_edit": city,
        "engagement:engagement_detail": engagement,
        "engagement:engagement_edit": engagement,
        "needs:consultation_needs": consultation,
        "practices:practice_detail": Practice.objects.order_by("pk").first(),
        "practices:practice_edit": Practice.objects.order_by("pk").first(),
        "support:support_detail": support,
        "support:support_edit": support,
        "support:mechanism_detail": Mechanism.objects.first(),
        "support:mechanism_edit": Mechanism.objects.first(),
        "support:action_plan_edit": ActionPlan.objects.first(),
        "advocacy:advocacy_detail": AdvocacyAction.objects.first(),
        "advocacy:advocacy_edit": AdvocacyAction.objects.first(),
        "advocacy:testimonial_edit": advocacy_models.Testimonial.objects.first(),
    }
    for name in ("person_detail", "person_edit", "person_export", "person_erase"):
        objects[f"network:{name}"] = person
    for name in ("needs:need_detail", "needs:need_edit"):
        objects[name] = need
    for name in ("matching:need_matches", "matching:match_support"):
        objects[name] = need
    # Check-in open at the engagement: its public pages by its link, the officer's by the engagement.
    assert engagement is not None
    check_in = open_check_in(
        engagement,
        opens_at=timezone.now(),
        closes_at=timezone.now() + dt.timedelta(hours=3),
        acting_user=officer,
    )
    for name in ("checkin_panel", "checkin_arrivals", "checkin_sheet"):
        objects[f"checkin:{name}"] = engagement
    for name in ("checkin_form", "checkin_thanks", "checkin_manifest", "kiosk_leave"):
        objects[f"checkin:{name}"] = check_in
    missing = sorted(name for name, obj in objects.items() if obj is None)
    assert not missing, f"the demonstration has no record for {missing}"
    return objects


def pages_of(role: str, objects: dict[str, object]) -> list[tuple[str, str]]:
    """(name, path) of every page the role may GET, by the access matrix's policy. The hub
    admin's pages that the officer also opens are the same templates in the same frame (the
    menu apart, read on the admin's home and own pages): checked once, as the officer."""
    pages = []
    for name, pattern in url_names():
        if role not in POLICY[name] or name in DOWNLOADS | NOT_OURS:
            continue
        if role == "hub_admin" and "officer" in POLICY[name] and name != "reports:home":
            continue
        if any(arg == "pk" for arg in pattern.pattern.converters) and name not in objects:
            raise AssertionError(f"{name}: no demonstration record to open it with")
        path = url_of(name, pattern, objects)
        query = QUERY.get(name)
        pages.append((name, f"{path}?{query}" if query else path))
    return pages


# The query a list's filter form sends with each select on its first real choice.
FILTERED_QUERY_JS = """() => {
  const form = document.querySelector('form.filters') || document.querySelector('main form[method=get]');
  if (!form || !form.querySelector('select')) return null;
  for (const select of form.querySelectorAll('select')) {
    if (select.options.length > 1) select.selectedIndex = 1;
  }
  return new URLSearchParams(new FormData(form)).toString();
}"""
# What axe's WCAG rules do not judge: a live region holding a table is read out whole at each
# change; a positive tabindex takes its element out of the page's order (WCAG 2.4.3).
BEYOND_AXE_JS = """() => [
  ...Array.from(document.querySelectorAll(
    '[aria-live]:not([aria-live=off]), [role=status], [role=alert], [role=log]'))
    .filter(el => el.querySelector('table'))
    .map(el => ['live-region-holds-table', el.outerHTML.slice(0, 120)]),
  ...Array.from(document.querySelectorAll('[tabindex]')).filter(el => el.tabIndex > 0)
    .map(el => ['positive-tabindex', el.outerHTML.slice(0, 120)]),
]"""
NEXT_FRAMES_JS = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
AXE_RUN_JS = """(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
  .then(r => r.violations.map(v => ({
    rule: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary.replace(/\\s+/g, ' '))
  })))"""


class Checker:
    """One browser for the whole check; one context (cookies, language) per role."""

    def __init__(self, browser, base_url: str) -> None:
        self.browser = browser
        self.base_url = base_url
        self.checked = 0
        self.violations: list[str] = []
        self.rules: dict[str, int] = {}
        self.seconds = {"loading": 0.0, "axe": 0.0}
        self.by_role: dict[str, int] = {}
        self.status_lines = 0

    @classmethod
    def together(cls, checkers: list[Checker]) -> Checker:
        """The lanes' findings and counts as one checker's."""
        whole = cls(None, "")
        for one in checkers:
            whole.checked += one.checked
            whole.violations += one.violations
            whole.status_lines += one.status_lines
            for counts, part in ((whole.rules, one.rules), (whole.by_role, one.by_role)):
                for key, value in part.items():
                    counts[key] = counts.get(key, 0) + value
            for key, seconds in one.seconds.items():
                whole.seconds[key] += seconds
        return whole

    def context(self, cookies: dict[str, str]):
        context = self.browser.new_context(viewport={"width": WIDTHS[0], "height": 900})
        # An init script is outside the pages' Content-Security-Policy.
        context.add_init_script(path=str(AXE))
        host = self.base_url.split("//", 1)[1].split(":")[0]
        context.add_cookies(
            [{"name": k, "value": v, "domain": host, "path": "/"} for k, v in cookies.items()]
        )
        return context

    def check(self, page, label: str, path: str, *, expect_ok: bool = True) -> None:
        """Open the page wide, run axe, narrow the same page to a phone's width, run axe again:
        one load instead of two keeps the check lean. The layout follows the width through CSS
        (and site.js's resize handler); only the filters' folding on a phone's first load is not
        replayed, so they are checked open, which shows more to axe, not less."""
        page.set_viewport_size({"width": WIDTHS[0], "height": 900})
        began = time.monotonic()
        response = page.goto(self.base_url + path)
        self.seconds["loading"] += time.monotonic() - began
        assert response is not None, path
        if expect_ok:
            assert response.ok, f"{label}: {path} answered {response.status}"
        if "text/html" not in response.headers.get("content-type", ""):
            return  # a download (CSV, JSON, PDF…): nothing for axe to read
        self.audit(page, label, path)

    def audit(self, page, label: str, where: str) -> None:
        """axe on the page as it stands, at each width (narrowing it after the first)."""
        path = where
        for rule, element in page.evaluate(BEYOND_AXE_JS):
            self.rules[rule] = self.rules.get(rule, 0) + 1
            self.violations.append(f"{label} {path}: {rule}: {element}")
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            # Two frames: the resize event has run (site.js marks scrolling tables then).
            page.evaluate(NEXT_FRAMES_JS)
            self.checked += 1
            role = label.split()[0]
            self.by_role[role] = self.by_role.get(role, 0) + 1
            began = time.monotonic()
            found = page.evaluate(AXE_RUN_JS, TAGS)
            self.seconds["axe"] += time.monotonic() - began
            for v in found:
                self.rules[v["rule"]] = self.rules.get(v["rule"], 0) + 1
                more = len(v["targets"]) - 5
                self.violations.append(
                    f"{label} {path} @{width}px: {v['rule']} ({v['impact']}): {v['help']}\n"
                    + "\n".join(f"    {t}" for t in v["targets"][:5])
                    + (f"\n    … and {more} more" if more > 0 else "")
                )

    def check_import(self, page, label: str, engagement_key: str) -> None:
        """The import pages past the upload form, which no GET reaches: a file refused (the
        form with its error summary), then a sign-in sheet's preview (where it goes, how each
        column was read, the people as new or recognised)."""
        upload = reverse("imports:upload")
        for name, content, step in (
            ("notes.txt", b"not a sheet", "refused file"),
            (
                f"{engagement_key}.csv",
                "Ime i prezime,Grad,E-mail,Telefon\r\n"
                "Testna Osoba,Danilovgrad,testna.osoba@example.org,+382 67 000 001\r\n"
                "Probna Ličnost,Danilovgrad,,+382 67 000 002\r\n".encode(),
                "preview",
            ),
        ):
            page.set_viewport_size({"width": WIDTHS[0], "height": 900})
            page.goto(self.base_url + upload)
            page.set_input_files(
                "input[name=sheets]",
                files=[{"name": name, "mimeType": "text/csv", "buffer": content}],
            )
            with page.expect_navigation():
                page.click("main form button.button[type=submit]")
            if step == "preview":
                shown = page.inner_text("main")
                assert "Probna" in shown and "refused" not in shown, shown[:1500]
            self.audit(page, f"{label} ({step})", upload)

    def check_filtered(self, page, label: str) -> None:
        """The list again with its filters set, if it has a filter form with choices. Where the
        list answers a filter's change in place (htmx), the change is made as a reader would and
        the page's status line must then say the new count, in one short sentence."""
        # A plain select (a long one is a searchable picker, its select hidden behind it).
        select = page.locator("form.filters select:visible").first
        if page.locator("[data-live-status]").count() and select.count():
            with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
                select.select_option(index=1)
            page.wait_for_function(
                "() => document.querySelector('[data-live-status]').textContent.trim() !== ''"
            )
            self.status_lines += 1
            said = page.inner_text("[data-live-status]")
            count = page.inner_text("#results [data-announce]")
            if said.strip() != count.strip() or len(said) > 80:
                self.rules["status-not-updated"] = self.rules.get("status-not-updated", 0) + 1
                self.violations.append(
                    f"{label}: after a filter, the status said {said!r}, not {count!r}"
                )
        query = page.evaluate(FILTERED_QUERY_JS)
        if query:
            self.check(
                page,
                label + " (filtered)",
                page.url.split("?")[0][len(self.base_url) :] + "?" + query,
            )


def halves(plan: list[tuple[str, dict, list]]) -> list[list[tuple[str, dict, list]]]:
    """The roles in two lanes of about as many pages each, the largest placed first."""
    lanes: list[list[tuple[str, dict, list]]] = [[], []]
    sizes = [0, 0]
    for step in sorted(plan, key=lambda step: -len(step[2])):
        lane = sizes.index(min(sizes))
        lanes[lane].append(step)
        sizes[lane] += len(step[2])
    return [lane for lane in lanes if lane]


def check_lane(lane: list[tuple[str, dict, list]], base_url: str, sheetless: str) -> Checker:
    """Every page of the lane's roles, in a browser of the lane's own (Playwright's sync API
    wants one instance per thread)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        checker = Checker(browser, base_url)
        for role, cookies, pages in lane:
            context = checker.context(cookies)
            page = context.new_page()
            for name, path in pages:
                checker.check(page, f"{role} {name}", path)
                if name.endswith(("_list", "_pipeline", "priorities", "access_log")):
                    checker.check_filtered(page, f"{role} {name}")
            if role == "officer":
                checker.check_import(page, f"{role} imports:upload", sheetless)
            if not role.endswith("]"):
                for path in ERROR_PAGES:
                    checker.check(page, f"{role} error page", path, expect_ok=False)
            context.close()
        browser.close()
    return checker


def serve_one_at_a_time(live_server) -> None:
    """The live server's threads take turns: the records are one shared SQLite connection."""
    server = live_server.thread.httpd
    application = server.get_app()
    turn = threading.Lock()

    def one_at_a_time(environ, start_response):
        with turn:
            return application(environ, start_response)

    server.set_app(one_at_a_time)


def session_cookie(username: str) -> dict[str, str]:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}


# The live server reads what this test writes, so its writes are committed; serialized_rollback:
# the flush after a transactional test without it re-creates content types, and the next
# serialized test (backup/restore, the erasure ledger) then fails.
@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_page_of_every_role_passes_axe(live_server, settings, capsys):
    if reason := why_not_runnable():
        if os.environ.get("CITYBRIDGE_AXE_REQUIRED") and "CITYBRIDGE_AXE_SKIP" not in os.environ:
            pytest.fail(f"the accessibility check cannot run: {reason}")
        pytest.skip(f"accessibility check (axe-core in Chromium) not run: {reason}")
    from django.core.management import call_command

    started = time.monotonic()
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    objects = demo_objects(User.objects.get(username="officer"))
    plan = []
    # CITYBRIDGE_AXE_ROLES=officer,focal: only these roles, while fixing what they see.
    only = [r for r in os.environ.get("CITYBRIDGE_AXE_ROLES", "").split(",") if r]
    for role, username in DEMO_USERS.items():
        if only and role not in only:
            continue
        cookies = session_cookie(username) if username else {}
        plan.append((role, cookies, pages_of(role, objects)))
    lang, names = OTHER_LANGUAGE
    officer_pages = dict(pages_of("officer", objects))
    plan.append(
        (
            f"officer[{lang}]",
            {**session_cookie("officer"), settings.LANGUAGE_COOKIE_NAME: lang},
            [(n, officer_pages[n]) for n in names],
        )
    )
    # The participant's check-in form in Serbian Cyrillic too, as a phone shows it.
    plan.append(
        (
            "anonymous[sr]",
            {settings.LANGUAGE_COOKIE_NAME: "sr"},
            [(n, p) for n, p in pages_of("anonymous", objects) if n.startswith("checkin:")],
        )
    )
    # An engagement without a sheet yet, for a sheet's preview (every demo engagement has one).
    sheetless = Engagement.objects.create(
        hub=Hub.objects.get(slug="western-balkans"),
        key="AXE1",
        title="Workshop on accessible reporting",
        kind=Engagement.Kind.WORKSHOP,
        starts_on=dt.date(2024, 5, 14),
        ends_on=dt.date(2024, 5, 14),
    )
    # The error pages' test URLs (403, 400, 500) beside the site's own.
    settings.ROOT_URLCONF = "citybridge.accounts.tests.error_urls"
    loaded = time.monotonic()

    # Two browsers, each its own half of the pages, in two threads: one's axe-core runs while the
    # other's page is served. The server answers one request at a time (the demonstration's
    # records are one SQLite connection shared by its threads), so only the browsers overlap.
    serve_one_at_a_time(live_server)
    lanes = halves(plan)
    with ThreadPoolExecutor(len(lanes)) as pool:
        checkers = list(
            pool.map(lambda lane: check_lane(lane, live_server.url, sheetless.key), lanes)
        )
    checker = Checker.together(checkers)

    with capsys.disabled():
        print(
            f"\naxe-core: {checker.checked} page views (pages × roles × widths {WIDTHS}: "
            f"{', '.join(f'{r} {n}' for r, n in checker.by_role.items())}) "
            f"checked in {time.monotonic() - loaded:.0f} s by {len(lanes)} browsers (pages "
            f"loading {checker.seconds['loading']:.0f} s, axe {checker.seconds['axe']:.0f} s, "
            f"summed; demo loaded in {loaded - started:.0f} s); status lines after an htmx "
            f"filter: {checker.status_lines}; violations: {len(checker.violations)} "
            + (f"by rule {dict(sorted(checker.rules.items()))}" if checker.rules else "")
        )
    assert not checker.violations, "WCAG 2.2 AA violations found by axe-core:\n" + "\n".join(
        checker.violations
    )
