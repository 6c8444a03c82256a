"""How the API refuses: a status and `{"detail": "<a sentence saying why>"}`, and for a form
that did not validate, its errors by field (the same messages the page shows)."""

from __future__ import annotations

from django import forms


class Refused(Exception):
    """An API request answered with `status` and `{"detail": message, **extra}`."""

    def __init__(
        self,
        status: int,
        message: str,
        headers: dict[str, str] | None = None,
        extra: dict | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}
        self.extra = extra or {}


def form_refused(form: forms.BaseForm, message: str) -> Refused:
    """400 with the form's errors, field by field ("__all__" for the form's own)."""
    errors = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
    return Refused(400, message, extra={"errors": errors})
