from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from measures.models import CouncilProfile, Measure, StatisticalNeighbour, Target


class NeighbourInline(admin.TabularInline):
    model = StatisticalNeighbour
    extra = 0
    max_num = 10


@admin.register(CouncilProfile)
class CouncilProfileAdmin(SimpleHistoryAdmin):
    list_display = ["name", "old_la_code", "new_la_code", "region_name"]
    inlines = [NeighbourInline]


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "title", "unit", "polarity", "frequency", "data_source"]
    search_fields = ["reference", "title"]
    raw_id_fields = ["priorities", "actions", "recommendations", "lead_user"]
    inlines = [TargetInline]
