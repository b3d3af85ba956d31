"""The dashboard, across plans and for one plan, "as at" a date the reader picks."""

import re
from datetime import date, timedelta
from urllib.parse import urlencode

from crispy_forms_gds.widgets import DateInputWidget
from django import forms
from django.shortcuts import render

from core.access import get_visible_or_404, require
from core.clock import today
from core.forms import DateErrorsMixin, GovDateField, GovForm
from improvement import charts
from improvement.models import Plan
from improvement.panels import dashboard_panels
from improvement.selectors.dashboard.page import dashboard as dashboard_data
from improvement.selectors.plan_scope import PARAMS, PlanScope

SINCE_DAYS = 30


class ShareableDateWidget(DateInputWidget):
    """The GOV.UK date input (as_at_0, as_at_1, as_at_2 for day, month and year) that also
    reads the one parameter shared links carry (as_at=2026-03-31 or as_at=31/3/2026)."""

    def value_from_datadict(self, data, files, name):
        whole = data.get(name)
        if whole is None:
            return super().value_from_datadict(data, files, name)
        whole = whole.strip()
        for pattern, order in ((ISO_DATE, (2, 1, 0)), (UK_DATE, (0, 1, 2))):
            if match := pattern.fullmatch(whole):
                return [match[i + 1] for i in order]  # day, month, year
        return [whole, whole, whole] if whole else ["", "", ""]  # each part "must be real"


ISO_DATE = re.compile(r"(\d{1,4})-(\d{1,2})-(\d{1,2})")
UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _date_field(label: str, help_text: str, name: str) -> GovDateField:
    return GovDateField(
        name=name, label=label, help_text=help_text, required=False, widget=ShareableDateWidget
    )


class AsAtForm(DateErrorsMixin, GovForm):
    """The reader's dates. A GET form: the figures are a URL people can share."""

    submit_label = None  # the template draws the button: a GET form needs no name on it
    as_at = _date_field(
        "Status as at", "Today, or a past date. For example, 31 3 2026", "the 'status as at' date"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.form_method = "get"
        self.helper.disable_csrf = True  # never put the CSRF token in a shareable URL

    def clean_as_at(self):
        day = self.cleaned_data.get("as_at")
        if day and day > today():
            raise forms.ValidationError("Enter a date that is today or in the past")
        return day


class DashboardForm(AsAtForm):
    since = _date_field(
        "Changes since",
        "For example, the date of the last committee meeting. Leave it empty for the 30 days "
        "before the 'status as at' date.",
        "the 'changes since' date",
    )

    def clean(self):
        data = super().clean()
        day, since = data.get("as_at") or today(), data.get("since")
        if since and since >= day:
            self.add_error("since", "Enter a date before the 'status as at' date")
        return data


def read_dates(request, form_class=DashboardForm) -> tuple[AsAtForm, date, date]:
    """The form and the dates to use: today and 30 days before unless the reader chose
    others. A malformed date is reported beside its field and the default is used."""
    day = today()
    form = form_class(request.GET or None)
    if form.is_bound:
        form.is_valid()
        day = form.cleaned_data.get("as_at") or day
    since = (form.cleaned_data.get("since") if form.is_bound else None) or day - timedelta(
        days=SINCE_DAYS
    )
    if since >= day:
        since = day - timedelta(days=SINCE_DAYS)
    if not form.is_bound:
        # "Changes since" starts empty so that moving the "as at" date alone just works.
        form = form_class(initial={"as_at": day})
    return form, day, since


def carried_dates(request, day: date) -> str:
    """The dates to keep when the reader moves to another plan: the "as at" date, and the
    "changes since" date only if they chose one."""
    form = DashboardForm(request.GET or None)
    since = form.cleaned_data.get("since") if form.is_bound and form.is_valid() else None
    return urlencode(
        {"as_at": f"{day:%Y-%m-%d}", **({"since": f"{since:%Y-%m-%d}"} if since else {})}
    )


def plan_scope_links(params, scope: PlanScope) -> list[tuple[str, str]]:
    """(label, URL) to include or leave out draft and closed plans, keeping the other
    GET parameters (but not the page number)."""
    links = []
    for state, included in (("draft", scope.draft), ("closed", scope.closed)):
        query = params.copy()
        query.pop("page", None)
        name = PARAMS[state]
        if included:
            query.pop(name, None)
        else:
            query[name] = "1"
        verb = "Leave out" if included else "Include"
        links.append((f"{verb} {state} plans", "?" + query.urlencode()))
    return links


def _render(request, plan):
    require(request.user, "improvement.read")
    form, day, since = read_dates(request)
    chosen = form.cleaned_data.get("since") if form.is_bound and form.is_valid() else None
    scope = PlanScope.from_params(request.GET)
    data = dashboard_data(
        request.user, plan=plan, day=day, since=since, changes_since=chosen and since, scope=scope
    )
    breakdown = data.breakdown
    by = "priority" if plan else "plan"
    trend_chart = charts.status_columns(
        "trend-chart", "Actions by status at each month end", data.trend
    )
    context = {
        "data": data,
        "form": form,
        "plan": plan,
        "linked": data.is_today,
        "status_chart": charts.status_bars(
            "status-chart", f"Actions by status for each {by}", breakdown.rows
        ),
        "total_chart": charts.status_bars(
            "total-chart", "All actions by status", [breakdown.total]
        ),
        "trend_chart": trend_chart,
        "trend_rows": [
            (point.day, [point.counts[status] for status, _ in trend_chart.legend], point.total)
            for point in data.trend
        ],
        "show_plan": plan is None,
        "carried": carried_dates(request, day),
        "scope_links": plan_scope_links(request.GET, scope),
        "journey_chart": charts.grade_timeline(
            "journey-chart", "Inspection judgements over time", data.journey
        ),
        "panels": dashboard_panels(
            request.user,
            plan=plan,
            plans=[plan] if plan else scope.plans(data.plans),
            day=day,
            is_today=data.is_today,
        ),
    }
    return render(request, "improvement/dashboard/dashboard.html", context)


def dashboard(request):
    """Every plan the reader may see, together."""
    return _render(request, None)


def plan_dashboard(request, pk: int):
    """One plan, priority by priority."""
    require(request.user, "improvement.read")
    plan = get_visible_or_404(Plan.objects, request.user, pk=pk)
    return _render(request, plan)
