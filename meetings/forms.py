"""Forms for bodies, their members, meetings and what a meeting records."""

from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.db.models import Q

from accounts.models import User
from core.forms import USER_PICKER, DateErrorsMixin, GovDateField, GovForm, GovModelForm
from improvement.models import Plan
from measures.models import Measure
from meetings.models import Attendance, Body, Meeting

# Progressively enhanced into a type-ahead by static/js/user-picker.js (a plain select
# without JavaScript), as on the action form.


def people():
    """Active users with a role: who may be named as a member or an owner."""
    with_role = Q(groups__isnull=False) | Q(is_superuser=True)
    return User.objects.filter(
        pk__in=User.objects.filter(with_role, is_active=True).values("pk")
    ).order_by("full_name", "email")


def person_with_account(label: str, invalid_choice: str) -> forms.ModelChoiceField:
    """A picker of someone who signs in here (its queryset is set by the form), optional."""
    return forms.ModelChoiceField(
        label=label,
        queryset=User.objects.none(),
        required=False,
        empty_label="Nobody with an account",
        widget=forms.Select(attrs=USER_PICKER),
        help_text="Start typing a name to find someone who signs in here.",
        error_messages={"invalid_choice": invalid_choice},
    )


def _person(user) -> str:
    name = user.full_name or user.email
    return f"{name}, {user.job_title}" if user.job_title else name


