"""The exceptions list's filter (a GET form)."""

from django import forms

from core.forms import GovForm
from improvement.selectors.exceptions import KINDS


class ExceptionFilterForm(GovForm):
    submit_label = None

    kind = forms.ChoiceField(
        label="Exception",
        required=False,
        choices=[("", "Any exception"), *((kind.key, kind.label) for kind in KINDS)],
    )
