from django.contrib import admin

from citybridge.accounts.admin import PeopleShownAdmin
from citybridge.advocacy.models import AdvocacyAction, Testimonial


@admin.register(AdvocacyAction)
class AdvocacyActionAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "audience", "form"]
    list_filter = ["hub", "audience", "form"]
    filter_horizontal = ["cities", "people", "needs", "themes"]


@admin.register(Testimonial)
class TestimonialAdmin(PeopleShownAdmin):
    list_display = ["person", "attribution", "said_on", "publication_consent"]
    raw_id_fields = ["person"]

    def person_of(self, obj) -> int | None:
        return obj.person_id
