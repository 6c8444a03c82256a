import datetime as dt

from django.urls import reverse

from citybridge.support.actions import record_mechanism_stage, save_mechanism
from citybridge.support.models import Mechanism, MechanismStage


def council(city):
    return save_mechanism(
        Mechanism(city=city, kind=Mechanism.Kind.LOCAL_SAFETY_COUNCIL), acting_user=None
    )


def test_record_a_stage_works(client_for, officer, city):
    mechanism = council(city)
    response = client_for(officer).post(
        reverse("support:stage_add", args=[mechanism.pk]),
        {"stage": "established", "reached_on": "2023-10-05", "evidence": "Council decision 12/23"},
    )
    assert response.status_code == 302
    stage = mechanism.stages.get()
    assert (stage.stage, stage.reached_on) == ("established", dt.date(2023, 10, 5))
    assert mechanism.current_stage() == stage


def test_record_a_stage_rejects_get(client_for, officer, city):
    mechanism = council(city)
    assert (
        client_for(officer).get(reverse("support:stage_add", args=[mechanism.pk])).status_code
        == 405
    )


def test_record_a_stage_refuses_the_outsider(client_for, outsider, city):
    mechanism = council(city)
    response = client_for(outsider).post(
        reverse("support:stage_add", args=[mechanism.pk]),
        {"stage": "proposed", "reached_on": "2023-03-01", "evidence": "x"},
    )
    assert response.status_code == 404
    assert not MechanismStage.objects.exists()


def test_stages_keep_their_order_in_time(client_for, officer, city):
    mechanism = council(city)
    record_mechanism_stage(
        MechanismStage(
            mechanism=mechanism,
            stage="established",
            reached_on=dt.date(2023, 10, 5),
            evidence="Act",
        ),
        acting_user=officer,
    )
    response = client_for(officer).post(
        reverse("support:stage_add", args=[mechanism.pk]),
        {"stage": "operational", "reached_on": "2023-09-01", "evidence": "Minutes"},
    )
    assert response.status_code == 400
    assert "a later stage cannot come before it" in response.content.decode()
    assert mechanism.stages.count() == 1


def test_a_stage_needs_evidence(client_for, officer, city):
    mechanism = council(city)
    response = client_for(officer).post(
        reverse("support:stage_add", args=[mechanism.pk]),
        {"stage": "proposed", "reached_on": "2023-03-01", "evidence": "  "},
    )
    assert response.status_code == 400
    assert not mechanism.stages.exists()


def test_current_stage_over_time(city):
    mechanism = council(city)
    for stage, day in [("proposed", "2023-03-01"), ("established", "2023-10-05")]:
        record_mechanism_stage(
            MechanismStage(
                mechanism=mechanism,
                stage=stage,
                reached_on=dt.date.fromisoformat(day),
                evidence="e",
            ),
            acting_user=None,
        )
    assert mechanism.current_stage(on=dt.date(2023, 6, 1)).stage == "proposed"
    assert mechanism.current_stage(on=dt.date(2023, 1, 1)) is None
    assert mechanism.current_stage().stage == "established"


def test_add_a_mechanism_page(client_for, officer, focal, city):
    response = client_for(officer).post(
        reverse("support:mechanism_create"),
        {"city": city.pk, "kind": "local_safety_council", "name": "Testgrad LSC"},
    )
    assert response.status_code == 302
    assert Mechanism.objects.get().name == "Testgrad LSC"
    assert client_for(focal).get(reverse("support:mechanism_create")).status_code == 404
    body = client_for(focal).get(reverse("support:mechanism_list")).content.decode()
    assert "Testgrad LSC" in body
