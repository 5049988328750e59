export * from './environment.js';
export * from './routing-table.js';
