'use client';

import type { FlowStepType } from '@fleetwright/contracts';
import { Plus } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Fragment } from 'react';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { STEP_TYPE_GROUPS } from './step-fields';

/** "Add step": a menu of the step types, each with one line on what it does (keyboard-usable). */
export function StepTypeMenu({ onAdd }: { onAdd: (type: FlowStepType) => void }) {
  const t = useTranslations('jobs.form.steps');
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button type="button" variant="outline" size="sm" data-testid="add-step">
          <Plus />
          {t('add')}
        </Button>
      </DropdownMenuTrigger>
      {/* As wide as a phone allows, no wider: the descriptions wrap instead. */}
      <DropdownMenuContent
        align="start"
        className="w-[min(24rem,calc(100vw-1.5rem))]"
        data-testid="step-type-menu"
      >
        {STEP_TYPE_GROUPS.map((group, position) => (
          <Fragment key={group.join()}>
            {position > 0 ? <DropdownMenuSeparator /> : null}
            {group.map((type) => (
              <DropdownMenuItem
                key={type}
                data-testid={`add-step-${type}`}
                onSelect={() => onAdd(type)}
                className="grid gap-0 py-1"
              >
                <span className="font-medium">{t(`types.${type}.label`)}</span>
                <span className="text-xs whitespace-normal text-muted-foreground">
                  {t(`types.${type}.description`)}
                </span>
              </DropdownMenuItem>
            ))}
          </Fragment>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
