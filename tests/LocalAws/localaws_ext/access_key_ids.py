"""moto finds the caller's access key id with a regex that wants exactly 20 characters.

IAM allows 16-128 (UpdateAccessKey.AccessKeyId in the model), and seeded worlds use such
ids, so widen it; otherwise moto cannot map a request signed with a seeded key to its user.
"""
import re

from moto.core.responses import BaseResponse


def install() -> None:
    BaseResponse.access_key_regex = re.compile(
        r"AWS.*(?P<access_key>(?<![A-Z0-9])[A-Z0-9]{16,128}(?![A-Z0-9]))[:/]")
