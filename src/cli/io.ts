/** Where a command writes, and the folder it runs in: the process's, or a test's. */
export interface CommandIo {
	cwd: string;
	out(text: string): void;
	err(text: string): void;
	/** Whether the output is a terminal that shows colours. */
	color: boolean;
	/** The width of the terminal the output goes to, if it is one. */
	columns?: number | undefined;
}

/** The running process's folder, standard output and standard error. */
export function processIo(): CommandIo {
	return {
		cwd: process.cwd(),
		out: (text) => process.stdout.write(text),
		err: (text) => process.stderr.write(text),
		color: process.stdout.isTTY === true,
		columns: (process.stdout.isTTY && process.stdout.columns) || undefined,
	};
}
