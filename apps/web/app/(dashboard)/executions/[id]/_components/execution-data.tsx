'use client';

import type { ExecutionDetail } from '@fleetwright/contracts';
import { Download, Table2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { EmptyState } from '@/components/common/error-state';
import { Button } from '@/components/ui/button';
import { Card, CardAction, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { executionDataUrl } from '@/lib/api/executions';
import { cellText, dataColumns } from './data-columns';

/** Longer cells are cut in the table (the downloads have them whole). */
const MAX_CELL_CHARS = 200;

/** What every session extracted, one row per session, with JSON and CSV downloads of the whole. */
export function ExecutionData({ execution }: { execution: ExecutionDetail }) {
  const t = useTranslations('executions.data');
  const columns = dataColumns(execution.results);
  return (
    <Card className="overflow-hidden" data-testid="execution-data">
      <CardHeader>
        <CardTitle>{t('title')}</CardTitle>
        <CardDescription>{t('description', { count: execution.results.length })}</CardDescription>
        <CardAction className="flex gap-2">
          <Button asChild size="sm" variant="outline">
            <a
              href={executionDataUrl(execution.id, 'json')}
              download={`execution-${execution.id}.json`}
              data-testid="download-json"
            >
              <Download />
              JSON
            </a>
          </Button>
          <Button asChild size="sm" variant="outline">
            <a
              href={executionDataUrl(execution.id, 'csv')}
              download={`execution-${execution.id}.csv`}
              data-testid="download-csv"
            >
              <Download />
              CSV
            </a>
          </Button>
        </CardAction>
      </CardHeader>
      <div>
        {columns.length === 0 ? (
          <EmptyState icon={<Table2 />} title={t('empty')} description={t('emptyDescription')} />
        ) : (
          <Table data-testid="execution-data-table">
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>{t('target')}</TableHead>
                {columns.map((column) => (
                  <TableHead key={column} className="font-mono">
                    {column}
                  </TableHead>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {execution.results.map((result) => (
                <TableRow key={result.id}>
                  <TableCell className="max-w-56 truncate font-mono text-xs" title={result.target}>
                    {result.target}
                  </TableCell>
                  {columns.map((column) => {
                    const text = cellText(result.data[column]);
                    return (
                      <TableCell
                        key={column}
                        className="max-w-72 truncate text-xs"
                        title={text}
                        data-column={column}
                      >
                        {text.length > MAX_CELL_CHARS ? `${text.slice(0, MAX_CELL_CHARS)}…` : text}
                      </TableCell>
                    );
                  })}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </div>
    </Card>
  );
}
