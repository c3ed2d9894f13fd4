import { runHandbook } from '../../src/cli/commands.ts';

/** What a `handbook` command printed, and its exit status. */
export interface CommandResult {
	status: number;
	stdout: string;
	stderr: string;
}

/**
 * Runs `handbook <args>` in this process, in the given folder, capturing what it prints: the same
 * code as the `handbook` binary runs, without starting a process per call.
 */
export async function runCommand(args: string[], cwd: string): Promise<CommandResult> {
	let stdout = '';
	let stderr = '';
	const status = await runHandbook(args, {
		cwd,
		out: (text) => {
			stdout += text;
		},
		err: (text) => {
			stderr += text;
		},
		color: false,
	});
	return { status, stdout, stderr };
}
