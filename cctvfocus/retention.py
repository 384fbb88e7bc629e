"""The shape shared by the commands that forget old personal data."""

from django.core.management.base import BaseCommand


class RetentionCommand(BaseCommand):
    """
    Forget what is older than a retention period, now or as background work.

    Subclasses name the period option (``period``, e.g. "days"), its default,
    the task that does the work, and how to report it.
    """

    period: str
    period_help: str

    def period_default(self) -> int:
        raise NotImplementedError

    def task(self):
        """The django-tasks task taking the period as a keyword argument."""
        raise NotImplementedError

    def report(self, count: int, period: int) -> str:
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument(
            f"--{self.period}",
            type=int,
            default=self.period_default(),
            help=f"{self.period_help} (default: %(default)s).",
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the work for the background worker instead of doing it now.",
        )

    def handle(self, *args, enqueue, **options):
        period = options[self.period]
        task = self.task()
        if enqueue:
            result = task.enqueue(**{self.period: period})
            self.stdout.write(f"Queued as task {result.id}.")
            return
        count = task.call(**{self.period: period})
        self.stdout.write(self.report(count, period))
