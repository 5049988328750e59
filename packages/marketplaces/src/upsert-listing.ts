import { PermanentError, RetryableError } from './http/errors.js';
import { permanentError } from './http/refusal-errors.js';
import type {
  ListingDraft,
  ListingLookup,
  ListingRef,
  MarketplaceListing,
  UpsertedListing,
} from './types.js';

/** What one marketplace does for each step of an upsert; the flow itself is shared. */
export interface ListingSteps {
  find(lookup: ListingLookup): Promise<MarketplaceListing | undefined>;
  create(draft: ListingDraft): Promise<{ ref: ListingRef; status: MarketplaceListing['status'] }>;
  /** Brings title, description, images, category, price and stock in line with the draft. */
  update(current: MarketplaceListing, draft: ListingDraft): Promise<void>;
  relist(ref: ListingRef): Promise<void>;
}

/**
 * Creates or updates a listing so that re-running it never makes a second item: the item is looked up
 * by its external id, then by seller SKU; a create that may or may not have happened (timeout, 5xx,
 * "SKU already used") is resolved by looking the SKU up again.
 */
export async function upsertListing(
  steps: ListingSteps,
  draft: ListingDraft,
  known?: ListingRef,
): Promise<UpsertedListing> {
  const current = await findAlive(steps, draft, known);
  if (current === undefined) {
    const created = await createOrAdopt(steps, draft);
    if (created.kind === 'created')
      return { ...created.ref, status: liveOrPending(created.status), created: true };
    return refresh(steps, created.listing, draft);
  }
  return refresh(steps, current, draft);
}

async function findAlive(steps: ListingSteps, draft: ListingDraft, known?: ListingRef) {
  const byId = known === undefined ? undefined : await steps.find(known);
  if (byId !== undefined && byId.status !== 'deleted') return byId;
  const bySku = await steps.find({ sellerSku: draft.sellerSku });
  return bySku !== undefined && bySku.status !== 'deleted' ? bySku : undefined;
}

type CreateOutcome =
  | { kind: 'created'; ref: ListingRef; status: MarketplaceListing['status'] }
  | { kind: 'adopted'; listing: MarketplaceListing };

async function createOrAdopt(steps: ListingSteps, draft: ListingDraft): Promise<CreateOutcome> {
  try {
    return { kind: 'created', ...(await steps.create(draft)) };
  } catch (error) {
    const ambiguous =
      error instanceof RetryableError || (error instanceof PermanentError && error.kind === 'conflict');
    if (!ambiguous) throw error;
    const found = await steps.find({ sellerSku: draft.sellerSku });
    if (found === undefined || found.status === 'deleted') throw error;
    return { kind: 'adopted', listing: found };
  }
}

async function refresh(
  steps: ListingSteps,
  current: MarketplaceListing,
  draft: ListingDraft,
): Promise<UpsertedListing> {
  if (current.status === 'banned') {
    throw permanentError({
      channel: draft.channel,
      code: 'item-banned',
      kind: 'item-banned',
      detail: `item ${current.ref.externalItemId} is banned (${current.marketplaceStatus})`,
    });
  }
  await steps.update(current, draft);
  if (current.status === 'inactive') await steps.relist(current.ref);
  return { ...current.ref, status: liveOrPending(current.status), created: false };
}

function liveOrPending(status: MarketplaceListing['status']): UpsertedListing['status'] {
  return status === 'pending-review' ? 'pending-review' : 'live';
}
