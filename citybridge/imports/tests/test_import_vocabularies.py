"""Vocabularies matched, not demanded: a practice library, engagements and member cities in the
everyday words of six languages and both scripts import; a value no vocabulary places is asked
about on the preview (placed, or kept as written) and reported on the command line."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from citybridge.engagement.models import Engagement
from citybridge.imports.registry import RowsRefused, run_import
from citybridge.network.models import LocalGovernment, Membership
from citybridge.practices.models import Practice

HEADER = (
    "title,summary,city,country,themes,human_rights_based,gender_sensitive,evidence,language,"
    "target_groups,url\n"
)
EVERYDAY = HEADER + "\n".join(
    [
        # English, with a group the vocabulary cannot place ("Roma elders").
        "Safer streets together,Residents and the safety council walk the streets,Testgrad,"
        "Montenegro,local safety councils; community policing,yes,no,inspiring,en,"
        '"municipal officials; teachers; Roma; returnees\' families; Roma elders",',
        # Albanian: a country's name and the groups in Albanian.
        "Shkolla pa urrejtje,Nxënësit shkruajnë rregullat e klasës,Gjakovë,Kosova,"
        "gjuha e urrejtjes; arsimi,po,po,described,sq,"
        "nëpunës komunalë; mësuesit; romët; familjet e të kthyerve,",
        # Serbian in Cyrillic.
        "Повратак у заједницу,Породице повратника добијају подршку,Нови Пазар,Србија,"
        "реинтеграција; ментално здравље,да,да,evaluated,sr,"
        "општински службеници; наставници; Роми; породице повратника,",
        # Macedonian, the country as Macedonians write it.
        "Заедно за младите,Младите и општината работат заедно,Куманово,Северна Македонија,"
        "млади; образование,да,не,described,mk,"
        "општински службеници; наставници; Роми; семејства на повратници,",
        # Bosnian and Croatian, listed with commas and "i".
        "Škola bez mržnje,Učenici i nastavnici pišu pravila,Testno Polje,BiH,"
        "govor mržnje; obrazovanje,da,ne,described,bs,"
        '"općinski službenici, učitelji, Romi i obitelji povratnika",',
    ]
)
EVERYDAY_GROUPS = {
    "municipal-staff",
    "teachers-and-schools",
    "minorities-and-marginalised-groups",
    "returnees-and-families",
}


def groups_of(title: str) -> set[str]:
    return set(Practice.objects.get(title=title).target_groups.values_list("slug", flat=True))


def upload(client, kind: str, name: str, data: str):
    file = SimpleUploadedFile(name, data.encode(), content_type="text/csv")
    return client.post(reverse("imports:upload"), {"kind": kind, "sheets": [file]})


def unplaced(response) -> dict[str, dict]:
    return {u["written"]: u for u in response.context["result"]["unplaced"]}


def test_a_library_in_everyday_words_imports_on_the_command_line(hub, tmp_path):
    library = tmp_path / "library.csv"
    library.write_text(EVERYDAY, encoding="utf-8")
    out = io.StringIO()
    call_command("import", "practices", str(library), stdout=out)
    assert Practice.objects.count() == 5
    for practice in Practice.objects.all():
        assert groups_of(practice.title) == EVERYDAY_GROUPS, practice.title
    assert {p.origin_country_id for p in Practice.objects.all()} == {"ME", "XK", "RS", "MK", "BA"}
    assert set(
        Practice.objects.get(title="Shkolla pa urrejtje").themes.values_list("slug", flat=True)
    ) == {"hate-speech-and-online-harms", "education"}
    # The group no vocabulary places is kept as written, said, and shown beside the matched.
    text = out.getvalue()
    assert "'Roma elders' (target groups, row 1) matched nothing" in text and "kept as" in text
    streets = Practice.objects.get(title="Safer streets together")
    assert "Roma elders" in streets.target_groups_as_written
    assert streets.target_groups_unplaced() == ("Roma elders",)
    assert streets.themes_as_written == "local safety councils; community policing"
    # The same library again changes nothing.
    again = run_import("practices", [("library.csv", EVERYDAY.encode())], hub=hub, acting_user=None)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)


def test_a_library_in_everyday_words_imports_on_the_page_and_a_value_is_placed_there(
    client_for, officer
):
    client = client_for(officer)
    preview = upload(client, "practices", "library.csv", EVERYDAY)
    assert preview.status_code == 200
    found = unplaced(preview)
    assert list(found) == ["Roma elders"]
    assert found["Roma elders"]["field"] == "target_groups"
    assert "minorities-and-marginalised-groups" in found["Roma elders"]["suggestions"]
    page = preview.content.decode()
    assert 'name="place:target_groups:Roma elders"' in page and "Values to place" in page
    assert "kept as written" in page

    # The officer places it; the preview is made again with the choice shown, and no note.
    placed = client.post(
        reverse("imports:revise"),
        {"token": preview.context["token"], "place:target_groups:Roma elders": "=women-and-girls"},
    )
    assert placed.status_code == 200
    assert unplaced(placed)["Roma elders"]["placed"] == "women-and-girls"
    assert not any("Roma elders" in note for note in placed.context["result"]["notes"])
    assert 'value="=women-and-girls" selected' in placed.content.decode()
    assert not Practice.objects.exists()  # a preview writes nothing

    client.post(reverse("imports:confirm"), {"token": placed.context["token"]})
    assert Practice.objects.count() == 5
    assert groups_of("Safer streets together") == EVERYDAY_GROUPS | {"women-and-girls"}
    assert groups_of("Shkolla pa urrejtje") == EVERYDAY_GROUPS


def test_keeping_a_value_as_written_on_the_page_keeps_it_listed(client_for, officer):
    client = client_for(officer)
    preview = upload(client, "practices", "library.csv", EVERYDAY)
    kept = client.post(
        reverse("imports:revise"),
        {"token": preview.context["token"], "place:target_groups:Roma elders": ""},
    )
    assert unplaced(kept)["Roma elders"]["placed"] is None
    assert any("Roma elders" in note for note in kept.context["result"]["notes"])


def test_a_placement_the_vocabulary_does_not_hold_is_ignored(client_for, officer):
    client = client_for(officer)
    preview = upload(client, "practices", "library.csv", EVERYDAY)
    forged = client.post(
        reverse("imports:revise"),
        {"token": preview.context["token"], "place:target_groups:Roma elders": "=no-such-group"},
    )
    assert unplaced(forged)["Roma elders"]["placed"] is None
    client.post(reverse("imports:confirm"), {"token": forged.context["token"]})
    assert groups_of("Safer streets together") == EVERYDAY_GROUPS


def test_a_theme_kept_as_written_beside_the_placed_ones(hub):
    sheet = (
        HEADER + "Dance for peace,Young people dance together,Testgrad,ME,youth; dancing,,,,,,\n"
    )
    report = run_import("practices", [("p.csv", sheet.encode())], hub=hub, acting_user=None)
    assert any("'dancing' (themes, row 1)" in note for note in report.notes)
    practice = Practice.objects.get()
    assert list(practice.themes.values_list("slug", flat=True)) == ["youth-engagement"]
    assert practice.themes_as_written == "youth; dancing"
    assert practice.themes_unplaced() == ("dancing",)


def test_a_row_with_no_theme_placed_is_refused_until_one_is_placed(client_for, officer, hub):
    sheet = HEADER + "Dance for peace,Young people dance together,Testgrad,ME,dancing,,,,,,\n"
    with pytest.raises(RowsRefused) as refused:
        run_import("practices", [("p.csv", sheet.encode())], hub=hub, acting_user=None)
    assert "None of the themes written here is a theme of the library: dancing" in str(
        refused.value
    )
    assert [u["written"] for u in refused.value.unplaced] == ["dancing"]

    client = client_for(officer)
    preview = upload(client, "practices", "p.csv", sheet)
    assert preview.status_code == 400
    assert 'name="place:themes:dancing"' in preview.content.decode()
    placed = client.post(
        reverse("imports:revise"),
        {"token": preview.context["token"], "place:themes:dancing": "=youth-engagement"},
    )
    assert placed.status_code == 200
    client.post(reverse("imports:confirm"), {"token": placed.context["token"]})
    practice = Practice.objects.get()
    assert list(practice.themes.values_list("slug", flat=True)) == ["youth-engagement"]
    assert practice.themes_as_written == "dancing"


ENGAGEMENTS = "key,title,type,start,end,city,country\n" + "\n".join(
    [
        "V01,Punëtori për sigurinë,punëtori,2024-03-01,,,Kosova",
        "V02,Работилница за млади,Работилница,2024-04-02,,,Северна Македонија",
        "V03,Tryezë për të rinjtë,Tryezë e rrumbullakët,2024-05-03,,,Mali i Zi",
        "V04,Обука за советници,обука,2024-06-04,,,MK",
        "V05,Sajam ideja,sajam,2024-07-05,,,",
    ]
)


def test_engagement_types_in_albanian_and_macedonian(hub):
    report = run_import(
        "engagements", [("engagements.csv", ENGAGEMENTS.encode())], hub=hub, acting_user=None
    )
    kinds = dict(Engagement.objects.values_list("key", "kind"))
    assert kinds == {
        "V01": "workshop",
        "V02": "workshop",
        "V03": "roundtable",
        "V04": "training",
        "V05": "other",
    }
    countries = dict(Engagement.objects.values_list("key", "country_id"))
    assert countries == {"V01": "XK", "V02": "MK", "V03": "ME", "V04": "MK", "V05": None}
    # A type no vocabulary places is read as Other, and the report says which word it was.
    assert "'sajam' (type, row 5) matched nothing the platform knows: read as Other." in (
        report.notes
    )


def test_an_engagement_type_is_placed_on_the_preview(client_for, officer):
    client = client_for(officer)
    preview = upload(client, "engagements", "engagements.csv", ENGAGEMENTS)
    assert preview.status_code == 200 and list(unplaced(preview)) == ["sajam"]
    assert "read as Other" in preview.content.decode()
    placed = client.post(
        reverse("imports:revise"),
        {"token": preview.context["token"], "place:type:sajam": "=convening"},
    )
    client.post(reverse("imports:confirm"), {"token": placed.context["token"]})
    assert Engagement.objects.get(key="V05").kind == "convening"


MEMBERS = "city,country,joined,left\nProbni Dol,Mali i Zi,2023-02-01,\nNovo Probno,Atlantida,2023-03-01,\n"


def test_a_member_citys_unknown_country_refuses_until_placed(client_for, officer, hub, tmp_path):
    file = tmp_path / "members.csv"
    file.write_text(MEMBERS, encoding="utf-8")
    with pytest.raises(Exception, match="'Atlantida' is not a country we know"):
        call_command("import", "members", str(file))
    assert not LocalGovernment.objects.exists()

    client = client_for(officer)
    refused = upload(client, "members", "members.csv", MEMBERS)
    assert refused.status_code == 400
    found = unplaced(refused)["Atlantida"]
    assert found["required"] and found["field"] == "country"
    assert "needed" in refused.content.decode()
    placed = client.post(
        reverse("imports:revise"),
        {"token": refused.context["token"], "place:country:Atlantida": "=MK"},
    )
    assert placed.status_code == 200
    client.post(reverse("imports:confirm"), {"token": placed.context["token"]})
    assert dict(LocalGovernment.objects.values_list("name", "country_id")) == {
        "Probni Dol": "ME",
        "Novo Probno": "MK",
    }
    assert Membership.objects.count() == 2
