"""E-mail to a user, in their language: set-password and password-reset links here; the weekly
digest (citybridge.mail) composes its messages the same way.

Every message has a plain-text part and an HTML part, rendered from templates under the user's
language (`translation.override`), not the language of whoever caused it to be sent. Nothing
about the recipient reaches the log: a failure names the user's id and the kind of error only.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from citybridge.accounts.access_log import log_access
from citybridge.accounts.context_processors import HTML_LANG
from citybridge.accounts.models import AccessLog, User

logger = logging.getLogger(__name__)

# The access-log detail of a reset link e-mailed on request, and how often one may go out.
RESET = "password reset e-mailed"
RESET_EVERY = dt.timedelta(minutes=10)
# What a failed send raises: the server refused or did not answer.
SEND_ERRORS = (smtplib.SMTPException, OSError)


def language_of(user: User) -> str:
    """The language of mail to `user`: their saved choice, else the default language of the
    first of their hubs (by name), else English, as pages choose when nothing else decides."""
    if user.language in dict(settings.LANGUAGES):
        return user.language
    # By label: accounts may not import network.
    hub = apps.get_model("network", "Hub").objects.filter(roles__user=user).order_by("name").first()
    return hub.default_language if hub else settings.LANGUAGE_CODE


def compose(template: str, context: dict, *, to: str, language: str) -> EmailMultiAlternatives:
    """A message from `template`_subject.txt, `template`.txt and `template`.html, each rendered
    in `language`."""
    with translation.override(language):
        context = context | {"language": language, "html_lang": HTML_LANG.get(language, language)}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    headers = {"Content-Language": HTML_LANG.get(language, language)}
    message = EmailMultiAlternatives(subject, text, to=[to], headers=headers)
    message.attach_alternative(html, "text/html")
    return message


def deliver(message: EmailMultiAlternatives, user: User, what: str) -> bool:
    """Send; on failure log the user's id and the error's kind (never the address or the
    message) and return False."""
    try:
        message.send()
    except SEND_ERRORS as error:
        logger.warning("%s e-mail to user %s not sent: %s", what, user.pk, type(error).__name__)
        return False
    return True


def send_password_link(user: User, link: str, *, new: bool) -> bool:
    """E-mail `user` their set-password link (`new`: their account was just added). False, and
    nothing sent, when e-mail is not set up, they have no address or the server refuses: the
    hub admin is then shown the link to pass on."""
    if not settings.EMAIL_CONFIGURED or not user.email:
        return False
    context = {
        "user": user,
        "link": link,
        "new": new,
        "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    message = compose(
        "registration/password_set_email", context, to=user.email, language=language_of(user)
    )
    return deliver(message, user, "Set-password")


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's password reset, with the link to the same page a new user sets their password
    on, sent in each user's own language. A user who has not set a password yet (their link
    expired) may ask too: the link is the same one their hub admin would make them."""

    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("The address on your CityBridge account."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def get_users(self, email: str):
        wanted = email.casefold()
        for user in User.objects.filter(email__iexact=email, is_active=True):
            if user.email.casefold() == wanted:
                yield user

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ) -> None:
        user = context["user"]
        if reset_sent_lately(user):
            logger.info("Password-reset e-mail to user %s held back: one went lately", user.pk)
            return
        context = context | {"days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)}
        message = compose(
            "registration/password_reset_email", context, to=to_email, language=language_of(user)
        )
        if deliver(message, user, "Password-reset"):
            hub = user.roles.order_by("hub__name").values_list("hub", flat=True).first()
            log_access(None, AccessLog.Action.PASSWORD_LINK, obj=user, hub=hub, detail=RESET)


def reset_sent_lately(user: User) -> bool:
    """Whether a reset link went to `user` within RESET_EVERY: anyone may ask for one, so asking
    again and again must not fill their mailbox (the first link still works)."""
    return AccessLog.objects.filter(
        action=AccessLog.Action.PASSWORD_LINK,
        object_type=user._meta.label_lower,
        object_id=user.pk,
        detail=RESET,
        at__gte=timezone.now() - RESET_EVERY,
    ).exists()
