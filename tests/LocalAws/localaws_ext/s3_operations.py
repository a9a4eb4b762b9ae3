"""Names S3 REST requests the way the S3 API reference does (PutObjectTagging, ...)."""
from typing import Any

# Sub-resources in the query string that select the operation, most specific first.
_SUBRESOURCES = ("tagging", "versioning", "policy", "acl", "legal-hold", "retention", "object-lock",
                 "lifecycle", "encryption", "cors", "notification", "logging", "website", "uploads",
                 "uploadId", "versions", "delete", "location", "replication", "publicAccessBlock",
                 "ownershipControls", "attributes")

_BUCKET_NAMES = {
    ("GET", ""): "ListObjects", ("PUT", ""): "CreateBucket", ("DELETE", ""): "DeleteBucket",
    ("HEAD", ""): "HeadBucket", ("GET", "versions"): "ListObjectVersions", ("POST", "delete"): "DeleteObjects",
    ("GET", "uploads"): "ListMultipartUploads", ("GET", "location"): "GetBucketLocation",
    ("PUT", "object-lock"): "PutObjectLockConfiguration", ("GET", "object-lock"): "GetObjectLockConfiguration",
}
_OBJECT_NAMES = {
    ("GET", ""): "GetObject", ("PUT", ""): "PutObject", ("DELETE", ""): "DeleteObject",
    ("HEAD", ""): "HeadObject", ("POST", "uploads"): "CreateMultipartUpload",
    ("PUT", "uploadId"): "UploadPart", ("POST", "uploadId"): "CompleteMultipartUpload",
    ("DELETE", "uploadId"): "AbortMultipartUpload", ("GET", "uploadId"): "ListParts",
    ("GET", "attributes"): "GetObjectAttributes",
}
_VERBS = {"GET": "Get", "PUT": "Put", "DELETE": "Delete"}


def _pascal(subresource: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in subresource.split("-"))


def s3_operation_name(method: str, path: str, query: dict[str, str], environ: dict[str, Any]) -> str:
    parts = [p for p in path.split("/") if p]
    if not parts:
        return "ListBuckets" if method == "GET" else f"{method} /"
    on_object = len(parts) > 1
    sub = next((s for s in _SUBRESOURCES if s in query), "")
    if method == "GET" and not on_object and query.get("list-type") == "2":
        return "ListObjectsV2"
    if method == "PUT" and on_object and not sub and environ.get("HTTP_X_AMZ_COPY_SOURCE"):
        return "CopyObject"
    if method == "PUT" and on_object and sub == "uploadId" and environ.get("HTTP_X_AMZ_COPY_SOURCE"):
        return "UploadPartCopy"
    known = (_OBJECT_NAMES if on_object else _BUCKET_NAMES).get((method, sub))
    if known:
        return known
    if sub and method in _VERBS:
        return _VERBS[method] + ("Object" if on_object else "Bucket") + _pascal(sub)
    suffix = "?" + "&".join(query) if query else ""
    return f"{method} {path}{suffix}"
