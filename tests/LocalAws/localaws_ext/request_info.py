"""Works out which AWS service and operation a raw HTTP request is, and its parameters."""
import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from .s3_operations import s3_operation_name

_ACCESS_KEY = re.compile(r"Credential=([^/,\s]+)/")
_SCOPE = re.compile(r"Credential=[^/,\s]+/\d{8}/[^/]+/([^/]+)/aws4_request")
_TARGET_PREFIXES = {
    "SageMaker": "sagemaker", "TrentService": "kms", "DynamoDB_20120810": "dynamodb",
    "AmazonSSM": "ssm", "AWSEvents": "events", "AmazonSQS": "sqs", "Logs_20140328": "logs",
}


@dataclass
class RequestInfo:
    service: str
    operation: str
    parameters: Any
    headers: dict[str, str] = field(default_factory=dict)
    # For REST (S3) requests: the path (bucket and key) and the copy source, which the permission proof needs.
    path: str = ""
    # The account the request acts in, as moto resolves it from the signing key (sts:AssumeRole keys included).
    account: str = ""


def _account(environ: dict[str, Any]) -> str:
    """The account of the signing key, looked up only in IAM backends that exist.

    moto's own lookup (moto.iam.models.get_account_id_from) touches every partition of every account, which creates
    an IAM backend, with all AWS managed policies loaded, for each one it has not seen: that doubled the emulation's
    time per request. The answer is handed to moto in its x-moto-account-id header, so moto does not look again.
    """
    import moto.iam.models as iam_models
    match = _ACCESS_KEY.search(environ.get("HTTP_AUTHORIZATION", ""))
    if not match:
        return ""
    key = match.group(1)
    for account_id, partitions in list(iam_models.iam_backends.items()):
        backend = dict.get(partitions, "aws")
        if backend is not None and key in backend.access_keys:
            account = account_id
            break
    else:
        account = iam_models.DEFAULT_ACCOUNT_ID
    environ["HTTP_X_MOTO_ACCOUNT_ID"] = account
    return account


def _service(environ: dict[str, Any], target: str) -> str:
    match = _SCOPE.search(environ.get("HTTP_AUTHORIZATION", ""))
    if match:
        return match.group(1)
    credential = environ.get("QUERY_STRING", "")
    match = re.search(r"X-Amz-Credential=[^&]*?%2F([a-z0-9-]+)%2Faws4_request", credential)
    if match:  # presigned URL
        return match.group(1)
    if target:
        return _TARGET_PREFIXES.get(target.split(".", 1)[0], target.split(".", 1)[0].lower())
    host = environ.get("HTTP_HOST", "").split(":", 1)[0]
    first = host.split(".", 1)[0]
    if first and not first.replace(".", "").isdigit() and first != "localhost":
        return "sagemaker" if first == "api" else first
    return "s3"


def describe(environ: dict[str, Any], body: bytes) -> RequestInfo:
    target = environ.get("HTTP_X_AMZ_TARGET", "")
    content_type = environ.get("CONTENT_TYPE", "")
    headers = {"content-type": content_type, "x-amz-target": target,
               "x-amz-copy-source": environ.get("HTTP_X_AMZ_COPY_SOURCE", ""),
               "x-amz-checksum-algorithm": environ.get("HTTP_X_AMZ_CHECKSUM_ALGORITHM", "")}
    service = _service(environ, target)
    query = environ.get("QUERY_STRING", "")

    if target:
        try:
            parameters: Any = json.loads(body) if body.strip() else {}
        except ValueError:
            parameters = {"_raw": body.decode("utf-8", "replace")}
        return RequestInfo(service, target.rsplit(".", 1)[-1], parameters, headers, account=_account(environ))

    form = dict(parse_qsl(query, keep_blank_values=True))
    if content_type.startswith("application/x-www-form-urlencoded"):
        form.update(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
    if "Action" in form and service != "s3":
        return RequestInfo(service, form["Action"], form, headers, account=_account(environ))

    method = environ.get("REQUEST_METHOD", "GET")
    path = environ.get("PATH_INFO", "/")
    parameters = dict(parse_qsl(query, keep_blank_values=True))
    if service == "s3":
        operation = s3_operation_name(method, path, parameters, environ)
        if operation == "PutObjectLegalHold":
            # The status is in the XML body; IAM sees it as the condition key s3:object-lock-legal-hold.
            status = re.search(rb"<Status>\s*(ON|OFF)\s*</Status>", body)
            parameters["LegalHoldStatus"] = status.group(1).decode() if status else ""
    else:
        operation = f"{method} {path}" + (f"?{query}" if query else "")
    return RequestInfo(service, operation, parameters, headers, path, _account(environ))
