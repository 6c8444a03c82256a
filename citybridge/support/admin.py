from django.contrib import admin

from citybridge.support.models import (
    ActionPlan,
    Disbursement,
    Expert,
    Mechanism,
    MechanismStage,
    Milestone,
    StatusChange,
    SupportAction,
)


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class DisbursementInline(admin.TabularInline):
    model = Disbursement
    extra = 0


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    readonly_fields = ["from_status", "to_status", "reason", "changed_by", "changed_at"]
    can_delete = False


@admin.register(SupportAction)
class SupportActionAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "city", "organisation", "status", "starts_on"]
    list_filter = ["hub", "kind", "status"]
    search_fields = ["title"]
    filter_horizontal = ["needs", "themes", "experts", "peer_cities", "engagements"]
    inlines = [MilestoneInline, DisbursementInline, StatusChangeInline]
    # The status moves only along its workflow, through the support pages.
    readonly_fields = ["status"]


class StageInline(admin.TabularInline):
    model = MechanismStage
    extra = 0


@admin.register(Mechanism)
class MechanismAdmin(admin.ModelAdmin):
    list_display = ["__str__", "city", "kind"]
    inlines = [StageInline]


@admin.register(Expert)
class ExpertAdmin(admin.ModelAdmin):
    list_display = ["full_name", "languages", "available"]
    filter_horizontal = ["themes", "countries"]


admin.site.register(ActionPlan)
