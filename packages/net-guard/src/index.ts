export { answerCheckEcho, type CheckEcho, plainAddress, readCheckEcho } from './check-echo.ts';
export {
  type CheckTargetOptions,
  canonicalHost,
  checkHost,
  checkHostWithoutDns,
  checkProxyUrl,
  checkTargetUrl,
  type HostGuard,
  type ResolveHost,
  resolveAllAddresses,
} from './check-target-url.ts';
export { type AddressClass, classifyAddress } from './classify-address.ts';
export {
  type EgressProxy,
  type EgressProxyOptions,
  isEgressFailure,
  startEgressProxy,
} from './egress-proxy.ts';
export { type TargetRefusedCode, type TargetRefusedDetails, TargetRefusedError } from './errors.ts';
export { createGuardedConnect, type GuardedConnectOptions } from './guarded-connect.ts';
export { createGuardedLookup } from './guarded-lookup.ts';
export { compilePrivateTargets, type PrivateTargets } from './private-targets.ts';
