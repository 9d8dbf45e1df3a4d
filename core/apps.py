from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from . import signals, translations  # noqa: F401  (signals connects the page cache's purges)

        translations.connect()  # keeps the "out of date in the other language" status
