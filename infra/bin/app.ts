import { createOcopSyncApp } from '../lib/ocop-sync-app.js';

// The CLI sets CDK_OUTDIR, so the app synthesises itself when the process ends.
createOcopSyncApp();
