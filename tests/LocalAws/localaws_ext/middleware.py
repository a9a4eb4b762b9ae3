"""WSGI middleware in front of moto: the /_localaws control API, faults and the call log."""
import io
import json
import time
from datetime import datetime, timezone
from typing import Any, Callable, Iterable

from . import sagemaker_jobs
from .calls_log import CallsLog
from .faults import FaultBook, FaultSpecError, error_response, parse_faults, status_line
from .request_info import describe
from .seed import seed_world

CONTROL_PREFIX = "/_localaws/"
MOTO_PREFIX = "/moto-api"
StartResponse = Callable[..., Any]


def _json(start_response: StartResponse, status: int, document: Any) -> list[bytes]:
    body = json.dumps(document, default=str).encode()
    start_response(status_line(status) if status >= 400 else f"{status} OK",
                   [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]


def _read_body(environ: dict[str, Any]) -> bytes:
    """Reads the whole body and puts a fresh stream back for moto."""
    stream = environ.get("wsgi.input")
    if stream is None:
        return b""
    length = environ.get("CONTENT_LENGTH")
    if length:
        body = stream.read(int(length))
    elif environ.get("HTTP_TRANSFER_ENCODING", "").lower() == "chunked" or environ.get("wsgi.input_terminated"):
        body = stream.read()
    else:
        body = b""
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    return body


class LocalAwsMiddleware:
    def __init__(self, moto_app: Callable[[dict[str, Any], StartResponse], Iterable[bytes]]):
        self._moto = moto_app
        self.calls = CallsLog()
        self.faults = FaultBook()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path.startswith(CONTROL_PREFIX):
            return self._control(environ, start_response, path[len(CONTROL_PREFIX):].rstrip("/"))
        if path.startswith(MOTO_PREFIX):
            return self._moto(environ, start_response)
        return self._aws(environ, start_response)

    def _aws(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        started = datetime.now(timezone.utc)
        info = describe(environ, _read_body(environ))
        fault = self.faults.take(info.service, info.operation)
        if fault is not None and fault.latencyMs:
            time.sleep(fault.latencyMs / 1000)
        if fault is not None and fault.error:
            body, headers = error_response(info.service, fault.error, fault.message or fault.error)
            start_response(status_line(fault.status), headers + [("Content-Length", str(len(body)))])
            self.calls.record(info, fault.status, started)
            return [body]

        captured: dict[str, int] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            captured["status"] = int(status.split(" ", 1)[0])
            return start_response(status, headers, exc_info)

        # Materialise moto's answer so the status is known when the call is logged.
        chunks = list(self._moto(environ, capture))
        self.calls.record(info, captured.get("status", 500), started, sum(len(c) for c in chunks))
        return chunks

    def _control(self, environ: dict[str, Any], start_response: StartResponse, name: str) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        if (name, method) == ("calls", "GET"):
            return _json(start_response, 200, {"calls": self.calls.snapshot()})
        if (name, method) == ("calls", "DELETE"):
            self.calls.clear()
            return _json(start_response, 200, {"cleared": True})
        if (name, method) == ("faults", "GET"):
            return _json(start_response, 200, {"faults": self.faults.pending()})
        if (name, method) == ("faults", "DELETE"):
            self.faults.clear()
            return _json(start_response, 200, {"cleared": True})
        if (name, method) == ("faults", "POST"):
            try:
                self.faults.add(parse_faults(json.loads(_read_body(environ) or b"null")))
            except (ValueError, TypeError, FaultSpecError) as error:
                return _json(start_response, 400, {"error": f"bad faults: {error}"})
            return _json(start_response, 200, {"faults": self.faults.pending()})
        if (name, method) == ("seed", "POST"):
            try:
                created = seed_world(json.loads(_read_body(environ) or b"null"))
            except ValueError as error:  # SeedError and malformed JSON
                return _json(start_response, 400, {"error": f"bad seed: {error}"})
            return _json(start_response, 200, {"created": created})
        if (name, method) == ("reset", "POST"):
            self.reset()
            return _json(start_response, 200, {"reset": True})
        return _json(start_response, 404, {"error": f"no control endpoint {method} {CONTROL_PREFIX}{name}"})

    def reset(self) -> None:
        from moto.moto_api._internal.models import moto_api_backend

        moto_api_backend.reset()
        sagemaker_jobs.reset()
        self.calls.clear()
        self.faults.clear()
