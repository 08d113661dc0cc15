/**
 * Filling a message's placeholders: `{name}` is replaced by `vars.name`. A placeholder with no value
 * is left as written, so a missing argument shows up in review instead of as an empty gap.
 */
export type MessageVars = Readonly<Record<string, string | number>>;

export function fillMessage(template: string, vars?: MessageVars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/gu, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
