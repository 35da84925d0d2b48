export * from './parse-gs1';
export * from './item-scan';
export { gs1DateToIso } from './gs1-date';
export type { AiSpec } from './gs1-ai-table';
