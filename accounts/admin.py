"""Django admin for people, organisations and teams: the IT administrator's tools.

Roles are Django groups (accounts/roles.py); the groups themselves stay in Django's own
Group admin. People sign in with their e-mail address; there is no username.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import Group
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from accounts.invitations import invitation_days, send_invitation
from accounts.models import Organisation, Team, User
from core.roles import ALL_ROLES


def titled(filter_class, title: str):
    """A list filter class showing `title` above its choices instead of the field's name."""

    class Titled(filter_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.title = title

    return Titled


class SignInMethodFilter(admin.SimpleListFilter):
    title = "sign-in method"
    parameter_name = "sign_in"

    def lookups(self, request, model_admin):
        return [("council", "Council account"), ("password", "Password")]

    def queryset(self, request, queryset):
        if self.value() == "council":
            return queryset.filter(oidc_subject__isnull=False)
        if self.value() == "password":
            return queryset.filter(oidc_subject__isnull=True)
        return queryset


class TeamListFilter(admin.RelatedFieldListFilter):
    """Filter by team, reading each team's organisation in the same query (Team.__str__)."""

    def field_choices(self, field, request, model_admin):
        ordering = self.field_admin_ordering(field, request, model_admin) or ()
        teams = Team.objects.select_related("organisation").order_by(*ordering)
        return [(team.pk, str(team)) for team in teams]


def _clean_unique_email(form) -> str:
    """E-mail addresses are unique ignoring case; say so plainly rather than as a constraint."""
    email = User.objects.normalize_email(form.cleaned_data.get("email", "")).strip().lower()
    others = User.objects.filter(email__iexact=email)
    if form.instance.pk:
        others = others.exclude(pk=form.instance.pk)
    if email and others.exists():
        raise forms.ValidationError("A user with this e-mail address already exists.")
    return email


class UserCreateForm(forms.ModelForm):
    """A new person, without a password: they choose one from the invitation e-mailed on save
    (accounts/invitations.py), so no administrator invents, sees or passes one on."""

    class Meta:
        model = User
        fields = ("email", "full_name")

    def clean_email(self):
        return _clean_unique_email(self)

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
            self.save_m2m()
        return user


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = ("email", "full_name")

    def clean_email(self):
        return _clean_unique_email(self)


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    form = UserEditForm
    add_form = UserCreateForm
    list_display = (
        "email",
        "full_name",
        "job_title",
        "organisation",
        "roles",
        "is_staff",
        "is_active",
        "sign_in_method",
        "last_login",
    )
    list_select_related = ("organisation",)
    list_filter = (
        ("groups", titled(admin.RelatedFieldListFilter, "role")),
        "organisation",
        ("teams", TeamListFilter),
        "is_staff",
        "is_active",
        SignInMethodFilter,
    )
    search_fields = ("email", "full_name", "oidc_subject")
    ordering = ("full_name", "email")
    filter_horizontal = ("teams", "groups", "user_permissions")
    readonly_fields = (
        "last_login",
        "date_joined",
        "sign_in_method",
        "oidc_issuer",
        "last_provider_sign_in",
        "mapped_roles",
    )
    actions = ("deactivate", "resend_invitation")
    fieldsets = (
        ("Sign-in", {"fields": ("email", "password")}),
        ("Person", {"fields": ("full_name", "job_title", "organisation", "teams")}),
        (
            "Roles and access",
            {
                "fields": ("groups", "is_staff", "is_active", "is_superuser", "user_permissions"),
                "description": "Roles decide what a person may see and do in the tracker. "
                "Administrator lets them sign in here. Prefer switching a person off "
                "(untick Active) to deleting them.",
            },
        ),
        (
            "Council account (single sign-on)",
            {
                "fields": (
                    "sign_in_method",
                    "oidc_subject",
                    "oidc_issuer",
                    "last_provider_sign_in",
                    "mapped_roles",
                ),
                "description": "A person who signs in with their council account gets their "
                "roles and administrator status from it at every sign-in: change them in "
                "the council's directory (Entra ID), not here. Switching a person off here "
                "stops them signing in either way.",
            },
        ),
        ("Preferences", {"fields": ("wants_reminders", "notice_delivery")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "full_name"),
                "description": "On saving, the person is e-mailed an invitation with a link to "
                f"choose their own password (it works once, for {invitation_days()} days). "
                "You never set or see their password.",
            },
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description="roles")
    def roles(self, obj: User) -> str:
        return ", ".join(sorted(group.name for group in obj.groups.all()))

    @admin.display(description="sign-in method")
    def sign_in_method(self, obj: User) -> str:
        return obj.sign_in_method

    @admin.display(description="roles from the council account")
    def mapped_roles(self, obj: User) -> str:
        """The roles the last sign-in with the council account mapped from its role claim."""
        if not obj.oidc_subject:
            return "None: this person signs in with a password"
        groups = sorted(group.name for group in obj.groups.all() if group.name in ALL_ROLES)
        labels = groups + (["Administrator"] if obj.is_staff else [])
        return ", ".join(labels) or "None (no access yet)"

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = Group.objects.order_by("name")
            kwargs["widget"] = FilteredSelectMultiple("roles", is_stacked=False)
            kwargs["label"] = "Roles"
            kwargs["help_text"] = "What this person does in the tracker. A person can hold several."
        elif db_field.name == "teams":
            kwargs["queryset"] = Team.objects.select_related("organisation")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change and send_invitation(obj, by=request.user):
            self.message_user(
                request, f"An invitation has been e-mailed to {obj.email}.", messages.SUCCESS
            )

    @admin.action(description="Resend invitation to selected users")
    def resend_invitation(self, request, queryset):
        """A new link for each person who has not yet chosen a password (earlier links keep
        working until one is used). People who have one use "Forgotten your password"."""
        sent, skipped = 0, 0
        for user in queryset.order_by("pk"):
            if user.has_usable_password() or not send_invitation(user, by=request.user):
                skipped += 1
                continue
            sent += 1
        self.message_user(
            request, f"Sent {sent} invitation{'s' if sent != 1 else ''}.", messages.SUCCESS
        )
        if skipped:
            self.message_user(
                request,
                f"Not sent to {skipped} user{'s' if skipped != 1 else ''}: already has a "
                "password, is switched off or has no e-mail address. A person with a password "
                "can reset it from the sign-in page.",
                messages.WARNING,
            )

    @admin.action(description="Deactivate selected users")
    def deactivate(self, request, queryset):
        # Save one by one so each change is recorded in the user's history.
        count = 0
        for user in queryset.filter(is_active=True):
            user.is_active = False
            user._history_user = request.user
            user.save(update_fields=["is_active"])
            count += 1
        self.message_user(
            request,
            f"Deactivated {count} user{'s' if count != 1 else ''}. They can no longer sign in.",
            messages.SUCCESS,
        )


class TeamInline(admin.TabularInline):
    model = Team
    fields = ("name", "is_active")
    extra = 0
    show_change_link = True


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "is_active", "team_count", "people_count")
    list_filter = ("kind", "is_active")
    search_fields = ("name",)
    inlines = (TeamInline,)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                team_count=Count("teams", distinct=True),
                people_count=Count("people", distinct=True),
            )
        )

    @admin.display(description="teams", ordering="team_count")
    def team_count(self, obj: Organisation) -> int:
        return obj.team_count

    @admin.display(description="people", ordering="people_count")
    def people_count(self, obj: Organisation) -> int:
        return obj.people_count


@admin.register(Team)
class TeamAdmin(SimpleHistoryAdmin):
    list_display = ("name", "organisation", "is_active", "member_count")
    list_select_related = ("organisation",)
    list_filter = ("organisation", "is_active")
    search_fields = ("name", "organisation__name")
    autocomplete_fields = ("organisation",)

    def get_queryset(self, request):
        # select_related here too: autocomplete results print each team with its organisation.
        return (
            super()
            .get_queryset(request)
            .select_related("organisation")
            .annotate(member_count=Count("members"))
        )

    @admin.display(description="members", ordering="member_count")
    def member_count(self, obj: Team) -> int:
        return obj.member_count
