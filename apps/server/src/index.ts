export { type App, type BuildAppOptions, buildApp } from './app.ts';
export { createMailer } from './auth/mailer.ts';
export type { Principal } from './auth/principal.ts';
export {
  createDashboardHandler,
  type Dashboard,
  type DashboardHandler,
  isDashboardBuilt,
} from './dashboard/handler.ts';
export { AppError, type ErrorCode, errorCatalogue } from './errors.ts';
export { sweepExecutions } from './executions/service.ts';
export { JobScheduler, type JobSchedulerOptions } from './jobs/scheduler.ts';
export type { ScriptExists } from './jobs/scripts.ts';
export { type Maintenance, type MaintenanceReport, startMaintenance } from './maintenance/service.ts';
export { startNotificationConsumer } from './notification-channels/consumer.ts';
export type { EventPublisher } from './realtime/events.ts';
export { type RunningServer, type StartServerOptions, startServer } from './server.ts';
export { HttpPoster } from './webhooks/http-post.ts';
