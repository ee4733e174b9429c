'use client';

import type { FlowStepType } from '@fleetwright/contracts';
import { AssertStepFields } from './assert-step-fields';
import { EvaluateStepFields } from './evaluate-step-fields';
import { ExtractStepFields } from './extract-step-fields';
import { InteractionStepFields } from './interaction-step-fields';
import { GotoStepFields } from './navigation-step-fields';
import { ScreenshotStepFields } from './screenshot-step-fields';
import { PageStepFields, WaitStepFields } from './wait-step-fields';

/** The inputs of a step of `type`: one component per family of step types. */
export function StepTypeFields({ index, type }: { index: number; type: FlowStepType }) {
  switch (type) {
    case 'goto':
      return <GotoStepFields index={index} />;
    case 'wait':
      return <WaitStepFields index={index} />;
    case 'pause':
    case 'setViewport':
      return <PageStepFields index={index} type={type} />;
    case 'extract':
      return <ExtractStepFields index={index} />;
    case 'screenshot':
      return <ScreenshotStepFields index={index} />;
    case 'assert':
      return <AssertStepFields index={index} />;
    case 'evaluate':
      return <EvaluateStepFields index={index} />;
    default:
      return <InteractionStepFields index={index} type={type} />;
  }
}
