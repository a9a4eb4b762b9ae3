"""SNS topics and DynamoDB tables of the seed."""
from typing import Any

from moto.dynamodb.models import dynamodb_backends
from moto.sns.models import sns_backends

from .world_reader import WorldReader, applying, tag_list


def seed_sns(reader: WorldReader, account: str, region: str) -> dict[str, Any]:
    sns = sns_backends[account][region]
    created = []
    for path, item in reader.items("topics"):
        # A topic is a name, or {"name": ..., "tags": {...}}.
        name = item if isinstance(item, str) else reader.text(item, "name", path)
        tags = {} if isinstance(item, str) else reader.tags(item, path)
        topic = applying(path, lambda: sns.create_topic(name, tags=tags or None))
        created.append({"name": name, "arn": topic.arn})
    return {"topics": created}


def seed_dynamodb(reader: WorldReader, account: str, region: str) -> dict[str, Any]:
    """A table is {"name", "hashKey", "rangeKey"?}; key attributes are strings, billing on demand."""
    dynamodb = dynamodb_backends[account][region]
    created = []
    for path, item in reader.items("tables"):
        name = reader.text(item, "name", path)
        keys = [(reader.text(item, "hashKey", path, "pk"), "HASH")]
        range_key = reader.text(item, "rangeKey", path, None)
        if range_key:
            keys.append((range_key, "RANGE"))
        table = applying(path, lambda: dynamodb.create_table(
            name, schema=[{"AttributeName": k, "KeyType": t} for k, t in keys], throughput=None,
            attr=[{"AttributeName": k, "AttributeType": "S"} for k, _ in keys], global_indexes=None,
            indexes=None, streams=None, billing_mode="PAY_PER_REQUEST", sse_specification=None,
            tags=tag_list(reader.tags(item, path)), deletion_protection_enabled=False, warm_throughput=None))
        created.append({"name": name, "arn": table.table_arn})
    return {"tables": created}
