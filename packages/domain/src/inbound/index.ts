export * from './inbound-prompts';
export * from './receive-scan';
export * from './inbound-view';
