"""Role-by-URL rows for Your downloads (jobs/): everyone has the page; a job's file is its
owner's and administrators' (anyone else: 404); only the owner may try a job again."""

from tests.url_table_vocabulary import *  # noqa: F403

CHECKERS = only("manager", "auditor", "admin")  # noqa: F405 - who may read the audit trail

ROWS = [
    Row("audit_trail_export", CHECKERS, query="person=a"),  # noqa: F405
    Row("audit_trail_export", only("manager", "auditor", "admin", ok=302), method="post"),  # noqa: F405
    Row("downloads", EVERYONE),  # noqa: F405
    Row("job_download", only("manager", "admin", others=404), args=("manager_job",)),  # noqa: F405
    Row("job_retry", answers(405), args=("manager_failed_job",)),  # noqa: F405
    Row(  # noqa: F405
        "job_retry",
        only("manager", ok=ALLOWED, others=404),  # noqa: F405
        args=("manager_failed_job",),
        method="post",
    ),
]
