"""The measures register's filters and the lead's value form."""

from django import forms

from core import clock
from core.forms import DATE_INPUT_FORMATS, BoundedDateField, GovForm
from measures.models import Measure
from measures.periods import period_label, recent_periods
from measures.rules_performance import RAG_WORDS
from measures.symbols import Symbol


class MeasureFilterForm(GovForm):
    submit_label = None

    priority = forms.ChoiceField(label="Priority", required=False)
    rag = forms.ChoiceField(
        label="RAG",
        required=False,
        choices=[("", "Any"), *RAG_WORDS.items(), ("none", "No target or no figure")],
    )
    source = forms.ChoiceField(
        label="Source", required=False, choices=[("", "Any source"), *Measure.Source.choices]
    )
    lead = forms.ChoiceField(label="Lead", required=False)
    due = forms.ChoiceField(
        label="Figure due",
        required=False,
        choices=[("", "Either"), ("yes", "Due"), ("no", "Not due")],
    )

    def __init__(self, *args, priorities=(), leads=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].choices = [("", "Any priority")] + [
            (str(p.pk), f"{p.plan.title}: {p}") for p in priorities
        ]
        self.fields["lead"].choices = [("", "Anyone"), ("me", "Measures I lead")] + [
            (str(pk), name) for pk, name in leads
        ]


class MeasureValueForm(GovForm):
    submit_label = "Save the figure"

    period = forms.ChoiceField(label="Period")
    value = forms.DecimalField(
        label="Figure",
        required=False,
        max_digits=16,
        decimal_places=6,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
    )
    symbol = forms.ChoiceField(
        label="Or, why there is no figure",
        required=False,
        choices=[("", "There is a figure"), *Symbol.choices],
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, measure: Measure, **kwargs):
        super().__init__(*args, **kwargs)
        periods = recent_periods(measure.frequency, today=clock.today())
        self.fields["period"].choices = [(f"{p}|{i}", period_label(p, i)) for p, i in periods]
        self.fields[
            "value"
        ].help_text = f"{measure.get_unit_display()}, to {measure.decimal_places} decimal places"

    def clean(self):
        data = super().clean()
        if data.get("value") is None and not data.get("symbol"):
            self.add_error("value", "Enter the figure, or choose why there is none")
        elif data.get("value") is not None and data.get("symbol"):
            self.add_error("symbol", "Choose “There is a figure” when you enter one")
        return data

    def period_parts(self) -> tuple[str, str]:
        time_period, _, identifier = self.cleaned_data["period"].partition("|")
        return time_period, identifier


class AsAtForm(GovForm):
    """A past date to read a measure as it was known then."""

    submit_label = None

    as_at = BoundedDateField(
        label="As at",
        required=False,
        subject="The “as at” date",
        input_formats=DATE_INPUT_FORMATS,
        help_text="The figures known at the end of that day. For example, 31/3/2025",
    )


class ChallengeQuestionForm(GovForm):
    submit_label = "Send your question"

    question = forms.CharField(
        label="Your question for the measure's lead",
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter your question"},
    )


class ChallengeAnswerForm(GovForm):
    submit_label = "Send answer"

    answer = forms.CharField(
        label="Your answer",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter your answer to the challenge"},
    )
