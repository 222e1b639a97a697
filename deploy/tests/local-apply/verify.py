#!/usr/bin/env python3
"""Reads back what `terraform apply` created on the local moto_server and checks
it is configured as the modules promise. An independent client (boto3), so a
provider bug that writes one thing and reads back another does not hide.

usage: verify.py ENDPOINT OUTPUTS_JSON SCHEMAS_DIR          (after apply)
       verify.py --destroyed ENDPOINT OUTPUTS_JSON           (after destroy)
Prints one line per check; exits 1 if any check fails.
"""
import json
import os
import sys

import boto3
import botocore

REGION = "eu-west-1"
CENTRAL = "123456789012"
MEMBER = "111111111111"
failures = 0


def check(name, fn):
    global failures
    try:
        ok = fn()
        detail = ""
    except Exception as e:  # a missing resource is a failed check, not a crash
        ok, detail = False, f" ({type(e).__name__}: {e})"
    if not ok:
        failures += 1
    print(f"  {'ok  ' if ok else 'FAIL'} {name}{detail}")


def clients(endpoint):
    base = dict(region_name=REGION, endpoint_url=endpoint,
                config=botocore.config.Config(retries={"max_attempts": 1}, s3={"addressing_style": "path"}))
    central = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test")
    creds = central.client("sts", **base).assume_role(
        RoleArn=f"arn:aws:iam::{MEMBER}:role/logpulse-verify", RoleSessionName="verify")["Credentials"]
    member = boto3.session.Session(aws_access_key_id=creds["AccessKeyId"],
                                   aws_secret_access_key=creds["SecretAccessKey"],
                                   aws_session_token=creds["SessionToken"])
    return (lambda svc: central.client(svc, **base)), (lambda svc: member.client(svc, **base))


# Avro -> Athena types, written independently of the HCL in modules/central/glue.tf.
PRIMITIVE = {"string": "string", "long": "bigint", "int": "int", "double": "double", "float": "float",
             "boolean": "boolean", "bytes": "binary", "fixed": "binary", "enum": "string"}
LOGICAL = {"timestamp-millis": "timestamp", "timestamp-micros": "timestamp", "date": "date", "uuid": "string"}


def hive_type(t):
    if isinstance(t, list):
        (t,) = [u for u in t if u != "null"]
    if isinstance(t, str):
        return PRIMITIVE[t]
    if "logicalType" in t:
        return LOGICAL[t["logicalType"]]
    if t["type"] == "map":
        return f"map<string,{hive_type(t['values'])}>"
    if t["type"] == "array":
        return f"array<{hive_type(t['items'])}>"
    if t["type"] == "record":
        return "struct<" + ",".join(f"{f['name']}:{hive_type(f['type'])}" for f in t["fields"]) + ">"
    return PRIMITIVE[t["type"]]


