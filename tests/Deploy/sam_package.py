#!/usr/bin/env python3
"""What `sam package` hands CloudFormation, offline: each function's CodeUri becomes an S3 location, then the
AWS SAM translator (the library behind `sam validate` and CloudFormation's AWS::Serverless transform) expands
the template to plain CloudFormation JSON.

Usage: sam_package.py TEMPLATE BUCKET OUT.json [--region us-east-1]
Prints one JSON line: {"functions": {logicalId: "s3 key"}, "resources": {logicalId: type}}.
"""
import argparse
import json
import os
import sys


def package(template_path: str, bucket: str, region: str = "us-east-1") -> tuple[dict, dict]:
    """The expanded template and {function logical id: S3 key of its code}."""
    os.environ.setdefault("AWS_DEFAULT_REGION", region)
    try:
        from samtranslator.translator.transform import transform
        from samtranslator.yaml_helper import yaml_parse
    except ImportError:
        sys.exit("aws-sam-translator is not importable; install it with: python3 -m pip install aws-sam-translator")

    with open(template_path, encoding="utf-8") as f:
        template = yaml_parse(f.read())
    functions = {}
    for logical_id, resource in template.get("Resources", {}).items():
        if resource.get("Type") == "AWS::Serverless::Function":
            key = f"{logical_id}.zip"
            resource["Properties"]["CodeUri"] = f"s3://{bucket}/{key}"
            functions[logical_id] = key

    class NoManagedPolicies:
        def load(self):
            return {}

    return transform(template, {}, NoManagedPolicies()), functions


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("template")
    parser.add_argument("bucket")
    parser.add_argument("out")
    parser.add_argument("--region", default="us-east-1")
    args = parser.parse_args()
    expanded, functions = package(args.template, args.bucket, args.region)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(expanded, f, indent=1, default=str)
    print(json.dumps({"functions": functions,
                      "resources": {k: v["Type"] for k, v in expanded["Resources"].items()}}))


if __name__ == "__main__":
    main()
