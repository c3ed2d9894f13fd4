/**
 * The folder holding the handbook content: `content` in the project root, unless the environment
 * names another one (`HANDBOOK_CONTENT=path/to/handbook`, relative to the project root or
 * absolute). The build tests and the benchmark build fixture and generated handbooks this way
 * with the same site code.
 */
export const contentRoot = (process.env.HANDBOOK_CONTENT || 'content').replace(/\/+$/, '');
