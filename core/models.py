from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import StreamField
from wagtail.models import TranslatableMixin

from .blocks import HelpContactBlock


class HelpContacts(TranslatableMixin, models.Model):
    """Who a child or parent can turn to, one set per language. Shown behind every "Get help" button."""

    contacts = StreamField([("contact", HelpContactBlock())], verbose_name=_("contacts"))

    panels = [FieldPanel("contacts")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("help contacts")
        verbose_name_plural = _("help contacts")
        constraints = [models.UniqueConstraint(fields=["locale"], name="one_help_contacts_per_locale")]

    def __str__(self):
        return str(_("Help contacts (%(locale)s)") % {"locale": self.locale.get_display_name()})

    @classmethod
    def for_active_locale(cls):
        """The contacts of the current language, falling back to the default language's."""
        by_language = {c.locale.language_code: c for c in cls.objects.select_related("locale")}
        active = get_supported_content_language_variant(get_language() or settings.LANGUAGE_CODE)
        return by_language.get(active) or by_language.get(settings.LANGUAGE_CODE)
