export * from './check-digits';
