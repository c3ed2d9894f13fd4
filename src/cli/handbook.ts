#!/usr/bin/env node
/** The `handbook` command (see `handbook --help`). */
import { enableCompileCache } from 'node:module';

// Node keeps the compiled code of every module it loads (TypeScript with its types stripped too)
// in node_modules/.cache/: the next run starts in two thirds of the time (`handbook check` on the
// shipped handbook: 0.69 s -> 0.49 s). The command's own modules are loaded after this line.
enableCompileCache(new URL('../../node_modules/.cache/handbook/compile/', import.meta.url).pathname);

const { runHandbook } = await import('./commands.ts');
process.exitCode = await runHandbook(process.argv.slice(2));
