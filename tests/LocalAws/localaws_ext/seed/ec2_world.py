"""EC2 part of the seed: VPCs with their security groups, instance profiles, instances with the given ids (their network
interface, EBS volumes, tags, profile) and Auto Scaling groups they belong to."""
from typing import Any

from moto.autoscaling.models import autoscaling_backends
from moto.ec2.models import ec2_backends
from moto.iam.models import iam_backends

from .errors import SeedError
from .world_reader import WorldReader, applying

_IMAGE = "ami-12c6146b"  # one of moto's built-in AMIs


def seed_ec2(reader: WorldReader, account: str, region: str) -> dict[str, Any]:
    ec2 = ec2_backends[account][region]
    iam = iam_backends[account]["aws"]
    groups: dict[str, dict[str, str]] = {}
    subnets: dict[str, str] = {}
    created: dict[str, list[Any]] = {"vpcs": [], "instances": []}
    for path, item in reader.items("vpcs"):
        name = reader.text(item, "name", path)
        cidr = reader.text(item, "cidr", path, "10.20.0.0/16")
        vpc = applying(path, lambda: ec2.create_vpc(cidr_block=cidr))
        ec2.create_tags([vpc.id], {"Name": name})
        subnet = applying(path, lambda: ec2.create_subnet(vpc_id=vpc.id, cidr_block=cidr.rsplit(".", 2)[0] + ".1.0/24",
                                                          availability_zone=region + "a"))
        subnets[name] = subnet.id
        groups[name] = {}
        for group_name in reader.strings(item, "securityGroups", path):
            group = applying(path, lambda g=group_name: ec2.create_security_group(name=g, description=g, vpc_id=vpc.id))
            groups[name][group_name] = group.id
        created["vpcs"].append({"name": name, "id": vpc.id, "securityGroups": groups[name]})

    for path, item in reader.items("instanceProfiles"):
        name = reader.text(item, "name", path)
        applying(path, lambda: iam.create_instance_profile(name, "/", [reader.text(item, "role", path)]))

    templates: set[str] = set()
    for path, item in reader.items("instances"):
        instance_id = reader.text(item, "id", path)
        vpc_name = reader.text(item, "vpc", path)
        if vpc_name not in subnets:
            raise SeedError(f"{path}.vpc {vpc_name} is not one of the world's vpcs")
        group_ids = []
        for group_name in reader.strings(item, "securityGroups", path):
            if group_name not in groups[vpc_name]:
                raise SeedError(f"{path}.securityGroups: {group_name} is not a group of vpc {vpc_name}")
            group_ids.append(groups[vpc_name][group_name])
        instance = applying(path, lambda: _run(ec2, region, subnets[vpc_name], group_ids, reader, item, path))
        instance.id = instance_id  # moto picks random ids; lookups read this attribute
        profile = reader.text(item, "instanceProfile", path, "")
        if profile:
            applying(path, lambda: ec2.associate_iam_instance_profile(instance_id=instance_id, iam_instance_profile_name=profile))
        tags = reader.tags(item, path)
        if "name" in item:
            tags = {"Name": reader.text(item, "name", path), **tags}
        if tags:
            ec2.create_tags([instance_id], tags)
        group_name = reader.text(item, "autoScalingGroup", path, "")
        if group_name:
            _join_group(ec2, autoscaling_backends[account][region], templates, group_name, subnets[vpc_name], instance_id)
        created["instances"].append({"id": instance_id, "networkInterfaces": [n.id for n in instance.nics.values()],
                                     "volumes": [m.volume_id for m in instance.block_device_mapping.values()]})
    return created


def _run(ec2: Any, region: str, subnet: str, group_ids: list[str], reader: WorldReader, item: Any, path: str) -> Any:
    volumes = item.get("volumesGiB", [8])
    if not isinstance(volumes, list) or not all(isinstance(v, int) and v > 0 for v in volumes):
        raise SeedError(f"{path}.volumesGiB must be a list of positive sizes")
    devices = ["/dev/sda1"] + [f"/dev/sd{chr(ord('b') + i)}" for i in range(len(volumes) - 1)]
    # The members EC2's RunInstances response handler passes (moto 5.2.1 ec2/responses/instances.py).
    kwargs = dict(instance_type=reader.text(item, "instanceType", path, "p3.2xlarge"), is_instance_type_default=False,
                  placement=None, placement_hostid=None, region_name=region, subnet_id=subnet, key_name=None,
                  security_group_ids=group_ids, nics=[], private_ip=None, associate_public_ip=None, tags={},
                  ebs_optimized=False, disable_api_stop=False, instance_market_options={},
                  instance_initiated_shutdown_behavior=None, launch_template={}, hibernation_options={},
                  iam_instance_profile_name=None, iam_instance_profile_arn=None, monitoring_state="disabled",
                  ipv6_address_count=None, metadata_options={}, client_token="seed",
                  block_device_mappings=[{"DeviceName": d, "Ebs": {"VolumeSize": size}} for d, size in zip(devices, volumes)])
    return ec2.run_instances(_IMAGE, 1, None, [], **kwargs).instances[0]


def _join_group(ec2: Any, autoscaling: Any, templates: set[str], group_name: str, subnet: str, instance_id: str) -> None:
    if group_name not in autoscaling.autoscaling_groups:
        template = f"{group_name}-template"
        if template not in templates:
            ec2.create_launch_template(template, "seeded", {"ImageId": _IMAGE, "InstanceType": "p3.2xlarge"}, tag_spec={})
            templates.add(template)
        autoscaling.create_auto_scaling_group(
            name=group_name, availability_zones=[], desired_capacity=0, max_size=10, min_size=0, launch_config_name=None,
            launch_template={"LaunchTemplateName": template, "Version": "$Latest"}, vpc_zone_identifier=subnet,
            default_cooldown=None, health_check_period=None, health_check_type=None, load_balancers=[], target_group_arns=[],
            placement_group=None, termination_policies=[], tags=[])
    autoscaling.attach_instances(group_name, [instance_id])
