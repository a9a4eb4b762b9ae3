"""IAM part of the seed: policies, groups, roles, users, access keys with the given ids."""
from typing import Any

from moto.iam.models import iam_backends

from .errors import SeedError
from .world_reader import WorldReader, applying, policy_text, tag_list

SEEDED_PASSWORD = "Seeded-Password-1!"  # only so a login profile exists


def seed_iam(reader: WorldReader, account: str) -> dict[str, Any]:
    iam = iam_backends[account]["aws"]
    created: dict[str, list[Any]] = {"policies": [], "groups": [], "roles": [], "users": [], "accessKeys": []}

    for path, item in reader.items("policies"):
        name = reader.text(item, "name", path)
        policy = applying(path, lambda: iam.create_policy(
            description=reader.text(item, "description", path, ""), path=reader.text(item, "path", path, "/"),
            policy_document=policy_text(item.get("document"), f"{path}.document"), policy_name=name,
            tags=tag_list(reader.tags(item, path))))
        # laterVersions: documents created after the first, each made the default in turn (the last one is the default).
        later = item.get("laterVersions", [])
        if not isinstance(later, list):
            raise SeedError(f"{path}.laterVersions must be a list of policy documents")
        for index, document in enumerate(later):
            text = policy_text(document, f"{path}.laterVersions[{index}]")
            applying(f"{path}.laterVersions[{index}]", lambda t=text: iam.create_policy_version(policy.arn, t, True))
        created["policies"].append({"name": name, "arn": policy.arn})

    for path, item in reader.items("groups"):
        name = reader.text(item, "name", path)
        group = applying(path, lambda: iam.create_group(name, reader.text(item, "path", path, "/")))
        _grant(reader, item, path, lambda arn: iam.attach_group_policy(arn, name),
               lambda policy, doc: iam.put_group_policy(name, policy, doc))
        created["groups"].append({"name": name, "arn": group.arn})

    for path, item in reader.items("roles"):
        name = reader.text(item, "name", path)
        trust = policy_text(item.get("trustPolicy", _DEFAULT_TRUST), f"{path}.trustPolicy")
        role = applying(path, lambda: iam.create_role(
            role_name=name, assume_role_policy_document=trust, path=reader.text(item, "path", path, "/"),
            permissions_boundary=None, description=reader.text(item, "description", path, ""),
            tags=tag_list(reader.tags(item, path)), max_session_duration=None))
        _fix_id(reader, item, path, role)
        _grant(reader, item, path, lambda arn: iam.attach_role_policy(arn, name),
               lambda policy, doc: iam.put_role_policy(name, policy, doc))
        created["roles"].append({"name": name, "arn": role.arn, "roleId": role.id})

    for path, item in reader.items("users"):
        created["users"].append(_seed_user(reader, iam, item, path, created["accessKeys"]))
    return created


_DEFAULT_TRUST = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}


def _fix_id(reader: WorldReader, item: Any, path: str, entity: Any) -> None:
    """Users and roles may be given their unique id (AIDA…/AROA…): Config events name users by id (docs/aws-reference.md §0.5)."""
    given = reader.text(item, "id", path, None)
    if given is not None:
        if not 16 <= len(given) <= 128 or not given.isalnum():
            raise SeedError(f"{path}.id must be 16-128 letters/digits (got {given!r})")
        entity.id = given


def _grant(reader: WorldReader, item: Any, path: str, attach: Any, put: Any) -> None:
    for arn in reader.strings(item, "attachedPolicies", path):
        applying(f"{path}.attachedPolicies", lambda arn=arn: attach(arn))
    for policy, document in reader.documents(item, "inlinePolicies", path).items():
        applying(f"{path}.inlinePolicies.{policy}", lambda p=policy, d=document: put(p, d))


def _seed_user(reader: WorldReader, iam: Any, item: Any, path: str, keys_out: list[Any]) -> dict[str, Any]:
    name = reader.text(item, "name", path)
    user = applying(path, lambda: iam.create_user(
        region_name="us-east-1", user_name=name, path=reader.text(item, "path", path, "/"),
        tags=tag_list(reader.tags(item, path))))
    _fix_id(reader, item, path, user)
    _grant(reader, item, path, lambda arn: iam.attach_user_policy(arn, name),
           lambda policy, doc: iam.put_user_policy(name, policy, doc))
    for group in reader.strings(item, "groups", path):
        if group not in iam.groups:
            applying(f"{path}.groups", lambda g=group: iam.create_group(g, "/"))
        applying(f"{path}.groups", lambda g=group: iam.add_user_to_group(g, name))
    if reader.flag(item, "loginProfile", path):
        applying(f"{path}.loginProfile", lambda: iam.create_login_profile(name, SEEDED_PASSWORD))

    keys = item.get("accessKeys", [])
    if not isinstance(keys, list):
        raise SeedError(f"{path}.accessKeys must be a list")
    for index, key_item in enumerate(keys):
        key_path = f"{path}.accessKeys[{index}]"
        keys_out.append(_seed_access_key(reader, iam, name, key_item, key_path))
    return {"name": name, "arn": user.arn, "userId": user.id}


def _seed_access_key(reader: WorldReader, iam: Any, user: str, item: Any, path: str) -> dict[str, Any]:
    key_id = reader.text(item, "id", path)
    if not 16 <= len(key_id) <= 128 or not key_id.isalnum():
        raise SeedError(f"{path}.id must be 16-128 letters/digits (got {key_id!r})")
    if key_id in iam.access_keys:
        raise SeedError(f"{path}.id {key_id} already exists")
    status = reader.text(item, "status", path, "Active")
    if status not in ("Active", "Inactive"):
        raise SeedError(f"{path}.status must be Active or Inactive")
    key = applying(path, lambda: iam.create_access_key(user, status=status))
    # moto generates ids; swap in the given one (the backend indexes keys by id).
    del iam.access_keys[key.access_key_id]
    key.access_key_id = key_id
    key.secret_access_key = reader.text(item, "secret", path, key.secret_access_key)
    iam.access_keys[key_id] = key
    return {"userName": user, "accessKeyId": key_id, "status": status}
