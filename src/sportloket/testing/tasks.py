"""The task backend of the tests (settings.test.TASKS): a task runs in the test's own process,
but only when the transaction that enqueued it commits, as the worker would find its row then,
and never when it rolls back. Inside a test's transaction that is when
``django_capture_on_commit_callbacks(execute=True)`` runs the callbacks. A task that fails
raises, so that a test sees the error a worker would only log. A task to run later (a retry
with ``run_after``) is kept in ``deferred``, not run: a test that wants it runs it itself."""

from django.db import transaction
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id


class AfterCommitBackend(ImmediateBackend):
    supports_defer = True

    def __init__(self, alias, params):
        super().__init__(alias, params)
        self.deferred: list[TaskResult] = []

    def enqueue(self, task, args, kwargs):
        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        if task.run_after is not None:
            self.deferred.append(result)
        else:
            transaction.on_commit(lambda: self._run(result))
        return result

    def _run(self, result):
        self._execute_task(result)
        if result.status == TaskResultStatus.FAILED:
            raise AssertionError(f"task {result.task.name} failed:\n{result.errors[-1].traceback}")
