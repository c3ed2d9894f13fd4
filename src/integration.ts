import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { contentRoot } from './lib/project.ts';
import { checkResultKey } from './lib/engine.ts';
import { satteriHeadingAnchors } from './lib/heading-anchors.ts';
import { rehypeLinkPlugin, satteriLinkPlugin } from './lib/markdown-links.ts';
import { satteriTaskListLabels } from './lib/task-list-labels.ts';

interface MarkdownProcessorLike {
	name: string;
	options: { hastPlugins?: unknown[]; rehypePlugins?: unknown[] };
}

/**
 * The handbook's Astro integration. It runs the check engine before a build and stops the build,
 * printing the report, when the handbook has errors: no site is produced from a broken handbook.
 * It also teaches the Markdown processor to turn relative `.md` links into page routes, to name
 * task-list checkboxes, and to give headings light anchor links.
 */
export function handbook(): AstroIntegration {
	return {
		name: 'practice-handbook',
		hooks: {
			'astro:config:setup': async ({ config, command, logger }) => {
				const root = fileURLToPath(config.root);
				const contentDir = resolve(root, contentRoot);
				registerLinkRewriting(config.markdown.processor as MarkdownProcessorLike | undefined, contentDir, config.base, logger);
				if (command !== 'build' && command !== 'dev') return;
				const { checkHandbook, formatReport } = await import('./checks/index.ts');
				const result = await checkHandbook({ root, contentDir });
				// The pages reuse this result (src/lib/engine.ts) instead of checking a second time.
				(globalThis as Record<symbol, unknown>)[checkResultKey] = result;
				if (result.errorCount + result.warningCount > 0) {
					process.stderr.write(`${formatReport(result, 'pretty')}\n`);
				}
				if (result.errorCount > 0 && command === 'build') {
					throw new Error(
						`handbook check found ${result.errorCount} error(s); nothing was built. Fix them (run \`npx handbook check\` to list them again).`,
					);
				}
				logger.info(`handbook check: ${result.errorCount} errors, ${result.warningCount} warnings`);
			},
		},
	};
}

function registerLinkRewriting(
	processor: MarkdownProcessorLike | undefined,
	contentDir: string,
	base: string,
	logger: { warn(message: string): void },
) {
	if (processor?.name === 'satteri' && processor.options.hastPlugins) {
		processor.options.hastPlugins.push(satteriLinkPlugin(contentDir, base), satteriTaskListLabels(), ...satteriHeadingAnchors());
	} else if (processor?.options.rehypePlugins) {
		processor.options.rehypePlugins.push([rehypeLinkPlugin, { contentDir, base }]);
	} else {
		logger.warn('Unknown Markdown processor: relative .md links will not be rewritten to page routes.');
	}
}
