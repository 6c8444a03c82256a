"""The hub's own privacy notice: written by its admins per language, each edit a new version;
the participant reads it in their language (else the product's) and their consents carry the
version they read."""

from django.test import Client
from django.urls import reverse

from citybridge.checkin.models import Arrival
from citybridge.checkin.tests.conftest import answers
from citybridge.network.models import Person, PrivacyNotice
from citybridge.network.notice import NOTICE_VERSION, notice_for

PAGE = "/hub/privacy-notice/"


def write(client, **texts):
    data = {code: "" for code in ("en", "sq", "sr", "sr-latn", "bs", "hr", "mk")} | texts
    return client.post(PAGE, {k.replace("_", "-"): v for k, v in data.items()})


def test_the_hub_admin_writes_the_notice_per_language_each_edit_a_version(
    hub, hub_admin, client_for
):
    client = client_for(hub_admin)
    assert client.get(PAGE).status_code == 200
    response = write(client, sq="Fjalët tona.\n\nParagrafi i dytë.")
    assert response.status_code == 302
    first = PrivacyNotice.objects.get(hub=hub)
    assert first.number == 1 and first.texts == {"sq": "Fjalët tona.\n\nParagrafi i dytë."}
    write(client, sq="Fjalët tona.\n\nParagrafi i dytë.")  # unchanged: no new version
    assert PrivacyNotice.objects.filter(hub=hub).count() == 1
    write(client, sq="Fjalë të reja.", en="Our words.")
    assert list(PrivacyNotice.objects.filter(hub=hub).values_list("number", flat=True)) == [2, 1]
    page = client.get(PAGE).content.decode()
    assert "Fjalë të reja." in page and first.version in page


def test_the_officer_may_not_edit_it(hub, officer, client_for):
    client = client_for(officer)
    assert client.get(PAGE).status_code == 404
    assert write(client, en="Not theirs.").status_code == 404
    assert not PrivacyNotice.objects.exists()


def test_the_participant_reads_the_hubs_words_in_their_language_else_the_products(
    check_in, hub, hub_admin, client_for
):
    write(client_for(hub_admin), sq="Fjalët e hubit.\n\nParagrafi i dytë.")
    version = PrivacyNotice.objects.get(hub=hub).version
    form = reverse("checkin:checkin_form", args=[check_in.token])
    albanian = Client().get(form + "?lang=sq").content.decode()
    assert "<p>Fjalët e hubit.</p>" in albanian and "<p>Paragrafi i dytë.</p>" in albanian
    assert f'name="notice_version" value="{version}"' in albanian
    english = Client().get(form + "?lang=en").content.decode()
    assert "Fjalët e hubit" not in english
    assert f'name="notice_version" value="{NOTICE_VERSION}"' in english
    assert notice_for(hub, "en").version == NOTICE_VERSION


def test_a_consent_carries_the_version_the_participant_read(check_in, hub, hub_admin, client_for):
    write(client_for(hub_admin), sr="Наше речи.")
    version = notice_for(hub, "sr").version
    send = reverse("checkin:checkin_submit", args=[check_in.token]) + "?lang=sr"
    sent = answers("Милица Петровић", notice_version=version, consent_photo="on")
    response = Client().post(send, sent, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    arrival = Arrival.objects.get(uuid=sent["uuid"])
    assert arrival.notice_version == version
    person = Person.objects.get(attendances__arrival=arrival)
    assert person.consent_photo and person.consent_how.endswith(f"privacy notice {version}")
