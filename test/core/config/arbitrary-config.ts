import fc from 'fast-check';

/** Safe property values: no edge whitespace, no leading or space-led # / ; (those would read as comments). */
export const valueArb = fc.stringMatching(/^([A-Za-z0-9:/._=@-][A-Za-z0-9:/._=@#;-]{0,9})?$/);
const keyArb = fc.constantFrom('region', 'Region', 'output', 'name', 'login_session', 'x-y', 'REGION');
const commentArb = fc.constantFrom('# note', '; note', '#', ';', '# [profile fake]', '#x = 1');
const blankArb = fc.constantFrom('', '  ', '\t');

const propertyLines = fc
  .record({
    key: keyArb,
    eq: fc.constantFrom(' = ', '=', ' =', '  =  '),
    value: valueArb,
    comment: fc.constantFrom('', ' # c', ' ; c', '  #'),
    more: fc.array(fc.constantFrom(' -cont', '\tmore = 1', '  x', '  # indented comment'), { maxLength: 2 }),
    subs: fc.array(fc.oneof(fc.constantFrom('  a = 1', '\tb =', '  c = d # e'), blankArb), { maxLength: 3 }),
  })
  .map(({ key, eq, value, comment, more, subs }) => {
    if (value === '') {
      // Sub-properties: every indented line needs an '='; blank lines may sit between them.
      const body = subs.filter((s) => s.trim() !== '');
      return [`${key}${eq.trimEnd()}${comment}`, ...(body.length > 0 ? subs : [])];
    }
    return [`${key}${eq}${value}${comment}`, ...more];
  });

const bodyLine = fc.oneof({ weight: 3, arbitrary: propertyLines }, commentArb.map((c) => [c]), blankArb.map((b) => [b]));

const configHeaders = ['default', 'profile default', 'profile a', 'profile b', 'profile c', 'sso-session s', 'services svc', 'plugins', 'foo'];
const credentialHeaders = ['default', 'a', 'b', 'profile a'];
const headerStyle = fc.constantFrom((h: string) => `[${h}]`, (h: string) => `[ ${h} ]`, (h: string) => `[${h}] # c`, (h: string) => `[${h}];`);

/** A generated AWS config or credentials file that the SDKs can read. */
export interface GeneratedFile {
  fileKind: 'config' | 'credentials';
  text: string;
}

/** Random files: sections (duplicates, unknown ones), comments, blank lines, sub-properties, LF/CRLF/mixed, BOM, final newline or not. */
export function fileArb(fileKind: 'config' | 'credentials'): fc.Arbitrary<GeneratedFile> {
  const headers = fileKind === 'config' ? configHeaders : credentialHeaders;
  const section = fc
    .tuple(fc.constantFrom(...headers), headerStyle, fc.array(bodyLine, { maxLength: 6 }))
    .map(([h, style, body]) => [style(h), ...body.flat()]);
  return fc
    .record({
      preamble: fc.array(fc.oneof(commentArb, blankArb), { maxLength: 2 }),
      sections: fc.array(section, { maxLength: 5 }),
      eol: fc.constantFrom('\n', '\r\n', 'mixed'),
      bom: fc.boolean(),
      finalNewline: fc.boolean(),
      seed: fc.integer(),
    })
    .map(({ preamble, sections, eol, bom, finalNewline, seed }) => {
      const lines = [...preamble, ...sections.flat()];
      let text = bom ? '\uFEFF' : '';
      lines.forEach((line, i) => {
        const term = eol === 'mixed' ? ((seed >> i % 31) & 1 ? '\r\n' : '\n') : eol;
        text += line + (i < lines.length - 1 || finalNewline ? term : '');
      });
      return { fileKind, text };
    });
}

/** Headers the tests edit: existing ones and ones that may be missing. */
export function targetArb(fileKind: 'config' | 'credentials'): fc.Arbitrary<string> {
  return fileKind === 'config'
    ? fc.constantFrom('default', 'profile default', 'profile a', 'profile b', 'profile new', 'sso-session s', 'services svc')
    : fc.constantFrom('default', 'a', 'b', 'new');
}

export const editKeyArb = fc.constantFrom('region', 'Region', 'output', 'name', 's3', 'new_key', 'login_session');
