#!/usr/bin/env bash
# Works one Cross Keys Homes case through the case store, step by step, against a temporary database:
# open (DASH 17 in Cambridgeshire, where the MARAC threshold is 17) → decide → consent withdrawn → decide →
# sending the referral refused → consent given → referral sent → close → report → audit verify, and then
# shows that editing the SQLite file by hand is caught by the audit trail.
#
#   bash scripts/demo-store.sh            (builds hearth in debug mode first)
#   HEARTH=path/to/hearth bash scripts/demo-store.sh
#   KEEP=1 bash scripts/demo-store.sh     (keeps the temporary folder to look at afterwards)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${HEARTH:-}" ]; then
  bash scripts/setup.sh
  swift build --product hearth >&2
  HEARTH="$(swift build --show-bin-path)/hearth"
fi
work="$(mktemp -d)"
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$work"' EXIT; else echo "working in $work"; fi
db="$work/hearth.sqlite"
plugin="plugins/cross_keys_homes"
id="CKH-2025-0317"

# The example case from docs/examples, with a DASH of 17 and consent to the specialist service.
sed -e 's/"CKH-2025-0207"/"CKH-2025-0317"/' -e 's/"yes_count": 15/"yes_count": 17/' \
    -e 's/"referrals": { "idva": "given" }/"referrals": { "specialist": "given" }/' \
    docs/examples/dash-15-cambridgeshire.json > "$work/case.json"

step=0
# Prints the step and the command, runs it, and shows its exit status when it is not 0.
run() {
  local expect="$1" title="$2"
  shift 2
  step=$((step + 1))
  printf '\n== %d. %s\n$ hearth %s\n' "$step" "$title" "$*"
  set +e
  "$HEARTH" "$@" 2>&1 | sed 's/^/   /'
  local status=${PIPESTATUS[0]}
  set -e
  if [ "$status" -ne 0 ]; then echo "   (exit status $status)"; fi
  if [ "$status" -ne "$expect" ]; then
    echo "demo-store: step $step exited $status, expected $expect" >&2
    exit 1
  fi
}

run 0 "Open the case: DASH 17 meets Cross Keys Homes' Cambridgeshire threshold of 17, so MARAC" \
  case open --db "$db" --plugin "$plugin" "$work/case.json" --by ali.khan --now 2025-03-04T10:00:00Z
run 0 "Decide again: nothing has changed" \
  case decide "$id" --db "$db" --plugin "$plugin" --by ali.khan --now 2025-03-04T11:00:00Z
run 0 "The survivor withdraws consent to the specialist service: recorded, and the plan is decided again with it" \
  case consent "$id" --db "$db" --partner area_high_risk_service --withdrawn --by ali.khan --plugin "$plugin" --now 2025-03-05T09:00:00Z
run 0 "Decide: the referral stays declined (no longer ready)" \
  case decide "$id" --db "$db" --plugin "$plugin" --by ali.khan --now 2025-03-05T09:05:00Z
run 1 "Try to send it anyway: refused, nothing written" \
  case referral "$id" --db "$db" --partner area_high_risk_service --sent --by ali.khan --now 2025-03-05T09:10:00Z
run 0 "The survivor gives consent again" \
  case consent "$id" --db "$db" --partner specialist --given --by ali.khan --plugin "$plugin" --now 2025-03-06T09:00:00Z
run 0 "Send the specialist referral: referral_sent and information_shared, with consent" \
  case referral "$id" --db "$db" --partner area_high_risk_service --sent --by ali.khan --reference SDA-991 --now 2025-03-06T09:10:00Z
run 0 "Send the MARAC referral: no consent needed at high risk, and the lawful basis is recorded" \
  case referral "$id" --db "$db" --partner marac --sent --by sam.jones --now 2025-03-06T09:15:00Z
run 1 "Close with an outcome Cross Keys Homes does not list: refused, and the ones it lists are named" \
  case close "$id" --db "$db" --outcome support_complete --reason "Support completed" --plugin "$plugin"
run 0 "Close the case" \
  case close "$id" --db "$db" --outcome handoff_declined --reason "Survivor declined further support after the referrals" \
  --by ali.khan --plugin "$plugin" --now 2025-03-20T12:00:00Z
run 1 "Close it again: refused" \
  case close "$id" --db "$db" --outcome handoff_declined --reason "again" --plugin "$plugin"
run 0 "The case's history and current plan" \
  case show "$id" --db "$db"
run 0 "The cases in the store" \
  case list --db "$db"
run 0 "The report" \
  report --db "$db" --as-of 2025-03-21
run 0 "Verify the audit trail" \
  audit verify --db "$db"

seq=$(sqlite3 "$db" "SELECT seq FROM events WHERE kind = 'referral_sent' ORDER BY seq LIMIT 1")
step=$((step + 1))
printf '\n== %d. Tamper with the file: drop the append-only triggers and rewrite event %s with plain SQL\n' "$step" "$seq"
sqlite3 "$db" <<SQL
DROP TRIGGER events_are_never_updated;
DROP TRIGGER events_are_never_deleted;
UPDATE events SET payload = replace(payload, '"consent":"given"', '"consent":"lawful_basis:legal_duty"') WHERE seq = $seq;
SQL
echo "   done"
run 1 "Verify the audit trail again: the changed event is named" \
  audit verify --db "$db"
printf '\ndemo-store: every step behaved as expected\n'
