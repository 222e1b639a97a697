#!/usr/bin/env bash
# All tests of deploy/, offline: formatting, validation of every root, the
# mocked `terraform test` suites, cfn-lint, the jar script, and an apply +
# read-back + destroy of the data plane against a local moto_server.
#
#   deploy/test.sh            (from anywhere; about two minutes)
#
# The apply against moto (about two minutes of provider polling) runs in the
# background while the static steps run.
#
# Needs terraform >= 1.7, python3 with moto (moto_server) and boto3, cfn-lint.
# The hashicorp/aws provider comes from a local filesystem mirror when one is
# found (TF_PLUGIN_DIR, or a folder holding registry.terraform.io/hashicorp/aws
# somewhere on the machine), otherwise from the registry.
# Prints PASS/FAIL per step and ends with the line "N passed, M failed".
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$here/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/logpulse-deploy-test.XXXXXX")"
passed=0 failed=0 moto_pid="" lane_pid=""

cleanup() {
  if [[ -n "$lane_pid" ]] && kill -0 "$lane_pid" 2>/dev/null; then kill "$lane_pid" 2>/dev/null; fi
  if [[ -s "$work/moto.pid" ]] && kill -0 "$(cat "$work/moto.pid")" 2>/dev/null; then
    kill "$(cat "$work/moto.pid")" 2>/dev/null
  fi
  # terraform init writes a lock file next to each root; leave the tree as found.
  for f in "${created_locks[@]:-}"; do [[ -n "$f" ]] && rm -f "$f"; done
  rm -rf "$work"
}
created_locks=()
trap cleanup EXIT
trap 'exit 130' INT TERM

# step NAME COMMAND...: runs COMMAND with output to a log, prints PASS/FAIL and
# the log's tail on failure.
step() {
  local name="$1"; shift
  local log="$work/step-${name//[^A-Za-z0-9]/_}.log" start=$SECONDS
  if "$@" >"$log" 2>&1; then
    passed=$((passed + 1)); printf 'PASS  %-58s %3ss\n' "$name" "$((SECONDS - start))"
  else
    failed=$((failed + 1)); printf 'FAIL  %-58s %3ss\n' "$name" "$((SECONDS - start))"
    tail -n 40 "$log" | sed 's/^/      | /'
  fi
}

# Terraform: no user CLI config, data dirs and plugin cache outside the repo.
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1
: >"$TF_CLI_CONFIG_FILE"
plugin_dir="${TF_PLUGIN_DIR:-}"
if [[ -z "$plugin_dir" ]]; then
  find_provider() { find "$@" \( -path /proc -o -path /sys -o -path /dev \) -prune -o \
    -path '*/registry.terraform.io/hashicorp/aws/*/terraform-provider-aws*' -print 2>/dev/null | head -n 1; }
  # Usual mirror places first (fast), then the whole machine.
  provider_bin="$(find_provider /opt /usr/local /usr/share "$HOME/.terraform.d" "$HOME/.local/share")"
  [[ -n "$provider_bin" ]] || provider_bin="$(find_provider /)"
  # <dir>/registry.terraform.io/hashicorp/aws/VERSION/OS_ARCH/binary -> <dir>
  [[ -n "$provider_bin" ]] && plugin_dir="$(cd "$(dirname "$provider_bin")/../../../../.." && pwd)"
fi
init_args=(-backend=false -input=false -no-color)
[[ -n "$plugin_dir" ]] && init_args+=("-plugin-dir=$plugin_dir")
echo "provider: ${plugin_dir:-registry} | work dir: $work"

tf() { # tf ROOT ARGS...: terraform in ROOT with a data dir of its own under $work
  local root="$1"; shift
  TF_DATA_DIR="$work/tfdata/${root//\//_}" ${tf_timeout:+timeout "$tf_timeout"} terraform -chdir="$here/$root" "$@"
}
init() {
  local root="$1"
  [[ -f "$here/$root/.terraform.lock.hcl" ]] || created_locks+=("$here/$root/.terraform.lock.hcl")
  tf "$root" init "${init_args[@]}"
}
validate_root() { init "$1" && tf "$1" validate -no-color; }

