#!/usr/bin/env node
// The `fleetwright` command. Checks the Node version, lets tsx load the TypeScript sources as they
// are (no build step for Node code), then hands over to bin/cli.ts.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(
    `Fleetwright needs Node.js 22 or newer; this is ${process.version}.\n` +
      'Run it through npm (`npm start`, `npm test`), which puts the pinned Node 22 from node_modules first on the PATH.',
  );
  process.exit(1);
}
const { register } = await import('tsx/esm/api');
register();
await import('./cli.ts');
