from django.conf import settings

from core.navigation import nav_items


def layout(request):
    """What every page's layout needs: the council's name and the role's navigation."""
    return {
        "council_name": settings.COUNCIL_NAME,
        "service_name": settings.SERVICE_NAME,
        "nav_items": nav_items(request),
    }
