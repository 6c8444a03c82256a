from django.contrib import admin

from citybridge.needs.models import ConsultationFinding, Need


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ["city", "theme", "priority", "status", "raised_on"]
    list_filter = ["hub", "theme", "status", "priority"]
    search_fields = ["statement", "city__name"]
    autocomplete_fields = ["city"]


admin.site.register(ConsultationFinding)
