"""The API's first version (`/api/v1/`): its routes by domain, its errors, its documentation.

Every route answers JSON; every refusal is `{"detail": "<a sentence saying why>"}` with the
status it deserves (401 no usable token, 403 a role that does not reach the route, 404 a record
that does not exist or is not the caller's to see, 400/422 a request that cannot be read, 429
too many requests). The routes of matching and reports, which rank beside this app in the import
order, are defined there and added in citybridge/urls.py. The schema is at `openapi.json` and its page at `docs`, drawn by the
swagger-ui files django-ninja ships (ninja is an installed app, so no CDN is asked for).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError

from citybridge.api import (
    advocacy,
    engagements,
    hubs,
    imports,
    needs,
    people,
    practices,
    support,
)
from citybridge.api.auth import TokenAuth
from citybridge.api.errors import Refused

api = NinjaAPI(
    title="CityBridge API",
    version="1",
    description=(
        "The hub's records for scripts and other systems. Send a personal access token (made "
        "under API tokens in your account menu) as `Authorization: Bearer <token>`. Every "
        "answer is what your role in the token's hub may see on the pages."
    ),
    urls_namespace="api_v1",
    auth=TokenAuth(),
    # validatorUrl None: swagger-ui would otherwise send the schema to validator.swagger.io.
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
)


@api.exception_handler(Refused)
def refused(request: HttpRequest, exc: Refused) -> HttpResponse:
    body = {"detail": exc.message, **exc.extra}
    response = api.create_response(request, body, status=exc.status)
    for name, value in exc.headers.items():
        response[name] = value
    return response


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    detail = _(
        "Send a personal access token as 'Authorization: Bearer <token>'. Make one under API tokens in your account menu."
    )
    response = api.create_response(request, {"detail": detail}, status=401)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    detail = _("No such record, or not one your role in this hub may see.")
    return api.create_response(request, {"detail": detail}, status=404)


@api.exception_handler(NinjaValidationError)
def unreadable(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    detail = _("The request could not be read: see errors.")
    errors = [
        {"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
        for e in exc.errors
    ]
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


@api.exception_handler(DjangoValidationError)
def refused_by_action(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": " ".join(exc.messages)}, status=400)


for module in (hubs, people, engagements, needs, practices, support, advocacy, imports):
    api.add_router("/", module.router)
