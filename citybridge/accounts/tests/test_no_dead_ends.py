"""Every link a role is shown leads to a page it may see (issue 17: the donor's "Support actions"
link was a 404). Walks the access matrix's world from the home page, link by link, as the roles
that meet 404s by design."""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urljoin, urlparse

import pytest

from citybridge.accounts.tests.test_access_matrix import world  # noqa: F401 (the fixture)

SKIP = ("/static/", "/media/", "/admin/", "/translations/", "/accounts/logout/")
LIMIT = 120  # pages per role: every page kind of the small world, with room to spare


def links(html: str, base: str) -> list[str]:
    found = []
    for href in re.findall(r'href="([^"#]*)"', html):
        url = urlparse(urljoin(base, href.replace("&amp;", "&")))
        if url.netloc not in ("", "testserver") or url.path.startswith(SKIP):
            continue
        if "format=" in url.query or "page=" in url.query:
            continue  # downloads and further pages of a list the walk has already seen
        found.append(url.path + (f"?{url.query}" if url.query else ""))
    return found


@pytest.mark.parametrize("role", ["donor", "focal", "expert"])
def test_no_link_leads_a_role_to_a_dead_end(world, role):  # noqa: F811
    client = world["clients"][role]
    seen, queue, dead = {"/"}, deque([("/", "")]), []
    while queue and len(seen) < LIMIT:
        path, origin = queue.popleft()
        response = client.get(path)
        if response.status_code >= 400:
            dead.append((path, response.status_code, origin))
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for link in links(response.content.decode(), "http://testserver" + path):
            if link not in seen:
                seen.add(link)
                queue.append((link, path))
    assert not dead, f"{role} is shown links to pages they may not see: {dead}"
