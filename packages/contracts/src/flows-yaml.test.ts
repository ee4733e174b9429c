import { describe, expect, it } from 'vitest';
import { parseFlow, parseFlowYaml } from './flows-yaml.ts';

describe('parseFlowYaml', () => {
  it('reads a flow written in YAML, with the defaults filled in', () => {
    const result = parseFlowYaml(`steps:
  - type: goto
    url: "{{target}}"
  - type: extract
    as: rows
    selector: tr
    list: true
    fields:
      id: { selector: td.id }
`);
    expect(result).toEqual({
      success: true,
      flow: {
        steps: [
          { type: 'goto', url: '{{target}}', waitUntil: 'load' },
          { type: 'extract', as: 'rows', selector: 'tr', list: true, fields: { id: { selector: 'td.id' } } },
        ],
      },
    });
  });

  it('names the line of a YAML syntax error', () => {
    const result = parseFlowYaml('steps:\n  - type: goto\n    url: [unclosed\n');
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issue.field).toBeUndefined();
    expect(result.issue.line).toBeGreaterThanOrEqual(3);
    expect(result.issue.message).toMatch(/^line \d+, column \d+: /);
  });

  it('names the field with the step index and the line it is on', () => {
    const result = parseFlowYaml(`steps:
  - type: goto
    url: https://example.com
  - type: click
    selector: ""
`);
    expect(result).toEqual({
      success: false,
      issue: {
        field: 'steps.1.selector',
        message: 'steps.1.selector: must not be empty',
        line: 5,
        column: 15,
      },
    });
  });

  it('names an unknown step type, a missing field and an unknown key', () => {
    const unknownType = parseFlow({
      steps: [{ type: 'goto', url: 'https://a.example' }, { type: 'teleport' }],
    });
    expect(unknownType).toMatchObject({ success: false, issue: { field: 'steps.1.type' } });
    const missing = parseFlowYaml('steps:\n  - type: fill\n    value: x\n');
    expect(missing).toEqual({
      success: false,
      issue: {
        field: 'steps.0.selector',
        message: 'steps.0.selector: must be a selector',
        line: 2,
        column: 5,
      },
    });
    const unknownKey = parseFlow({ steps: [{ type: 'hover', selector: 'a', force: true }] });
    expect(unknownKey).toEqual({
      success: false,
      issue: { field: 'steps.0.force', message: 'unknown field "steps.0.force"' },
    });
  });

  it('refuses a regular expression that does not compile, unless variables make it up', () => {
    expect(
      parseFlow({ steps: [{ type: 'assert', assert: 'url', expected: '(', match: 'regex' }] }),
    ).toMatchObject({ success: false, issue: { field: 'steps.0.expected' } });
    expect(parseFlow({ steps: [{ type: 'wait', url: 'regex:[' }] })).toMatchObject({
      success: false,
      issue: { field: 'steps.0.url' },
    });
    expect(parseFlow({ steps: [{ type: 'wait', url: 'regex:{{pattern}}' }] }).success).toBe(true);
  });

  it('stops at the alias limit rather than expanding a billion laughs', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let level = 1; level < 9; level += 1) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      lines.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(',')}]`);
    }
    const result = parseFlowYaml(`${lines.join('\n')}\nsteps: *i\n`);
    expect(result.success).toBe(false);
  });
});
