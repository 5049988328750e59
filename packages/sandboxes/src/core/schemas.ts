import { z } from 'zod';

/** Faults to inject into marketplace routes (never into `/__sandbox` routes). Shares are in [0, 1]. */
export const faultConfigSchema = z.strictObject({
  /** Re-seeds the fault PRNG; defaults to the sandbox seed, so a given config replays the same faults. */
  seed: z.number().int().optional(),
  /** Share of requests answered with a 5xx in the marketplace's own error shape. */
  errorRate: z.number().min(0).max(1).optional(),
  errorStatus: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).optional(),
  /** Share of requests held open without an answer (past any client timeout), then cut. */
  timeoutRate: z.number().min(0).max(1).optional(),
  /** How long a timed-out request is held before its socket is destroyed. */
  hangMs: z.number().int().min(0).max(600_000).optional(),
  /** Share of requests whose socket is destroyed without an answer. */
  dropRate: z.number().min(0).max(1).optional(),
  /** Added latency: a fixed delay, or a uniform draw from [min, max]. */
  latencyMs: z.union([z.number().min(0), z.tuple([z.number().min(0), z.number().min(0)])]).optional(),
  /** The next N requests get the marketplace's throttling answer (a burst). */
  throttleNext: z.number().int().min(0).optional(),
  /** Only requests whose path starts with this prefix are affected. */
  pathPrefix: z.string().optional(),
  /**
   * Writes whose body names one of these seller SKUs are refused for good, the way a marketplace refuses an
   * item it will not list (a policy rejection): not a fault to retry. Applied after auth and rate limits.
   */
  refuseSellerSkus: z.array(z.string().min(1)).max(100_000).optional(),
  /**
   * Share of stock and price writes answered exactly as the marketplace's success but not applied (the item,
   * its version and update time stay as they were): the silent drift reconciliation must catch.
   */
  ignoreWriteRate: z.number().min(0).max(1).optional(),
});
export type FaultConfig = z.infer<typeof faultConfigSchema>;

export const pushKindSchema = z.enum(['order.placed', 'order.cancelled', 'item.banned']);
export type PushKind = z.infer<typeof pushKindSchema>;

/** What a push is about; `item.banned` needs `externalItemId` (or `sellerSku`) of an item of `shopId`. */
export const pushDataSchema = z.strictObject({
  shopId: z.string().min(1),
  orderId: z.string().min(1).optional(),
  externalItemId: z.string().min(1).optional(),
  sellerSku: z.string().min(1).optional(),
  quantity: z.number().int().min(1).optional(),
  reason: z.string().optional(),
  /** `order.placed`: the order's lines; each seller SKU must be listed in the shop (the order-detail APIs serve them). */
  lines: z
    .array(z.strictObject({ sellerSku: z.string().min(1), quantity: z.number().int().min(1).max(99_999) }))
    .min(1)
    .max(100)
    .optional(),
});
export type PushData = z.infer<typeof pushDataSchema>;

export const pushRequestSchema = z.strictObject({
  kind: pushKindSchema,
  target: z.url(),
  data: pushDataSchema,
});

export const createShopSchema = z.strictObject({ name: z.string().min(1).max(100).optional() });

/** What a seller changes by hand in the marketplace's seller centre, behind the adapter's back. */
export const sellerCentreEditSchema = z
  .strictObject({
    priceVnd: z.number().int().min(1).max(1_000_000_000).optional(),
    stock: z.number().int().min(0).max(10_000_000).optional(),
    title: z.string().min(1).max(300).optional(),
  })
  .refine((edit) => Object.keys(edit).length > 0, { message: 'at least one of priceVnd, stock, title' });
export type SellerCentreEdit = z.infer<typeof sellerCentreEditSchema>;

export const banItemSchema = z.strictObject({ reason: z.string().min(1).max(500) });

/** Zod issue path → `a.b[0].c`, the way marketplaces name fields in error messages. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

type Issue = z.core.$ZodIssue;

/** Descends into union issues, following the branch that got furthest, so the innermost field is named. */
function innermost(issue: Issue, prefix: readonly PropertyKey[]): { path: PropertyKey[]; issue: Issue } {
  const path = [...prefix, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return { path, issue };
  const branches = issue.errors.flatMap((branch) => (branch[0] ? [branch[0]] : []));
  const deepest = branches.reduce<Issue | undefined>(
    (best, candidate) => (best === undefined || candidate.path.length > best.path.length ? candidate : best),
    undefined,
  );
  return deepest ? innermost(deepest, path) : { path, issue };
}

/** The first zod issue as `{ field, message }`. */
export function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  if (!issue) return { field: '', message: 'invalid input' };
  const found = innermost(issue, []);
  return { field: fieldPath(found.path), message: found.issue.message };
}
