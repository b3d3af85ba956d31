from django import forms

from core.forms import GovForm


class ApiTokenForm(GovForm):
    submit_label = "Create token"

    name = forms.CharField(
        label="Name",
        max_length=100,
        help_text="What it is for, so you know which to revoke, for example Power BI board pack",
        error_messages={"required": "Enter a name for the token"},
    )
    expires_days = forms.IntegerField(
        label="Days until it stops working (optional)",
        required=False,
        min_value=1,
        max_value=3650,
        help_text="Leave empty for a token that works until you revoke it",
        error_messages={
            "invalid": "Enter a whole number of days, for example 90",
            "min_value": "Enter a number of days from 1 to 3650",
            "max_value": "Enter a number of days from 1 to 3650",
        },
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
    )
