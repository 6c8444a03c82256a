from django.contrib import admin

from citybridge.practices.forms import ResourceForm
from citybridge.practices.models import Practice, PracticeResource, PracticeTranslation, TargetGroup


class TranslationInline(admin.TabularInline):
    model = PracticeTranslation
    extra = 0


class ResourceInline(admin.TabularInline):
    model = PracticeResource
    # The same checks as the practice page: document types by content, names of our making.
    form = ResourceForm
    extra = 0


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "origin_city_name",
        "origin_country",
        "evidence",
        "human_rights_based",
        "gender_sensitive",
    ]
    list_filter = ["evidence", "human_rights_based", "gender_sensitive", "themes"]
    search_fields = ["title", "search_text"]
    filter_horizontal = ["themes", "target_groups"]
    inlines = [TranslationInline, ResourceInline]


admin.site.register(TargetGroup)
