"""SageMaker notebook instances and tags: refuse to stop an instance that is not running, as SageMaker does,
and answer tag calls on an unknown resource with ValidationException instead of moto's HTTP 500.

moto 5.2.1 has Create/Describe/Start/StopNotebookInstance, but StopNotebookInstance on an instance that is already
`Stopped` silently succeeds. SageMaker only stops an `InService` instance and answers anything else with a
ValidationException; the wording below follows moto's own message for the same transition check on delete
(the exact AWS text for stop is UNCONFIRMED, docs/aws-reference.md §B4).
"""
from typing import Any

from moto.sagemaker import models

from .sagemaker_jobs import NOT_FOUND, ValidationError


def _stop(backend: Any, name: str) -> None:
    notebook = backend.get_notebook_instance(name)
    if notebook.status != "InService":
        raise ValidationError(
            message=f"Status ({notebook.status}) not in ([InService]). Unable to transition to (Stopping) "
                    f"for Notebook Instance ({notebook.arn})")
    notebook.stop()


def _resource_or_not_found(original: Any) -> Any:
    def find(self: Any, arn: str) -> Any:
        resource = original(self, arn)
        if resource is None:  # moto would then fail with AttributeError (HTTP 500)
            raise ValidationError(message=NOT_FOUND)
        return resource
    return find


def install() -> None:
    """Patches moto's SageMaker backend in place (idempotent)."""
    if getattr(models, "_localaws_notebooks_patched", False):
        return
    models._localaws_notebooks_patched = True
    backend = models.SageMakerModelBackend
    backend.stop_notebook_instance = lambda self, name: _stop(self, name)
    backend._get_resource_from_arn = _resource_or_not_found(backend._get_resource_from_arn)
