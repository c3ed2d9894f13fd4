import { collections, pageCollections, pageRow } from '../../core/collections.ts';
import type { FileProblem } from '../../core/files.ts';
import { pageExtensions } from '../../core/routes.ts';
import { defineRule, type Report } from '../rule.ts';

const messages = {
	symlinkOutside: {
		text: '{{path}} is a symbolic link to {{target}}, outside the content folder: it is neither checked nor published',
		fix: 'put the file itself in the content folder, or remove the link',
	},
	symlinkLoop: { text: '{{path}} is a symbolic link that leads in a circle', fix: 'remove the link' },
	symlinkBroken: { text: '{{path}} is a symbolic link to a file that does not exist', fix: 'remove the link' },
	symlinkInside: {
		text: '{{path}} is a symbolic link to {{target}}; links are not followed, so it is not published twice',
		fix: 'link to the page itself instead ({{target}}), or remove the link',
	},
	unreadableFolder: {
		text: 'cannot read the folder {{path}} ({{reason}}): nothing in it is checked or published',
		fix: 'make it readable by the user who runs the check and the build',
	},
	extensionCase: {
		text: '{{path}} is not a page: page files end in {{extensions}}, in lower case',
		fix: 'rename it to end in {{extension}}',
	},
	noHomePage: {
		text: 'the handbook has no home page: {{path}} does not exist, so the site shows a list of its sections instead',
		fix: 'write {{path}}: what the handbook is for and where to start',
	},
	outsideCollections: {
		text: '{{path}} is in no collection folder, so it is not a page',
		fix: 'move it into one of the folders {{folders}}',
	},
	notFoundRoute: {
		text: '{{path}} would be served at /404/, where the site has its own not-found page (404.html), so it is not a page: links to it lead nowhere',
		fix: 'remove it (the site has a not-found page), or rename it',
	},
};

const messageOf: Record<FileProblem['kind'], keyof typeof messages> = {
	'symlink-outside': 'symlinkOutside',
	'symlink-loop': 'symlinkLoop',
	'symlink-broken': 'symlinkBroken',
	'symlink-inside': 'symlinkInside',
	unreadable: 'unreadableFolder',
	'extension-case': 'extensionCase',
	'outside-collections': 'outsideCollections',
	'not-found-route': 'notFoundRoute',
};

// Files that are merely not pages are warnings; a link the build refuses, or a folder it cannot read, is an error.
const warnings = new Set<FileProblem['kind']>(['symlink-inside', 'extension-case', 'outside-collections', 'not-found-route']);

export const filesRule = defineRule({
	meta: {
		id: 'files',
		description:
			'symbolic links in the content folder (never followed: an error when they lead outside it or nowhere), folders that cannot be read; as warnings, Markdown files that are no page (upper-case extension, outside every collection folder, at `/404/`, the route of the not-found page of the site) and a handbook without a home page (`guides/index.md`)',
		defaultSeverity: 'error',
		url: 'README.md#rule-files',
		messages,
	},
	create({ graph, report }) {
		return {
			handbook() {
				const folders = pageCollections.map((name) => `${collections[name].folder}/`).join(', ');
				for (const problem of graph.fileProblems) {
					const path = `${graph.contentFolder}/${problem.contentPath}`;
					const extension = problem.contentPath.slice(problem.contentPath.lastIndexOf('.')).toLowerCase();
					const diagnostic: Report<keyof typeof messages> = {
						file: path,
						line: 1,
						column: 1,
						messageId: messageOf[problem.kind],
						data: {
							path,
							target: problem.detail ?? '',
							reason: problem.detail ?? '',
							extensions: pageExtensions.join(', '),
							extension,
							folders,
						},
					};
					if (warnings.has(problem.kind)) diagnostic.severity = 'warning';
					report(diagnostic);
				}
				const home = pageRow('docs');
				if (!graph.entries.some((entry) => entry.route === home.indexRoute)) {
					const path = `${graph.contentFolder}/${home.folder}/index.md`;
					report({ file: graph.contentFolder || '.', line: 1, column: 1, messageId: 'noHomePage', data: { path }, severity: 'warning' });
				}
			},
		};
	},
});
