import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { type CheckResult, checkHandbook, messageIdOf } from '../../src/checks/index.ts';

/** Folder of the check fixtures. */
export const fixtures = fileURLToPath(new URL('../fixtures/checks/', import.meta.url));

/** The date every check test runs on (the fixtures' review dates are set against it). */
export const today = '2026-11-22';

/**
 * A handbook in a fresh temporary folder: the valid `base` fixture with the files of an overlay
 * fixture copied over it (added, or replacing the base's), so each fixture holds only its faults.
 */
export function handbookWith(overlay?: string): string {
	const root = mkdtempSync(join(tmpdir(), 'handbook-check-'));
	temporaryRoots.push(root);
	cpSync(join(fixtures, 'base'), root, { recursive: true });
	if (overlay) cpSync(join(fixtures, overlay), root, { recursive: true });
	return root;
}

const temporaryRoots: string[] = [];
afterAll(() => {
	for (const root of temporaryRoots) rmSync(root, { recursive: true, force: true });
});

/** Checks a handbook on the test date, without the parse cache. */
export function check(root: string, options: { paths?: string[] } = {}): Promise<CheckResult> {
	return checkHandbook({ root, today, cache: false, ...options });
}

/** Each diagnostic as `[rule/messageId, file, line]`, in report order (by file, then line). */
export function diagnosticsOf(result: CheckResult): [string, string, number][] {
	return result.files.flatMap((file) =>
		file.messages.map((message): [string, string, number] => [`${message.ruleId}/${messageIdOf(message)}`, file.path, message.line ?? 0]),
	);
}

/** The same, sorted, for comparing with a table that lists them in any order. */
export function sortedDiagnostics(result: CheckResult): [string, string, number][] {
	return diagnosticsOf(result).sort((a, b) => a[1].localeCompare(b[1]) || a[2] - b[2] || a[0].localeCompare(b[0]));
}

/** Sorts an expected table the same way as {@link sortedDiagnostics}. */
export function sorted(table: [string, string, number][]): [string, string, number][] {
	return [...table].sort((a, b) => a[1].localeCompare(b[1]) || a[2] - b[2] || a[0].localeCompare(b[0]));
}
