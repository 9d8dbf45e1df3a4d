from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

# Django 6's empty choice of a menu ("- Select an option -") has no Chinese in Django's own catalogue yet; ours has
# it, and naming it here keeps it there when the catalogue is regenerated.
gettext_noop("- Select an option -")


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from . import signals, translations  # noqa: F401  (signals connects the page cache's purges)

        translations.connect()  # keeps the "out of date in the other language" status
