// Placeholder until the stock-sync handler lands (issue 8); lets the CDK stack bundle an entry meanwhile.
export const handler = async (): Promise<never> => {
  throw new Error('stock-sync: not implemented yet');
};
