"""The peer baseline: a GuardDuty credential-finding responder written the way the public response samples are
(one Python function, boto3, no guardrails beyond an idempotency put): ledger put, deny-all or session revocation,
key deactivation, publish. It exists only to be timed beside Remediation on the same emulation
(tests/Remediation.Benchmarks, `compare`); it is not part of the product.

    python3 peer_handler.py --endpoint URL --table T --topic ARN --deny-all ARN   (serve: one event per stdin line)
    ... --once EVENT_FILE                                                          (cold start: one event, then exit)

Each handled event prints one JSON line: {"ms": <handler time>, "contained": <the containing call>}.
"""
import argparse
import json
import sys
import time

import boto3

REVOKE_NAME = "AWSRevokeOlderSessions"


class Peer:
    def __init__(self, endpoint: str, table: str, topic: str, deny_all: str) -> None:
        session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")
        # Clients built once, as a Lambda's init would.
        self.ddb = session.client("dynamodb", endpoint_url=endpoint)
        self.iam = session.client("iam", endpoint_url=endpoint)
        self.sns = session.client("sns", endpoint_url=endpoint)
        self.table, self.topic, self.deny_all = table, topic, deny_all

    def handle(self, event: dict) -> str:
        detail = event["detail"]
        try:
            self.ddb.put_item(TableName=self.table, Item={"pk": {"S": "peer#" + detail["id"]}, "type": {"S": detail["type"]}},
                              ConditionExpression="attribute_not_exists(pk)")
        except self.ddb.exceptions.ConditionalCheckFailedException:
            return "duplicate"  # the finding was handled (or is being handled): drop it

        key = detail["resource"]["accessKeyDetails"]
        if key["userType"] == "IAMUser":
            self.iam.attach_user_policy(UserName=key["userName"], PolicyArn=self.deny_all)
            contained = "AttachUserPolicy"
            if key.get("accessKeyId", "").startswith("AKIA"):
                self.iam.update_access_key(UserName=key["userName"], AccessKeyId=key["accessKeyId"], Status="Inactive")
        else:
            role = key["userName"]
            cutoff = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
            document = {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*",
                                                               "Condition": {"DateLessThan": {"aws:TokenIssueTime": cutoff}}}]}
            self.iam.put_role_policy(RoleName=role, PolicyName=REVOKE_NAME, PolicyDocument=json.dumps(document))
            contained = "PutRolePolicy"
        self.sns.publish(TopicArn=self.topic, Subject=f"[{detail['severity']}] {detail['type']}"[:99],
                         Message=json.dumps({"finding": detail["id"], "action": contained}))
        return contained


def main() -> int:
    parser = argparse.ArgumentParser()
    for name in ("--endpoint", "--table", "--topic", "--deny-all"):
        parser.add_argument(name, required=True)
    parser.add_argument("--once")
    args = parser.parse_args()
    peer = Peer(args.endpoint, args.table, args.topic, args.deny_all)
    if args.once:
        with open(args.once, encoding="utf-8") as handle:
            event = json.load(handle)
        started = time.perf_counter()
        contained = peer.handle(event)
        print(json.dumps({"ms": (time.perf_counter() - started) * 1000, "contained": contained}), flush=True)
        return 0
    print("READY", flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        started = time.perf_counter()
        contained = peer.handle(json.loads(line))
        print(json.dumps({"ms": (time.perf_counter() - started) * 1000, "contained": contained}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
