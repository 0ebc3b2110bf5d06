#!/usr/bin/env bash
# `npm test`: every test, on a fresh machine with nothing set up by hand.
#   1. content check   2. type check and unit tests   3. one build, and the LMS packages
#   4. browser tests on them
# npm puts node_modules/.bin first on PATH, so this runs under the Node 22 the project pins.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-chromium.sh

echo "== Content check"
node --experimental-strip-types scripts/course-check.ts > .course-check.log 2>&1 || { cat .course-check.log; exit 1; }
tail -n 1 .course-check.log; rm -f .course-check.log

echo "== Type check (TypeScript strict)"
astro sync > /dev/null
tsc --noEmit -p .

echo "== Unit tests"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
vitest run | tee "$log"
unit=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -Eo 'Tests +[0-9]+ passed' | grep -Eo '[0-9]+' | tail -n 1)

echo "== Build"
# The tests' LRS listens on 127.0.0.1: only this build allows a loopback LRS (docs/xapi.md).
COURSE_LRS_LOOPBACK=1 astro build > .build.log 2>&1 || { cat .build.log; exit 1; }
tail -n 2 .build.log; rm -f .build.log

echo "== LMS packages"
# scorm12.zip and cmi5.zip in packages/: a second build for "any folder" (scripts/package.ts).
# tests/e2e/package-scorm.spec.ts serves the SCORM zip from a Moodle-like sub-path.
node --experimental-strip-types scripts/package.ts > .package.log 2>&1 || { cat .package.log; exit 1; }
tail -n 1 .package.log; rm -f .package.log

# The SCORM runtime test (tests/e2e/scorm12.spec.ts) launches the course from an LMS harness at
# the sub-path /lms-test/course/: a build for that path, made here rather than inside the test.
COURSE_BASE=/lms-test/course/ COURSE_OUT_DIR=dist-scorm COURSE_LRS_LOOPBACK=1 astro build > .build.log 2>&1 || { cat .build.log; exit 1; }
rm -f .build.log

# The policy-version journey (tests/e2e/policy-versions.spec.ts) serves the fixture course under
# Version 2, then Version 3, from one address: two small builds, made here so the test does not.
fixtures=$(mktemp -d)
trap 'rm -f "$log"; rm -rf "$fixtures"' EXIT
for v in 2 3; do
	COURSE_ROOT=tests/fixtures/course-v$v COURSE_OUT_DIR="$fixtures/v$v" astro build > .build.log 2>&1 || { cat .build.log; exit 1; }
done
rm -f .build.log
export POLICY_FIXTURE_BUILDS="$fixtures"

echo "== Browser tests"
playwright test | tee "$log"
browser=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -Eo '^ +[0-9]+ passed' | grep -Eo '[0-9]+' | tail -n 1)

# One closing line for CI: every step above stops the run on its first failure.
echo "$(( ${unit:-0} + ${browser:-0} )) passed, 0 failed"
