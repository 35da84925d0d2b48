export * from './pick-line';
export * from './pick-path';
export * from './pending-picks';
export * from './barcode';
