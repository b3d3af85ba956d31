"""Who a committee pack is made for, and so what it may hold.

A pack "for publication" is built from the public scope (`core.roles.PUBLICATION_READER`),
so it holds the same figures and rows whoever downloads it; a "restricted" pack holds
confidential items too and is made only for those who may read them.
"""

from django.core.exceptions import PermissionDenied
from django.db import models

from core.roles import PUBLICATION_READER, can_read_confidential


class Audience(models.TextChoices):
    PUBLICATION = "publication", "For publication: excludes confidential items"
    RESTRICTED = "restricted", "Restricted: includes confidential items"


# The Government Security Classifications marking councils print on each page.
MARKINGS = {Audience.PUBLICATION: "OFFICIAL", Audience.RESTRICTED: "OFFICIAL-SENSITIVE"}


def audiences_for(user) -> list[Audience]:
    """The audiences `user` may make a pack for: restricted only if they read confidential
    items."""
    if can_read_confidential(user):
        return [Audience.PUBLICATION, Audience.RESTRICTED]
    return [Audience.PUBLICATION]


def reader_for(user, audience: str):
    """Whose view of the records a pack for `audience` shows; PermissionDenied when `user`
    may not make a pack for it."""
    if audience not in audiences_for(user):
        raise PermissionDenied("You cannot make a pack that includes confidential items.")
    return user if audience == Audience.RESTRICTED else PUBLICATION_READER
