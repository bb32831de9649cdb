from django.contrib import admin

from .models import Application, Cohort


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "programme", "opens_at", "closes_at", "rolling"]
    filter_horizontal = ["committee"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["applicant", "kind", "cohort", "status", "submitted_at"]
    list_filter = ["status", "kind"]
    raw_id_fields = ["applicant", "decided_by"]
