"""S3 object checksums as S3 keeps them today.

moto 5.2.1 stores a checksum only when the uploader sent one, and without the optional awscrt package it computes
"CRC64NVME" as a 4-byte CRC32. S3 adds a full-object CRC64NVME to every new object uploaded without a checksum
(S3 API reference, Checksum.ChecksumCRC64NVME: "or if the object was uploaded without a checksum (and Amazon S3
added the default checksum, CRC64NVME, to the uploaded object)"), and a single PUT's checksum type is always
FULL_OBJECT (PutObject response, x-amz-checksum-type). This module installs both.
"""
import base64
import contextlib
import threading
from collections.abc import Iterator
from typing import Any

# CRC-64/NVME: reflected polynomial 0x9A6C9329AC4BC9B5, init and xor-out all ones (check value of "123456789" is
# 0xAE8B14860A799888, CRC catalogue).
_POLY = 0x9A6C9329AC4BC9B5
_MASK = (1 << 64) - 1


def _table() -> list[int]:
    rows = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ _POLY if crc & 1 else crc >> 1
        rows.append(crc)
    return rows


_TABLE = _table()

# Set while a copy or a seed writes an object: the checksum is then the source's or the seed's, not the default.
_own_checksum = threading.local()


@contextlib.contextmanager
def own_checksum() -> Iterator[None]:
    """Objects written inside get no default checksum (the caller sets theirs): no CRC over data about to be re-summed."""
    _own_checksum.active = True
    try:
        yield
    finally:
        _own_checksum.active = False


def crc64nvme(data: bytes) -> int:
    crc = _MASK
    table = _TABLE
    for byte in data:
        crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ _MASK


def install() -> None:
    from moto.s3 import models, responses, utils
    from moto.s3.models import S3Backend

    original_compute = utils.compute_checksum

    def compute_checksum(body: bytes, algorithm: str, encode_base64: bool = True) -> bytes:
        if algorithm != "CRC64NVME" or utils.HAS_CRT:
            return original_compute(body, algorithm, encode_base64)
        digest = crc64nvme(bytes(body)).to_bytes(8, "big")
        return base64.b64encode(digest) if encode_base64 else digest

    for module in (utils, models, responses):
        module.compute_checksum = compute_checksum  # type: ignore[attr-defined]

    def add_default(key: Any) -> None:
        if key is not None and key.checksum_value is None:
            key.checksum_algorithm = "CRC64NVME"
            key.checksum_value = compute_checksum(key.value, "CRC64NVME").decode()

    original_put = S3Backend.put_object

    def put_object(self: Any, *args: Any, **kwargs: Any) -> Any:
        key = original_put(self, *args, **kwargs)
        if kwargs.get("multipart") is None:
            key.checksum_type = "FULL_OBJECT"
            if not getattr(_own_checksum, "active", False):
                add_default(key)
        return key

    S3Backend.put_object = put_object  # type: ignore[method-assign]

    original_copy = S3Backend.copy_object

    def copy_object(self: Any, src_key: Any, dest_bucket_name: str, dest_key_name: str, *args: Any, **kwargs: Any) -> Any:
        # A copy carries the source's checksum, or the one its request names (CopyObject, x-amz-checksum-algorithm,
        # which moto computes after this); no default is summed over data about to be summed again.
        with own_checksum():
            return original_copy(self, src_key, dest_bucket_name, dest_key_name, *args, **kwargs)

    S3Backend.copy_object = copy_object  # type: ignore[method-assign]

    original_complete = S3Backend.complete_multipart_upload

    def complete_multipart_upload(self: Any, *args: Any, **kwargs: Any) -> Any:
        key = original_complete(self, *args, **kwargs)
        if key is not None and key.checksum_algorithm is None and key.checksum_value is not None:
            # moto's builder defaults to CRC64NVME but records no algorithm, so HEAD would hide the checksum.
            key.checksum_algorithm = "CRC64NVME"
        return key

    S3Backend.complete_multipart_upload = complete_multipart_upload  # type: ignore[method-assign]

    original_head = responses.S3Response.head_object

    def head_object(self: Any, bucket_name: str, query: dict[str, Any], key_name: str, headers: dict[str, Any]) -> Any:
        # moto's HEAD names the checksum but not its type, and shows a composite one without its "-N" part count
        # (GetObject does both): HeadObject's x-amz-checksum-type and the composite form, as in the GetObject answer.
        status, response_headers, body = original_head(self, bucket_name, query, key_name, headers)
        if status == 200 and headers.get("x-amz-checksum-mode") == "ENABLED":
            key = self.backend.head_object(bucket_name, key_name, version_id=query.get("versionId", [None])[0])
            if key is not None and key.checksum_algorithm and key.checksum_type:
                response_headers["x-amz-checksum-type"] = key.checksum_type
                if key.checksum_type == "COMPOSITE":
                    response_headers[f"x-amz-checksum-{key.checksum_algorithm.lower()}"] = f"{key.checksum_value}-{key.checksum_parts}"
        return status, response_headers, body

    responses.S3Response.head_object = head_object  # type: ignore[method-assign]
