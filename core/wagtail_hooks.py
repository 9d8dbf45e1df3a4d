from django.utils.translation import gettext_lazy as _
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
