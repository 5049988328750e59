// Placeholder until the producer-notifier handler lands (issue 8); lets the CDK stack bundle an entry meanwhile.
export const handler = async (): Promise<never> => {
  throw new Error('producer-notifier: not implemented yet');
};
