import { contentPathOf } from './content-path.ts';

/** GitHub's alert types, with the Starlight aside each becomes and the title it keeps. */
export const githubAlertAsides: Record<string, { aside: 'note' | 'tip' | 'caution' | 'danger'; title: string }> = {
	note: { aside: 'note', title: 'Note' },
	tip: { aside: 'tip', title: 'Tip' },
	important: { aside: 'caution', title: 'Important' },
	warning: { aside: 'caution', title: 'Warning' },
	caution: { aside: 'danger', title: 'Caution' },
};

// GitHub wants the marker on a line of its own; other renderers take text after it (`> [!NOTE] Read this.`), and so does this.
const alertMarker = /^\[!(\w+)\][ \t]*(?:\r?\n)?/;

interface MdastNode {
	type: string;
	value?: string;
	children?: MdastNode[];
	data?: Record<string, unknown>;
}

interface MdastContext {
	parent(node: unknown): MdastNode | undefined;
	replaceNode(node: unknown, replacement: unknown): void;
}

/** The alert type a blockquote starts with (`> [!NOTE]`), if it is a GitHub alert. */
export function githubAlertType(blockquote: MdastNode): string | undefined {
	const first = blockquote.children?.[0];
	const text = first?.type === 'paragraph' ? first.children?.[0] : undefined;
	if (text?.type !== 'text') return undefined;
	const type = alertMarker.exec(text.value ?? '')?.[1]?.toLowerCase();
	return type !== undefined && type in githubAlertAsides ? type : undefined;
}

/**
 * GitHub alerts (`> [!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`, `[!CAUTION]`) as Starlight
 * asides, keeping GitHub's word as the aside's title. The blockquote becomes the container
 * directive Starlight's asides plugin renders (`:::note[Note]`), so this runs before it. Alerts
 * inside an alert stay blockquotes, as on GitHub.
 *
 * Why not the `starlight-github-alerts` package: its Sätteri support looks for Starlight's asides
 * plugin as a named object, and Starlight 0.42 registers it as a factory function, so on this
 * stack it adds nothing (and it pins Sätteri 0.9, a second native binary). This is the same
 * transformation, in the handbook's integration. A Sätteri mdast plugin factory.
 */
export function satteriGithubAlerts(contentDir: string) {
	return ({ fileURL }: { fileURL?: URL | undefined }) => {
		if (!fileURL || !contentPathOf(fileURL, contentDir)) return undefined;
		return {
			name: 'handbook-github-alerts',
			blockquote(node: MdastNode, ctx: MdastContext) {
				const type = githubAlertType(node);
				if (type === undefined) return;
				for (let parent = ctx.parent(node); parent; parent = ctx.parent(parent)) {
					if (parent.type === 'blockquote' && githubAlertType(parent) !== undefined) return;
				}
				const { aside, title } = githubAlertAsides[type]!;
				const [first, ...rest] = node.children ?? [];
				const [marker, ...inline] = first?.children ?? [];
				const remaining = (marker?.value ?? '').replace(alertMarker, '');
				const firstInline = remaining === '' ? inline : [{ type: 'text', value: remaining }, ...inline];
				const firstParagraph = firstInline.length > 0 ? [{ type: 'paragraph', children: firstInline }] : [];
				ctx.replaceNode(node, {
					type: 'containerDirective',
					name: aside,
					attributes: {},
					children: [{ type: 'paragraph', data: { directiveLabel: true }, children: [{ type: 'text', value: title }] }, ...firstParagraph, ...rest],
				});
			},
		};
	};
}
