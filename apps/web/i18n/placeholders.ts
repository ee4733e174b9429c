/**
 * The arguments (`name`, or `name:type` for `{name, number}` and `{n, plural, …}`) and rich-text
 * tags (`<link>`) of an ICU message, sorted and without repeats — what must match between languages.
 * Branches of plural and select messages are searched too; the branch keys themselves may differ
 * (languages have different plural categories). Quoting follows ICU: `'{'` is a literal brace.
 */
export function placeholders(message: string): string[] {
  const found = new Set<string>();
  let index = 0;

  const fail = (why: string) => {
    throw new Error(`${why} at ${index} in ${JSON.stringify(message)}`);
  };

  // Reads text (and nested arguments) until a closing brace at this level, or the end.
  const readText = (nested: boolean) => {
    while (index < message.length) {
      const char = message[index]!;
      if (char === "'" && /[{}']/.test(message[index + 1] ?? '')) {
        const end = message.indexOf("'", index + 1);
        index = end === -1 ? message.length : end + 1;
      } else if (char === '{') {
        index += 1;
        readArgument();
      } else if (char === '}') {
        if (!nested) fail('unexpected }');
        return;
      } else {
        const tag = /^<([a-zA-Z][\w-]*)>/.exec(message.slice(index));
        if (tag) found.add(`<${tag[1]}>`);
        index += 1;
      }
    }
    if (nested) fail('missing }');
  };

  const readArgument = () => {
    const close = message.slice(index).search(/[,}]/);
    if (close === -1) fail('missing }');
    const name = message.slice(index, index + close).trim();
    index += close;
    if (message[index] === '}') {
      found.add(name);
      index += 1;
      return;
    }
    index += 1; // the comma
    const typeEnd = message.slice(index).search(/[,}]/);
    if (typeEnd === -1) fail('missing }');
    const type = message.slice(index, index + typeEnd).trim();
    found.add(`${name}:${type}`);
    index += typeEnd;
    if (message[index] === '}') {
      index += 1;
      return;
    }
    index += 1; // the comma before a style or the branches
    if (type === 'plural' || type === 'select' || type === 'selectordinal') {
      // `offset:1`? then `key {branch}` pairs until the closing brace.
      while (index < message.length) {
        const next = message.slice(index).search(/[{}]/);
        if (next === -1) fail('missing }');
        index += next;
        if (message[index] === '}') {
          index += 1;
          return;
        }
        index += 1;
        readText(true);
        index += 1; // the branch's closing brace
      }
      fail('missing }');
    }
    const styleEnd = message.indexOf('}', index);
    if (styleEnd === -1) fail('missing }');
    index = styleEnd + 1;
  };

  readText(false);
  return [...found].sort();
}
