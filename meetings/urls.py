"""The bodies and meetings pages, and the members' calendar feeds."""

from django.urls import path

from meetings import views_bodies, views_meetings

urlpatterns = [
    path("bodies/", views_bodies.body_list, name="body_list"),
    path("bodies/new/", views_bodies.body_create, name="body_create"),
    path("bodies/<int:pk>/", views_bodies.body_detail, name="body_detail"),
    path("bodies/<int:pk>/edit/", views_bodies.body_edit, name="body_edit"),
    path("bodies/<int:pk>/members/new/", views_bodies.body_member_add, name="body_member_add"),
    path(
        "bodies/members/<int:pk>/remove/",
        views_bodies.body_member_remove,
        name="body_member_remove",
    ),
    path(
        "bodies/<int:pk>/calendar/renew/",
        views_bodies.body_calendar_renew,
        name="body_calendar_renew",
    ),
    path("bodies/<int:pk>/meetings/new/", views_meetings.meeting_create, name="meeting_create"),
    path("calendar/<str:token>.ics", views_bodies.body_calendar, name="body_calendar"),
    path("meetings/", views_meetings.meeting_list, name="meeting_list"),
    path("meetings/<int:pk>/", views_meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views_meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/status/", views_meetings.meeting_status, name="meeting_status"),
    path(
        "meetings/<int:pk>/attendance/",
        views_meetings.meeting_attendance,
        name="meeting_attendance",
    ),
    path(
        "meetings/<int:pk>/decisions/new/",
        views_meetings.meeting_decision_add,
        name="meeting_decision_add",
    ),
    path(
        "meetings/<int:pk>/actions-arising/new/",
        views_meetings.meeting_arising_add,
        name="meeting_arising_add",
    ),
    path(
        "meetings/<int:pk>/challenges/",
        views_meetings.meeting_challenges,
        name="meeting_challenges",
    ),
    path("actions-arising/<int:pk>/close/", views_meetings.arising_close, name="arising_close"),
]
