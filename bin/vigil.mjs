#!/usr/bin/env node
// Entry point of the `vigil` command. The TypeScript sources run through tsx's loader,
// so there is no separate compile step between a checkout and a working command.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv);
