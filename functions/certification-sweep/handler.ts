// Placeholder until the certification-sweep handler lands (issue 8); lets the CDK stack bundle an entry meanwhile.
export const handler = async (): Promise<never> => {
  throw new Error('certification-sweep: not implemented yet');
};
