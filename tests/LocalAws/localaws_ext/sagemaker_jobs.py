"""SageMaker training/processing jobs that behave like long-running jobs.

moto 5.2.1 creates jobs as `Completed`, has no StopTrainingJob/StopProcessingJob,
answers an unknown Describe with a message AWS never sends, and paginates
ListTrainingJobs before filtering on StatusEquals. This module patches those.
"""
import threading
import time
from datetime import datetime
from typing import Any, Callable

from moto.core.exceptions import JsonRESTError
from moto.core.responses import ActionResult, EmptyResult
from moto.core.utils import utcnow
from moto.sagemaker import models, responses

# How long a stopped job reports `Stopping` unless a Describe settles it first.
STOPPING_SECONDS = 1.0
NOT_FOUND = "Requested resource not found."
# Page size when the caller sends no MaxResults. AWS documents none (moto uses 100); a small page makes every
# caller that omits MaxResults, as our client does, exercise NextToken with a dozen seeded jobs.
DEFAULT_PAGE_SIZE = 10

_lock = threading.RLock()
_stopping_since: dict[str, float] = {}  # job ARN -> monotonic time of its stop


class ValidationError(JsonRESTError):
    """SageMaker's ValidationException, with the lower-case `message` key AWS sends (docs/aws-reference.md §B4)."""

    code = 400

    def __init__(self, message: str):
        super().__init__("ValidationException", message)


class _Kind:
    def __init__(self, noun: str, jobs_attr: str, status_attr: str, end_attr: str, name_attr: str):
        self.noun = noun
        self.jobs_attr = jobs_attr
        self.status_attr = status_attr
        self.end_attr = end_attr
        self.name_attr = name_attr

    def jobs(self, backend: Any) -> dict[str, Any]:
        return getattr(backend, self.jobs_attr)


TRAINING = _Kind("training", "training_jobs", "training_job_status", "training_end_time", "training_job_name")
PROCESSING = _Kind("processing", "processing_jobs", "processing_job_status", "processing_end_time",
                   "processing_job_name")


def set_status(kind: _Kind, job: Any, status: str) -> None:
    """Sets a job's status and the fields that go with it."""
    with _lock:
        _stopping_since.pop(job.arn, None)
        setattr(job, kind.status_attr, status)
        job.last_modified_time = utcnow()
        finished = status in ("Completed", "Failed", "Stopped")
        setattr(job, kind.end_attr, job.last_modified_time if finished else None)
        if kind is TRAINING:
            job.secondary_status = {"InProgress": "Training", "Stopping": "Stopping"}.get(status, status)
        if status == "Stopping":
            _stopping_since[job.arn] = time.monotonic()


def _settle(kind: _Kind, job: Any, force: bool) -> None:
    with _lock:
        since = _stopping_since.get(job.arn)
        if since is not None and (force or time.monotonic() - since >= STOPPING_SECONDS):
            set_status(kind, job, "Stopped")


def _find(kind: _Kind, backend: Any, name: str) -> Any:
    job = kind.jobs(backend).get(name)
    if job is None:
        raise ValidationError(message=NOT_FOUND)
    return job


def _stop(kind: _Kind, backend: Any, name: str) -> None:
    with _lock:
        job = _find(kind, backend, name)
        _settle(kind, job, force=False)
        status = getattr(job, kind.status_attr)
        if status != "InProgress":
            raise ValidationError(
                message=f"The request was rejected because the {kind.noun} job is in status {status}.")
        set_status(kind, job, "Stopping")


def _describe(kind: _Kind, backend: Any, name: str) -> dict[str, Any]:
    job = _find(kind, backend, name)
    _settle(kind, job, force=True)  # a Describe after a stop sees the final state
    return job.response_object


