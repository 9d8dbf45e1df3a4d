from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ClassroomsConfig(AppConfig):
    name = "classrooms"
    verbose_name = _("Classrooms")

    def ready(self):
        from accounts import mfa

        from . import receivers
        from .models import Membership, Role

        # School admins, and every member of staff of a school whose admin requires it (one query).
        mfa.requirements.append(
            lambda user: (
                Membership.objects.filter(user=user)
                .filter(Q(role=Role.ADMIN) | Q(school__requires_second_factor=True))
                .exists()
            )
        )

        user_logged_in.connect(receivers.record_sign_in, dispatch_uid="classrooms.record_sign_in")
        user_login_failed.connect(receivers.record_sign_in_failure, dispatch_uid="classrooms.record_sign_in_failure")
