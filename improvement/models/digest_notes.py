"""Notices about a person's actions kept for their next daily digest."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from improvement.models.actions import Action


class DigestNote(models.Model):
    """One line for a person's next reminder digest ("Action 1.2 was verified by ...").

    Written instead of an e-mail when the person chose "in my daily digest" on their profile
    (User.notice_delivery); `send_reminders` lists the pending ones and marks them with the
    day's date. A queue, like core.Notice: the change it reports keeps its own history.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)
    digest_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["recipient", "digest_on"])]

    def __str__(self) -> str:
        return self.text
