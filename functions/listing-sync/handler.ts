// Placeholder until the listing-sync handler lands (issue 8); lets the CDK stack bundle an entry meanwhile.
export const handler = async (): Promise<never> => {
  throw new Error('listing-sync: not implemented yet');
};
