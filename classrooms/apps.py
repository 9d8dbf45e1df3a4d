from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.utils.translation import gettext_lazy as _


class ClassroomsConfig(AppConfig):
    name = "classrooms"
    verbose_name = _("Classrooms")

    def ready(self):
        from accounts import mfa

        from . import receivers
        from .models import Membership

        mfa.requirements.append(lambda user: Membership.objects.admin().filter(user=user).exists())

        user_logged_in.connect(receivers.record_sign_in, dispatch_uid="classrooms.record_sign_in")
        user_login_failed.connect(receivers.record_sign_in_failure, dispatch_uid="classrooms.record_sign_in_failure")
