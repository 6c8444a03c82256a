from django.contrib import admin

from citybridge.accounts.admin import PeopleShownAdmin
from citybridge.lib.translations import TranslationsForm
from citybridge.network.models import (
    Country,
    Funder,
    Hub,
    LocalGovernment,
    Membership,
    Organisation,
    Person,
    PlaceName,
    Position,
    Theme,
)
from citybridge.network.versions import take_next_version


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Hub)
class HubAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "launched_on"]
    filter_horizontal = ["countries"]


class ThemeForm(TranslationsForm):
    translated = ("name",)

    class Meta:
        model = Theme
        fields = ["slug", "name", "hub"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    """A theme a hub adds is named in each language here; a seeded one is the catalogs'."""

    form = ThemeForm
    list_display = ["name", "slug", "hub"]
    search_fields = ["name"]


class FunderForm(TranslationsForm):
    translated = ("acknowledgement",)

    class Meta:
        model = Funder
        fields = ["name", "acknowledgement"]


@admin.register(Funder)
class FunderAdmin(admin.ModelAdmin):
    form = FunderForm
    search_fields = ["name"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


class PlaceNameInline(admin.TabularInline):
    model = PlaceName
    extra = 0


@admin.register(LocalGovernment)
class LocalGovernmentAdmin(admin.ModelAdmin):
    list_display = ["name", "name_cyrillic", "name_albanian", "country", "kind"]
    list_filter = ["country", "kind"]
    search_fields = ["name", "name_cyrillic", "name_albanian", "name_key"]
    inlines = [MembershipInline, PlaceNameInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "name_key"]


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["city", "organisation"]


@admin.register(Person)
class PersonAdmin(PeopleShownAdmin):
    list_display = ["full_name", "hub", "city", "organisation"]
    list_filter = ["hub"]
    search_fields = ["name_key", "full_name"]
    autocomplete_fields = ["city", "organisation"]
    inlines = [PositionInline]
    readonly_fields = ["version"]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)  # type: ignore[attr-defined]

    def save_model(self, request, obj, form, change) -> None:
        if change:  # an officer's form opened before this change is refused (network.versions)
            take_next_version(obj)
        super().save_model(request, obj, form, change)
