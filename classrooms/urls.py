from django.urls import path, register_converter

from .models import CODE_ALPHABET, CODE_LENGTH
from .views import auth, pupil, teacher


class ClassCodeConverter:
    regex = f"[{CODE_ALPHABET}]{{{CODE_LENGTH}}}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ClassCodeConverter, "classcode")

app_name = "classrooms"

urlpatterns = [
    path("teach/password-reset/", auth.password_reset, name="password_reset"),
    path("teach/password-reset/sent/", auth.password_reset_done, name="password_reset_done"),
    path("teach/password-reset/<uidb64>/<token>/", auth.password_reset_confirm, name="password_reset_confirm"),
    path("teach/password-reset/done/", auth.password_reset_complete, name="password_reset_complete"),
    path("teach/login/", auth.staff_login, name="staff_login"),
    path("teach/confirm/", auth.confirm_identity, name="confirm_identity"),
    path("teach/password/", auth.password_change, name="password_change"),
    path("teach/two-factor/", auth.second_factor, name="second_factor"),
    path("teach/two-factor/set-up/", auth.second_factor_enrol, name="second_factor_enrol"),
    path("sign-out/", auth.sign_out, name="sign_out"),
    path("teach/invitations/<str:token>/", auth.accept_invitation, name="accept_invitation"),
    path("teach/", teacher.dashboard, name="dashboard"),
    path("teach/schools/<int:pk>/", teacher.school_detail, name="school"),
    path("teach/schools/<int:pk>/two-factor/", teacher.school_second_factor, name="school_second_factor"),
    path("teach/schools/<int:pk>/staff/<int:member>/remove/", teacher.school_member_remove, name="member_remove"),
    path(
        "teach/schools/<int:pk>/invitations/<int:invitation>/revoke/",
        teacher.school_invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "teach/schools/<int:pk>/classes/<int:classroom>/teachers/<slug:action>/",
        teacher.school_class_teacher,
        name="class_teacher",
    ),
    path("teach/classes/new/", teacher.classroom_create, name="classroom_create"),
    path("teach/classes/<int:pk>/pupils/", teacher.pupils, name="pupils"),
    path("teach/classes/<int:pk>/cards/", teacher.login_cards, name="login_cards"),
    path("teach/classes/<int:pk>/sign-in-number/", teacher.sign_in_board, name="sign_in_board"),
    path("teach/classes/<int:pk>/settings/", teacher.classroom_settings, name="classroom_settings"),
    path("teach/classes/<int:pk>/settings/<slug:action>/", teacher.classroom_action, name="classroom_action"),
    path("teach/classes/<int:pk>/devices/only/", teacher.classroom_devices_only, name="devices_only"),
    path("teach/classes/<int:pk>/devices/<int:device_pk>/revoke/", teacher.device_revoke, name="device_revoke"),
    path("teach/classes/<int:pk>/delete/", teacher.classroom_delete, name="classroom_delete"),
    path("teach/pupils/<int:pk>/", teacher.pupil_detail, name="pupil"),
    path("teach/pupils/<int:pk>/do/<slug:action>/", teacher.pupil_action, name="pupil_action"),
    path("teach/pupils/<int:pk>/delete/", teacher.pupil_delete, name="pupil_delete"),
    path("class/", pupil.pupil_login, name="pupil_login"),
    path("class/card/<str:token>/", pupil.pupil_token_login, name="pupil_token_login"),
    path("class/once/<str:token>/", pupil.pupil_handoff, name="pupil_handoff"),
    path("class/<classcode:code>/", pupil.pupil_names, name="pupil_names"),
    path("class/<classcode:code>/home/", pupil.pupil_home_sign_in, name="pupil_home_sign_in"),
    path("class/<classcode:code>/number/", pupil.pupil_number, name="pupil_number"),
    path("class/<classcode:code>/<int:pupil_pk>/", pupil.pupil_password, name="pupil_password"),
]
