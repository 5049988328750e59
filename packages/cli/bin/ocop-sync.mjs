#!/usr/bin/env node
// The operator CLI is TypeScript run through tsx (as `npm start` is): no build step to forget.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
