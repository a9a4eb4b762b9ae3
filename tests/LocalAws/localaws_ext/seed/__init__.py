"""POST /_localaws/seed: builds a world (docs/world-format.md) with the ids it gives."""
import os
from typing import Any

from .ec2_world import seed_ec2
from .errors import SeedError
from .iam_world import seed_iam
from .kms_world import seed_kms
from .s3_world import seed_s3
from .sagemaker_world import seed_sagemaker
from .sns_dynamodb_world import seed_dynamodb, seed_sns
from .world_reader import WorldReader

DEFAULT_ACCOUNT = "123456789012"
KNOWN_MEMBERS = {"account", "region", "policies", "users", "groups", "roles", "buckets", "trainingJobs",
                 "processingJobs", "notebookInstances", "kmsKeys", "topics", "tables", "vpcs",
                 "instanceProfiles", "instances"}

__all__ = ["SeedError", "seed_world"]


def seed_world(world: Any) -> dict[str, Any]:
    if not isinstance(world, dict):
        raise SeedError("the world must be a JSON object (see docs/world-format.md)")
    unknown = sorted(set(world) - KNOWN_MEMBERS)
    if unknown:
        raise SeedError(f"unknown top-level member(s) {unknown}; known: {sorted(KNOWN_MEMBERS)}")
    reader = WorldReader(world)
    account = reader.text(world, "account", "", os.environ.get("LOCALAWS_DEFAULT_ACCOUNT", DEFAULT_ACCOUNT))
    region = reader.text(world, "region", "", "us-east-1")
    created: dict[str, Any] = {"account": account, "region": region}
    created.update(seed_iam(reader, account))
    created.update(seed_s3(reader, account, region))
    created.update(seed_sagemaker(reader, account, region))
    created.update(seed_kms(reader, account, region))
    created.update(seed_ec2(reader, account, region))
    created.update(seed_sns(reader, account, region))
    created.update(seed_dynamodb(reader, account, region))
    return created
