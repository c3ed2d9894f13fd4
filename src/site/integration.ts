import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { ContentFolderError, checkHandbook, formatReport } from '../checks/index.ts';
import { contentRoot } from '../core/project.ts';
import { shareCheckResult } from './check-result.ts';
import { satteriHeadingAnchors } from './markdown/heading-anchors.ts';
import { rehypeLinkPlugin, satteriLinkPlugin } from './markdown/links.ts';
import { satteriTaskListLabels } from './markdown/task-list-labels.ts';

interface MarkdownProcessorLike {
	name: string;
	options: { hastPlugins?: unknown[]; rehypePlugins?: unknown[] };
}

/**
 * The handbook's Astro integration. It runs the check engine before a build and stops the build,
 * printing the report and one plain line, when the handbook has errors: no site is produced from a
 * broken handbook. It also teaches the Markdown processor to turn relative `.md` links into page
 * routes, to name task-list checkboxes, and to give headings light anchor links.
 */
export function handbook(): AstroIntegration {
	return {
		name: 'practice-handbook',
		hooks: {
			'astro:config:setup': async ({ config, command, logger }) => {
				const root = fileURLToPath(config.root);
				const contentDir = resolve(root, contentRoot);
				registerMarkdownPlugins(config.markdown.processor as MarkdownProcessorLike | undefined, contentDir, config.base, logger);
				if (command !== 'build' && command !== 'dev') return;
				let result;
				try {
					result = await checkHandbook({ root, contentDir });
				} catch (error) {
					if (!(error instanceof ContentFolderError)) throw error;
					return stop(`handbook: ${error.message}; nothing was built.`);
				}
				// The pages read this result (src/site/check-result.ts) instead of checking a second time.
				shareCheckResult(result);
				if (result.errorCount + result.warningCount > 0) {
					const width = (process.stderr.isTTY && process.stderr.columns) || undefined;
					process.stderr.write(`${formatReport(result, 'pretty', { width })}\n`);
				}
				if (result.errorCount > 0 && command === 'build') {
					return stop(`handbook check found ${result.errorCount} error(s), listed above; nothing was built. Fix them, then build again.`);
				}
				logger.info(`handbook check: ${result.errorCount} errors, ${result.warningCount} warnings`);
				if (command === 'build' && !config.site) logger.info('no sitemap: HANDBOOK_SITE, the public origin of the site, is not set');
			},
		},
	};
}

/**
 * Stands in for `@astrojs/sitemap` when the site's public origin is unknown. Starlight adds the
 * sitemap integration unless the project has one, and that integration needs `site` (a sitemap
 * lists absolute URLs): without it, it warns on every build and writes nothing. A handbook built
 * without `HANDBOOK_SITE` (a laptop, a pull request) has no sitemap to write; {@link handbook}
 * says so in one line.
 */
export function noSitemap(): AstroIntegration {
	return {
		name: '@astrojs/sitemap',
		hooks: {},
	};
}

/** Ends the build with one plain line on stderr and exit status 1: a content error is not a crash. */
function stop(message: string): never {
	process.stderr.write(`\n${message}\n`);
	process.exit(1);
}

function registerMarkdownPlugins(
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
