from django.contrib import admin

from citybridge.lib.translations import TranslationsForm
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


class TargetGroupForm(TranslationsForm):
    translated = ("name",)

    class Meta:
        model = TargetGroup
        fields = ["slug", "name"]


@admin.register(TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin):
    """A group a hub adds is named in each language here; a seeded one is the catalogs'."""

    form = TargetGroupForm
    list_display = ["name", "slug"]
