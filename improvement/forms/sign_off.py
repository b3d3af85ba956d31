"""Forms for plan sign-off: putting a version to sign-off, an approver's decision, and the
date an approved version went to Ofsted."""

from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from accounts.models import User
from core.forms import DATE_HINT, USER_PICKER, DateErrorsMixin, GovDateField, GovForm
from core.roles import ALL_ROLES

NOT_AN_APPROVER = "Select approvers from the list: only active users with a role can sign off"


def possible_approvers():
    """Active people holding a role: the director, the lead member, board members."""
    with_role = User.objects.filter(groups__name__in=ALL_ROLES).values("pk")
    return User.objects.filter(is_active=True, pk__in=with_role).order_by("full_name", "email")


class VersionForm(GovForm):
    submit_label = "Put this version to sign-off"

    title = forms.CharField(
        label="Title of this version",
        max_length=200,
        help_text="For example, Version 3 for cabinet, June 2026",
        error_messages={
            "required": "Enter a title for the version",
            "max_length": "Title must be 200 characters or fewer",
        },
    )
    approvers = forms.ModelMultipleChoiceField(
        label="Approvers",
        queryset=User.objects.none(),
        widget=forms.SelectMultiple(attrs=USER_PICKER),
        help_text=(
            "Everyone who must approve it, for example the director of children's services "
            "and the lead member. Start typing a name. You can choose more than one."
        ),
        error_messages={
            "required": "Select at least one approver",
            "invalid_choice": NOT_AN_APPROVER,
            "invalid_pk_value": NOT_AN_APPROVER,
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approvers"].queryset = possible_approvers()
        self.fields["approvers"].label_from_instance = lambda user: (
            f"{user.full_name}, {user.job_title}" if user.job_title else user.full_name
        )


class SignOffDecisionForm(GovForm):
    submit_label = "Save decision"

    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("approve", "Approve this version"), ("return", "Return it with a reason")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you approve or return the version"},
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Needed if you return it. It is e-mailed to the plan manager.",
        error_messages={"max_length": "Reason must be 2,000 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field.radios("decision", legend_size=Size.SMALL), "reason")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "return" and not cleaned.get("reason", "").strip():
            self.add_error("reason", "Enter why you are returning the version")
        return cleaned


class OfstedDateForm(DateErrorsMixin, GovForm):
    submit_label = "Save date"

    sent_on = GovDateField(
        name="the date it went to Ofsted",
        label="Date it went to Ofsted",
        help_text=DATE_HINT,
    )
