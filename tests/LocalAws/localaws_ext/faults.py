"""Injected errors and latency, rendered in each service's own error format."""
import json
import random
import threading
import uuid
from dataclasses import asdict, dataclass
from typing import Any
from xml.sax.saxutils import escape

QUERY_PROTOCOL = {"iam", "sns", "sts", "ec2", "rds", "cloudformation", "elasticloadbalancing"}
REST_XML_PROTOCOL = {"s3"}
_HTTP_REASONS = {400: "Bad Request", 403: "Forbidden", 404: "Not Found", 409: "Conflict",
                 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
                 503: "Service Unavailable", 504: "Gateway Timeout"}


class FaultSpecError(ValueError):
    pass


@dataclass
class Fault:
    service: str
    operation: str = "*"
    error: str | None = None
    status: int = 400
    count: int = 1
    skip: int = 0  # matching requests let through untouched before the fault starts (a crash after the Nth write)
    rate: float = 1.0  # the share of matching requests that fail, drawn from the seeded generator (fault matrices)
    seed: int | None = None  # seeds that generator when the fault is added
    latencyMs: int = 0  # noqa: N815 - the wire name
    message: str | None = None

    def matches(self, service: str, operation: str) -> bool:
        return self.service in ("*", service) and self.operation in ("*", operation)


def parse_faults(document: Any) -> list[Fault]:
    if not isinstance(document, dict) or not isinstance(document.get("faults"), list):
        raise FaultSpecError('expected {"faults": [{"service": ..., "operation": ..., ...}]}')
    faults = []
    for index, item in enumerate(document["faults"]):
        if not isinstance(item, dict) or not isinstance(item.get("service"), str):
            raise FaultSpecError(f"faults[{index}]: 'service' (string) is required")
        unknown = set(item) - set(Fault.__dataclass_fields__)
        if unknown:
            raise FaultSpecError(f"faults[{index}]: unknown member(s) {sorted(unknown)}")
        fault = Fault(**item)
        if not isinstance(fault.count, int) or fault.count < 1:
            raise FaultSpecError(f"faults[{index}]: 'count' must be a positive integer")
        if not isinstance(fault.skip, int) or fault.skip < 0:
            raise FaultSpecError(f"faults[{index}]: 'skip' must be a non-negative integer")
        if not isinstance(fault.rate, (int, float)) or not 0 < fault.rate <= 1:
            raise FaultSpecError(f"faults[{index}]: 'rate' must be a number in (0, 1]")
        if fault.seed is not None and not isinstance(fault.seed, int):
            raise FaultSpecError(f"faults[{index}]: 'seed' must be an integer")
        if not isinstance(fault.latencyMs, int) or fault.latencyMs < 0:
            raise FaultSpecError(f"faults[{index}]: 'latencyMs' must be a non-negative integer")
        if not isinstance(fault.status, int) or not 400 <= fault.status <= 599:
            raise FaultSpecError(f"faults[{index}]: 'status' must be an HTTP error status (400-599)")
        if fault.error is None and fault.latencyMs == 0:
            raise FaultSpecError(f"faults[{index}]: give 'error', 'latencyMs' or both")
        faults.append(fault)
    return faults


class FaultBook:
    """Pending faults; each matching request consumes one skip, else one count, of the first match."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._random = random.Random(0)

    def add(self, faults: list[Fault]) -> None:
        with self._lock:
            for fault in faults:
                if fault.seed is not None:
                    self._random.seed(fault.seed)
            self._faults.extend(faults)

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def pending(self) -> list[dict[str, Any]]:
        with self._lock:
            return [asdict(f) for f in self._faults]

    def take(self, service: str, operation: str) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.matches(service, operation):
                    if fault.skip > 0:
                        fault.skip -= 1
                        return None
                    if fault.rate < 1 and self._random.random() >= fault.rate:
                        continue  # this request escapes this fault; a later one may still match
                    fault.count -= 1
                    if fault.count == 0:
                        self._faults.remove(fault)
                    return fault
        return None


def status_line(status: int) -> str:
    return f"{status} {_HTTP_REASONS.get(status, 'Error')}"


def error_response(service: str, code: str, message: str) -> tuple[bytes, list[tuple[str, str]]]:
    """Body and headers of an AWS error in the protocol of `service`."""
    request_id = str(uuid.uuid4())
    if service in QUERY_PROTOCOL:
        body = ("<ErrorResponse><Error><Type>Sender</Type>"
                f"<Code>{escape(code)}</Code><Message>{escape(message)}</Message></Error>"
                f"<RequestId>{request_id}</RequestId></ErrorResponse>")
        return body.encode(), [("Content-Type", "text/xml"), ("x-amzn-RequestId", request_id)]
    if service in REST_XML_PROTOCOL:
        body = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                f"<Error><Code>{escape(code)}</Code><Message>{escape(message)}</Message>"
                f"<RequestId>{request_id}</RequestId></Error>")
        return body.encode(), [("Content-Type", "application/xml"), ("x-amz-request-id", request_id)]
    body_json = json.dumps({"__type": code, "message": message})
    return body_json.encode(), [("Content-Type", "application/x-amz-json-1.1"),
                                ("x-amzn-RequestId", request_id), ("x-amzn-ErrorType", code)]