# 6. Apply, read back, lint the rendered template, destroy, read back: against moto.
start_moto() {
  command -v moto_server >/dev/null || { echo "moto_server not found (pip install 'moto[server]')"; return 1; }
  moto_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  moto_server -H 127.0.0.1 -p "$moto_port" >"$work/moto.log" 2>&1 &
  moto_pid=$!
  echo "$moto_pid" >"$work/moto.pid"
  for _ in $(seq 1 50); do
    curl -sf "http://127.0.0.1:$moto_port/moto-api/" >/dev/null 2>&1 && { echo "moto_server pid $moto_pid on port $moto_port"; return 0; }
    sleep 0.2
  done
  echo "moto_server did not start"; cat "$work/moto.log"; return 1
}
local_tf() { # terraform against moto, state in $work
  tf tests/local-apply "$@" -no-color -input=false -state="$work/local.tfstate" -var "endpoint=http://127.0.0.1:$moto_port"
}
apply_local() {
  tf_timeout=240 local_tf apply -auto-approve || return 1
  tf tests/local-apply output -no-color -state="$work/local.tfstate" -json >"$work/outputs.json"
}
lint_rendered() {
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["msf_template_body"]["value"])' "$work/outputs.json" >"$work/msf-rendered.json" &&
    cfn-lint "$work/msf-rendered.json"
}
destroy_local() {
  tf_timeout=180 local_tf destroy -auto-approve -refresh=false
}

# The apply lane mostly waits on provider polling, so it runs in the
# background while the static steps run; its report is printed after them.
moto_lane() {
  passed=0 failed=0
  trap 'if [[ -n "$moto_pid" ]]; then kill "$moto_pid" 2>/dev/null; wait "$moto_pid" 2>/dev/null; fi' EXIT
  step "terraform validate tests/local-apply" validate_root tests/local-apply
  step "moto_server start (free 127.0.0.1 port)" start_moto
  if [[ -n "$moto_pid" ]]; then
    step "local apply (central + member) against moto" apply_local
    if [[ -s "$work/outputs.json" ]]; then
      step "local read-back: resources exist as configured" python3 "$here/tests/local-apply/verify.py" \
        "http://127.0.0.1:$moto_port" "$work/outputs.json" "$repo_root/schemas/src/main/avro"
      step "cfn-lint rendered application template" lint_rendered
    fi
    step "local destroy" destroy_local
    if [[ -s "$work/outputs.json" ]]; then
      step "local read-back: resources are gone" python3 "$here/tests/local-apply/verify.py" --destroyed \
        "http://127.0.0.1:$moto_port" "$work/outputs.json"
    fi
  fi
  echo "$passed $failed" >"$work/lane.counts"
}

tf_timeout=""
roots=(modules/central modules/member examples/multi-account)

[[ -f "$here/tests/local-apply/.terraform.lock.hcl" ]] || created_locks+=("$here/tests/local-apply/.terraform.lock.hcl")
moto_lane >"$work/lane.out" 2>&1 &
lane_pid=$!

# 1. Formatting of every .tf/.tftest.hcl under deploy/.
step "terraform fmt -check" terraform fmt -check -recursive -diff "$here"

# 2. init + validate of every root, module and example (tests/local-apply: in the lane).
for r in "${roots[@]}"; do
  step "terraform validate $r" validate_root "$r"
done

# 3. Mocked-provider test suites.
for r in modules/central modules/member; do
  step "terraform test $r" tf "$r" test -no-color
done

# 4. CloudFormation template as committed.
step "cfn-lint cloudformation/*.yaml" cfn-lint "$here"/cloudformation/*.yaml

# 5. The jar script: syntax, and what it would run.
jar_script_dry_run() {
  bash -n "$here/scripts/deploy-jar.sh" || return 1
  printf 'not a real jar' >"$work/test.jar"
  local out; out="$("$here/scripts/deploy-jar.sh" --skip-build --jar "$work/test.jar" --bucket test-bucket \
    --application logpulse --region eu-west-1 --dry-run)" || return 1
  echo "$out"
  local key; key="artifacts/logpulse-jobs-$(sha256sum "$work/test.jar" | cut -c1-16).jar"
  grep -q "s3 cp .*test.jar s3://test-bucket/$key" <<<"$out" &&
    grep -q "kinesisanalyticsv2 update-application --application-name logpulse" <<<"$out" &&
    grep -q "FileKeyUpdate.*$key" <<<"$out"
}
step "scripts/deploy-jar.sh --dry-run" jar_script_dry_run

# 6. README documents every variable and output (tables go stale silently otherwise).
readme_covers_interface() {
  local missing=0 dir kind name
  for dir in modules/central modules/member examples/multi-account; do
    for kind in variable output; do
      while read -r name; do
        grep -q "| \`$name\` |" "$here/README.md" || { echo "README.md lacks $kind $name of $dir"; missing=1; }
      done < <(sed -n "s/^$kind \"\([^\"]*\)\" {.*/\1/p" "$here/$dir"/*.tf)
    done
  done
  return $missing
}
step "README.md documents every variable and output" readme_covers_interface

wait "$lane_pid"
cat "$work/lane.out"
if [[ -s "$work/lane.counts" ]]; then
  read -r lane_passed lane_failed <"$work/lane.counts"
  passed=$((passed + lane_passed)) failed=$((failed + lane_failed))
else
  failed=$((failed + 1)); echo "FAIL  local apply lane did not finish"
fi

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