def verify_applied(endpoint, out, schemas_dir):
    c, m = clients(endpoint)
    central, member = out["central"], out["member"]
    bucket = central["data_bucket"]

    print("central account (123456789012)")
    s = c("kinesis").describe_stream_summary(StreamName=central["stream_name"])["StreamDescriptionSummary"]
    check("kinesis stream is KMS-encrypted with the module key",
          lambda: s["EncryptionType"] == "KMS" and s["KeyId"] in (central["kms_key_arn"], central["kms_key_arn"].split("/")[-1]))
    check("kinesis stream is on-demand", lambda: s["StreamModeDetails"]["StreamMode"] == "ON_DEMAND")
    check("kms key rotates", lambda: c("kms").get_key_rotation_status(KeyId=central["kms_key_arn"])["KeyRotationEnabled"])

    s3 = c("s3")
    check("bucket default encryption is SSE-KMS with a bucket key", lambda: (
        lambda r: r["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "aws:kms"
        and r["ApplyServerSideEncryptionByDefault"]["KMSMasterKeyID"] == central["kms_key_arn"]
        and r.get("BucketKeyEnabled") is True)(
        s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"][0]))
    check("bucket blocks all public access", lambda: all(
        s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"].values()))
    check("bucket policy denies requests without TLS", lambda: any(
        st["Effect"] == "Deny" and st.get("Condition", {}).get("Bool", {}).get("aws:SecureTransport") == "false"
        for st in json.loads(s3.get_bucket_policy(Bucket=bucket)["Policy"])["Statement"]))
    check("bucket versioning is enabled", lambda: s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled")
    check("bucket ownership is BucketOwnerEnforced (no ACLs)", lambda: s3.get_bucket_ownership_controls(
        Bucket=bucket)["OwnershipControls"]["Rules"][0]["ObjectOwnership"] == "BucketOwnerEnforced")
    rules = {r["ID"]: r for r in s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]}
    tables = ["metrics", "anomalies", "incidents", "changes", "dead_letters"]
    check("one lifecycle rule per table prefix", lambda: all(
        rules[f"table-{t}"]["Filter"]["Prefix"] == f"{t}/" and rules[f"table-{t}"]["Status"] == "Enabled" for t in tables))
    check("default table rule: IA 30, Glacier IR 90, expire 400, abort MPU 7, noncurrent 30", lambda: (
        lambda r: sorted((x["StorageClass"], x["Days"]) for x in r["Transitions"]) == [("GLACIER_IR", 90), ("STANDARD_IA", 30)]
        and r["Expiration"]["Days"] == 400 and r["AbortIncompleteMultipartUpload"]["DaysAfterInitiation"] == 7
        and r["NoncurrentVersionExpiration"]["NoncurrentDays"] == 30)(rules["table-metrics"]))
    check("per-table override: dead_letters expires at 30 days without transitions", lambda: (
        rules["table-dead_letters"]["Expiration"]["Days"] == 30 and not rules["table-dead_letters"].get("Transitions")))

    logs = c("logs")
    dest = [d for d in logs.describe_destinations()["destinations"] if d["arn"] == central["destination_arn"]]
    check("logs destination targets the stream", lambda: dest[0]["targetArn"] == central["stream_arn"])
    check("destination policy names only the member accounts", lambda: (
        lambda st: sorted(st["Principal"]["AWS"]) == ["111111111111", "222222222222"] and st["Resource"] == central["destination_arn"])(
        json.loads(dest[0]["accessPolicy"])["Statement"][0]))
    check("logs role may only put records into the stream (and use its key)", lambda: all(
        st["Resource"] in (central["stream_arn"], central["kms_key_arn"]) for st in c("iam").get_role_policy(
            RoleName=dest[0]["roleArn"].split("/")[-1], PolicyName="put-records")["PolicyDocument"]["Statement"]))
    check("application role uses no wildcard resource but PutMetricData (namespace-scoped)", lambda: all(
        st["Resource"] != "*" or (st["Action"] == "cloudwatch:PutMetricData" and st["Condition"]["StringEquals"]["cloudwatch:namespace"] == "logpulse")
        for st in c("iam").get_role_policy(RoleName="logpulse-application", PolicyName="logpulse-job")["PolicyDocument"]["Statement"]))
    app_lg = logs.describe_log_groups(logGroupNamePrefix="/aws/kinesis-analytics/logpulse")["logGroups"][0]
    check("application log group is KMS-encrypted with retention", lambda: app_lg.get("kmsKeyId") == central["kms_key_arn"] and app_lg["retentionInDays"] == 30)

    glue = c("glue")
    mapping = {"metrics": "MetricWindow.avsc", "anomalies": "Anomaly.avsc", "incidents": "Incident.avsc",
               "changes": "ChangeEvent.avsc", "dead_letters": "DeadLetter.avsc"}
    existing = {t: f for t, f in mapping.items() if os.path.exists(os.path.join(schemas_dir, f))}
    names = {t["Name"] for t in glue.get_tables(DatabaseName=central["glue_database"])["TableList"]}
    check(f"glue tables exactly for the schemas present ({', '.join(sorted(existing))})", lambda: names == set(existing))
    for t, f in sorted(existing.items()):
        want = [(fl["name"], hive_type(fl["type"])) for fl in json.load(open(os.path.join(schemas_dir, f)))["fields"]]
        tbl = glue.get_table(DatabaseName=central["glue_database"], Name=t)["Table"]
        check(f"glue {t}: columns match {f}", lambda: [(col["Name"], col["Type"]) for col in tbl["StorageDescriptor"]["Columns"]] == want)
        check(f"glue {t}: parquet, partitioned dt/hr with projection", lambda: (
            tbl["StorageDescriptor"]["SerdeInfo"]["SerializationLibrary"].endswith("ParquetHiveSerDe")
            and [p["Name"] for p in tbl["PartitionKeys"]] == ["dt", "hr"]
            and tbl["Parameters"]["projection.enabled"] == "true"
            and tbl["Parameters"]["storage.location.template"] == f"s3://{bucket}/{t}/dt=${{dt}}/hr=${{hr}}/"))

    alarms = {a["AlarmName"]: a for a in c("cloudwatch").describe_alarms(AlarmNamePrefix="logpulse-")["MetricAlarms"]}
    check("the four job-health alarms exist and notify the topic", lambda: all(
        n in alarms and central["topic_arn"] in alarms[n]["AlarmActions"] for n in central["alarm_names"]))
    check("downtime alarm watches AWS/KinesisAnalytics downtime of the application", lambda: (
        alarms["logpulse-downtime"]["Namespace"] == "AWS/KinesisAnalytics" and alarms["logpulse-downtime"]["MetricName"] == "downtime"
        and alarms["logpulse-downtime"]["Dimensions"] == [{"Name": "Application", "Value": "logpulse"}]))
    check("dashboard exists", lambda: len(json.loads(c("cloudwatch").get_dashboard(DashboardName=central["dashboard_name"])["DashboardBody"])["widgets"]) >= 8)
    ev = c("events")
    check("incident bus exists", lambda: ev.describe_event_bus(Name=central["incident_bus"])["Name"] == central["incident_bus"])
    check("the job publishes incidents to that bus in its region", lambda: (
        lambda p: p["eventbridge.enabled"] == "true" and p["eventbridge.bus"] == central["incident_bus"]
        and p["eventbridge.region"] == REGION)(central["job_properties"]))
    check("the application role may put events on that bus only", lambda: [
        st["Resource"] for st in c("iam").get_role_policy(RoleName="logpulse-application", PolicyName="logpulse-job")["PolicyDocument"]["Statement"]
        if "events:PutEvents" in ([st["Action"]] if isinstance(st["Action"], str) else st["Action"])]
        == [ev.describe_event_bus(Name=central["incident_bus"])["Arn"]])
    check("example incident rule targets the topic", lambda: [t["Arn"] for t in ev.list_targets_by_rule(
        Rule="logpulse-incidents-to-sns", EventBusName=central["incident_bus"])["Targets"]] == [central["topic_arn"]])
    check("notifications topic is KMS-encrypted", lambda: c("sns").get_topic_attributes(
        TopicArn=central["topic_arn"])["Attributes"]["KmsMasterKeyId"] == central["kms_key_arn"])
    check("athena workgroup writes encrypted results into the bucket", lambda: (
        lambda rc: rc["OutputLocation"] == f"s3://{bucket}/athena-results/" and rc["EncryptionConfiguration"]["EncryptionOption"] == "SSE_KMS")(
        c("athena").get_work_group(WorkGroup=central["athena_workgroup"])["WorkGroup"]["Configuration"]["ResultConfiguration"]))

    print("member account (111111111111)")
    mlogs = m("logs")
    for g in member["subscribed_log_groups"] + [member["trail_log_group"]]:
        check(f"{g} is subscribed to the central destination", lambda: [
            f["destinationArn"] for f in mlogs.describe_subscription_filters(logGroupName=g)["subscriptionFilters"]] == [central["destination_arn"]])
    trail = m("cloudtrail").get_trail(Name=member["trail_arn"])["Trail"]
    check("trail delivers to its log group", lambda: trail["CloudWatchLogsLogGroupArn"].startswith(
        f"arn:aws:logs:{REGION}:{MEMBER}:log-group:{member['trail_log_group']}"))
    check("trail is multi-region with file validation", lambda: trail["IsMultiRegionTrail"] and trail["LogFileValidationEnabled"])
    ms3 = m("s3")
    check("trail bucket is encrypted and blocks public access", lambda: (
        ms3.get_bucket_encryption(Bucket=member["trail_bucket"])["ServerSideEncryptionConfiguration"]["Rules"][0]
        ["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
        and all(ms3.get_public_access_block(Bucket=member["trail_bucket"])["PublicAccessBlockConfiguration"].values())))


def verify_destroyed(endpoint, out):
    c, m = clients(endpoint)
    central, member = out["central"], out["member"]

    def gone(call):
        try:
            call()
            return False
        except botocore.exceptions.ClientError:
            return True

    print("after destroy")
    check("stream is gone", lambda: gone(lambda: c("kinesis").describe_stream_summary(StreamName=central["stream_name"])))
    check("data bucket is gone", lambda: gone(lambda: c("s3").head_bucket(Bucket=central["data_bucket"])))
    check("destination is gone", lambda: not c("logs").describe_destinations()["destinations"])
    check("glue database is gone", lambda: gone(lambda: c("glue").get_database(Name=central["glue_database"])))
    check("trail bucket is gone", lambda: gone(lambda: m("s3").head_bucket(Bucket=member["trail_bucket"])))
    check("trail log group is gone", lambda: not m("logs").describe_log_groups(
        logGroupNamePrefix=member["trail_log_group"])["logGroups"])
    # Not checked: the trail itself. moto's DeleteTrail ignores a trail ARN
    # (the provider deletes by ARN), so the trail outlives the destroy there.


if __name__ == "__main__":
    args = sys.argv[1:]
    if args and args[0] == "--destroyed":
        outputs = {k: v["value"] for k, v in json.load(open(args[2])).items()}
        verify_destroyed(args[1], outputs)
    else:
        outputs = {k: v["value"] for k, v in json.load(open(args[1])).items()}
        verify_applied(args[0], outputs, args[2])
    sys.exit(1 if failures else 0)
