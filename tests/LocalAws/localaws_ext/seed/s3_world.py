"""S3 part of the seed: buckets, versioning, tags, objects with the given version ids."""
from typing import Any

from moto.s3.models import s3_backends

from ..s3_checksums import own_checksum
from .errors import SeedError
from .world_reader import WorldReader, applying


def seed_s3(reader: WorldReader, account: str, region: str) -> dict[str, Any]:
    s3 = s3_backends[account]["aws"]
    buckets: list[str] = []
    versions: dict[str, str] = {}
    for path, item in reader.items("buckets"):
        name = reader.text(item, "name", path)
        applying(path, lambda: s3.create_bucket(name, reader.text(item, "region", path, region)))
        versioned = reader.flag(item, "versioning", path)
        if versioned:
            applying(path, lambda: s3.put_bucket_versioning(name, "Enabled"))
        tags = reader.tags(item, path)
        if tags:
            applying(path, lambda: s3.put_bucket_tagging(name, tags))
        objects = item.get("objects", [])
        if not isinstance(objects, list):
            raise SeedError(f"{path}.objects must be a list")
        for index, obj in enumerate(objects):
            key_name, version = _seed_object(reader, s3, name, versioned, obj, f"{path}.objects[{index}]")
            versions[f"{name}/{key_name}"] = version
        buckets.append(name)
    return {"buckets": buckets, "objectVersions": versions}


def _seed_object(reader: WorldReader, s3: Any, bucket: str, versioned: bool, obj: Any, path: str) -> tuple[str, str]:
    key_name = reader.text(obj, "key", path)
    body = reader.text(obj, "body", path, "").encode()
    version_id = reader.text(obj, "versionId", path, None)
    if version_id is not None and not versioned:
        raise SeedError(f"{path}.versionId needs a bucket with \"versioning\": true")
    if version_id is not None and s3.get_object(bucket, key_name, version_id=version_id) is not None:
        raise SeedError(f"{path}.versionId {version_id} already exists for {bucket}/{key_name}")
    with own_checksum():
        key = applying(path, lambda: s3.put_object(bucket, key_name, body, disable_notification=True))
    if version_id is not None:
        key._version_id = version_id  # moto draws a uuid; the seed fixes it
    _seed_checksum(reader, key, obj, path)
    tags = reader.tags(obj, path)
    if tags:
        applying(path, lambda: s3.put_object_tagging(key, tags))
    return key_name, key.version_id


_ALGORITHMS = ("CRC64NVME", "CRC32", "CRC32C", "SHA1", "SHA256")


def _seed_checksum(reader: WorldReader, key: Any, obj: Any, path: str) -> None:
    """checksum: an algorithm (default CRC64NVME, S3's own) or "none" (uploaded before S3 added checksums by default);
    checksumType: FULL_OBJECT (default) or COMPOSITE (a multipart upload's checksum of part checksums)."""
    algorithm = reader.text(obj, "checksum", path, "CRC64NVME")
    kind = reader.text(obj, "checksumType", path, "FULL_OBJECT")
    if algorithm == "none":
        key.checksum_algorithm = key.checksum_value = key.checksum_type = None
        return
    if algorithm not in _ALGORITHMS:
        raise SeedError(f"{path}.checksum must be one of {', '.join(_ALGORITHMS)} or none")
    if kind not in ("FULL_OBJECT", "COMPOSITE"):
        raise SeedError(f"{path}.checksumType must be FULL_OBJECT or COMPOSITE")
    from moto.s3 import utils
    key.checksum_algorithm = algorithm
    key.checksum_type = kind
    # A composite value is a checksum of part checksums: deliberately not the checksum of the whole body.
    body = key.value if kind == "FULL_OBJECT" else key.value + b"\x00parts"
    key.checksum_value = utils.compute_checksum(body, algorithm).decode()
    key.checksum_parts = 2 if kind == "COMPOSITE" else None
