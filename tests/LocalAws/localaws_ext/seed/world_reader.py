"""Typed access to the seed document with errors that name the JSON path."""
import json
from typing import Any, Callable, TypeVar

from .errors import SeedError

T = TypeVar("T")
_MISSING = object()


class WorldReader:
    def __init__(self, world: dict[str, Any]):
        self.world = world

    def items(self, name: str) -> list[tuple[str, Any]]:
        """The list member `name` of the world, each item with its path for messages."""
        value = self.world.get(name, [])
        if not isinstance(value, list):
            raise SeedError(f"'{name}' must be a list")
        return [(f"{name}[{index}]", item) for index, item in enumerate(value)]

    @staticmethod
    def _get(obj: Any, key: str, path: str, kind: type, default: Any) -> Any:
        if not isinstance(obj, dict):
            raise SeedError(f"{path or 'world'} must be an object")
        value = obj.get(key, _MISSING)
        if value is _MISSING or value is None:
            if default is _MISSING:
                raise SeedError(f"{path}.{key} is required".lstrip("."))
            return default
        if kind is int and isinstance(value, bool) or not isinstance(value, kind):
            raise SeedError(f"{path}.{key} must be a {kind.__name__}".lstrip("."))
        return value

    def text(self, obj: Any, key: str, path: str, default: Any = _MISSING) -> Any:
        return self._get(obj, key, path, str, default)

    def flag(self, obj: Any, key: str, path: str, default: bool = False) -> bool:
        return bool(self._get(obj, key, path, bool, default))

    def number(self, obj: Any, key: str, path: str, default: Any = _MISSING) -> Any:
        return self._get(obj, key, path, int, default)

    def strings(self, obj: Any, key: str, path: str) -> list[str]:
        values = self._get(obj, key, path, list, [])
        if not all(isinstance(v, str) for v in values):
            raise SeedError(f"{path}.{key} must be a list of strings")
        return values

    def tags(self, obj: Any, path: str) -> dict[str, str]:
        tags = self._get(obj, "tags", path, dict, {})
        if not all(isinstance(v, str) for v in tags.values()):
            raise SeedError(f"{path}.tags values must be strings")
        return tags

    def documents(self, obj: Any, key: str, path: str) -> dict[str, str]:
        """A name -> policy document map, documents serialised as AWS stores them."""
        docs = self._get(obj, key, path, dict, {})
        return {name: policy_text(doc, f"{path}.{key}.{name}") for name, doc in docs.items()}


def policy_text(document: Any, path: str) -> str:
    if isinstance(document, str):
        return document
    if isinstance(document, dict):
        return json.dumps(document)
    raise SeedError(f"{path} must be a policy document (object or JSON string)")


def tag_list(tags: dict[str, str]) -> list[dict[str, str]]:
    return [{"Key": k, "Value": v} for k, v in tags.items()]


def applying(path: str, action: Callable[[], T]) -> T:
    """Runs a moto call, turning its AWS error into a SeedError that names `path`."""
    try:
        return action()
    except SeedError:
        raise
    except Exception as error:  # moto raises its own exception types per service
        raise SeedError(f"{path}: {getattr(error, 'message', None) or error}") from error
