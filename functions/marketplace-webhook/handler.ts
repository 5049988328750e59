// Placeholder until the marketplace-webhook handler lands (issue 8); lets the CDK stack bundle an entry meanwhile.
export const handler = async (): Promise<never> => {
  throw new Error('marketplace-webhook: not implemented yet');
};
