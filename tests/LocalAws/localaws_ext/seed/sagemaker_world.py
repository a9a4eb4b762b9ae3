"""SageMaker part of the seed: training and processing jobs in a chosen status."""
from typing import Any

from moto.sagemaker.models import sagemaker_backends

from .. import sagemaker_jobs
from .errors import SeedError
from .world_reader import WorldReader, applying, tag_list

STATUSES = ("InProgress", "Completed", "Failed", "Stopping", "Stopped")


def _common(reader: WorldReader, item: Any, path: str, account: str) -> tuple[str, str, str, str]:
    status = reader.text(item, "status", path, "InProgress")
    if status not in STATUSES:
        raise SeedError(f"{path}.status must be one of {list(STATUSES)}")
    return (reader.text(item, "name", path),
            reader.text(item, "roleArn", path, f"arn:aws:iam::{account}:role/sagemaker-exec"),
            reader.text(item, "image", path, f"{account}.dkr.ecr.us-east-1.amazonaws.com/job:latest"),
            status)


def seed_sagemaker(reader: WorldReader, account: str, region: str) -> dict[str, Any]:
    sagemaker = sagemaker_backends[account][region]
    training, processing = [], []
    for path, item in reader.items("trainingJobs"):
        name, role, image, status = _common(reader, item, path, account)
        if name in sagemaker.training_jobs:
            raise SeedError(f"{path}.name {name} already exists")
        job = applying(path, lambda: sagemaker.create_training_job(
            training_job_name=name, hyper_parameters={}, role_arn=role,
            algorithm_specification={"TrainingImage": image, "TrainingInputMode": "File"},
            input_data_config=[{"ChannelName": f"channel{i}", "DataSource": {"S3DataSource": {
                "S3DataType": "S3Prefix", "S3Uri": uri, "S3DataDistributionType": "FullyReplicated"}}}
                for i, uri in enumerate(reader.strings(item, "inputS3Uris", path))], vpc_config=None, tags=tag_list(reader.tags(item, path)),
            output_data_config={"S3OutputPath": reader.text(item, "outputS3Path", path, f"s3://sagemaker-{account}/{name}/")},
            resource_config={"InstanceType": reader.text(item, "instanceType", path, "ml.m5.xlarge"),
                             "InstanceCount": reader.number(item, "instanceCount", path, 1),
                             "VolumeSizeInGB": reader.number(item, "volumeSizeInGB", path, 30)},
            stopping_condition={"MaxRuntimeInSeconds": 86400}, enable_network_isolation=False,
            enable_inter_container_traffic_encryption=False, enable_managed_spot_training=False,
            checkpoint_config=None, debug_hook_config=None, debug_rule_configurations=None,
            tensor_board_output_config=None, experiment_config=None))
        sagemaker_jobs.set_status(sagemaker_jobs.TRAINING, job, status)
        training.append({"name": name, "arn": job.arn, "status": status})
    for path, item in reader.items("processingJobs"):
        name, role, image, status = _common(reader, item, path, account)
        if name in sagemaker.processing_jobs:
            raise SeedError(f"{path}.name {name} already exists")
        job = applying(path, lambda: sagemaker.create_processing_job(
            app_specification={"ImageUri": image}, experiment_config=None, network_config=None,
            processing_inputs=[{"InputName": f"input{i}", "S3Input": {
                "S3Uri": uri, "LocalPath": f"/opt/ml/processing/input/{i}", "S3DataType": "S3Prefix", "S3InputMode": "File"}}
                for i, uri in enumerate(reader.strings(item, "inputS3Uris", path))], processing_job_name=name, processing_output_config=None, role_arn=role,
            tags=tag_list(reader.tags(item, path)), stopping_condition={"MaxRuntimeInSeconds": 86400}))
        sagemaker_jobs.set_status(sagemaker_jobs.PROCESSING, job, status)
        processing.append({"name": name, "arn": job.arn, "status": status})
    return {"trainingJobs": training, "processingJobs": processing,
            "notebookInstances": _seed_notebooks(reader, sagemaker, account)}


NOTEBOOK_STATUSES = ("InService", "Stopped")


def _seed_notebooks(reader: WorldReader, sagemaker: Any, account: str) -> list[dict[str, Any]]:
    notebooks = []
    for path, item in reader.items("notebookInstances"):
        name = reader.text(item, "name", path)
        status = reader.text(item, "status", path, "InService")
        if status not in NOTEBOOK_STATUSES:
            raise SeedError(f"{path}.status must be one of {list(NOTEBOOK_STATUSES)}")
        if name in sagemaker.notebook_instances:
            raise SeedError(f"{path}.name {name} already exists")
        subnet = reader.text(item, "subnetId", path, None)
        notebook = applying(path, lambda: sagemaker.create_notebook_instance(
            notebook_instance_name=name,
            instance_type=reader.text(item, "instanceType", path, "ml.t3.medium"),
            role_arn=reader.text(item, "roleArn", path, f"arn:aws:iam::{account}:role/sagemaker-exec"),
            subnet_id=subnet,
            security_group_ids=reader.strings(item, "securityGroupIds", path) or None,
            tags=tag_list(reader.tags(item, path)),
            direct_internet_access=reader.text(item, "directInternetAccess", path, "Enabled")))
        if status == "Stopped":
            notebook.stop()
        notebooks.append({"name": name, "arn": notebook.arn, "status": notebook.status})
    return notebooks
