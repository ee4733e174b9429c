import { type ChromiumExecutable } from '@fleetwright/browsers';
export declare const repoRoot: string;
export declare const webDir: string;
/**
 * Finds Chromium; when none is found and we are root on a Debian-like system, installs Debian's
 * headless shell and Chromium with apt. Otherwise throws with instructions.
 */
export declare function ensureChromium(): ChromiumExecutable;
/** Builds the Next.js dashboard when there is no build or its sources changed since. */
export declare function ensureDashboardBuild(): void;
export declare function isDashboardBuilt(): boolean;
