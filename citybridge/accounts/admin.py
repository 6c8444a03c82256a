from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from citybridge.accounts import actions
from citybridge.accounts.access_log import log_people_shown
from citybridge.accounts.models import AccessLog, Role, User


class PeopleShownAdmin(admin.ModelAdmin):
    """The admin of a model of person-level rows: its list or search, and a record's pages
    (change, delete, history), each write one access-log row naming the people shown."""

    def person_of(self, obj) -> int | None:
        """The person a row shows (the row itself, for a person)."""
        return obj.pk

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        shown = changelist.result_list
        log_people_shown(
            request.user,
            [self.person_of(obj) for obj in shown],
            hub=None,
            action=AccessLog.Action.PEOPLE_SEARCHED
            if changelist.query
            else AccessLog.Action.PEOPLE_VIEWED,
            text=changelist.query or None,
            count=changelist.result_count if changelist.query else len(shown),
            detail=f"admin {self.opts.label_lower}",
        )
        return changelist

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            log_people_shown(
                request.user,
                [self.person_of(obj)],
                hub=None,
                obj=obj,
                action=AccessLog.Action.PERSON_VIEWED,
                count=1,
                detail=f"admin {self.opts.label_lower}",
            )
        return obj


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0
    autocomplete_fields = ["city"]


@admin.register(User)
class CityBridgeUserAdmin(SimpleHistoryAdmin, UserAdmin):
    inlines = [RoleInline]

    def save_model(self, request, obj, form, change) -> None:
        was_active = change and User.objects.filter(pk=obj.pk, is_active=True).exists()
        super().save_model(request, obj, form, change)
        if was_active and not obj.is_active:
            obj.is_active = True  # let the action record the change and end the sessions
            actions.deactivate_user(obj, acting_user=request.user)

    def save_formset(self, request, form, formset, change) -> None:
        """Roles changed on a user's page go through the logged actions."""
        if formset.model is not Role:
            return super().save_formset(request, form, formset, change)
        roles = formset.save(commit=False)
        for role in formset.deleted_objects:
            actions.remove_role(role, acting_user=request.user)
        for role in roles:
            actions.save_role(role, acting_user=request.user)
        formset.save_m2m()


@admin.register(Role)
class RoleAdmin(SimpleHistoryAdmin):
    list_display = ["user", "hub", "kind", "city"]
    list_filter = ["hub", "kind"]
    autocomplete_fields = ["user", "city"]

    def save_model(self, request, obj, form, change) -> None:
        actions.save_role(obj, acting_user=request.user)

    def delete_model(self, request, obj) -> None:
        actions.remove_role(obj, acting_user=request.user)

    def delete_queryset(self, request, queryset) -> None:
        for role in queryset:
            actions.remove_role(role, acting_user=request.user)


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only, and nobody may add to it by hand."""

    list_display = ["at", "user", "action", "hub", "object_type", "object_id", "count"]
    list_filter = ["action", "hub"]
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
