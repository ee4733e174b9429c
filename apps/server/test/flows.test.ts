import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InjectOptions, startTestApp, type TestApp } from './support.ts';

/** Issue 11, step flows: POST /api/v1/flows/validate checks a flow given as JSON or YAML. */
let testApp: TestApp;
const api = (options: InjectOptions) => testApp.api(options);
const validate = (payload: object) => api({ method: 'POST', url: '/api/v1/flows/validate', payload });

beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp?.close();
});

describe('POST /api/v1/flows/validate', () => {
  it('answers a JSON flow normalized, defaults filled in', async () => {
    const response = await validate({
      flow: {
        steps: [
          { type: 'goto', url: '{{target}}' },
          { type: 'click', selector: '#go' },
          { type: 'assert', assert: 'title', expected: 'Done' },
        ],
      },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      flow: {
        steps: [
          { type: 'goto', url: '{{target}}', waitUntil: 'load' },
          { type: 'click', selector: '#go', button: 'left', clickCount: 1 },
          { type: 'assert', assert: 'title', expected: 'Done', match: 'contains' },
        ],
      },
    });
  });

  it('answers the same flow written in YAML', async () => {
    const response = await validate({
      yaml: 'steps:\n  - type: goto\n    url: "{{target}}"\n  - type: click\n    selector: "#go"\n',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().flow.steps).toEqual([
      { type: 'goto', url: '{{target}}', waitUntil: 'load' },
      { type: 'click', selector: '#go', button: 'left', clickCount: 1 },
    ]);
  });

  it('names the field of an invalid step with its index', async () => {
    const cases: Array<[object, string]> = [
      [
        { flow: { steps: [{ type: 'goto', url: 'https://a.example' }, { type: 'teleport' }] } },
        'steps.1.type',
      ],
      [
        {
          flow: {
            steps: [
              { type: 'goto', url: 'https://a.example' },
              { type: 'fill', value: 'x' },
            ],
          },
        },
        'steps.1.selector',
      ],
      [{ flow: { steps: [{ type: 'wait' }] } }, 'steps.0.selector'],
      [{ flow: { steps: [{ type: 'click', selector: 'a', force: true }] } }, 'steps.0.force'],
      [{ flow: { steps: [] } }, 'steps'],
      [{ flow: 'goto' }, 'flow'],
      [
        { yaml: 'steps:\n  - type: goto\n    url: https://a.example\n  - type: click\n    selector: ""\n' },
        'steps.1.selector',
      ],
    ];
    for (const [payload, field] of cases) {
      const response = await validate(payload);
      expect([field, response.statusCode, response.json().code, response.json().field]).toEqual([
        field,
        400,
        'VALIDATION_ERROR',
        field,
      ]);
    }
  });

  it('names the line of a YAML syntax error, and of a YAML value the schema refuses', async () => {
    const syntax = await validate({ yaml: 'steps:\n  - type: goto\n    url: [unclosed\n' });
    expect(syntax.statusCode).toBe(400);
    expect(syntax.json()).toMatchObject({
      code: 'VALIDATION_ERROR',
      field: 'yaml',
      message: expect.stringMatching(/^line \d+, column \d+: /),
      details: { line: expect.any(Number), column: expect.any(Number) },
    });
    const refused = await validate({
      yaml: 'steps:\n  - type: hover\n    selector: "a"\n  - type: pause\n    ms: -1\n',
    });
    expect(refused.json()).toMatchObject({ field: 'steps.1.ms', details: { line: 5, column: 9 } });
  });

  it('wants exactly one of flow and yaml', async () => {
    for (const payload of [{}, { flow: { steps: [] }, yaml: 'steps: []' }]) {
      const response = await validate(payload);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'VALIDATION_ERROR', field: 'flow' });
    }
  });
});
