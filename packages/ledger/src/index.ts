export { createLedgerTableInput, type LedgerIndexName, ledgerTable } from './table-definition.js';
