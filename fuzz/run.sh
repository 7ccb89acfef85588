#!/usr/bin/env bash
# Fuzzes every @FuzzTest target for a bounded time with Jazzer, one JVM per target (Jazzer fuzzes only one @FuzzTest
# per JVM). Fails on the first finding; Jazzer then writes the crashing input next to the seeds
# (src/test/resources/<package>/<Class>Inputs/<method>/crash-*), where the normal `mvn test` replays it.
#
#   fuzz/run.sh                 every target, FUZZ_SECONDS (default 10) each: about 3 minutes in all
#   FUZZ_SECONDS=120 fuzz/run.sh DnsNameFuzzTests#comparesAnyTwoCheckedNames
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${FUZZ_SECONDS:-10}"
targets=(
  dev.keyhold.dns.DnsNameFuzzTests#checksAnyNameOrRefusesItWithTheRuleItBreaks
  dev.keyhold.dns.DnsNameFuzzTests#comparesAnyTwoCheckedNames
  dev.keyhold.certificates.CertificateChainFuzzTests#parsesAnyPemTextIntoAChainOrRefusesIt
  dev.keyhold.certificates.CertificateChainFuzzTests#parsesAnyDerInAPemBlock
  dev.keyhold.certificates.CertificateChainFuzzTests#validatesAnyUploadOrRefusesItWithARule
  dev.keyhold.api.RequestBodyFuzzTests#bindsAnyCsrBodyToAValidRequestOrRefusesIt
  dev.keyhold.api.RequestBodyFuzzTests#bindsAnyCertificateBodyOrRefusesIt
  dev.keyhold.api.QueryParametersFuzzTests#parsesAnyListQueryOrRefusesIt
)
if [ "$#" -gt 0 ]; then
  targets=()
  for t in "$@"; do targets+=("$t"); done
fi

mvn_args=(-B -q -Pfuzz -Dspotless.check.skip=true ${FUZZ_MAVEN_ARGS:-})
./mvnw "${mvn_args[@]}" -DskipTests test-compile

start=$(date +%s)
for target in "${targets[@]}"; do
  printf 'fuzz/run.sh: fuzzing %s for %ss\n' "$target" "$seconds" >&2
  # NOTE: -timeout is libFuzzer's per-input limit (a hang); HostileInput fails any input over 1 s of CPU itself
  class="${target%%#*}"
  JAZZER_FUZZ=1 ./mvnw "${mvn_args[@]}" surefire:test@default-test \
    -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.max_duration="${seconds}s" -Djazzer.custom_hook_includes="dev.keyhold.**" \
    -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-timeout=10 \
    -DargLine=-Xmx1g \
    || { tail -n 60 "target/surefire-reports/${class}-output.txt" >&2 || true; exit 1; }
  grep -h '^Done [0-9]* runs' "target/surefire-reports/${class}-output.txt" >&2 || true
done
printf 'fuzz/run.sh: %d targets fuzzed in %ds, no finding\n' "${#targets[@]}" "$(( $(date +%s) - start ))" >&2
