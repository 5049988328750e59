/** Powertools' metrics notice, and the functions' own JSON log lines (they go to CloudWatch in AWS). */
const muted = (text: string) =>
  text.includes('No application metrics to publish') || text.startsWith('{"level":');

/**
 * Powertools Metrics prints a notice on every invocation when no metric was added (metrics are off
 * locally), and the functions log a line per parked event; a benchmark's table would drown in them.
 */
export function muteMetricsNotices(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) =>
      muted(String(chunk)) ? true : write(chunk, ...rest)) as typeof stream.write;
  }
}
