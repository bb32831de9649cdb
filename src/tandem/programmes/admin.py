from django.contrib import admin

from .models import Membership, MembershipRole, Organisation, Programme


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "status"]
    list_filter = ["status"]
    prepopulated_fields = {"slug": ["name"]}


class MembershipRoleInline(admin.TabularInline):
    model = MembershipRole
    extra = 1


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "programme", "status"]
    list_filter = ["programme", "status"]
    search_fields = ["user__email", "user__display_name"]
    inlines = [MembershipRoleInline]
