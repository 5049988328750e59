/** Base error of the sandboxes package: a misuse of the programmatic API, never a marketplace answer. */
export class SandboxError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SandboxError';
  }
}

export class UnknownShopError extends SandboxError {
  constructor(readonly shopId: string) {
    super(`unknown shop ${shopId}`);
    this.name = 'UnknownShopError';
  }
}

export class UnknownItemError extends SandboxError {
  constructor(
    readonly shopId: string,
    readonly reference: string,
  ) {
    super(`no item ${reference} in shop ${shopId}`);
    this.name = 'UnknownItemError';
  }
}
