from django.contrib.auth import views as auth_views
from django.urls import path, register_converter, reverse_lazy

from . import views
from .models import CODE_ALPHABET, CODE_LENGTH


class ClassCodeConverter:
    regex = f"[{CODE_ALPHABET}]{{{CODE_LENGTH}}}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ClassCodeConverter, "classcode")

app_name = "classrooms"

password_reset = [
    path(
        "teach/password-reset/",
        auth_views.PasswordResetView.as_view(
            template_name="classrooms/password_reset.html",
            email_template_name="classrooms/email/password_reset.txt",
            subject_template_name="classrooms/email/password_reset_subject.txt",
            success_url=reverse_lazy("classrooms:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "teach/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="classrooms/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "teach/password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="classrooms/password_reset_confirm.html",
            success_url=reverse_lazy("classrooms:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "teach/password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="classrooms/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    *password_reset,
    path("teach/login/", views.staff_login, name="staff_login"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("teach/invitations/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("teach/", views.dashboard, name="dashboard"),
    path("teach/schools/<int:pk>/", views.school_detail, name="school"),
    path("teach/classes/new/", views.classroom_create, name="classroom_create"),
    path("teach/classes/<int:pk>/pupils/", views.pupils, name="pupils"),
    path("teach/classes/<int:pk>/cards/", views.login_cards, name="login_cards"),
    path("teach/classes/<int:pk>/settings/", views.classroom_settings, name="classroom_settings"),
    path("teach/classes/<int:pk>/settings/<slug:action>/", views.classroom_action, name="classroom_action"),
    path("teach/classes/<int:pk>/delete/", views.classroom_delete, name="classroom_delete"),
    path("teach/pupils/<int:pk>/", views.pupil_detail, name="pupil"),
    path("teach/pupils/<int:pk>/do/<slug:action>/", views.pupil_action, name="pupil_action"),
    path("teach/pupils/<int:pk>/delete/", views.pupil_delete, name="pupil_delete"),
    path("class/", views.pupil_login, name="pupil_login"),
    path("class/card/<str:token>/", views.pupil_token_login, name="pupil_token_login"),
    path("class/<classcode:code>/", views.pupil_names, name="pupil_names"),
    path("class/<classcode:code>/<int:pupil_pk>/", views.pupil_password, name="pupil_password"),
]
