from django.urls import path

from .views import pupil, school, staff

app_name = "safeguarding"

urlpatterns = [
    path("class/talk/", pupil.talk, name="talk"),
    path("class/talk/sent/<uuid:key>/", pupil.talk_sent, name="talk_sent"),
    path("teach/safeguarding/", staff.queue, name="queue"),
    path("teach/safeguarding/new/", staff.record, name="record"),
    path("teach/safeguarding/<int:pk>/", staff.concern_detail, name="concern"),
    path("teach/safeguarding/<int:pk>/note/", staff.add_note, name="add_note"),
    path("teach/safeguarding/<int:pk>/update/", staff.update, name="update"),
    path("teach/safeguarding/<int:pk>/report/", staff.referral, name="referral"),
    path("teach/safeguarding/<int:pk>/print/", staff.print_view, name="print"),
    path("teach/safeguarding/<int:pk>/delete/", staff.delete, name="delete"),
    path("teach/safeguarding/pupils/<int:pk>/", staff.pupil_chronology, name="pupil_chronology"),
    path("teach/schools/<int:pk>/safeguarding/", school.school_safeguarding, name="school"),
]
