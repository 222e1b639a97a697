#!/usr/bin/env bash
# Builds the logpulse jobs jar, uploads it to the data-lake bucket under a
# content-addressed key, and points the Flink application at it.
#
#   deploy/scripts/deploy-jar.sh --tf-dir deploy/examples/multi-account [--start]
#       reads bucket and application from the Terraform outputs and runs
#       `terraform apply -var jar_key=KEY -var create_application=true` there
#       (Terraform stays the source of truth; the root needs those two variables,
#       as examples/multi-account has);
#   deploy/scripts/deploy-jar.sh --bucket B --application A [--region R] [--start]
#       updates the application directly with the AWS CLI; then set jar_key=KEY in
#       Terraform, or its next apply points the application back at the old jar.
#
# Other options: --skip-build, --jar PATH (default jobs/target/logpulse-jobs-*-msf.jar),
# --dry-run (print the commands, change nothing). Run with credentials of the
# central account.
set -euo pipefail

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit "${1:-0}"; }

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tf_dir="" bucket="" application="" region="${AWS_REGION:-${AWS_DEFAULT_REGION:-}}"
jar="" build=1 start=0 dry_run=0 prefix="artifacts/"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --tf-dir) tf_dir="$2"; shift 2 ;;
    --bucket) bucket="$2"; shift 2 ;;
    --application) application="$2"; shift 2 ;;
    --region) region="$2"; shift 2 ;;
    --jar) jar="$2"; shift 2 ;;
    --prefix) prefix="$2"; shift 2 ;;
    --skip-build) build=0; shift ;;
    --start) start=1; shift ;;
    --dry-run) dry_run=1; shift ;;
    -h|--help) usage 0 ;;
    *) echo "deploy-jar.sh: unknown option $1" >&2; usage 2 ;;
  esac
done

run() {
  if [[ $dry_run -eq 1 ]]; then printf '+ %q' "$1"; shift; printf ' %q' "$@"; echo; else "$@"; fi
}

if [[ -n "$tf_dir" ]]; then
  bucket="${bucket:-$(terraform -chdir="$tf_dir" output -raw data_bucket)}"
  application="${application:-$(terraform -chdir="$tf_dir" output -raw application_name)}"
fi
[[ -n "$bucket" && -n "$application" ]] || { echo "deploy-jar.sh: give --tf-dir, or --bucket and --application" >&2; exit 2; }
region_args=()
[[ -n "$region" ]] && region_args=(--region "$region")

# 1. Build (Flink itself is provided by the service; the jar is the uber jar of jobs/).
if [[ $build -eq 1 ]]; then
  run mvn -B -q -f "$repo_root/pom.xml" -DskipTests package -pl jobs -am
fi
if [[ -z "$jar" ]]; then
  shopt -s nullglob
  jars=("$repo_root"/jobs/target/logpulse-jobs-*-msf.jar)
  [[ ${#jars[@]} -eq 1 ]] || { echo "deploy-jar.sh: expected one jobs/target/logpulse-jobs-*-msf.jar, found ${#jars[@]} (build first, or pass --jar)" >&2; exit 1; }
  jar="${jars[0]}"
fi
[[ -f "$jar" ]] || { echo "deploy-jar.sh: no jar at $jar" >&2; exit 1; }

# 2. Upload under a key derived from the content: an update always names a new
# object, rollbacks are a key away, and re-deploying the same jar is a no-op.
sha="$(sha256sum "$jar" | cut -c1-16)"
key="${prefix}logpulse-jobs-${sha}.jar"
echo "jar: $jar -> s3://$bucket/$key"
run aws "${region_args[@]}" s3 cp "$jar" "s3://$bucket/$key" --only-show-errors

# 3. Point the application at it.
if [[ -n "$tf_dir" ]]; then
  run terraform -chdir="$tf_dir" apply -var "jar_key=$key" -var "create_application=true"
else
  if [[ $dry_run -eq 1 ]]; then
    version="<current version id>"
  else
    version="$(aws "${region_args[@]}" kinesisanalyticsv2 describe-application --application-name "$application" \
      --query 'ApplicationDetail.ApplicationVersionId' --output text)"
  fi
  update="{\"ApplicationCodeConfigurationUpdate\":{\"CodeContentUpdate\":{\"S3ContentLocationUpdate\":{\"FileKeyUpdate\":\"$key\"}}}}"
  run aws "${region_args[@]}" kinesisanalyticsv2 update-application --application-name "$application" \
    --current-application-version-id "$version" --application-configuration-update "$update"
  echo "note: set jar_key = \"$key\" in your Terraform configuration, or its next apply reverts the application to the old jar."
fi

# 4. Optionally start it (an update of a running application restarts it from a snapshot by itself).
if [[ $start -eq 1 ]]; then
  status="READY"
  if [[ $dry_run -eq 0 ]]; then
    status="$(aws "${region_args[@]}" kinesisanalyticsv2 describe-application --application-name "$application" \
      --query 'ApplicationDetail.ApplicationStatus' --output text)"
  fi
  if [[ "$status" == "READY" ]]; then
    run aws "${region_args[@]}" kinesisanalyticsv2 start-application --application-name "$application" \
      --run-configuration '{"ApplicationRestoreConfiguration":{"ApplicationRestoreType":"RESTORE_FROM_LATEST_SNAPSHOT"}}'
  else
    echo "application is $status: not starting it"
  fi
fi
