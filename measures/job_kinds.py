"""The web import of published statistics as a background job: the confirm step of
views_import runs here, in a worker, with the plan manager's choices.

All or nothing: services.imports.published_import writes in one transaction, so a worker
killed mid-way leaves nothing, and jobs' claim runs a delivered task once. A retry of an
import that did finish finds every figure unchanged and writes none again.
"""

from dataclasses import asdict

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from improvement.importing.limits import FileProblem
from jobs import kinds
from measures.opendata import read_open_data
from measures.services import uploads
from measures.services.imports import published_import
from measures.services.published import ImportChoices

PUBLISHED_IMPORT = "measures.published_import"
FIGURES_IMPORT = "measures.figures_import"


def params_for(*, token: str, details: dict, choices: ImportChoices) -> dict:
    """A job's parameters: where the upload is kept and what to take from it."""
    return {
        "token": token,
        "meta": bool(details.get("meta")),
        "file_name": details["file_name"],
        "choices": asdict(choices),
    }


def result_line(result, series: int) -> str:
    return (
        f"Imported {result.created} new and {result.updated} revised figures into {series} measures"
    )


def run_published_import(job, progress, user) -> kinds.Outcome:
    params = job.params
    if not user.has_perm("measures.manage"):
        raise ValidationError("You may no longer import measures.")
    data, meta = uploads.open_data_read(params["token"], meta=params.get("meta", False))
    if data is None:
        raise ValidationError("The uploaded file is no longer available. Upload it again.")

    def report(done: int, total: int) -> None:
        if progress.total != total:
            progress.set_total(total)
        progress.step(done - progress.done)

    result = published_import(
        parsed=read_open_data(data, meta),
        choices=ImportChoices(**params["choices"]),
        file_name=params["file_name"],
        user=user,
        at=timezone.now(),
        progress=report,
    )
    return kinds.Outcome(
        url=reverse("measure_list"), note=result_line(result, len(result.plan.series))
    )


def run_figures_import(job, progress, user) -> kinds.Outcome:
    """The council's own figures (views_figures), confirmed for a file too big to write
    while the plan manager waits."""
    from core import clock
    from measures.figures import read_figures
    from measures.services.figures import figures_import

    if not user.has_perm("measures.manage"):
        raise ValidationError("You may no longer import measures.")
    data = uploads.read(job.params["token"], uploads.FIGURES.parts[0])
    if data is None:
        raise ValidationError("The uploaded file is no longer available. Upload it again.")
    try:
        parsed = read_figures(data, job.params["file_name"])
    except FileProblem as error:
        raise ValidationError(str(error)) from None

    def report(done: int, total: int) -> None:
        if progress.total != total:
            progress.set_total(total)
        progress.step(done - progress.done)

    result = figures_import(
        parsed=parsed, user=user, at=timezone.now(), today=clock.today(), progress=report
    )
    uploads.discard(uploads.FIGURES, session=None, token=job.params["token"])
    return kinds.Outcome(url=reverse("measure_list"), note=result.summary())


def register() -> None:
    kinds.register(PUBLISHED_IMPORT, run_published_import)
    kinds.register(FIGURES_IMPORT, run_figures_import)
