// "a, b og c": a list in running Norwegian text, for the mails and the pages alike. The formatter is
// made at first use: made at import, an Intl formatter loads its locale data in the cold start of
// every bundle that imports the module (about 10 ms; a test keeps them out of module top levels).
let formatter: Intl.ListFormat | undefined;

export function andList(items: readonly string[]): string {
  return (formatter ??= new Intl.ListFormat('nb', { style: 'long', type: 'conjunction' })).format(items);
}
