"""The peer baseline for a sweep: the least a script must do to stop every in-progress SageMaker training job of one
role (list the running jobs, describe each for its role, stop the role's), one call after another with boto3.
Timed beside StopTrainingJob by tests/Remediation.Benchmarks (`sweep`); not part of the product.

    python3 peer_sweep.py --endpoint URL --role-arn ARN

Prints one JSON line: {"ms": <time>, "calls": <AWS calls>, "stopped": <jobs stopped>}.
"""
import argparse
import json
import sys
import time

import boto3


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--role-arn", required=True)
    args = parser.parse_args()
    session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")
    sagemaker = session.client("sagemaker", endpoint_url=args.endpoint)
    started = time.perf_counter()
    calls = stopped = 0
    names = []
    token = None
    while True:
        page = sagemaker.list_training_jobs(StatusEquals="InProgress", MaxResults=100, **({"NextToken": token} if token else {}))
        calls += 1
        names += [job["TrainingJobName"] for job in page["TrainingJobSummaries"]]
        token = page.get("NextToken")
        if not token:
            break
    for name in names:
        role = sagemaker.describe_training_job(TrainingJobName=name)["RoleArn"]
        calls += 1
        if role == args.role_arn:
            sagemaker.stop_training_job(TrainingJobName=name)
            calls += 1
            stopped += 1
    print(json.dumps({"ms": (time.perf_counter() - started) * 1000, "calls": calls, "stopped": stopped}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
