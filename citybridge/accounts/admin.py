from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from citybridge.accounts.models import Role, User


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0
    autocomplete_fields = ["city"]


@admin.register(User)
class CityBridgeUserAdmin(UserAdmin):
    inlines = [RoleInline]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["user", "hub", "kind", "city"]
    list_filter = ["hub", "kind"]
    autocomplete_fields = ["user", "city"]
