export * from './inbound-prompts';
export * from './receive-scan';
