"""The product's own error pages, as a production server (DEBUG off) serves them: in the site's
frame with its navigation, a plain sentence in the reader's language, and a way on; the 500 page
even when the database is what failed."""

from __future__ import annotations

import pytest
from django.db import DatabaseError
from django.test import Client

from citybridge.errors import FIXED_TEXT

pytestmark = pytest.mark.urls("citybridge.accounts.tests.error_urls")


@pytest.fixture(autouse=True)
def production_errors(settings) -> None:
    settings.DEBUG = False


@pytest.fixture
def browser(db) -> Client:
    """A client that gets the 500 page, as a browser would, instead of the exception."""
    return Client(raise_request_exception=False)


def framed(page) -> bool:
    html = page.content.decode()
    return 'class="main-nav"' in html and 'href="/figures/"' in html


@pytest.mark.parametrize(
    ("path", "status", "sentence"),
    [
        ("/cities/999999/", 404, "There is nothing here, or nothing you may see."),
        ("/test-errors/403/", 403, "Your role does not allow this."),
        ("/test-errors/400/", 400, "The page could not understand what your browser sent."),
        ("/test-errors/500/", 500, "Something went wrong on our side."),
    ],
)
def test_an_error_page_is_in_the_frame_with_a_way_on(browser, donor, path, status, sentence):
    browser.force_login(donor)
    page = browser.get(path)
    assert page.status_code == status
    html = page.content.decode()
    assert sentence in html
    assert framed(page)
    assert '<a class="button" href="/">' in html
    assert "Traceback" not in html and "RuntimeError" not in html


def test_error_pages_speak_the_readers_language(browser, donor):
    browser.force_login(donor)
    page = browser.get("/cities/999999/", HTTP_ACCEPT_LANGUAGE="sq")
    assert page.status_code == 404
    assert 'lang="sq"' in page.content.decode()
    assert "Page not found" not in page.content.decode()
    page = browser.get("/test-errors/500/", HTTP_ACCEPT_LANGUAGE="sq")
    assert page.status_code == 500
    assert "Something went wrong" not in page.content.decode()


def test_a_signed_out_visitor_gets_the_page_without_navigation(browser):
    page = browser.get("/test-errors/500/")
    assert page.status_code == 500
    assert "Something went wrong on our side." in page.content.decode()
    assert 'class="main-nav"' not in page.content.decode()


def test_the_500_page_needs_no_database(browser, donor, monkeypatch):
    """The frame's navigation reads the user's roles; when that fails, the plain page still says
    what happened, in the reader's language, with a way home."""
    browser.force_login(donor)

    def no_database(user):
        raise DatabaseError("connection lost")

    monkeypatch.setattr("citybridge.accounts.context_processors.scope_of", no_database)
    page = browser.get("/test-errors/500/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 500
    html = page.content.decode()
    assert "Something went wrong on our side." in html
    assert '<a href="/">' in html
    assert not framed(page)
    assert f"<code>{page['X-Request-ID']}</code>" in html


def test_the_500_page_gives_the_reference_the_logs_know(browser, donor, caplog):
    """The person quotes the reference; the admin finds the failed request's lines by it."""
    browser.force_login(donor)
    page = browser.get("/test-errors/500/", HTTP_X_REQUEST_ID="a1b2c3d4e5f6a7b8")
    assert page.status_code == 500
    assert page["X-Request-ID"] == "a1b2c3d4e5f6a7b8"
    assert "<code>a1b2c3d4e5f6a7b8</code>" in page.content.decode()
    failed = [r for r in caplog.records if r.name == "django.request" and r.levelname == "ERROR"]
    assert failed and all(r.request_id == "a1b2c3d4e5f6a7b8" for r in failed)


def test_the_500_page_survives_a_broken_template_engine(browser, monkeypatch):
    def nothing_renders(*args, **kwargs):
        raise RuntimeError("no templates")

    monkeypatch.setattr("citybridge.errors.loader.render_to_string", nothing_renders)
    page = browser.get("/test-errors/500/")
    assert page.status_code == 500
    assert page.content.decode() == FIXED_TEXT
