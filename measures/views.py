"""The measures pages: register, measure, value entry, export. Thin: fetch, check, call."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from core import clock
from core.access import get_allowed_or_404, get_selected_or_404, require
from core.downloads import csv_lines, csv_response
from core.forms import add_errors
from core.pagination import paginate
from core.views import posted
from measures import pages
from measures.chart import measure_chart
from measures.exports import COLUMNS, tidy_rows, tidy_xlsx
from measures.forms import AsAtForm, MeasureFilterForm, MeasureValueForm
from measures.models import Measure
from measures.services.values import measure_value_record
from measures.symbols import Symbol

PER_PAGE = 50


def measure_list(request):
    require(request.user, "measures.read")
    priorities, leads = pages.register_choices(request.user)
    form = MeasureFilterForm(request.GET or None, priorities=priorities, leads=leads)
    filters = form.cleaned_data if form.is_valid() else {}
    if pages.needs_every_summary(filters):
        summaries = pages.register_summaries(request.user, filters=filters, today=clock.today())
        page = paginate(request, summaries, PER_PAGE)
    else:  # summarise only the page shown
        page = paginate(request, pages.register_measures(request.user, filters=filters), PER_PAGE)
        page.object_list = pages.summaries_for(list(page.object_list), today=clock.today())
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "measures/measure_list.html",
        {
            "form": form,
            "page_obj": page,
            "elided_page_range": page.elided_page_range,
            "querystring": query.urlencode(),
            "filtered": bool(query),
        },
    )


def measure_detail(request, pk: int):
    require(request.user, "measures.read")
    form = AsAtForm(request.GET or None)
    as_at = None
    if form.is_valid() and form.cleaned_data.get("as_at"):
        as_at = clock.end_of_day(form.cleaned_data["as_at"])
    page = get_selected_or_404(
        pages.measure_page, request.user, pk, today=clock.today(), as_at=as_at
    )
    symbols = {c.symbol for p in page.figures.periods for c in _cells(p) if c.symbol}
    return render(
        request,
        "measures/measure_detail.html",
        {
            "page": page,
            "measure": page.measure,
            "summary": page.summary,
            "chart": measure_chart(page.figures),
            "periods": list(reversed(page.figures.periods)),
            "symbols": [(code, Symbol(code).label) for code in sorted(symbols)],
            "neighbours": sorted(
                page.summary.latest.neighbours.values() if page.summary.latest else (),
                key=lambda cell: cell.area_name,
            ),
            "as_at_form": form,
            "as_at": as_at,
        },
    )


def _cells(period):
    cells = [period.council, period.england, period.region, *period.neighbours.values()]
    return [cell for cell in cells if cell is not None]


def measure_value_enter(request, pk: int):
    measure = get_allowed_or_404(Measure.objects, request.user, "measures.enter_value", pk=pk)
    form = MeasureValueForm(posted(request), measure=measure)
    if form.is_valid():
        time_period, identifier = form.period_parts()
        try:
            measure_value_record(
                measure=measure,
                time_period=time_period,
                time_identifier=identifier,
                value=form.cleaned_data["value"],
                symbol=form.cleaned_data["symbol"],
                note=form.cleaned_data["note"],
                user=request.user,
                at=timezone.now(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "The figure was saved")
            return redirect("measure_detail", pk=measure.pk)
    return render(request, "measures/value_form.html", {"form": form, "measure": measure})


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def measure_export_xlsx(request):
    require(request.user, "measures.read")
    workbook = tidy_xlsx(Measure.objects.visible_to(request.user))
    return FileResponse(workbook, as_attachment=True, filename="measures.xlsx", content_type=XLSX)


def measure_export_csv(request):
    require(request.user, "measures.read")
    rows = tidy_rows(Measure.objects.visible_to(request.user))
    return csv_response(csv_lines(rows, header=COLUMNS), "measures.csv")
