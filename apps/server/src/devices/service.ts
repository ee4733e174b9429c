import type { deviceListSchema } from '@fleetwright/contracts';
import { devices } from 'playwright-core';
import type { z } from 'zod';
import { AppError } from '../errors.ts';

type DeviceList = z.infer<typeof deviceListSchema>;

/** Playwright's presets do not change while the process runs: built once. */
let cached: DeviceList | undefined;

export function listDevices(): DeviceList {
  cached ??= {
    items: Object.entries(devices).map(([name, device]) => ({
      name,
      viewport: device.viewport,
      userAgent: device.userAgent,
      isMobile: device.isMobile,
    })),
  };
  return cached;
}

/** Throws UNKNOWN_DEVICE (naming the `device` field) for a name Playwright does not know. */
export function assertKnownDevice(name: string): void {
  if (!Object.hasOwn(devices, name)) {
    throw new AppError('UNKNOWN_DEVICE', `Unknown device "${name}"; GET /api/v1/devices lists the presets.`, {
      field: 'device',
    });
  }
}
