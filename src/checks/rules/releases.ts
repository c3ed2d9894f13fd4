import { closingNoteHeading } from '../facts/releases.ts';
import { defineRule } from '../rule.ts';
import { positionOf } from '../yaml-positions.ts';

export const releasesRule = defineRule({
	meta: {
		id: 'releases',
		description:
			'a filled-in service readiness record whose release date has passed while its `status` still says planned or at risk, or whose hypercare has passed its last day (`hypercareUntil`) without a closing note (an `## Outcome` section)',
		defaultSeverity: 'warning',
		url: 'README.md#rule-releases',
		messages: {
			releaseDatePassed: {
				text: 'the release date {{releaseDate}} has passed, but the status is still "{{status}}"',
				fix: 'set `status: released` and `hypercareUntil:` if it went out, or move `releaseDate:` if it slipped',
			},
			hypercareNotClosed: {
				text: 'hypercare ended on {{hypercareUntil}}, but the record has no closing note',
				fix: `add a \`## ${closingNoteHeading}\` section: how hypercare went and who runs the release now; then set \`status: done\`, or move \`hypercareUntil:\` if hypercare goes on`,
			},
		},
	},
	create({ report }) {
		return {
			entry(entry) {
				// The release's state is a fact of the graph, the same the release board shows.
				const release = entry.release;
				if (!release) return;
				const fallback = { line: entry.frontmatter.line, column: 1 };
				if (release.late) {
					report({
						file: entry.file,
						...positionOf(entry.frontmatter, ['status'], fallback, 'value'),
						messageId: 'releaseDatePassed',
						data: { releaseDate: release.releaseDate, status: release.status },
					});
				}
				if (release.hypercareOverdue) {
					report({
						file: entry.file,
						...positionOf(entry.frontmatter, ['hypercareUntil'], fallback, 'value'),
						messageId: 'hypercareNotClosed',
						data: { hypercareUntil: release.hypercareUntil! },
					});
				}
			},
		};
	},
});
