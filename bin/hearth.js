#!/usr/bin/env node
// The `hearth` command. It runs the project's TypeScript (the same modules the browser bundles)
// through tsx's loader, so there is no separate build of the command to keep in step.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../cli/main.ts');
await run(process.argv.slice(2));
