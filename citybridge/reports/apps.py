from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "citybridge.reports"
    label = "reports"

    def ready(self) -> None:
        from citybridge.network.erasure import register_rewriter
        from citybridge.reports.erasure import rewrite_published_briefs

        # An erasure reaches the published briefs' article and files (reports.erasure).
        register_rewriter("reports.publishedbrief", rewrite_published_briefs)
