import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';
import sirv from 'sirv';

/**
 * The Chromium the browser tests drive: `CHROMIUM_PATH` if set, else `chromium` (Debian's package)
 * or `chromium-browser` on PATH. Browsers cannot be downloaded here, so playwright-core uses the
 * system one.
 */
export function findChromium(): string | undefined {
	if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : undefined;
	for (const name of ['chromium', 'chromium-browser']) {
		try {
			const path = execFileSync('which', [name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
			if (path) return path;
		} catch {
			// not on PATH: try the next name
		}
	}
	return undefined;
}

/** Starts a headless Chromium with the flags that work in containers (no sandbox, no GPU, no updates). */
export function launchChromium(executablePath: string): Promise<Browser> {
	return chromium.launch({
		executablePath,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
	});
}

export interface StaticServer {
	/** The site's address with trailing slash, e.g. `http://127.0.0.1:41234/` (with the base path, if any). */
	url: string;
	close(): Promise<void>;
}

export interface ServeOptions {
	/** The sub-path the site is built for (`HANDBOOK_BASE`), e.g. `/my-handbook/`: served there, as a host does. */
	base?: string;
	/** Replaces what a path serves (the path without the base), e.g. to play a newer build of one page. */
	override?: (path: string) => string | undefined;
}

/** Serves a built site from a folder on 127.0.0.1 on a free port, as a static host would. */
export async function serveSite(dir: string, options: ServeOptions = {}): Promise<StaticServer> {
	const base = options.base ?? '/';
	const handler = sirv(dir, { dev: true, extensions: ['html'] });
	const notFound = (response: ServerResponse) => {
		response.statusCode = 404;
		response.end('Not found');
	};
	const server: Server = createServer((request, response) => {
		const url = request.url ?? '/';
		if (!url.startsWith(base)) return notFound(response);
		request.url = `/${url.slice(base.length)}`;
		const replaced = options.override?.(request.url.split('?')[0]!);
		if (replaced !== undefined) {
			response.setHeader('content-type', 'text/html; charset=utf-8');
			response.setHeader('date', new Date().toUTCString());
			return response.end(replaced);
		}
		handler(request, response, () => notFound(response));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}${base}`,
		close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
	};
}
