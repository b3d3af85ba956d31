"""One base form for the whole app: GOV.UK markup through crispy-forms-gds, plus its fixes."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Submit
from django import forms

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
