/** The echo moved to packages/net-guard (the server serves it too); kept here for code that imports it from the worker. */
export { answerCheckEcho, type CheckEcho, plainAddress, readCheckEcho } from '@fleetwright/net-guard';
