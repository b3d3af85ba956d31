"""URLs for meeting packs: signed-in pages, and the public page of a published version."""

from django.urls import path

from meetings import views_packs

urlpatterns = [
    path("meetings/<int:pk>/packs/", views_packs.meeting_packs, name="meeting_packs"),
    path(
        "meetings/<int:pk>/packs/<int:plan_pk>/",
        views_packs.meeting_pack_preview,
        name="meeting_pack_preview",
    ),
    path("packs/<int:pk>/", views_packs.pack_detail, name="pack_detail"),
    path("packs/<int:pk>/withdraw/", views_packs.pack_withdraw, name="pack_withdraw"),
    path("packs/<int:pk>/pack.pdf", views_packs.pack_pdf, name="pack_pdf"),
    path("packs/<int:pk>/pack.xlsx", views_packs.pack_xlsx, name="pack_xlsx"),
    path("public/packs/<uuid:uuid>/", views_packs.public_pack, name="public_pack"),
    path("public/packs/<uuid:uuid>/pack.pdf", views_packs.public_pack_pdf, name="public_pack_pdf"),
    path(
        "public/packs/<uuid:uuid>/pack.xlsx",
        views_packs.public_pack_xlsx,
        name="public_pack_xlsx",
    ),
]
