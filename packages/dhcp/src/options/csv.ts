// Kea's csv tokenizing of option `data` (isc::util::str::tokens with escapes) and its inverse.
// Commas split fields; runs of commas and empty fields vanish; '\,' keeps a comma inside a field,
// '\\' keeps one backslash, and a backslash before any other character stays as typed. Fields are
// not trimmed here: the codec trims each one, as Kea does, when it writes it.

/** Splits option data text into fields exactly as Kea's tokenizer does. */
export function splitCsv(text: string): string[] {
  const out: string[] = [];
  let token = '';
  let inToken = false;
  let escaped = false;
  for (const c of text) {
    if (c === ',') {
      if (!inToken) continue;
      if (escaped) {
        escaped = false;
        token += c;
      } else {
        if (token !== '') out.push(token);
        inToken = false;
        token = '';
      }
    } else if (c === '\\') {
      inToken = true;
      if (escaped) {
        escaped = false;
        token += c;
      } else {
        escaped = true;
      }
    } else {
      inToken = true;
      if (escaped) {
        escaped = false;
        token += `\\${c}`;
      } else {
        token += c;
      }
    }
  }
  if (escaped) token += '\\';
  if (token !== '') out.push(token);
  return out;
}

/** Escapes one field so splitCsv gives it back unchanged (backslashes and commas). */
export function escapeCsvField(field: string): string {
  return field.replace(/[\\,]/g, (c) => `\\${c}`);
}

/** Joins fields as option data text, with Kea's ', ' separator as in its example configs. */
export function joinCsv(fields: readonly string[]): string {
  return fields.map(escapeCsvField).join(', ');
}
