"""The OpenAPI schema and its documentation page are served by the product: swagger-ui's files
from django-ninja's package through our static files, under the site's Content-Security-Policy,
with nothing fetched from another origin."""

from __future__ import annotations

import re

from django.contrib.staticfiles import finders


def test_the_docs_page_loads_swagger_ui_from_our_own_static_files(client, db):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/static/") for s in sources), sources
    assert "cdn" not in html.lower() and "https://" not in html
    for source in sources:
        assert finders.find(source.removeprefix("/static/")), source
    policy = page["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "default-src 'self'" in policy
    # swagger-ui would send the schema to validator.swagger.io without this
    assert '"validatorUrl": null' in html


def test_the_schema_names_every_route_and_the_bearer_token(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "CityBridge API"
    assert {"/api/v1/engagements", "/api/v1/imports", "/api/v1/figures"} <= set(schema["paths"])
    schemes = schema["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())
