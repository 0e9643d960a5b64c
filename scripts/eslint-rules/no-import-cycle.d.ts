import type { Rule } from 'eslint';
declare const rule: Rule.RuleModule;
export default rule;
export function importsOf(file: string, text?: string): { specifier: string; target: string }[];
