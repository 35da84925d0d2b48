import { parseArgs } from 'node:util';
import { type ChaosResult, runChaos } from './chaos-run';

/**
 * `npm run chaos -- --devices 50 --events 2000 --faults 0.2 --crashes 2`: runs the simulation
 * (`--failover`: on a primary + synchronous standby of its own, killed and promoted half way)
 * and prints what it did and what it found; exits 1 if any claim failed.
 */
const { values } = parseArgs({
  options: {
    devices: { type: 'string', default: '50' },
    events: { type: 'string', default: '2000' },
    faults: { type: 'string', default: '0.2' },
    crashes: { type: 'string', default: '2' },
    seed: { type: 'string', default: '1' },
    'scan-ms': { type: 'string', default: '30' },
    'timeout-ms': { type: 'string', default: '2000' },
    /** Devices receiving, checking and putting away (issue 23); default a third. */
    'inbound-devices': { type: 'string' },
    pglite: { type: 'boolean', default: false },
    failover: { type: 'boolean', default: false },
  },
});

const postgresUrl = values.pglite ? null : (process.env.DATABASE_URL ?? null);
const result = await runChaos(
  {
    devices: Number(values.devices),
    events: Number(values.events),
    faults: Number(values.faults),
    crashes: Number(values.crashes),
    seed: Number(values.seed),
    postgresUrl,
    scanMs: Number(values['scan-ms']),
    requestTimeoutMs: Number(values['timeout-ms']),
    failover: values.failover,
    ...(values['inbound-devices'] !== undefined && {
      inboundDevices: Number(values['inbound-devices']),
    }),
  },
  (line) => console.log(`· ${line}`),
);
printResult(result);
process.exit(isClean(result) ? 0 : 1);

function printResult(r: ChaosResult) {
  const i = r.invariants;
  const rows: [string, string | number][] = [
    ['database', r.database],
    ['devices', r.options.devices],
    ['events created', i.eventsCreated],
    ['events stored', i.eventsStored],
    ['requests through the proxy', r.requests],
    [
      'network faults injected',
      Object.entries(r.faultsInjected)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'none',
    ],
    ['server crashes (kill -9)', r.crashes],
    [
      'database failover',
      r.failoverSeconds === null
        ? 'none'
        : `primary killed, standby promoted in ${r.failoverSeconds.toFixed(2)} s`,
    ],
    ['requests in flight at each crash', r.inFlightAtCrash.join(', ') || '—'],
    ['pushes', r.pushes],
    ['seq_gap replies', r.gapReplies],
    ['lost', i.lost],
    ['duplicated', i.duplicated],
    ['stored but never created', i.unknown],
    ['lines ≠ replay', i.linesMismatched],
    ['bins ≠ replay', i.binsMismatched],
    ['over-pick exceptions ≠ replay', i.overPicksMismatched],
    ['inbound events stored', i.inboundEvents],
    ['inbound lines ≠ replay', i.inboundLinesMismatched],
    ['inbound tasks ≠ replay', i.inboundTasksMismatched],
    ['received units ≠ dock + put away', i.inboundUnitsMismatched],
    ['pool inbound ≠ open lines', i.poolInboundMismatched],
    ['pool physical ≠ bins + in hand', i.poolPhysicalMismatched],
    ['devices with events left', i.devicesWithLeftovers],
    ['acknowledged then asked again', r.regressions],
    ['duration', `${(r.durationMs / 1000).toFixed(1)} s`],
  ];
  for (const [name, value] of rows) console.log(`${name.padEnd(32)} ${value}`);
  for (const problem of i.problems.slice(0, 20)) console.log(`  ✗ ${problem}`);
  console.log(isClean(r) ? 'RESULT: every claim holds' : 'RESULT: claims violated');
}

function isClean(r: ChaosResult): boolean {
  const i = r.invariants;
  return (
    i.lost +
      i.duplicated +
      i.unknown +
      i.linesMismatched +
      i.binsMismatched +
      i.overPicksMismatched +
      i.inboundLinesMismatched +
      i.inboundTasksMismatched +
      i.inboundUnitsMismatched +
      i.poolInboundMismatched +
      i.poolPhysicalMismatched +
      i.devicesWithLeftovers +
      i.incarnationsMismatched +
      r.regressions ===
      0 && i.eventsCreated === r.options.events
  );
}
