from django.apps import AppConfig
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _


class ClassroomsConfig(AppConfig):
    name = "classrooms"
    verbose_name = _("Classrooms")

    def ready(self):
        from .services import throttle

        user_login_failed.connect(throttle.count_staff_failure, dispatch_uid="classrooms.count_staff_failure")
