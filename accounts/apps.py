from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from . import groups, sessions, tasks, workflow_names

        user_logged_in.connect(sessions.start, dispatch_uid="accounts.session_start")
        tasks.connect()
        workflow_names.connect()
        post_migrate.connect(groups.ensure_admin_groups, dispatch_uid="accounts.admin_groups")
