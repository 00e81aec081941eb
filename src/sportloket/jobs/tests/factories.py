import factory
from django.utils import timezone

from sportloket.jobs.constants import JobKind, JobStage, JobState
from sportloket.jobs.models import Job


class JobFactory(factory.django.DjangoModelFactory):
    """A desk's job, queued by default; ``running=True`` (half-way through 4,000 rows, with a
    sign of life just now) or ``finished=True`` (an import's counts as its result)."""

    class Meta:
        model = Job

    loket = factory.SubFactory("sportloket.core.tests.factories.LoketFactory")
    started_by = factory.SubFactory("sportloket.accounts.tests.factories.UserFactory")
    kind = JobKind.REGISTER_IMPORT

    class Params:
        running = factory.Trait(
            state=JobState.RUNNING,
            stage=JobStage.STAGING,
            done=2000,
            total=4000,
            started_at=factory.LazyFunction(timezone.now),
            heartbeat_at=factory.LazyFunction(timezone.now),
        )
        finished = factory.Trait(
            state=JobState.DONE,
            stage=JobStage.FINISHED,
            done=4000,
            total=4000,
            started_at=factory.LazyFunction(timezone.now),
            finished_at=factory.LazyFunction(timezone.now),
            result={"created": 3000, "updated": 900, "unchanged": 100, "refused": 2},
        )
