from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "citybridge.operations"
    label = "operations"

    def ready(self) -> None:
        # Not domain behaviour: after each background job the worker counts the hub's home
        # into the shared cache, whatever app the job belongs to (operations.homes).
        from django_tasks.signals import task_finished

        from citybridge.operations import homes

        task_finished.connect(homes.after_task, dispatch_uid="citybridge-warm-after-task")
