from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Shared base"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from core.middleware import SessionIdleMiddleware

        user_logged_in.connect(SessionIdleMiddleware.signed_in, dispatch_uid="session-seen")
