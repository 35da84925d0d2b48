import type { Measurement } from './server-bench';

/** Placeholder until the device benches land. */
export function runDeviceBench(): Promise<Measurement[]> {
  return Promise.resolve([]);
}
