#!/usr/bin/env bash
# Browser tests use Debian's Chromium (Playwright cannot download its own browser here).
# Installs it when missing and we are root with apt; otherwise says what to do, in one line.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get > /dev/null; then
	echo "Chromium not found: installing Debian's chromium package (one time)..."
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq > /dev/null
	apt-get install -y -qq chromium > /dev/null
	[ -x "$CHROMIUM" ] && exit 0
fi
echo "Chromium is needed for the browser tests: install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary." >&2
exit 1
