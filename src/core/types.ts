/** A YAML syntax problem. */
export interface YamlProblem {
	message: string;
	line: number;
	column: number;
}

/** A parsed YAML document (frontmatter or a data file). */
export interface ParsedYaml {
	/** The data (`null` for an empty document), or `undefined` when the YAML could not be read. */
	data: unknown;
	problems: YamlProblem[];
	/** The YAML text, kept to find key positions when a problem is reported. */
	text: string;
	/** Line of the file the text starts on. */
	firstLine: number;
}

/** The frontmatter block of a Markdown file. */
export interface ParsedFrontmatter extends ParsedYaml {
	/** `none` when the file has no frontmatter block. */
	kind: 'yaml' | 'toml' | 'none';
	/** Line of the opening `---`. */
	line: number;
	/** First line after the closing `---`. */
	bodyLine: number;
}
