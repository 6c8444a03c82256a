from django.urls import reverse

from citybridge.needs.models import ConsultationFinding, Need


def form_data(city, theme, **extra):
    data = {
        "city": city.pk,
        "concerns": "Tensions after incidents.",
        "approaches": "A council on paper.",
        "form-TOTAL_FORMS": "3",
        "form-INITIAL_FORMS": "0",
        "form-0-theme": theme.pk,
        "form-0-statement": "Savjet za bezbjednost koji radi.",
        "form-0-language": "cnr",
        "form-0-priority": "high",
        "form-1-priority": "medium",
        "form-2-priority": "medium",
    }
    data.update(extra)
    return data


def test_record_a_city_at_a_consultation(client_for, officer, consultation, other_city, councils):
    url = reverse("needs:consultation_record", args=[consultation.pk])
    response = client_for(officer).post(url, form_data(other_city, councils))
    assert response.status_code == 302
    finding = ConsultationFinding.objects.get()
    assert (finding.city, finding.concerns) == (other_city, "Tensions after incidents.")
    need = Need.objects.get()
    assert (need.city, need.theme, need.priority) == (other_city, councils, "high")
    assert need.source_engagement == consultation and need.raised_on == consultation.starts_on
    page = client_for(officer).get(reverse("needs:consultation_needs", args=[consultation.pk]))
    assert "Savjet za bezbjednost" in page.content.decode()


def test_recording_again_replaces_notes_and_adds_needs(
    client_for, officer, consultation, city, youth
):
    url = reverse("needs:consultation_record", args=[consultation.pk])
    client_for(officer).post(url, form_data(city, youth))
    client_for(officer).post(url, form_data(city, youth, concerns="New concerns"))
    assert ConsultationFinding.objects.get().concerns == "New concerns"
    assert Need.objects.count() == 2


def test_a_city_that_did_not_take_part_is_refused(client_for, officer, consultation, councils):
    from citybridge.network.models import LocalGovernment

    stranger = LocalGovernment.objects.create(name="Daleko", country_id="RS")
    url = reverse("needs:consultation_record", args=[consultation.pk])
    response = client_for(officer).post(url, form_data(stranger, councils))
    assert response.status_code == 400
    assert not Need.objects.exists() and not ConsultationFinding.objects.exists()


def test_an_empty_record_saves_nothing(client_for, officer, consultation, city, councils):
    data = form_data(city, councils, concerns="", approaches="")
    data.update({"form-0-theme": "", "form-0-statement": ""})
    url = reverse("needs:consultation_record", args=[consultation.pk])
    response = client_for(officer).post(url, data)
    assert response.status_code == 400 and not Need.objects.exists()


def test_record_rejects_get(client_for, officer, consultation):
    url = reverse("needs:consultation_record", args=[consultation.pk])
    assert client_for(officer).get(url).status_code == 405
    assert not Need.objects.exists()


def test_record_refuses_outsider_and_donor(
    client_for, outsider, donor, consultation, city, councils
):
    url = reverse("needs:consultation_record", args=[consultation.pk])
    for user in (outsider, donor):
        assert client_for(user).post(url, form_data(city, councils)).status_code == 404
    assert not Need.objects.exists()


def test_consultation_list_counts_needs(client_for, officer, need, consultation):
    body = client_for(officer).get(reverse("needs:consultation_list")).content.decode()
    assert consultation.title in body
