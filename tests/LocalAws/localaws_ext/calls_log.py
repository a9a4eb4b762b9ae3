"""In-memory log of every AWS request the emulation answered."""
import threading
from datetime import datetime, timezone
from typing import Any

from .request_info import RequestInfo


class CallsLog:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._calls: list[dict[str, Any]] = []

    def record(self, info: RequestInfo, status: int, started: datetime, response_bytes: int = 0) -> None:
        ended = datetime.now(timezone.utc)
        entry = {
            "service": info.service,
            "operation": info.operation,
            "parameters": info.parameters,
            "headers": info.headers,
            "path": info.path,
            "time": _iso(started),
            # With "time", shows which calls overlapped: a client's concurrent calls are one step of its critical path.
            "ended": _iso(ended),
            "status": status,
            # Body bytes sent back: what a client read (GetObject's data, for one).
            "responseBytes": response_bytes,
            "account": info.account,
        }
        with self._lock:
            self._calls.append(entry)

    def snapshot(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._calls)

    def clear(self) -> None:
        with self._lock:
            self._calls.clear()


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
