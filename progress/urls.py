from django.urls import path

from . import views

app_name = "progress"

urlpatterns = [
    path("teach/classes/<int:pk>/", views.class_progress, name="class_progress"),
    path("teach/classes/<int:pk>/progress.csv", views.class_export, name="class_export"),
    path("teach/classes/<int:pk>/assign/", views.assign, name="assign"),
    path("teach/classes/<int:pk>/lessons/<int:assignment_pk>/", views.assignment_detail, name="assignment"),
    path(
        "teach/classes/<int:pk>/lessons/<int:assignment_pk>/remove/",
        views.assignment_remove,
        name="assignment_remove",
    ),
    path("teach/pupils/<int:pk>/progress/", views.pupil_progress, name="pupil_progress"),
    path("teach/pupils/<int:pk>/export.json", views.pupil_export, name="pupil_export"),
    path("class/my-lessons/", views.my_lessons, name="my_lessons"),
]
