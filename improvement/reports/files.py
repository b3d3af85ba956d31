"""The pack's two files, the same whether a page or a background job asks for them."""

from improvement import charts
from improvement.reports.pack import ReportPack


def pack_charts(pack: ReportPack) -> dict:
    return {
        "status_chart": charts.status_bars(
            "pack-status-chart", "Actions by status for each priority", pack.breakdown.rows
        ),
        "journey_chart": charts.grade_timeline(
            "pack-journey-chart", "Inspection judgements over time", pack.journey
        ),
    }


def pack_pdf(pack: ReportPack) -> bytes:
    from improvement.reports.pdf import render_pdf

    return render_pdf(pack, context=pack_charts(pack))


def pack_xlsx(pack: ReportPack) -> bytes:
    from improvement.reports.xlsx import render_xlsx

    return render_xlsx(pack)
