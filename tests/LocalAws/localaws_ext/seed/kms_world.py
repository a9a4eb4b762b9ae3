"""KMS part of the seed: keys with the given key ids, aliases, rotation status."""
from typing import Any

from moto.kms.models import kms_backends

from .errors import SeedError
from .world_reader import WorldReader, applying, tag_list


def seed_kms(reader: WorldReader, account: str, region: str) -> dict[str, Any]:
    kms = kms_backends[account][region]
    created = []
    for path, item in reader.items("kmsKeys"):
        key_id = reader.text(item, "id", path, None)
        if key_id is not None and key_id in kms.keys:
            raise SeedError(f"{path}.id {key_id} already exists")
        key = applying(path, lambda: kms.create_key(
            policy=None, key_usage="ENCRYPT_DECRYPT", key_spec="SYMMETRIC_DEFAULT",
            description=reader.text(item, "description", path, ""), tags=None))
        if key_id is not None:
            # moto generates the id; re-index the key under the given one.
            del kms.keys[key.id]
            key.id = key_id
            key.arn = f"arn:aws:kms:{region}:{account}:key/{key_id}"
            kms.keys[key_id] = key
        tags = reader.tags(item, path)
        if tags:
            applying(path, lambda: kms.tag_resource(key.id, tag_list(tags)))
        if reader.flag(item, "rotationEnabled", path):
            applying(path, lambda: kms.enable_key_rotation(key.id))
        if reader.flag(item, "enabled", path, True) is False:
            applying(path, lambda: kms.disable_key(key.id))
        pending = item.get("pendingDeletionInDays")
        if pending is not None:
            if not isinstance(pending, int) or isinstance(pending, bool) or not 7 <= pending <= 30:
                raise SeedError(f"{path}.pendingDeletionInDays must be a whole number from 7 to 30")
            applying(path, lambda: kms.schedule_key_deletion(key.id, pending))
        alias = reader.text(item, "alias", path, None)
        if alias is not None:
            if not alias.startswith("alias/"):
                raise SeedError(f"{path}.alias must start with alias/")
            applying(path, lambda: kms.create_alias(key.id, alias))
        created.append({"keyId": key.id, "arn": key.arn, "alias": alias})
    return {"kmsKeys": created}
