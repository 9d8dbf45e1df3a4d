from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentpackConfig(AppConfig):
    name = "contentpack"
    verbose_name = _("Content pack")
