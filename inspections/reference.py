"""Reference data every council starts with: the ILACS judgement areas in force in 2026."""

JUDGEMENT_AREAS = [
    "The impact of leaders on social work practice with children and families",
    "The experiences and progress of children who need help and protection",
    "The experiences and progress of children in care",
    "The experiences and progress of care leavers",
    "Overall effectiveness",
]


def ensure_judgement_areas(area_model) -> None:
    """Add any standard area that is missing; areas admins added are left alone."""
    for order, name in enumerate(JUDGEMENT_AREAS, start=1):
        area_model.objects.get_or_create(name=name, defaults={"order": order})
