import {
  type FlowParseResult,
  parseFlow,
  parseFlowYaml,
  validateFlowBodySchema,
  validateFlowResponseSchema,
} from '@fleetwright/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, errorResponses } from '../errors.ts';

const tags = ['flows'];

/**
 * Routes under /api/v1/flows (issue 11). Flows are stored with the jobs that run them; here they
 * are only checked, as the dashboard's step editor and a JSON/YAML upload need before saving.
 */
export const flowRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/validate',
    {
      // Writes nothing: a VIEWER may check a flow too.
      config: { permission: 'read' },
      schema: {
        tags,
        summary:
          'Check a flow given as JSON or YAML; answers it normalized, or the first problem by field (`steps.3.selector`) and, for YAML, line',
        operationId: 'validateFlow',
        body: validateFlowBodySchema,
        response: { 200: validateFlowResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { flow, yaml } = request.body;
      return {
        flow: flowOrThrow(yaml === undefined ? parseFlow(flow) : parseFlowYaml(yaml), yaml !== undefined),
      };
    },
  );
};

/** The parsed flow, or a 400 naming the field as it is inside the flow (`steps.3.selector`). */
function flowOrThrow(result: FlowParseResult, fromYaml: boolean) {
  if (result.success) return result.flow;
  const { field, message, line, column } = result.issue;
  throw new AppError('VALIDATION_ERROR', message, {
    // A YAML syntax error has no field of the flow: it is the `yaml` text itself.
    field: field ?? (fromYaml ? 'yaml' : 'flow'),
    ...(line === undefined ? {} : { details: { line, column } }),
  });
}
