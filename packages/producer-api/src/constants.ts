/** Largest request body accepted (bytes). API Gateway allows 10 MB; nothing here needs more than a few KB. */
export const MAX_BODY_BYTES = 64 * 1024;
