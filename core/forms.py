"""One base form for the whole app: GOV.UK markup through crispy-forms-gds, plus its fixes.

Also what every app's forms share: the GOV.UK date input (`GovDateField`), the date formats
typed dates are read in, and `add_errors`, which puts a service's ValidationError on a form.
"""

from datetime import date

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

# Dates typed into one box (filters, the audit trail's search), most common first.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y"]
DATE_HINT = "For example, 27 3 2026"
# Every date a person types or puts in a URL is refused outside these (as the importer
# does): 1 January of year 1 or 31 December 9999 overflow the first date sum made on them.
EARLIEST_DATE = date(1990, 1, 1)
LATEST_DATE = date(2099, 12, 31)
# A select of people that static/js/user-picker.js turns into an accessible autocomplete.
USER_PICKER = {"data-module": "app-user-picker", "class": "govuk-select app-user-picker"}

# crispy-forms-gds marks only TextInput, Select and Textarea as in error; GOV.UK Frontend
# wants the right error class on every kind of input.
ERROR_CLASSES = {
    forms.Textarea: "govuk-textarea--error",
    forms.Select: "govuk-select--error",
    forms.ClearableFileInput: "govuk-file-upload--error",
    forms.FileInput: "govuk-file-upload--error",
    forms.widgets.Input: "govuk-input--error",
}


def error_class_for(widget: forms.Widget) -> str | None:
    if isinstance(widget, forms.RadioSelect | forms.CheckboxInput | forms.CheckboxSelectMultiple):
        return None
    for widget_type, css_class in ERROR_CLASSES.items():
        if isinstance(widget, widget_type):
            return css_class
    return None


class GovFormMixin:
    """Gives a form a crispy helper with one submit button and correct error styling."""

    submit_label = "Save"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        if self.submit_label:
            self.helper.add_input(Submit("submit", self.submit_label))

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            field = self.fields.get(name)
            css_class = field and error_class_for(field.widget)
            if css_class and css_class not in field.widget.attrs.get("class", ""):
                field.widget.attrs["class"] = (
                    f"{field.widget.attrs.get('class', '')} {css_class}".strip()
                )


class GovForm(GovFormMixin, forms.Form):
    pass


class GovModelForm(GovFormMixin, forms.ModelForm):
    pass


def check_date_in_range(day: date | None, subject: str = "The date") -> None:
    """Refuse a date outside EARLIEST_DATE to LATEST_DATE, naming it as `subject`."""
    if day is not None and not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValidationError(
            f"{subject} must be between {EARLIEST_DATE.day} {EARLIEST_DATE:%B %Y} and "
            f"{LATEST_DATE.day} {LATEST_DATE:%B %Y}",
            code="out_of_range",
        )


class BoundedDateField(forms.DateField):
    """A date typed into one box (a filter, an "as at" date in a URL), within the range."""

    def __init__(self, *, subject: str = "The date", **kwargs):
        super().__init__(**kwargs)
        self.subject = subject

    def validate(self, value):
        super().validate(value)
        check_date_in_range(value, self.subject)


class GovDateField(DateInputField):
    """A GOV.UK date input (day, month, year) whose messages name the date being asked for.

    `name` is how messages refer to it ("the target date"); a missing part, a non-number
    or an impossible date each get their own message, beside the field.
    """

    def __init__(self, *, name: str, required: bool = True, **kwargs):
        kwargs.setdefault("help_text", DATE_HINT)
        super().__init__(required=required, require_all_fields=False, **kwargs)
        subject = name[0].upper() + name[1:]
        self.error_messages["required"] = f"Enter {name}"
        self.error_messages["incomplete"] = f"Enter {name}"
        real = f"{subject} must be a real date"
        for part, sub in zip(("day", "month", "year"), self.fields, strict=True):
            sub.error_messages["incomplete"] = f"{subject} must include a {part}"
            sub.validators = [RegexValidator(r"^\s*[0-9]+\s*$", real)]
        self.subject = subject

    def compress(self, data_list):
        day, month, year = (str(part or "").strip() for part in data_list)
        if not (day and month and year):
            return None
        if len(year) != 4:
            raise ValidationError(f"{self.subject} must include a year with 4 numbers")
        try:
            value = date(int(year), int(month), int(day))
        except ValueError as exc:
            raise ValidationError(f"{self.subject} must be a real date") from exc
        check_date_in_range(value, self.subject)
        return value


class DateErrorsMixin:
    """Marks each part of a date input in error, which the base form cannot do for MultiWidgets."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            field = self.fields.get(name)
            if isinstance(field, DateInputField):
                for widget in field.widget.widgets:
                    css = widget.attrs.get("class", "")
                    if "govuk-input--error" not in css:
                        widget.attrs["class"] = f"{css} govuk-input--error".strip()


def add_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: beside its field when the form has one."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages in error.message_dict.items():
        form.add_error(name if name in form.fields else None, messages)
