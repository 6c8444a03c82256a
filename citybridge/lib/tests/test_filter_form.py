"""The one list idiom: a filter form reads the query string, filters by what is valid (or, set
whole, only when all of it is) and gives the filters back as the address wrote them."""

import datetime as dt

from django import forms

from citybridge.lib.inputs import FilterForm, PeriodForm


class Filters(FilterForm, PeriodForm):
    query_names = {"start": "from"}
    kind = forms.ChoiceField(required=False, choices=[("", "All"), ("forum", "Forum")])

    def apply(self, rows):
        return rows


class WholeFilters(Filters):
    whole = True


def test_an_unbound_form_has_no_filter_in_force():
    form = Filters()
    assert form.in_force() == {} and form.active_filters() == {}
    assert form.texts() == {"start": "", "end": "", "kind": ""}


def test_a_field_in_error_is_left_out_and_the_others_filter():
    form = Filters({"from": "5.12.2024", "end": "31.2.2024", "kind": "forum"})
    assert form.in_force() == {"start": dt.date(2024, 12, 5), "kind": "forum"}
    assert form.active_filters() == {"from": "2024-12-05", "kind": "forum"}
    assert "end" in form.errors
    assert form.texts()["start"] == "5.12.2024"


def test_a_whole_form_filters_only_when_all_is_valid():
    assert WholeFilters({"from": "5.12.2024", "kind": "meeting"}).in_force() == {}
    assert WholeFilters({"from": "5.12.2024"}).active_filters() == {"from": "2024-12-05"}


def test_an_end_before_the_start_is_the_ends_error():
    form = Filters({"from": "5.12.2024", "end": "1.12.2024"})
    assert form.in_force() == {"start": dt.date(2024, 12, 5)}
    assert form.errors["end"] == ["The end of the period must be on or after its start."]
