import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';
import type { SessionDeps } from '../sessions/service.ts';
import { createMcpServer } from './tools.ts';

/** JSON-RPC's "method not found"-like answer the SDK's own examples give to GET and DELETE when stateless. */
const METHOD_NOT_ALLOWED = {
  jsonrpc: '2.0',
  error: { code: -32000, message: 'Method not allowed: this MCP server is stateless; POST /mcp.' },
  id: null,
};

/**
 * The MCP server for AI agents (issue 12) at `/mcp`: streamable HTTP, stateless (every POST builds
 * the server for its caller, so any server instance behind a load balancer answers). The scope that
 * registers it authenticates first, so an unknown key is a 401 in our error shape before any MCP
 * message is read; the routes are hidden from the OpenAPI document (JSON-RPC, not REST).
 */
export const mcpRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps: SessionDeps = {
    db: app.db,
    pool: app.pool,
    boss: app.boss,
    events: app.events,
    workers: app.workerClient,
    targets: app.targets,
    keyring: app.keyring,
  };
  // A read-scope key may connect and read; the tools that change things check the write scope.
  const config = { permission: 'read' as const };

  app.post('/mcp', { config, schema: { hide: true } }, async (request, reply) => {
    const principal = request.principal!;
    if (principal.via !== 'apiKey') {
      throw new AppError(
        'UNAUTHENTICATED',
        'The MCP server takes an API key: `Authorization: Bearer fw_live_…`.',
      );
    }
    // The transport would read the body itself, from a stream Fastify has already consumed.
    if (request.body === undefined || request.body === null) {
      throw new AppError('VALIDATION_ERROR', 'The body must be a JSON-RPC message (MCP).', { field: 'body' });
    }
    const server = createMcpServer(deps, {
      organizationId: request.organizationId,
      canWrite: principal.permissions.has('write'),
      log: request.log,
    });
    // JSON answers rather than an SSE stream: every tool answers once, and proxies pass JSON untouched.
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    reply.raw.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    reply.hijack();
    await transport.handleRequest(request.raw, reply.raw, request.body);
  });

  for (const method of ['GET', 'DELETE'] as const) {
    app.route({
      method,
      url: '/mcp',
      config,
      schema: { hide: true },
      handler: async (_request, reply) => reply.status(405).header('allow', 'POST').send(METHOD_NOT_ALLOWED),
    });
  }
};
