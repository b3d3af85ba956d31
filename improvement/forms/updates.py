"""Forms an action's leads use: progress updates, date change requests, challenge answers."""

from datetime import date

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from core.forms import GovForm
from improvement.evidence import ALLOWED, check_file_count, check_upload
from improvement.status import DECLARABLE, Status

NARRATIVE_MAX = 10_000
MAX_LINKS = 20

STATUS_HINTS = {
    Status.NOT_STARTED: "Work has not begun.",
    Status.ON_TRACK: "Will meet the current target date.",
    Status.AT_RISK: "Slipping; may miss the target date.",
    Status.OFF_TRACK: "Behind schedule; will miss the target date.",
    Status.COMPLETE: "Done. Attach the evidence: an auditor or plan manager will verify it.",
}


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Any number of files from one input (Django docs, "Uploading multiple files")."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"class": "govuk-file-upload"}))
        # improvement.evidence names the empty file in its message; Django's would not.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, list | tuple) else [data] if data else []
        check_file_count(len(uploads))
        cleaned, errors = [], []
        for upload in uploads:
            try:
                cleaned.append(check_upload(super().clean(upload, initial)))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return cleaned


def files_hint() -> str:
    megabytes = 1024 * 1024
    return (
        "PDF, Word, Excel, PowerPoint, CSV, text, PNG or JPEG, each up to "
        f"{settings.EVIDENCE_MAX_BYTES // megabytes} MB. You can attach up to "
        f"{settings.EVIDENCE_MAX_FILES} files, {settings.REQUEST_MAX_BYTES // megabytes} MB "
        "in all. Evidence must be about the service, not about individual children."
    )


class ProgressUpdateForm(GovForm):
    submit_label = "Post update"
    radio_fields = ("status",)

    narrative = forms.CharField(
        label="What has happened since the last update?",
        help_text="Say what has been done, what difference it has made and what happens next. "
        "Do not include names or details of children or families.",
        max_length=NARRATIVE_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Enter what has happened since the last update",
            "max_length": "The update must be 10,000 characters or fewer (it has %(show_value)s)",
        },
    )
    status = forms.ChoiceField(
        label="Status",
        choices=[Choice(s.value, s.label, hint=STATUS_HINTS[s]) for s in DECLARABLE],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select a status",
            "invalid_choice": "Select a status from the list",
        },
    )
    percent_complete = forms.IntegerField(
        label="Percent complete (optional)",
        help_text="A whole number from 0 to 100.",
        required=False,
        min_value=0,
        max_value=100,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "class": "govuk-input govuk-input--width-3"}
        ),
        error_messages={
            "invalid": "Enter percent complete as a whole number, like 40",
            "min_value": "Percent complete must be 0 or more",
            "max_value": "Percent complete must be 100 or less",
        },
    )
    files = MultipleFileField(
        label="Evidence files (optional)",
        required=False,
    )
    links = forms.CharField(
        label="Links to evidence (optional)",
        help_text="Full web addresses starting with https://, one on each line.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
    )
    seen_update = forms.IntegerField(required=False, widget=forms.HiddenInput)
    conflict_shown = forms.BooleanField(required=False, widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label="I have read my colleague's update and still want to post mine",
        required=False,
        error_messages={
            "required": "Confirm that you have read your colleague's update, "
            "or go back to the action without posting"
        },
    )

    def __init__(self, *args, latest_update_id=None, conflict=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].widget.attrs["accept"] = ",".join(ALLOWED)
        self.fields["files"].help_text = files_hint()
        if not self.is_bound:
            self.initial.setdefault("seen_update", latest_update_id)
        # A colleague posted after this form was opened: the author must say they saw it.
        self.conflict = conflict or (
            self.is_bound and self.data.get("conflict_shown") in ("True", "true", "on", "1")
        )
        fields = [
            Field.textarea(
                "narrative", label_size=Size.SMALL, rows=8, max_characters=NARRATIVE_MAX
            ),
            Field.radios("status", legend_size=Size.SMALL),
            Field.text("percent_complete", label_size=Size.SMALL),
            Field("files", context={"label_size": Size.for_label(Size.SMALL)}),
            Field.textarea("links", label_size=Size.SMALL, rows=3),
            "seen_update",
            "conflict_shown",
        ]
        if self.conflict:
            self.fields["confirm"].required = True
            self.initial["conflict_shown"] = True
            fields.insert(0, Field.checkbox("confirm"))
        self.helper.layout = Layout(*fields)

    @classmethod
    def after_conflict(cls, data, *, newest_id: int) -> "ProgressUpdateForm":
        """The form again, as typed, now asking the author to confirm over `newest_id`."""
        kept = ("narrative", "status", "percent_complete", "links")
        initial = {name: data.get(name, "") for name in kept}
        initial["seen_update"] = newest_id
        return cls(initial=initial, conflict=True)

    def clean_links(self) -> list[str]:
        validate = URLValidator(schemes=["http", "https"])
        links = []
        for number, line in enumerate(self.cleaned_data["links"].splitlines(), start=1):
            link = line.strip()
            if not link:
                continue
            try:
                if len(link) > 1_000:
                    raise ValidationError("too long")
                validate(link)
            except ValidationError:
                raise ValidationError(
                    f"Enter each link as a full web address starting with https://, one on "
                    f"each line (line {number} is not)"
                ) from None
            links.append(link)
        if len(links) > MAX_LINKS:
            raise ValidationError(f"Enter {MAX_LINKS} links or fewer")
        return links


class DateField(DateInputField):
    """GOV.UK date input with messages a person can act on."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for part, name in zip(self.fields, ("day", "month", "year"), strict=True):
            part.validators = []
            part.error_messages["incomplete"] = f"The date must include a {name}"
        self.error_messages.update(
            {"required": "Enter the date", "incomplete": "Enter the day, month and year"}
        )

    def compress(self, data_list):
        day, month, year = data_list
        if not (day and month and year):
            return None
        try:
            return date(int(year), int(month), int(day))
        except (ValueError, OverflowError):
            raise ValidationError("Enter a real date, for example 27 3 2027") from None


class DateChangeRequestForm(GovForm):
    submit_label = "Send request"

    new_date = DateField(
        label="New target date",
        help_text="For example, 27 3 2027",
        require_all_fields=False,
    )
    reason = forms.CharField(
        label="Why does the target date need to change?",
        help_text="The plan manager reads this when deciding, and it is kept with the action.",
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Enter why the target date needs to change",
            "max_length": "The reason must be 2,000 characters or fewer",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_date"].error_messages["required"] = "Enter the new target date"
        self.helper.layout = Layout(
            Field("new_date", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field.textarea("reason", label_size=Size.SMALL, rows=5, max_characters=2_000),
        )

    def clean_new_date(self):
        value = self.cleaned_data.get("new_date")
        if value is not None and not 2000 <= value.year <= 2100:
            raise ValidationError("Enter a year between 2000 and 2100")
        return value


class ChallengeAnswerForm(GovForm):
    submit_label = "Send answer"

    answer = forms.CharField(
        label="Your answer",
        help_text="The scrutiny member who asked, and anyone reading the action, will see it.",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Enter your answer to the challenge",
            "max_length": "The answer must be 10,000 characters or fewer",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.textarea("answer", label_size=Size.SMALL, rows=8, max_characters=10_000)
        )
