import { frontmatterHtml } from '../frontmatter-html.ts';
import { scanPage } from '../output/scan.ts';
import { defineRule } from '../rule.ts';
import { positionOf } from '../yaml-positions.ts';

const messages = {
	script: { text: 'a `<script>` element in the page would run in every reader\'s browser', fix: 'remove it; the site strips it unless `raw-html` is off in handbook.yaml' },
	iframe: { text: 'an `<iframe>` in the page embeds another site', fix: 'link to it instead; the site strips it unless `raw-html` is off in handbook.yaml' },
	eventHandler: { text: 'the `{{name}}` attribute would run script in the reader\'s browser', fix: 'remove it; the site strips it unless `raw-html` is off in handbook.yaml' },
	javascriptUrl: { text: 'a `javascript:` URL runs script when a reader follows it', fix: 'link to a page or a web address instead' },
	dataUrl: { text: 'a `data:` URL in a link or frame can carry a whole page or script', fix: 'put the file in the content folder and link to it' },
	frontmatterHtml: {
		text: '`{{key}}` is shown as HTML, and {{what}}',
		fix: 'remove the markup; the site strips it unless `raw-html` is off in handbook.yaml',
	},
};

const messageOfHazard = {
	script: 'script',
	iframe: 'iframe',
	'event-handler': 'eventHandler',
	'javascript-url': 'javascriptUrl',
	'data-url': 'dataUrl',
} as const;

const describeHazard = {
	script: 'has a `<script>` element',
	iframe: 'has an `<iframe>`',
	'event-handler': 'has an `on…` event handler',
	'javascript-url': 'has a `javascript:` URL',
	'data-url': 'has a `data:` URL',
} as const;

export const rawHtmlRule = defineRule({
	meta: {
		id: 'raw-html',
		description:
			'markup that would run script in readers\' browsers: `<script>`, `<iframe>`, `on…` handlers, `data:` URLs (warnings: the site strips them), and `javascript:` links (an error); in Markdown, raw HTML and the frontmatter fields shown as HTML. Off: trusted authors, nothing is flagged or stripped',
		defaultSeverity: 'warning',
		url: 'README.md#rule-raw-html',
		messages,
	},
	create({ report }) {
		return {
			entry(entry) {
				for (const hazard of entry.hazards) {
					report({
						file: entry.file,
						line: hazard.line,
						column: hazard.column,
						messageId: messageOfHazard[hazard.kind],
						data: { name: hazard.name },
						...(hazard.kind === 'javascript-url' ? { severity: 'error' as const } : {}),
					});
				}
				for (const { path, html } of frontmatterHtml(entry.raw)) {
					for (const hazard of scanPage(html).hazards) {
						report({
							file: entry.file,
							...positionOf(entry.frontmatter, path, { line: entry.frontmatter.line, column: 1 }, 'value'),
							messageId: 'frontmatterHtml',
							data: { key: path.join('.'), what: describeHazard[hazard.kind] },
							...(hazard.kind === 'javascript-url' ? { severity: 'error' as const } : {}),
						});
					}
				}
			},
		};
	},
});
