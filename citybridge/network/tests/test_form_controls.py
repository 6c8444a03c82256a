"""The form controls every form shares: long selects marked for the searchable picker over a
plain select (what a browser without script shows), checkbox groups as fieldsets with a legend,
and hints and errors wired to their field with the ids Django's aria-describedby names."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.urls import reverse
from lxml import html

from citybridge.lib.text import fold, fold_table
from citybridge.network.models import LocalGovernment, Membership

SITE_JS = Path(settings.BASE_DIR) / "static" / "citybridge" / "site.js"
SUPPORT_LINKS = ["needs", "themes", "experts", "peer_cities", "engagements"]


def page(response):
    assert response.status_code == 200
    return html.fromstring(response.content.decode())


def test_the_support_forms_five_links_are_plain_selects_marked_for_the_picker(
    client_for, officer, city
):
    doc = page(client_for(officer).get(reverse("support:support_create")))
    for name in SUPPORT_LINKS:
        (select,) = doc.xpath(f'//select[@id="id_{name}"]')
        # Without script this is the control: a real multiple select, named by its label.
        assert select.get("multiple") is not None and select.get("name") == name
        assert doc.xpath(f'//label[@for="id_{name}"]')
        assert select.get("data-picker") is not None
        assert "%(name)s" in select.get("data-picker-remove")
        assert select.get("data-picker-hint")


def test_each_option_carries_its_folded_key_across_scripts(client_for, officer, hub):
    cyrillic = LocalGovernment.objects.create(name="Чачак", country_id="RS")
    Membership.objects.create(city=cyrillic, joined_on="2022-01-01")
    doc = page(client_for(officer).get(reverse("support:support_create")))
    (option,) = doc.xpath(f'//select[@id="id_peer_cities"]/option[@value="{cyrillic.pk}"]')
    assert option.get("data-key") == "cacak" == fold("Čačak")


def test_a_short_single_select_stays_plain_and_a_long_one_gets_the_picker(
    client_for, officer, city
):
    doc = page(client_for(officer).get(reverse("support:support_create")))
    (kind,) = doc.xpath('//select[@id="id_kind"]')
    assert kind.get("data-picker") is None  # a handful of kinds: the browser's own select serves
    (cities,) = doc.xpath('//select[@id="id_city"]')
    assert cities.get("data-picker") is None and len(cities.xpath("option")) <= 12
    for n in range(13):
        grad = LocalGovernment.objects.create(name=f"Grad {n}", country_id="ME")
        Membership.objects.create(city=grad, joined_on="2022-01-01")
    doc = page(client_for(officer).get(reverse("support:support_create")))
    (cities,) = doc.xpath('//select[@id="id_city"]')
    assert cities.get("data-picker") is not None and cities.get("multiple") is None


def test_the_picker_words_are_in_the_readers_language(client_for, officer, city):
    client = client_for(officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sr"
    doc = page(client.get(reverse("support:support_create")))
    (select,) = doc.xpath('//select[@id="id_themes"]')
    assert select.get("data-picker-remove") == "Уклони %(name)s"
    assert select.get("data-picker-found") == "Пронађено: %(n)s."


class Long(forms.Form):
    one = forms.ChoiceField(choices=[(str(n), f"Ђурђевак {n}") for n in range(20)])
    few = forms.ChoiceField(choices=[("a", "A"), ("b", "B")])
    many = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")])


def test_the_widget_templates_mark_long_and_multiple_selects_only():
    form = Long()
    assert "data-picker" in str(form["one"]) and "data-picker" in str(form["many"])
    assert "data-picker" not in str(form["few"])
    assert 'data-key="djurdjevak 3"' in str(form["one"])


def test_the_browsers_fold_table_is_the_servers():
    """site.js folds what is typed with the same table lib.text.fold uses on the names."""
    found = re.search(r"var FOLD = (\{.*?\});", SITE_JS.read_text(encoding="utf-8"))
    assert found, "site.js lost its FOLD table"
    expected = json.dumps(fold_table(), ensure_ascii=False, separators=(",", ":"))
    assert json.loads(found.group(1)) == fold_table(), f"regenerate it: var FOLD = {expected};"


NODE = shutil.which("node")


@pytest.mark.skipif(not NODE, reason="Node.js is not installed")
def test_the_browsers_fold_agrees_with_the_servers():
    source = SITE_JS.read_text(encoding="utf-8")
    table = re.search(r"var FOLD = \{.*?\};", source)
    body = re.search(r"function fold\(text\) \{.*?\n  \}", source, re.S)
    assert table and body
    samples = ["Ђорђе  ČOLIĆ-Šćekić", "Подгорица", "Gjorgji Ќосе", "O'Neill", "Nëntor", "Ǆ Ǉ"]
    script = f"{table.group(0)}\n{body.group(0)}\nconsole.log(JSON.stringify({json.dumps(samples)}.map(fold)));"
    out = subprocess.run([str(NODE), "-e", script], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == [fold(s) for s in samples]


@pytest.mark.parametrize(
    ("url", "groups"),
    [
        ("engagement:engagement_create", ["themes"]),
        ("practices:practice_create", ["themes", "target_groups"]),
    ],
)
def test_checkbox_groups_are_fieldsets_named_by_their_legend(client_for, officer, url, groups):
    doc = page(client_for(officer).get(reverse(url)))
    for name in groups:
        boxes = doc.xpath(f'//input[@type="checkbox"][@name="{name}"]')
        assert boxes
        fieldset = boxes[0].xpath("ancestor::fieldset")[0]
        assert fieldset.xpath("legend")[0].text_content().strip()
        # No floating label pointing at the group's wrapper.
        assert not doc.xpath(f'//label[@for="id_{name}"]')


def test_hints_are_read_with_their_field(client_for, officer):
    doc = page(client_for(officer).get(reverse("support:support_create")))
    (amount,) = doc.xpath('//*[@id="id_amount"]')
    assert amount.get("aria-describedby") == "id_amount_helptext"
    (hint,) = doc.xpath('//*[@id="id_amount_helptext"]')
    assert hint.text_content().strip() == "Only for a Technical Support Fund grant."
    assert not doc.xpath('//*[contains(@id, "_hint")]')


def test_errors_are_read_with_their_field_under_one_id(client_for, officer, city):
    response = client_for(officer).post(
        reverse("support:support_create"),
        {"title": "", "kind": "grant", "city": city.pk, "starts_on": "12052024"},
    )
    doc = html.fromstring(response.content.decode())
    (box,) = doc.xpath('//*[@id="id_starts_on"]')
    assert box.get("aria-describedby") == "id_starts_on_error"
    (error,) = doc.xpath('//*[@id="id_starts_on_error"]')
    assert "31.3.2026" in error.text_content()
    assert box.get("value") == "12052024" and box.get("type") == "text"
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids))


def test_a_hand_written_long_filter_select_gets_the_picker_too(client_for, officer, city):
    doc = page(client_for(officer).get(reverse("needs:need_list")))
    (select,) = doc.xpath('//select[@id="id_city"]')
    assert select.get("name") == "city" and select.get("data-picker") is not None
    assert select.get("data-picker-remove") == "Remove %(name)s"
    assert doc.xpath('//label[@for="id_city"]')
    assert [o.get("value") for o in select.xpath("option")][:1] == [""]  # "All" without script


def test_no_page_uses_the_browsers_own_date_box():
    """The browser's date box shows mm/dd/yyyy in an English browser; every date is the one
    text box (lib.inputs.DayInput, includes/day_filter.html)."""
    root = Path(settings.BASE_DIR)
    found = [
        str(path.relative_to(root))
        for pattern in ("templates/**/*.html", "**/forms.py", "**/views.py")
        for path in root.glob(pattern)
        if re.search(r"""type=["']date["']|"type": "date"|DateInput\(""", path.read_text("utf-8"))
    ]
    assert found == []
