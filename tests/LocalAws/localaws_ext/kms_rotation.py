"""KMS rotation as AWS documents it (docs/aws-reference.md §B5), where moto 5.2.1 differs.

moto ignores EnableKeyRotation's RotationPeriodInDays (and GetKeyRotationStatus never returns one),
accepts RotateKeyOnDemand on any key any number of times, and lets rotation be enabled on keys that
cannot rotate. Here: the period is validated (90-2560, default 365), kept and returned; rotation
(automatic or on demand) is refused for non-symmetric keys and keys that are not Enabled; on-demand
rotation stops at 25 per key with LimitExceededException.

moto also enables or disables a key that is pending deletion (which then silently ends the deletion). AWS's key
state table refuses EnableKey and DisableKey in PendingDeletion with KMSInvalidStateException
(https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html); so does this emulation.
"""
import json
from typing import Any

from moto.core.exceptions import JsonRESTError
from moto.kms import responses

ON_DEMAND_LIMIT = 25
DEFAULT_PERIOD = 365


class _Error(JsonRESTError):
    code = 400

    def __init__(self, error: str, message: str):
        super().__init__(error, message)


def _key(self: Any) -> Any:
    return self.kms_backend.keys[self.kms_backend.get_key_id(self._get_param("KeyId"))]


def _check_rotatable(key: Any) -> None:
    if key.key_spec != "SYMMETRIC_DEFAULT":
        raise _Error("UnsupportedOperationException", f"{key.arn} key spec {key.key_spec} does not support rotation.")
    if key.key_state != "Enabled":
        raise _Error("KMSInvalidStateException", f"{key.arn} is {key.key_state}.")


def install() -> None:
    """Patches moto's KMS response class in place (idempotent)."""
    response = responses.KmsResponse
    if getattr(response, "_localaws_patched", False):
        return
    response._localaws_patched = True
    original_enable = response.enable_key_rotation
    original_status = response.get_key_rotation_status
    original_on_demand = response.rotate_key_on_demand

    def enable_key_rotation(self: Any) -> str:
        period = self._get_param("RotationPeriodInDays")
        if period is not None and not (isinstance(period, int) and 90 <= period <= 2560):
            raise _Error("ValidationException", "RotationPeriodInDays must be between 90 and 2560.")
        self._validate_cmk_id(self._get_param("KeyId"))
        _check_rotatable(_key(self))
        result = original_enable(self)
        _key(self).rotation_period_in_days = period or DEFAULT_PERIOD
        return result

    def get_key_rotation_status(self: Any) -> str:
        body = json.loads(original_status(self))
        key = _key(self)
        body["KeyId"] = key.arn
        if body.get("KeyRotationEnabled"):
            body["RotationPeriodInDays"] = getattr(key, "rotation_period_in_days", DEFAULT_PERIOD)
        return json.dumps(body)

    def rotate_key_on_demand(self: Any) -> str:
        self._validate_key_id(self._get_param("KeyId"))
        key = _key(self)
        _check_rotatable(key)
        if sum(1 for r in key.rotations if r.get("RotationType") == "ON_DEMAND") >= ON_DEMAND_LIMIT:
            raise _Error("LimitExceededException", f"{key.arn} has reached the limit of {ON_DEMAND_LIMIT} on-demand rotations.")
        return original_on_demand(self)

    def refuse_pending_deletion(original: Any) -> Any:
        def operation(self: Any) -> str:
            self._validate_cmk_id(self._get_param("KeyId"))
            key = _key(self)
            if key.key_state == "PendingDeletion":
                raise _Error("KMSInvalidStateException", f"{key.arn} is pending deletion.")
            return original(self)
        return operation

    response.enable_key = refuse_pending_deletion(response.enable_key)
    response.disable_key = refuse_pending_deletion(response.disable_key)
    response.enable_key_rotation = enable_key_rotation
    response.get_key_rotation_status = get_key_rotation_status
    response.rotate_key_on_demand = rotate_key_on_demand
