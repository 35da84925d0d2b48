export * from './inbound-prompts';
export * from './receive-scan';
export * from './inbound-view';
export * from './put-away-bin';
export * from './return-refund';
