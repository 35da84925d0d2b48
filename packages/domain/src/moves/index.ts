export * from './move-view';
export * from './move-prompts';
