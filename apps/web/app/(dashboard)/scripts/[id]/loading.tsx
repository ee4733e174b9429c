import { ScriptEditorSkeleton } from './_components/script-editor';

export default function ScriptLoading() {
  return <ScriptEditorSkeleton />;
}
