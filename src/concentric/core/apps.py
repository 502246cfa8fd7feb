from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "concentric.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        # Refuse to run at all when the cryptographic module fails its known-answer tests.
        from concentric.core import crypto

        crypto.self_test()
