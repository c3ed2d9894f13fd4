import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/build.ts';

/**
 * The architecture, as a test: the source is in layers and imports point one way only.
 *
 *   core (src/core, src/schemas)   registry, routes, file selection, frontmatter, titles
 *     ^
 *   checks (src/checks)            load -> graph (+ facts) -> rules -> diagnostics -> reporters
 *     ^                 ^
 *   site                cli        the site (src/site, src/pages, src/content.config.ts) and
 *                                  the `handbook` command never import each other
 *
 * And there is no import cycle between modules at run time (imports of types only are erased).
 */
const layers = {
	core: ['src/core/', 'src/schemas/'],
	checks: ['src/checks/'],
	site: ['src/site/', 'src/pages/', 'src/content.config.ts'],
	cli: ['src/cli/'],
} as const;
type Layer = keyof typeof layers;

const allowed: Record<Layer, Layer[]> = {
	core: ['core'],
	checks: ['core', 'checks'],
	site: ['core', 'checks', 'site'],
	cli: ['core', 'checks', 'cli'],
};

interface Import {
	from: string;
	to: string;
	typeOnly: boolean;
}

function layerOf(file: string): Layer | undefined {
	return (Object.keys(layers) as Layer[]).find((layer) => layers[layer].some((prefix) => file.startsWith(prefix)));
}

function sourceFiles(dir: string): string[] {
	return readdirSync(join(repoRoot, dir), { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && /\.(ts|astro|mjs)$/.test(entry.name))
		.map((entry) => relative(repoRoot, join(entry.parentPath, entry.name)));
}

/** The script of a file: TypeScript as it is, the frontmatter of an Astro component. */
function scriptOf(file: string): string {
	const text = readFileSync(join(repoRoot, file), 'utf8');
	if (!file.endsWith('.astro')) return text;
	return /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
}

/** The project-relative imports of a file, static and dynamic, with whether they import types only. */
function importsOf(file: string): Import[] {
	const source = ts.createSourceFile(file, scriptOf(file), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
	const found: Import[] = [];
	const add = (specifier: string, typeOnly: boolean) => {
		if (!specifier.startsWith('.')) return;
		found.push({ from: file, to: relative(repoRoot, resolve(repoRoot, dirname(file), specifier)), typeOnly });
	};
	const visit = (node: ts.Node) => {
		if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
			const clause = node.importClause;
			const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
			const typeOnly = clause?.phaseModifier === ts.SyntaxKind.TypeKeyword || (clause?.name === undefined && named !== undefined && named.length > 0 && named.every((element) => element.isTypeOnly));
			add(node.moduleSpecifier.text, typeOnly);
		} else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
			const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
			add(node.moduleSpecifier.text, node.isTypeOnly || (named !== undefined && named.length > 0 && named.every((element) => element.isTypeOnly)));
		} else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && ts.isStringLiteral(node.arguments[0]!)) {
			add((node.arguments[0] as ts.StringLiteral).text, false);
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

const files = [...sourceFiles('src'), 'astro.config.mjs'];
const imports = files.flatMap(importsOf);

/** The import cycles among modules, each as the list of its files. */
function cycles(edges: Import[]): string[][] {
	const next = new Map<string, string[]>();
	for (const edge of edges) next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
	const found: string[][] = [];
	const state = new Map<string, 'open' | 'done'>();
	const path: string[] = [];
	const visit = (file: string) => {
		state.set(file, 'open');
		path.push(file);
		for (const to of next.get(file) ?? []) {
			if (state.get(to) === 'open') found.push([...path.slice(path.indexOf(to)), to]);
			else if (!state.has(to)) visit(to);
		}
		path.pop();
		state.set(file, 'done');
	};
	for (const file of next.keys()) if (!state.has(file)) visit(file);
	return found;
}

describe('the architecture', () => {
	it('reads the imports it judges', () => {
		// A check that saw no imports could not fail: make sure the parser finds them.
		expect(imports.length).toBeGreaterThan(150);
		expect(imports).toContainEqual({ from: 'src/checks/graph.ts', to: 'src/core/routes.ts', typeOnly: false });
		expect(imports).toContainEqual({ from: 'src/schemas/common.ts', to: 'src/core/collections.ts', typeOnly: true });
		expect(imports).toContainEqual({ from: 'src/cli/check-result-cache.ts', to: 'src/checks/engine.ts', typeOnly: false });
		expect(imports.some((edge) => edge.from === 'src/pages/health.astro' && edge.to === 'src/checks/index.ts')).toBe(true);
	});

	it('puts every source file in a layer', () => {
		expect(files.filter((file) => file !== 'astro.config.mjs' && layerOf(file) === undefined)).toEqual([]);
	});

	it('has imports that point down the layers only', () => {
		const upward = imports
			.filter((edge) => {
				const from = layerOf(edge.from);
				const to = layerOf(edge.to);
				return from !== undefined && to !== undefined && !allowed[from].includes(to);
			})
			.map((edge) => `${edge.from} -> ${edge.to}`);
		expect(upward).toEqual([]);
	});

	it('has no import cycle at run time', () => {
		expect(cycles(imports.filter((edge) => !edge.typeOnly)).map((cycle) => cycle.join(' -> '))).toEqual([]);
	});

	it('finds a cycle and an upward import when there is one', () => {
		const planted: Import[] = [
			{ from: 'src/checks/a.ts', to: 'src/checks/b.ts', typeOnly: false },
			{ from: 'src/checks/b.ts', to: 'src/checks/a.ts', typeOnly: false },
		];
		expect(cycles(planted)).toEqual([['src/checks/a.ts', 'src/checks/b.ts', 'src/checks/a.ts']]);
		expect(allowed[layerOf('src/core/routes.ts')!]).not.toContain(layerOf('src/checks/graph.ts'));
	});

	it('keeps rules to themselves: only the rule list is imported from outside rules/', () => {
		const intoRules = imports.filter(
			(edge) => edge.to.startsWith('src/checks/rules/') && !edge.from.startsWith('src/checks/rules/') && edge.to !== 'src/checks/rules/index.ts',
		);
		expect(intoRules.map((edge) => `${edge.from} -> ${edge.to}`)).toEqual([]);
	});
});
