export interface CodeEditorProps {
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  /** Monaco language id. @default 'javascript' */
  language?: string;
  /** Pixels. @default 240 */
  height?: number;
  ariaLabel?: string;
  invalid?: boolean;
  className?: string;
  testId?: string;
  /** Shows the value without letting it be edited. @default false */
  readOnly?: boolean;
  /**
   * Type declarations (`.d.ts` text) that JavaScript completion knows about while this editor is
   * open, such as the globals a saved script gets; Monaco's `addExtraLib`.
   */
  extraLibs?: readonly ExtraLib[];
  /**
   * The value is the body of an async function (a saved script): top-level `return` and `await`
   * are not reported as errors.
   */
  functionBody?: boolean;
}

export interface ExtraLib {
  /** A virtual file name, unique per declaration set (`ts:scripts/input.d.ts`). */
  filePath: string;
  content: string;
}

export interface CodeDiffEditorProps {
  /** The older text, on the left. */
  original: string;
  /** The newer text, on the right. */
  modified: string;
  /** Monaco language id. @default 'javascript' */
  language?: string;
  /** Pixels. @default 360 */
  height?: number;
  className?: string;
  testId?: string;
}
