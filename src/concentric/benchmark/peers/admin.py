"""A stock ModelAdmin for Person: the changelist a Django developer gets from list_display."""

from django.contrib import admin

from concentric.core.masking import mask
from concentric.core.scoping import Action
from concentric.people.models import Person


class PeerSite(admin.AdminSite):
    site_url = None

    def has_permission(self, request):
        return request.user.is_active  # the bench's staff user; the registry's users have no is_staff


site = PeerSite(name="peer_admin")


@admin.register(Person, site=site)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("name", "gender", "age", "main_category", "tier", "stage", "org_unit", "masked_phone")
    list_select_related = ("org_unit", "main_category")
    list_per_page = 50
    ordering = ("-pk",)
    search_fields = ("name",)

    def get_queryset(self, request):
        # The same rows the registry's page lists: the user's scope.
        return Person.objects.visible_to(request.user, Action.VIEW)

    @admin.display(description="age")
    def age(self, person):
        from concentric.people.views import age_of

        return age_of(person)

    @admin.display(description="mobile phone")
    def masked_phone(self, person):
        return mask(person.phone, "phone")

    def has_module_permission(self, request):
        return True

    def has_view_permission(self, request, obj=None):
        return True

    def has_change_permission(self, request, obj=None):
        return True

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
