"""The queue's tasks for jobs (run by `manage.py run_worker`, see docs/deployment.md)."""

from django_tasks import task

from jobs import services


@task()
def run_job(job_id: int) -> str:
    return services.execute(job_id)


@task()
def clean_up() -> int:
    return services.clean_up()
