from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import HelpContacts, ReportingProcedure


class HelpContactsViewSet(SnippetViewSet):
    model = HelpContacts
    icon = "help"
    add_to_settings_menu = True
    menu_label = _("Help contacts")
    list_display = ["__str__", "locale"]


register_snippet(HelpContactsViewSet)


class ReportingProcedureViewSet(SnippetViewSet):
    model = ReportingProcedure
    icon = "warning"
    add_to_settings_menu = True
    menu_label = _("Reporting procedure")
    list_display = ["__str__", "locale"]


register_snippet(ReportingProcedureViewSet)


OPERATOR_ONLY_SETTINGS = {"users", "groups", "sites", "locales"}


@hooks.register("construct_settings_menu")
def operator_only_settings(request, menu_items):
    """Editors and reviewers never see users, groups, sites or locales: those are the site operator's."""
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name not in OPERATOR_ONLY_SETTINGS]
