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
}
