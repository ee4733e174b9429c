'use client';

import type {
  Artifact,
  ExecutionResult,
  ExecutionResultStatus,
  FlowStepResult,
} from '@fleetwright/contracts';
import { Download, FileArchive, Image as ImageIcon } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { CopyButton } from '@/components/common/copy-button';
import { type BadgeTone, ToneBadge } from '@/components/common/tone-badge';
import { formatDuration } from '@/components/jobs/duration';
import { Card, CardAction, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { executionArtifactUrl } from '@/lib/api/executions';
import { shortId } from '@/lib/format';
import { cn } from '@/lib/utils';

const RESULT_TONES: Record<ExecutionResultStatus | FlowStepResult['status'], BadgeTone> = {
  passed: 'emerald',
  failed: 'red',
  cancelled: 'zinc',
  skipped: 'zinc',
};

function OutcomeBadge({ status }: { status: ExecutionResultStatus | FlowStepResult['status'] }) {
  const t = useTranslations('executions.outcomes');
  return (
    <ToneBadge tone={RESULT_TONES[status] ?? 'slate'} data-testid="outcome-badge" data-status={status}>
      {t(status)}
    </ToneBadge>
  );
}

function bytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MB`;
}

/** A screenshot, shown inline from the artifacts route (the browser sends the sign-in cookie). */
function Screenshot({
  executionId,
  artifact,
  alt,
}: {
  executionId: string;
  artifact: Artifact;
  alt: string;
}) {
  const src = executionArtifactUrl(executionId, artifact.id);
  return (
    <a href={src} target="_blank" rel="noreferrer" className="block w-fit">
      {/* biome-ignore lint/performance/noImgElement: an authenticated API image, nothing for next/image to optimize. */}
      <img
        src={src}
        alt={alt}
        loading="lazy"
        data-testid="step-screenshot"
        className="max-h-48 max-w-full rounded border object-contain"
      />
    </a>
  );
}

/** One session's outcome: its steps with status, time and error, its screenshots and its other files. */
export function ResultCard({
  executionId,
  result,
  index,
}: {
  executionId: string;
  result: ExecutionResult;
  index: number;
}) {
  const t = useTranslations('executions.result');
  const artifactsById = new Map(result.artifacts.map((artifact) => [artifact.id, artifact]));
  return (
    <Card className="overflow-hidden" data-testid="execution-result" data-status={result.status}>
      <CardHeader>
        <CardTitle className="flex min-w-0 flex-wrap items-center gap-2">
          <span className="text-muted-foreground">#{index + 1}</span>
          <span className="min-w-0 break-all font-mono text-xs" data-testid="result-target">
            {result.target}
          </span>
        </CardTitle>
        <CardDescription className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <span>{formatDuration(result.durationMs)}</span>
          {result.sessionId ? (
            <Link href={`/sessions/${result.sessionId}`} className="font-mono hover:underline">
              {t('session', { id: shortId(result.sessionId) })}
            </Link>
          ) : null}
        </CardDescription>
        <CardAction>
          <OutcomeBadge status={result.status} />
        </CardAction>
      </CardHeader>
      {result.error ? (
        <p
          className="m-3 rounded-md border border-destructive/30 bg-destructive/5 px-3 py-2 text-xs text-destructive"
          data-testid="result-error"
        >
          <code className="font-mono font-semibold">{result.error.code}</code> {result.error.message}
        </p>
      ) : null}
      {result.steps.length > 0 ? (
        <div className={cn(result.error && 'border-t')}>
          <Table data-testid="result-steps">
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead className="w-10">#</TableHead>
                <TableHead>{t('step')}</TableHead>
                <TableHead>{t('status')}</TableHead>
                <TableHead>{t('duration')}</TableHead>
                <TableHead>{t('detail')}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {result.steps.map((step) => {
                const screenshot = step.artifactId ? artifactsById.get(step.artifactId) : undefined;
                return (
                  <TableRow key={step.index} data-testid="result-step" data-status={step.status}>
                    <TableCell className="text-xs tabular-nums text-muted-foreground">{step.index}</TableCell>
                    <TableCell className="text-xs">
                      <span className="font-medium">{step.name}</span>
                      {step.name !== step.type ? (
                        <span className="ml-1 text-muted-foreground">({step.type})</span>
                      ) : null}
                    </TableCell>
                    <TableCell>
                      <OutcomeBadge status={step.status} />
                    </TableCell>
                    <TableCell className="text-xs tabular-nums">{formatDuration(step.durationMs)}</TableCell>
                    <TableCell className="min-w-48 whitespace-normal text-xs">
                      {step.error ? (
                        <p className="text-destructive">
                          <code className="font-mono font-semibold">{step.error.code}</code>{' '}
                          {step.error.message}
                        </p>
                      ) : null}
                      {step.reusedStartLoad ? (
                        <p className="text-muted-foreground" data-testid="step-reused-start-load">
                          {t('reusedStartLoad')}
                        </p>
                      ) : null}
                      {step.value !== undefined && step.value !== null ? (
                        <p
                          className="max-w-96 truncate font-mono text-muted-foreground"
                          title={JSON.stringify(step.value)}
                        >
                          {JSON.stringify(step.value)}
                        </p>
                      ) : null}
                      {screenshot ? (
                        <Screenshot
                          executionId={executionId}
                          artifact={screenshot}
                          alt={t('screenshotOf', { step: step.name })}
                        />
                      ) : null}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      ) : null}
      {result.artifacts.length > 0 ? (
        <Artifacts executionId={executionId} artifacts={result.artifacts} />
      ) : null}
    </Card>
  );
}

/** Every file the session produced; a trace comes with how to open it. */
function Artifacts({ executionId, artifacts }: { executionId: string; artifacts: Artifact[] }) {
  const t = useTranslations('executions.artifacts');
  const trace = artifacts.find((artifact) => artifact.kind === 'trace');
  const command = `npx playwright show-trace ${trace?.name ?? 'trace.zip'}`;
  return (
    <div className="grid gap-2 border-t p-4" data-testid="result-artifacts">
      <h3 className="text-xs font-medium">{t('title')}</h3>
      <ul className="grid gap-1">
        {artifacts.map((artifact) => (
          <li
            key={artifact.id}
            className="flex min-w-0 flex-wrap items-center gap-2 text-xs"
            data-kind={artifact.kind}
          >
            {artifact.kind === 'screenshot' ? (
              <ImageIcon className="size-3.5 text-muted-foreground" />
            ) : (
              <FileArchive className="size-3.5 text-muted-foreground" />
            )}
            <a
              href={executionArtifactUrl(executionId, artifact.id)}
              download={artifact.name}
              className={cn(
                'min-w-0 break-all font-mono hover:underline',
                artifact.kind === 'trace' && 'font-semibold',
              )}
              data-testid={artifact.kind === 'trace' ? 'trace-download' : 'artifact-download'}
            >
              {artifact.name}
            </a>
            <span className="text-muted-foreground">
              {t(`kinds.${artifact.kind}`)} · {bytes(artifact.sizeBytes)}
            </span>
            <Download className="size-3.5 text-muted-foreground" aria-hidden />
          </li>
        ))}
      </ul>
      {trace ? (
        <div
          className="flex flex-wrap items-center gap-2 rounded-md bg-muted/50 px-3 py-2 text-xs"
          data-testid="trace-hint"
        >
          <span>{t('traceHint')}</span>
          <code className="break-all font-mono">{command}</code>
          <CopyButton value={command} size="sm" variant="ghost" className="h-6" />
        </div>
      ) : null}
    </div>
  );
}
