"""Forms of the web import: upload a working document, then confirm what the preview showed."""

from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.conf import settings

from core.forms import GovForm
from improvement.importing import ParseResult, parse_plan_file
from improvement.models import Plan
from improvement.services.imports import PriorityConflict
from improvement.services.imports.priorities import ADD, KEEP, RENAME

ACCEPTED_EXTENSIONS = (".csv", ".xlsx")


def import_max_bytes() -> int:
    return getattr(settings, "IMPORT_MAX_BYTES", 10 * 1024 * 1024)


class PlanImportForm(GovForm):
    submit_label = "Upload and check"

    file = forms.FileField(
        label="Spreadsheet",
        help_text="An Excel workbook (.xlsx) or CSV file, up to 10 MB. The first sheet is read.",
        error_messages={
            "required": "Select a spreadsheet to upload",
            "empty": "The selected file is empty",
        },
    )
    plan_title = forms.CharField(
        label="Title of the new plan",
        required=False,
        max_length=300,
        help_text="For example, Children’s Services Improvement Plan 2026 to 2028",
        error_messages={"max_length": "The title must be 300 characters or fewer"},
    )
    plan = forms.ModelChoiceField(
        label="Or add the actions to an existing plan",
        queryset=Plan.objects.none(),
        required=False,
        empty_label="No, create a new plan",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.exclude(status=Plan.State.CLOSED).order_by(
            "-start_date", "title"
        )
        self.parse_result: ParseResult | None = None
        self.data_bytes = b""

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name or ""
        if not name.lower().endswith(ACCEPTED_EXTENSIONS):
            raise forms.ValidationError("The selected file must be an Excel (.xlsx) or CSV file")
        if upload.size > import_max_bytes():
            raise forms.ValidationError("The selected file must be smaller than 10 MB")
        data = upload.read()
        # The content decides: a renamed PDF or an empty file is refused here, beside the field.
        result = parse_plan_file(data, name)
        whole_file = [problem.message for problem in result.problems if problem.row is None]
        if whole_file:
            raise forms.ValidationError(whole_file)
        self.parse_result, self.data_bytes = result, data
        return upload

    def clean(self):
        data = super().clean()
        title = " ".join((data.get("plan_title") or "").split())
        plan = data.get("plan")
        if plan and title:
            self.add_error(
                "plan_title",
                "Enter a title for a new plan or choose an existing plan, not both",
            )
        elif not plan and not title and "plan_title" not in self.errors:
            self.add_error(
                "plan_title", "Enter a title for the new plan, or choose a plan to add to"
            )
        elif title and Plan.objects.filter(title__iexact=title).exists():
            self.add_error(
                "plan_title",
                f"A plan called “{title}” already exists. Choose it from the list to add to it, "
                "or enter another title",
            )
        data["plan_title"] = title
        return data


class ImportConfirmForm(GovForm):
    """Confirm the preview: skip the rows with problems, and say what to do with each of the
    file's priorities that the plan numbers the same but titles differently."""

    submit_label = "Import the plan"

    skip_problem_rows = forms.BooleanField(required=False)

    def __init__(self, *args, problem_rows: int, conflicts: list[PriorityConflict] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.problem_rows = problem_rows
        self.conflicts = list(conflicts)
        if problem_rows:
            rows = "row" if problem_rows == 1 else "rows"
            skip = self.fields["skip_problem_rows"]
            skip.label = f"Skip the {problem_rows:,} {rows} with problems"
        else:
            del self.fields["skip_problem_rows"]
        for conflict in self.conflicts:
            self.fields[conflict.field_name] = _priority_choice(conflict)
        self.helper.layout = Layout(
            *[Field.radios(c.field_name, legend_size=Size.SMALL) for c in self.conflicts],
            *(["skip_problem_rows"] if problem_rows else []),
        )

    def clean(self):
        data = super().clean()
        if self.problem_rows and not data.get("skip_problem_rows"):
            label = self.fields["skip_problem_rows"].label
            self.add_error("skip_problem_rows", f"Select “{label}”, or upload a corrected file")
        return data

    @property
    def priority_choices(self) -> dict[int, str]:
        """Priority number -> what to do with it, for plan_import."""
        return {c.number: self.cleaned_data[c.field_name] for c in self.conflicts}


def _priority_choice(conflict: PriorityConflict) -> forms.ChoiceField:
    n, plan_title, file_title = conflict.number, conflict.plan_title, conflict.file_title
    actions = f"{conflict.actions:,} action{'s' if conflict.actions != 1 else ''}"
    return forms.ChoiceField(
        label=f"Priority {n}: the plan has “{plan_title}”, the file has “{file_title}”",
        help_text=f"Row {conflict.row}. The file has {actions} under this priority.",
        choices=[
            (RENAME, f"Rename the plan’s priority {n} to “{file_title}” and add the actions to it"),
            (ADD, f"Add “{file_title}” as a new priority, numbered after the plan’s last"),
            (KEEP, f"Add the actions to the plan’s priority {n} “{plan_title}” as it is"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": f"Choose what to do with priority {n} “{file_title}”",
            "invalid_choice": f"Choose what to do with priority {n} “{file_title}”",
        },
    )
