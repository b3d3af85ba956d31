"""The form a plan manager sets a measure's target with: for a period, or from a date on."""

from datetime import timedelta

from django import forms

from core import clock
from core.forms import DateErrorsMixin, GovDateField, GovForm
from measures.models import Measure, Target
from measures.periods import period_label, recent_periods

# How many periods to offer, reaching a year ahead: a target is often set before its period.
OFFERED = {"monthly": 25, "quarterly": 9}


def target_periods(measure: Measure) -> list[tuple[str, str]]:
    """Periods a target may be set for: a year ahead back to a year ago, newest first."""
    ahead = clock.today() + timedelta(days=366)
    count = OFFERED.get(measure.frequency, 4)
    return [
        (f"{p}|{i}", period_label(p, i))
        for p, i in recent_periods(measure.frequency, today=ahead, count=count)
    ]


class TargetForm(DateErrorsMixin, GovForm):
    submit_label = "Save the target"

    applies = forms.ChoiceField(
        label="The target applies",
        widget=forms.RadioSelect,
        choices=[("period", "For one period"), ("from_date", "From a date on")],
        error_messages={"required": "Choose whether the target is for a period or from a date"},
    )
    period = forms.ChoiceField(label="Period", required=False)
    from_date = GovDateField(name="the date the target applies from", label="From", required=False)
    value = forms.DecimalField(
        label="Target",
        max_digits=16,
        decimal_places=6,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
        error_messages={"required": "Enter the target", "invalid": "The target must be a number"},
    )
    tolerance_kind = forms.ChoiceField(
        label="Tolerance",
        widget=forms.RadioSelect,
        choices=Target.Tolerance.choices,
        initial=Target.Tolerance.ABSOLUTE,
        help_text="How far short of the target a figure may be and be amber rather than red.",
    )
    tolerance = forms.DecimalField(
        label="Tolerance band",
        max_digits=16,
        decimal_places=6,
        initial=0,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
        help_text="0 for no amber band. A percentage is of the target, from 0 to 100.",
        error_messages={
            "required": "Enter the tolerance band, or 0 for none",
            "invalid": "The tolerance band must be a number",
        },
    )

    def __init__(self, *args, measure: Measure, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [("", "Choose a period"), *target_periods(measure)]
        self.fields["value"].help_text = measure.get_unit_display()

    def clean(self):
        data = super().clean()
        if data.get("applies") == "period" and not data.get("period"):
            self.add_error("period", "Choose the period the target is for")
        no_date = not data.get("from_date") and "from_date" not in self.errors
        if data.get("applies") == "from_date" and no_date:
            self.add_error("from_date", "Enter the date the target applies from")
        tolerance = data.get("tolerance")
        if tolerance is not None and tolerance < 0:
            self.add_error("tolerance", "The tolerance band cannot be less than 0")
        elif (
            tolerance is not None
            and data.get("tolerance_kind") == Target.Tolerance.PERCENTAGE
            and tolerance > 100
        ):
            self.add_error("tolerance", "A percentage tolerance must be from 0 to 100")
        return data

    def period_parts(self) -> tuple[str, str] | None:
        if self.cleaned_data["applies"] != "period":
            return None
        time_period, _, identifier = self.cleaned_data["period"].partition("|")
        return time_period, identifier

    def starts_on(self):
        if self.cleaned_data["applies"] != "from_date":
            return None
        return self.cleaned_data["from_date"]

    @classmethod
    def initial_for(cls, target: Target) -> dict:
        """The form filled from a saved target, to change it."""
        initial = {
            "value": target.value.normalize(),
            "tolerance": target.tolerance.normalize(),
            "tolerance_kind": target.tolerance_kind,
        }
        if target.period_id:
            period = target.period
            initial.update(
                applies="period", period=f"{period.time_period}|{period.time_identifier}"
            )
        else:
            initial.update(applies="from_date", from_date=target.from_date)
        return initial
