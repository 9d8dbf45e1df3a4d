from django.contrib import messages
from django.urls import include, path
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.models import TranslatableMixin
from wagtail.permissions import register_permission_policy
from wagtail.snippets.action_menu import ActionMenuItem
from wagtail.snippets.models import register_snippet

from . import views
from .dashboard import EditorsPanel
from .models import HelpContacts, ReportingProcedure, TranslationStatus
from .snippets import OnePerLanguagePolicy, OnePerLanguageSnippetViewSet, TranslationStatusColumn
from .translations import with_translation_status


class HelpContactsViewSet(OnePerLanguageSnippetViewSet):
    model = HelpContacts
    icon = "help"
    add_to_settings_menu = True
    menu_label = _("Help contacts")
    list_display = ["__str__", "locale", TranslationStatusColumn()]


register_permission_policy(HelpContacts, OnePerLanguagePolicy(HelpContacts))
register_snippet(HelpContactsViewSet)


class ReportingProcedureViewSet(OnePerLanguageSnippetViewSet):
    model = ReportingProcedure
    icon = "warning"
    add_to_settings_menu = True
    menu_label = _("Reporting procedure")
    list_display = ["__str__", "locale", TranslationStatusColumn()]


register_permission_policy(ReportingProcedure, OnePerLanguagePolicy(ReportingProcedure))
register_snippet(ReportingProcedureViewSet)


@hooks.register("construct_snippet_action_menu")
def hide_unpublish(menu_items, request, context):
    """Help contacts and the reporting procedure are never unpublished: taking them offline would leave a
    language's pages without help numbers, with no second person involved. Replace them through the review."""
    viewset = getattr(context.get("model"), "snippet_viewset", None)
    if viewset is not None and not getattr(viewset, "unpublish_allowed", True):
        menu_items[:] = [item for item in menu_items if item.name != "action-unpublish"]


OPERATOR_ONLY_SETTINGS = {"users", "groups", "sites", "locales"}


@hooks.register("construct_settings_menu")
def operator_only_settings(request, menu_items):
    """Editors and reviewers never see users, groups, sites or locales: those are the site operator's."""
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name not in OPERATOR_ONLY_SETTINGS]


# Translations: "out of date" on the edit screen, a side-by-side view, and the status in the listings.


@hooks.register("register_admin_urls")
def translation_urls():
    urls = [
        path("<int:content_type_id>/<int:pk>/", views.compare_translations, name="compare"),
        path("<int:content_type_id>/<int:pk>/up-to-date/", views.mark_translation_up_to_date, name="mark_up_to_date"),
    ]
    return [path("translations/", include((urls, "core_translations")))]


def warn_when_out_of_date(request, obj):
    """The edit screen says when this language is behind another one, and links to both side by side."""
    if request.method != "GET" or not isinstance(obj, TranslatableMixin):
        return
    status = TranslationStatus.objects.status_of(obj)
    if status is None:
        return
    message = _(
        "Out of date: the %(language)s version changed on %(date)s and this one has not been updated since."
    ) % {"language": status.changed_in.get_display_name(), "date": date_format(status.out_of_date_since)}
    link = format_html(' <a href="{}">{}</a>', views.compare_url(obj), _("Compare side by side"))
    messages.warning(request, format_html("{}{}", message, link))


@hooks.register("before_edit_page")
def page_out_of_date_warning(request, page):
    warn_when_out_of_date(request, page.specific_deferred)


@hooks.register("before_edit_snippet")
def snippet_out_of_date_warning(request, instance):
    warn_when_out_of_date(request, instance)


@hooks.register("register_page_header_buttons")
def side_by_side_page_button(page, user, view_name, next_url=None):
    if view_name == "edit" and page.get_translations().exists():
        yield Button(
            _("Compare languages side by side"),
            url=views.compare_url(page.specific_deferred),
            icon_name="doc-full",
            priority=66,
        )


class SideBySideMenuItem(ActionMenuItem):
    name = "side-by-side"
    label = _("Compare languages side by side")
    icon_name = "doc-full"
    order = 90

    def is_shown(self, context):
        instance = context.get("instance")
        return (
            context.get("view") == "edit"
            and isinstance(instance, TranslatableMixin)
            and instance.get_translations().exists()
        )

    def get_url(self, parent_context):
        return views.compare_url(parent_context["instance"])


@hooks.register("register_snippet_action_menu_item")
def side_by_side_snippet_item(model):
    return SideBySideMenuItem() if issubclass(model, TranslatableMixin) else None


@hooks.register("construct_explorer_page_queryset")
def explorer_translation_status(parent_page, pages, request):
    """The page explorer shows "Out of date since …" beside a page's status (templates/wagtailadmin/pages/listing/
    _page_status_cell.html), from the same query as the listing."""
    return with_translation_status(pages)


@hooks.register("construct_homepage_panels")
def editors_panel(request, panels):
    """What waits for review, what is out of date in the other language, what changed this week."""
    panels.append(EditorsPanel())
