export * from './prompts';
export * from './spell-code';
