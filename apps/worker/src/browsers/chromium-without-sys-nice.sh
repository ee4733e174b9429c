#!/bin/sh
# Starts Chromium ($FLEETWRIGHT_CHROMIUM, with the arguments Playwright gives) without the
# CAP_SYS_NICE capability, so it cannot give its own threads a higher priority than the worker's
# BROWSER_NICE (see process-priority.ts). `exec` keeps the PID Playwright spawned: Chromium's own.
# Where setpriv is missing or may not drop the capability, Chromium starts as it would have.
if setpriv --inh-caps=-sys_nice --bounding-set=-sys_nice -- true 2>/dev/null; then
  exec setpriv --inh-caps=-sys_nice --bounding-set=-sys_nice -- "$FLEETWRIGHT_CHROMIUM" "$@"
fi
exec "$FLEETWRIGHT_CHROMIUM" "$@"
