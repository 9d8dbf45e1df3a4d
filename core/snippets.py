"""The base of every translatable snippet's admin: a "Translation" column saying which items are out of date.

Also the admin of the one-per-language safety snippets (help contacts, reporting procedure): they cannot be
unpublished (one click would take every help number off a language's pages with no second person), and
"Add" is offered only while some language still has none."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet, UnpublishView

from .translations import with_translation_status


class TranslationStatusColumn(Column):
    """ "Out of date since …" for an item behind its other language, nothing when it is up to date."""

    cell_template_name = "core/includes/translation_status_cell.html"

    def __init__(self, name="translation_status", **kwargs):
        kwargs.setdefault("label", _("Translation"))
        kwargs.setdefault("accessor", "out_of_date_since")
        kwargs.setdefault("sort_key", "out_of_date_since")
        super().__init__(name, **kwargs)


class LocalisedSnippetViewSet(SnippetViewSet):
    """Every snippet viewset of ours: Wagtail's, with the first breadcrumb's "Home" read in each request's
    language. Wagtail 8 translates that label once, when the URLs load (`gettext`, not lazy), so the first request
    after a start fixed it for the whole process: an English "Home" in the Chinese admin if that request was
    an English one."""

    @property
    def breadcrumbs_items(self):
        home, *rest = super().breadcrumbs_items
        return [{**home, "label": _("Home")}, *rest]


class TranslatedSnippetViewSet(LocalisedSnippetViewSet):
    """A snippet listing whose rows carry their translation status, from the listing's own query; put a
    `TranslationStatusColumn()` in `list_display` to show it."""

    #: False for snippets that must never be taken offline: no Unpublish in the action menu
    #: (core.wagtail_hooks.hide_unpublish) and the unpublish address answers 404.
    unpublish_allowed = True

    def get_queryset(self, request):
        return with_translation_status(self.model._default_manager.all())


class RefusedUnpublishView(UnpublishView):
    """The unpublish address of a snippet that must stay live: 404 for GET and POST, nothing changes."""

    def setup(self, request, *args, **kwargs):
        raise Http404


class OnePerLanguagePolicy(ModelPermissionPolicy):
    """Model permissions, except that nobody may add another item once every language has its one (the
    model's unique constraint on locale): the admin then hides "Add" and refuses the create view."""

    def user_has_permission(self, user, action):
        if not super().user_has_permission(user, action):
            return False
        return action != "add" or not self.every_language_has_one()

    def user_has_any_permission(self, user, actions):
        """Whether the admin menu and listing are open to the user: model permissions alone, no query."""
        return any(super(OnePerLanguagePolicy, self).user_has_permission(user, action) for action in actions)

    def every_language_has_one(self):
        return not Locale.objects.exclude(pk__in=self.model._default_manager.values("locale_id")).exists()


class OnePerLanguageSnippetViewSet(TranslatedSnippetViewSet):
    """A translated snippet with one live item per language that stays live: no unpublish, no surplus "Add"."""

    unpublish_allowed = False
    unpublish_view_class = RefusedUnpublishView
