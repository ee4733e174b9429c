import { startSite, type TestSite } from '@fleetwright/testing';

export type TestPages = TestSite;

const PAGES: Record<string, string> = {
  '/': `<!doctype html><title>Home</title><h1 id="title">Fleetwright test page</h1>
    <p>Tick: <span id="tick">0</span></p>
    <script>window.answer = 42; let n = 0; setInterval(() => { document.getElementById('tick').textContent = ++n; }, 1000);</script>`,
  '/second': '<!doctype html><title>Second</title><h1>Second page</h1>',
  '/console': `<!doctype html><title>Console</title><script>console.log('hello from the page'); console.error('page error line');</script>`,
};

/** Serves a few small pages from 127.0.0.1, as the sites under test. */
export function startTestPages(): Promise<TestPages> {
  return startSite(PAGES);
}