def _list(kind: _Kind, backend: Any, summarize: Callable[[Any], dict[str, Any]], next_token: str | None,
          max_results: int | None, name_contains: str | None, status_equals: str | None,
          after: datetime | None, before: datetime | None,
          modified_after: datetime | None, modified_before: datetime | None) -> tuple[list[dict[str, Any]], str | None]:
    """Filters first, then pages; the token is the offset into the filtered list."""
    jobs = list(kind.jobs(backend).values())
    for job in jobs:
        _settle(kind, job, force=False)
    wanted = [
        job for job in jobs
        if (name_contains is None or name_contains in getattr(job, kind.name_attr))
        and (status_equals is None or getattr(job, kind.status_attr) == status_equals)
        and (after is None or job.creation_time > after)
        and (before is None or job.creation_time < before)
        and (modified_after is None or job.last_modified_time > modified_after)
        and (modified_before is None or job.last_modified_time < modified_before)
    ]
    try:
        start = int(next_token) if next_token else 0
        if start < 0 or start > len(wanted):
            raise ValueError(next_token)
    except ValueError:
        raise ValidationError(message="Invalid pagination token.") from None
    end = start + (max_results or DEFAULT_PAGE_SIZE)
    token = str(end) if end < len(wanted) else None
    return [summarize(job) for job in wanted[start:end]], token


def _training_summary(job: Any) -> dict[str, Any]:
    summary = {
        "TrainingJobName": job.training_job_name, "TrainingJobArn": job.arn,
        "CreationTime": job.creation_time, "LastModifiedTime": job.last_modified_time,
        "TrainingJobStatus": job.training_job_status, "SecondaryStatus": job.secondary_status,
        "TrainingEndTime": job.training_end_time,
    }
    return {k: v for k, v in summary.items() if v is not None}


def _processing_summary(job: Any) -> dict[str, Any]:
    summary = {
        "ProcessingJobName": job.processing_job_name, "ProcessingJobArn": job.arn,
        "CreationTime": job.creation_time, "LastModifiedTime": job.last_modified_time,
        "ProcessingJobStatus": job.processing_job_status, "ProcessingEndTime": job.processing_end_time,
    }
    return {k: v for k, v in summary.items() if v is not None}


def _start_in_progress(kind: _Kind, original_init: Callable[..., None]) -> Callable[..., None]:
    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original_init(self, *args, **kwargs)
        set_status(kind, self, "InProgress")
    return init


def _list_handler(kind: _Kind, summarize: Callable[[Any], dict[str, Any]], key: str) -> Callable[[Any], ActionResult]:
    def handler(self: Any) -> ActionResult:
        summaries, token = _list(
            kind, self.sagemaker_backend, summarize,
            next_token=self._get_param("NextToken"), max_results=self._get_int_param("MaxResults"),
            name_contains=self._get_param("NameContains"), status_equals=self._get_param("StatusEquals"),
            after=self._get_param("CreationTimeAfter"), before=self._get_param("CreationTimeBefore"),
            modified_after=self._get_param("LastModifiedTimeAfter"),
            modified_before=self._get_param("LastModifiedTimeBefore"))
        result: dict[str, Any] = {key: summaries}
        if token:
            result["NextToken"] = token
        return ActionResult(result)
    return handler


def install() -> None:
    """Patches moto's SageMaker model and response classes in place (idempotent)."""
    if getattr(models, "_localaws_patched", False):
        return
    models._localaws_patched = True
    models.FakeTrainingJob.__init__ = _start_in_progress(TRAINING, models.FakeTrainingJob.__init__)
    models.FakeProcessingJob.__init__ = _start_in_progress(PROCESSING, models.FakeProcessingJob.__init__)

    backend = models.SageMakerModelBackend
    backend.describe_training_job = lambda self, name: _describe(TRAINING, self, name)
    backend.describe_processing_job = lambda self, name: _describe(PROCESSING, self, name)
    backend.stop_training_job = lambda self, name: _stop(TRAINING, self, name)
    backend.stop_processing_job = lambda self, name: _stop(PROCESSING, self, name)

    response = responses.SageMakerResponse

    def stop_training_job(self: Any) -> ActionResult:
        self.sagemaker_backend.stop_training_job(self._get_param("TrainingJobName"))
        return EmptyResult()

    def stop_processing_job(self: Any) -> ActionResult:
        self.sagemaker_backend.stop_processing_job(self._get_param("ProcessingJobName"))
        return EmptyResult()

    response.stop_training_job = stop_training_job
    response.stop_processing_job = stop_processing_job
    response.list_training_jobs = _list_handler(TRAINING, _training_summary, "TrainingJobSummaries")
    response.list_processing_jobs = _list_handler(PROCESSING, _processing_summary, "ProcessingJobSummaries")


def reset() -> None:
    """Forgets pending Stopping -> Stopped transitions (moto's own reset drops the jobs)."""
    with _lock:
        _stopping_since.clear()
