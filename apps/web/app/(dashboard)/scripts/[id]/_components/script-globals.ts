import type { ScriptLibrary } from '@fleetwright/contracts';
import type { ExtraLib } from '@/components/code-editor/code-editor';

/**
 * What completion knows about a script's globals. A saved script is the body of an async
 * function of `input`, run in the page (the DOM's own types are Monaco's default lib already).
 * The libraries' declarations are short hand-written subsets — the entry points a script calls —
 * rather than the packages' full `.d.ts` files, which the dashboard does not ship.
 */
const INPUT_LIB: ExtraLib = {
  filePath: 'ts:fleetwright/script-input.d.ts',
  content: `/** What the job, the flow step or the test run passes to the script: any JSON object. */
declare const input: { [name: string]: any };
`,
};

const LIBRARY_LIBS: Record<ScriptLibrary, ExtraLib> = {
  'axe-core': {
    filePath: 'ts:fleetwright/axe-core.d.ts',
    content: `interface AxeNodeResult { html: string; target: string[]; failureSummary?: string }
interface AxeRuleResult {
  id: string;
  impact?: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  description: string;
  help: string;
  helpUrl: string;
  tags: string[];
  nodes: AxeNodeResult[];
}
interface AxeResults {
  url: string;
  timestamp: string;
  violations: AxeRuleResult[];
  passes: AxeRuleResult[];
  incomplete: AxeRuleResult[];
  inapplicable: AxeRuleResult[];
}
/** axe-core, injected before the script runs (from its npm package). */
declare const axe: {
  /** Audits the page (or \`context\`, a selector or element); \`options.runOnly\` picks rules or tags. */
  run(context?: string | Element | Document, options?: { runOnly?: string[] | { type: 'tag' | 'rule'; values: string[] }; rules?: Record<string, { enabled: boolean }> }): Promise<AxeResults>;
  version: string;
};
`,
  },
  'web-vitals': {
    filePath: 'ts:fleetwright/web-vitals.d.ts',
    content: `interface WebVitalsMetric {
  name: 'CLS' | 'FCP' | 'INP' | 'LCP' | 'TTFB';
  value: number;
  rating: 'good' | 'needs-improvement' | 'poor';
  delta: number;
  id: string;
  navigationType: string;
}
type WebVitalsCallback = (metric: WebVitalsMetric) => void;
interface WebVitalsOptions { reportAllChanges?: boolean }
/** web-vitals, injected before the script runs (from its npm package). */
declare const webVitals: {
  onCLS(callback: WebVitalsCallback, options?: WebVitalsOptions): void;
  onFCP(callback: WebVitalsCallback, options?: WebVitalsOptions): void;
  onINP(callback: WebVitalsCallback, options?: WebVitalsOptions): void;
  onLCP(callback: WebVitalsCallback, options?: WebVitalsOptions): void;
  onTTFB(callback: WebVitalsCallback, options?: WebVitalsOptions): void;
};
`,
  },
};

/** The declarations for a script with these libraries: `input` always, each library's global when selected. */
export function scriptGlobals(libraries: readonly ScriptLibrary[]): ExtraLib[] {
  return [INPUT_LIB, ...libraries.map((library) => LIBRARY_LIBS[library])];
}
