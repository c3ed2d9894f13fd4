#!/usr/bin/env node
/** The `handbook` command (see `handbook --help`). */
import { runHandbook } from './commands.ts';

runHandbook(process.argv.slice(2)).then((status) => {
	process.exitCode = status;
});
