#!/usr/bin/env bash
# `npm test`: every test, on a fresh machine with nothing set up by hand.
#   1. content check   2. type check and unit tests   3. the builds   4. browser tests on them
# Steps that do not depend on each other run side by side (CI has 2 cores): each writes its own
# log, printed once it is done; the run stops after a step fails, with that step's log.
# npm puts node_modules/.bin first on PATH, so this runs under the Node 22 the project pins.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-chromium.sh

logs=$(mktemp -d)
# Inside the project: Astro puts a build's prerender bundle in <outDir>/.prerender/ only when
# outDir is under the working directory, and in the shared .astro/.prerender/ otherwise, so two
# builds into /tmp at once break each other.
fixtures="$PWD/.tmp/policy-fixture-builds"
rm -rf "$fixtures" && mkdir -p "$fixtures"
declare -A job_pid=()
# On the way out (a failed step included), nothing is left running.
stop_jobs() {
	local pid
	for pid in "${job_pid[@]}"; do kill -- "-$pid" 2> /dev/null || true; done
	rm -rf "$logs" "$fixtures"
}
trap stop_jobs EXIT

# start NAME COMMAND...: runs the command in the background, its output in $logs/NAME.log, in a
# process group of its own (so stop_jobs also ends what it started).
start() {
	local name=$1
	shift
	setsid "$@" > "$logs/$name.log" 2>&1 &
	job_pid[$name]=$!
}

# finish NAME [SHOW]: waits for the job; on failure prints its log and stops the run.
# SHOW=all prints the whole log, a number prints that many last lines.
finish() {
	local name=$1 show=${2:-0}
	if ! wait "${job_pid[$name]}"; then
		echo "== $name FAILED"
		cat "$logs/$name.log"
		exit 1
	fi
	if [ "$show" = all ]; then cat "$logs/$name.log"; elif [ "$show" -gt 0 ]; then tail -n "$show" "$logs/$name.log"; fi
}

echo "== Content check"
node --experimental-strip-types scripts/course-check.ts > "$logs/check.log" 2>&1 || { cat "$logs/check.log"; exit 1; }
tail -n 1 "$logs/check.log"

# astro sync writes the .astro/ types tsc reads; every astro build rewrites them (not atomically),
# so tsc runs before any build starts, beside the unit tests (which build nothing that succeeds).
astro sync > /dev/null
start tsc tsc --noEmit -p .
start unit vitest run
# Formatting (Prettier, .prettierrc.json) and lint rules (ESLint with the React hooks rules,
# eslint.config.js): reading only, so beside the others.
start style bash -c 'prettier --check . && eslint .'

echo "== Type check (TypeScript strict)"
finish tsc all
echo "== Format and lint"
finish style 3
echo "== Unit tests"
finish unit all
unit=$(sed 's/\x1b\[[0-9;]*m//g' "$logs/unit.log" | grep -Eo 'Tests +[0-9]+ passed' | grep -Eo '[0-9]+' | tail -n 1)

# Five builds, two at a time, each into its own folder under the project (see $fixtures above).
# A build reads its content back from the data store in its cache folder: the fixture builds keep
# their own (COURSE_CACHE_DIR), so no build reads another course's content. The site and the
# package share one: the same course, written atomically.
#  - the site, in dist/: the tests' LRS listens on 127.0.0.1, and only this build allows a
#    loopback LRS (docs/xapi.md);
#  - the LMS packages: scorm12.zip and cmi5.zip in packages/, from a second build for "any folder"
#    (scripts/package.ts). package-scorm.spec serves the SCORM zip from a Moodle-like sub-path, and
#    scorm12.spec launches it from an LMS harness at /lms-test/course/;
#  - the fixture course under Version 2 and Version 3, for the policy-version journey
#    (tests/e2e/policy-versions.spec.ts serves one, then the other, from one address);
#  - the course under the sub-path /training/social-media/ (tests/e2e/subpath.spec.ts).
start build env COURSE_LRS_LOOPBACK=1 astro build
start package node --experimental-strip-types scripts/package.ts
echo "== Build"
finish build 2
start v2 env COURSE_ROOT=tests/fixtures/course-v2 COURSE_OUT_DIR="$fixtures/v2" COURSE_CACHE_DIR="$fixtures/v2-cache" astro build
echo "== LMS packages"
finish package 1
start v3 env COURSE_ROOT=tests/fixtures/course-v3 COURSE_OUT_DIR="$fixtures/v3" COURSE_CACHE_DIR="$fixtures/v3-cache" astro build
finish v2
# The course built for a sub-path (a trust's intranet folder): tests/e2e/subpath.spec.ts walks a
# learner's journey there.
start subpath env COURSE_BASE=/training/social-media/ COURSE_LRS_LOOPBACK=1 COURSE_OUT_DIR="$fixtures/subpath" COURSE_CACHE_DIR="$fixtures/subpath-cache" astro build
finish v3
finish subpath
export POLICY_FIXTURE_BUILDS="$fixtures"
export SUBPATH_BUILD="$fixtures/subpath"

echo "== Browser tests"
playwright test | tee "$logs/browser.log"
browser=$(sed 's/\x1b\[[0-9;]*m//g' "$logs/browser.log" | grep -Eo '^ +[0-9]+ passed' | grep -Eo '[0-9]+' | tail -n 1)

# One closing line for CI: every step above stops the run on its first failure.
echo "$(( ${unit:-0} + ${browser:-0} )) passed, 0 failed"
