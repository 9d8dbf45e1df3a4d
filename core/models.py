from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)

from .blocks import HelpContactBlock
from .preview import preview_response

# Set in a pupil's session when they sign in (classrooms): the language whose help contacts answer where their
# school is. The help panel shows those as well whenever the pupil reads the site in another language.
HELP_LANGUAGE_SESSION_KEY = "safesteps.help_language"


class HelpContacts(
    TranslatableMixin, WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, models.Model
):
    """Who a child or parent can turn to, one set per language. Shown behind every "Get help" button.

    Edits are drafts with revisions (diff, rollback) until a safeguarding reviewer approves them (the
    safeguarding review workflow, accounts/groups.py); the site shows only the live version."""

    contacts = StreamField([("contact", HelpContactBlock())], verbose_name=_("contacts"))

    panels = [FieldPanel("contacts")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("help contacts")
        verbose_name_plural = _("help contacts")
        constraints = [models.UniqueConstraint(fields=["locale"], name="one_help_contacts_per_locale")]

    def __str__(self):
        return str(_("Help contacts (%(locale)s)") % {"locale": self.locale.get_display_name()})

    def get_preview_template(self, request, mode_name):
        return "core/help_contacts_preview.html"

    def serve_preview(self, request, mode_name):
        """The unsaved draft in its own language (the preview request's address is the admin's, not a
        language's), framable by the admin only (core.preview)."""
        with translation.override(self.locale.language_code):
            return preview_response(super().serve_preview(request, mode_name), {})

    @classmethod
    def for_reader(cls, home_language=None):
        """(the current language's live contacts, those of `home_language` when it is another language), one query.

        `home_language` is where a pupil's school is (`HELP_LANGUAGE_SESSION_KEY`): a pupil in China who reads
        the English pages still needs the numbers that answer in China."""
        by_language = {c.locale.language_code: c for c in cls.objects.filter(live=True).select_related("locale")}
        active = get_supported_content_language_variant(get_language() or settings.LANGUAGE_CODE)
        shown = by_language.get(active) or by_language.get(settings.LANGUAGE_CODE)
        home = by_language.get(home_language) if home_language else None
        return shown, (home if home is not None and home != shown else None)


class ReportingProcedure(
    TranslatableMixin, WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, models.Model
):
    """What staff do when a child discloses abuse, one per language; every lesson's teacher notes show it.

    Like the help contacts: drafts, revisions, preview, locking and the safeguarding review; only the live
    version is shown."""

    title = models.CharField(_("title"), max_length=120)
    body = RichTextField(_("procedure"), features=["bold", "italic", "ol", "ul", "link"])

    panels = [FieldPanel("title"), FieldPanel("body")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("reporting procedure")
        verbose_name_plural = _("reporting procedures")
        constraints = [models.UniqueConstraint(fields=["locale"], name="one_reporting_procedure_per_locale")]

    def __str__(self):
        return str(_("Reporting procedure (%(locale)s)") % {"locale": self.locale.get_display_name()})

    def get_preview_template(self, request, mode_name):
        return "core/reporting_procedure_preview.html"

    def serve_preview(self, request, mode_name):
        """The unsaved draft in its own language (the preview request's address is the admin's, not a
        language's), framable by the admin only (core.preview)."""
        with translation.override(self.locale.language_code):
            return preview_response(super().serve_preview(request, mode_name), {})

    @classmethod
    def for_active_locale(cls):
        """The live procedure of the current language, falling back to the default language's, in one query."""
        by_language = {p.locale.language_code: p for p in cls.objects.filter(live=True).select_related("locale")}
        active = get_supported_content_language_variant(get_language() or settings.LANGUAGE_CODE)
        return by_language.get(active) or by_language.get(settings.LANGUAGE_CODE)


class TranslationStatusQuerySet(models.QuerySet):
    def for_object(self, obj):
        """The status rows of one item's translations (any language), by its translation model."""
        model = obj.get_translation_model()
        return self.filter(content_type=ContentType.objects.get_for_model(model), translation_key=obj.translation_key)

    def status_of(self, obj):
        """The out-of-date status of this item in its own language, or None when it is up to date."""
        return self.for_object(obj).filter(locale_id=obj.locale_id).select_related("changed_in").first()


class TranslationStatus(models.Model):
    """One language of a page or snippet is out of date: another language of it changed since.

    A row exists only while the item is behind (core/translations.py keeps them); publishing or saving the item in
    this language clears it. The content pack writes every language at once, so it leaves nothing behind."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("content type")
    )
    translation_key = models.UUIDField(_("translation key"), db_index=True)
    locale = models.ForeignKey(
        "wagtailcore.Locale", on_delete=models.CASCADE, related_name="+", verbose_name=_("out-of-date language")
    )
    out_of_date_since = models.DateTimeField(_("out of date since"))
    changed_in = models.ForeignKey(
        "wagtailcore.Locale", on_delete=models.CASCADE, related_name="+", verbose_name=_("changed language")
    )
    changed_at = models.DateTimeField(_("last changed"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("changed by"),
    )
    source_revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("changed revision"),
    )

    objects = TranslationStatusQuerySet.as_manager()

    class Meta:
        verbose_name = _("translation status")
        verbose_name_plural = _("translation statuses")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "translation_key", "locale"], name="one_translation_status_per_language"
            )
        ]

    def __str__(self):
        return str(_("Out of date since %(date)s") % {"date": self.out_of_date_since.date().isoformat()})