class BodyForm(GovModelForm):
    submit_label = "Save"

    class Meta:
        model = Body
        fields = ["name", "kind", "plans", "measures"]
        labels = {
            "name": "Name",
            "kind": "Kind of body",
            "plans": "Plans it oversees",
            "measures": "Measures it oversees",
        }
        help_texts = {"name": "For example, Northdale Improvement Board"}
        widgets = {
            "plans": forms.CheckboxSelectMultiple,
            "measures": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "name": {
                "required": "Enter the body's name",
                "unique": "There is already a body with this name",
            },
            "kind": {"required": "Choose the kind of body"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].empty_label = "Choose a kind"
        self.fields["plans"].queryset = Plan.objects.order_by("title")
        self.fields["measures"].queryset = Measure.objects.order_by("reference")
        self.fields["measures"].label_from_instance = lambda m: f"{m.reference}: {m.title}"
        self.helper.layout = Layout(*self.layout_fields())

    def layout_fields(self) -> list:
        return [
            "name",
            "kind",
            Field.checkboxes("plans", small=True, legend_size=Size.SMALL),
            Field.checkboxes("measures", small=True, legend_size=Size.SMALL),
        ]


class BodyEditForm(BodyForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta(BodyForm.Meta):
        fields = [*BodyForm.Meta.fields, "version"]

    def layout_fields(self) -> list:
        return [*super().layout_fields(), "version"]


class MemberForm(GovForm):
    submit_label = "Add member"

    user = person_with_account("Person", "Choose a person from the list")
    name = forms.CharField(
        label="Or, the name of someone without an account",
        required=False,
        max_length=200,
        help_text="As written in the minutes, for example Cllr Jane Doe or a co-opted member.",
    )
    role = forms.CharField(
        label="Role on the body (optional)",
        required=False,
        max_length=200,
        help_text="For example, chair, vice-chair or co-optee.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people()
        self.fields["user"].label_from_instance = _person

    def clean(self):
        data = super().clean()
        if not data.get("user") and not (data.get("name") or "").strip():
            self.add_error("user", "Choose a person, or enter a name")
        elif data.get("user") and (data.get("name") or "").strip():
            self.add_error("name", "Leave the name blank when you choose a person")
        return data


class MeetingForm(DateErrorsMixin, GovModelForm):
    submit_label = "Save meeting"

    date = GovDateField(name="the meeting's date", label="Date")
    papers_date = GovDateField(
        name="the papers date",
        label="Papers date",
        help_text="The day the papers are written: the pack is as at this date. "
        "For example, 27 3 2026",
    )
    start_time = forms.TimeField(
        label="Start time (optional)",
        required=False,
        input_formats=["%H:%M", "%H.%M", "%H%M"],
        help_text="On the 24-hour clock, for example 10:30 or 18:00",
        widget=forms.TimeInput(format="%H:%M", attrs={"class": "govuk-input--width-5"}),
        error_messages={"invalid": "Enter the start time like 10:30"},
    )

    class Meta:
        model = Meeting
        fields = ["date", "start_time", "venue", "online_link", "papers_date"]
        labels = {"venue": "Venue (optional)", "online_link": "Online link (optional)"}
        help_texts = {
            "venue": "A room, or Online.",
            "online_link": "The address to join online, starting https://",
        }
        error_messages = {"online_link": {"invalid": "Enter the online link as a web address"}}

    def clean(self):
        data = super().clean()
        day, papers = data.get("date"), data.get("papers_date")
        if day and papers and papers > day:
            self.add_error("papers_date", "The papers date must be on or before the meeting")
        return data


class MeetingEditForm(MeetingForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta(MeetingForm.Meta):
        fields = [*MeetingForm.Meta.fields, "version"]


class AttendanceForm(GovForm):
    """A radio group per member, and the others attending, one name a line."""

    submit_label = "Save attendance"

    others = forms.CharField(
        label="Others attending (optional)",
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Officers and guests, one name a line, for example Director of "
        "Children's Services.",
    )

    def __init__(self, *args, members, recorded: dict, others: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = list(members)
        for member in self.members:
            self.fields[f"member_{member.pk}"] = forms.ChoiceField(
                label=member.display_name + (f" ({member.role})" if member.role else ""),
                choices=Attendance.Status.choices,
                widget=forms.RadioSelect,
                initial=recorded.get(member.pk, Attendance.Status.PRESENT),
                error_messages={"required": f"Choose whether {member.display_name} attended"},
            )
        self.fields["others"].initial = "\n".join(others)
        self.helper.layout = Layout(
            *[
                Field.radios(f"member_{m.pk}", inline=True, small=True, legend_size=Size.SMALL)
                for m in self.members
            ],
            "others",
        )

    def statuses(self) -> dict:
        return {m: self.cleaned_data[f"member_{m.pk}"] for m in self.members}

    def other_names(self) -> list[str]:
        return self.cleaned_data["others"].splitlines()


class DecisionForm(GovForm):
    submit_label = "Add decision"

    text = forms.CharField(
        label="Decision",
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="As the minutes word it. It is numbered after the meeting's last decision.",
        error_messages={"required": "Enter the decision"},
    )


class ArisingForm(DateErrorsMixin, GovForm):
    submit_label = "Add action arising"

    text = forms.CharField(
        label="Action arising",
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what the meeting asked for"},
    )
    owner = person_with_account("Owner", "Choose the owner from the list")
    owner_name = forms.CharField(
        label="Or, the owner's name if they have no account",
        required=False,
        max_length=200,
    )
    due_on = GovDateField(name="the due date", label="Due date")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people()
        self.fields["owner"].label_from_instance = _person


class ArisingCloseForm(DateErrorsMixin, GovForm):
    submit_label = "Close action arising"

    closed_on = GovDateField(name="the date it was done", label="Date it was done")
    note = forms.CharField(
        label="Closing note",
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What was done, for the next meeting's papers.",
        error_messages={"required": "Enter a closing note"},
    )


class ChallengeLinkForm(GovForm):
    submit_label = "Save challenges"

    challenges = forms.ModelMultipleChoiceField(
        label="Challenges raised at this meeting",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Challenges raised in the 90 days before the meeting.",
    )

    def __init__(self, *args, challenges, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["challenges"].queryset = challenges
        self.fields["challenges"].label_from_instance = _challenge_label
        self.helper.layout = Layout(
            Field.checkboxes("challenges", small=True, legend_size=Size.SMALL)
        )


def _challenge_label(challenge) -> str:
    subject = challenge.action or challenge.recommendation
    question = (
        challenge.question if len(challenge.question) < 120 else challenge.question[:117] + "…"
    )
    return f"{question} (on {str(subject)[:60]}, {challenge.raised_at:%-d %b %Y})"
