export * from './pick-line';
export * from './pick-path';
export * from './pending-picks';
export * from './barcode';
export * from './gs1';
export * from './voice';
export * from './bin-check';
