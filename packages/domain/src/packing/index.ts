export * from './pack-check';
