import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { descendantsOf, isAlive, listProcesses, profileDirOf, profileDirsOf } from './processes.ts';
import { waitFor } from './wait-for.ts';

describe('process walkers', () => {
  it('see a child process with its arguments, below this process, until it has exited', async () => {
    // A stand-in for a browser: a process with a --user-data-dir argument.
    const child = spawn(
      process.execPath,
      ['-e', 'setInterval(() => {}, 1000)', '--', '--user-data-dir=/tmp/fleetwright-profile-test'],
      { stdio: 'ignore' },
    );
    await once(child, 'spawn');
    const pid = child.pid!;
    try {
      expect(listProcesses().find((found) => found.pid === pid)?.ppid).toBe(process.pid);
      expect(descendantsOf(process.pid).map((found) => found.pid)).toContain(pid);
      expect(isAlive(pid)).toBe(true);
      expect(profileDirOf(pid)).toBe('/tmp/fleetwright-profile-test');
      expect(profileDirsOf([pid, process.pid])).toEqual(['/tmp/fleetwright-profile-test']);
    } finally {
      child.kill('SIGKILL');
    }
    await waitFor('the child to exit', () => !isAlive(pid));
    expect(descendantsOf(process.pid).map((found) => found.pid)).not.toContain(pid);
    expect(profileDirOf(pid)).toBeUndefined();
  });
});
