"""Forms for recording inspections and their judgements."""

from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.core.exceptions import ValidationError

from core.forms import DateErrorsMixin, GovDateField, GovForm, GovModelForm
from inspections.models import Inspection, Judgement, JudgementArea


class InspectionForm(DateErrorsMixin, GovModelForm):
    submit_label = "Save inspection"

    start_date = GovDateField(name="the date the inspection started", label="Start date")
    end_date = GovDateField(
        name="the date the inspection ended", label="End date (optional)", required=False
    )
    published_on = GovDateField(
        name="the date the report was published",
        label="Date the report was published (optional)",
        required=False,
        help_text="The plan due date is counted from this date. For example, 27 3 2026",
    )

    class Meta:
        model = Inspection
        fields = [
            "kind",
            "title",
            "body",
            "start_date",
            "end_date",
            "published_on",
            "lead_inspector",
            "summary",
            "report_url",
            "has_priority_actions",
            "is_confidential",
        ]
        labels = {
            "kind": "Kind of inspection or review",
            "body": "Carried out by",
            "lead_inspector": "Lead inspector or chair (optional)",
            "summary": "Summary (optional)",
            "report_url": "Link to the report (optional)",
            "has_priority_actions": "The visit found areas for priority action (an early "
            "draft plan is then due within 20 working days)",
            "is_confidential": "Confidential: the report is not published (scrutiny members "
            "will not see it, its recommendations, or the actions that answer only it)",
        }
        help_texts = {"has_priority_actions": "", "is_confidential": ""}
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "report_url": forms.URLInput(attrs={"class": "govuk-input", "spellcheck": "false"}),
        }
        error_messages = {
            "kind": {"required": "Select the kind of inspection or review"},
            "title": {
                "required": "Enter a title",
                "max_length": "Title must be 300 characters or fewer",
            },
            "body": {"required": "Enter who carried it out, for example Ofsted"},
            "report_url": {"invalid": "Enter a link in the correct format, like https://..."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Select a kind"), *Inspection.Kind.choices]
        self.helper.layout = Layout(
            "kind",
            "title",
            "body",
            "start_date",
            "end_date",
            "published_on",
            "lead_inspector",
            "summary",
            "report_url",
            Field.checkbox("has_priority_actions", small=True),
            Field.checkbox("is_confidential", small=True),
        )
        # The judgements formset sits between these fields and the button.
        self.helper.inputs = []

    def clean(self):
        cleaned = super().clean()
        start, end, published = (
            cleaned.get("start_date"),
            cleaned.get("end_date"),
            cleaned.get("published_on"),
        )
        if start and end and end < start:
            self.add_error("end_date", "End date must be the same as or after the start date")
        if start and published and published < start:
            self.add_error(
                "published_on", "Date the report was published must be on or after the start date"
            )
        return cleaned

    def inspection_fields(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


class InspectionEditForm(InspectionForm):
    """Edit an inspection: carries the version it was loaded with."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta(InspectionForm.Meta):
        fields = [*InspectionForm.Meta.fields, "version"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout.append("version")


GRADE_CHOICES = [("", "Not judged"), *Judgement.Grade.choices]


class JudgementForm(GovForm):
    """One judgement area and its grade; the label is the area's name."""

    submit_label = None

    area = forms.ModelChoiceField(queryset=JudgementArea.objects.all(), widget=forms.HiddenInput)
    grade = forms.TypedChoiceField(
        choices=GRADE_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": "Select a grade from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        area = self.initial.get("area")
        if isinstance(area, JudgementArea):
            self.fields["grade"].label = area.name[0].upper() + area.name[1:]
        self.helper.layout = Layout("area", Field.select("grade"))


class BaseJudgementFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        areas = [form.cleaned_data.get("area") for form in self.forms if form.cleaned_data]
        if len(areas) != len(set(areas)):
            raise ValidationError("Each judgement area can be graded only once")

    def grades(self) -> dict:
        return {
            form.cleaned_data["area"]: form.cleaned_data.get("grade")
            for form in self.forms
            if "area" in form.cleaned_data
        }


JudgementFormSet = forms.formset_factory(
    JudgementForm, formset=BaseJudgementFormSet, extra=0, max_num=50, validate_max=True
)


def judgement_initial(inspection: Inspection | None) -> list[dict]:
    """One row per active judgement area, plus any retired area this inspection was graded on."""
    grades = {}
    if inspection is not None and inspection.pk:
        grades = {j.area_id: j.grade for j in inspection.judgements.all()}
    areas = JudgementArea.objects.filter(is_active=True) | JudgementArea.objects.filter(
        pk__in=list(grades)
    )
    return [
        {"area": area, "grade": grades.get(area.pk)} for area in areas.order_by("order", "name")
    ]


def judgement_formset(data=None, *, inspection: Inspection | None = None) -> JudgementFormSet:
    return JudgementFormSet(data, initial=judgement_initial(inspection), prefix="judgements")
