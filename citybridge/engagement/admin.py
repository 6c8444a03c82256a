from django.contrib import admin

from citybridge.accounts.admin import PeopleShownAdmin
from citybridge.engagement.models import Attendance, Engagement, LinkDecision, ReviewPair, Sheet


@admin.register(Engagement)
class EngagementAdmin(admin.ModelAdmin):
    list_display = ["key", "title", "kind", "starts_on", "hub"]
    list_filter = ["hub", "kind"]
    search_fields = ["key", "title"]
    filter_horizontal = ["participating_cities", "themes"]
    autocomplete_fields = ["host_city"]
    date_hierarchy = "starts_on"

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)  # type: ignore[attr-defined]


@admin.register(Sheet)
class SheetAdmin(admin.ModelAdmin):
    list_display = ["file_name", "engagement", "imported_at", "imported_by"]
    readonly_fields = ["sha256", "encoding"]


@admin.register(Attendance)
class AttendanceAdmin(PeopleShownAdmin):
    list_display = ["source_file", "row_number", "full_name", "role_kind", "person"]
    list_filter = ["role_kind", "link"]
    search_fields = ["full_name"]
    raw_id_fields = ["person", "engagement", "sheet", "resolved_city"]
    readonly_fields = [
        "cells",
        "source_file",
        "row_number",
        "full_name",
        "organisation",
        "role",
        "city",
        "email",
        "gender",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)  # type: ignore[attr-defined]

    def person_of(self, obj) -> int | None:
        return obj.person_id


admin.site.register(LinkDecision)
admin.site.register(ReviewPair)
