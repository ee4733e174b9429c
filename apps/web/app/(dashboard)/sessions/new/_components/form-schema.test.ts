import { describe, expect, it } from 'vitest';
import { type CreateSessionFormValues, createSessionSchema, defaultFormValues } from './form-schema';

const SCRIPT_ID = '6a0f3f52-1c7e-4b8a-9d3e-2f5b7c9e1a40';

function withScript(script: Partial<CreateSessionFormValues['script']>): CreateSessionFormValues {
  return {
    ...defaultFormValues,
    name: 'reference',
    startUrl: 'https://example.com/',
    script: { ...defaultFormValues.script, enabled: true, ...script },
  };
}

describe('the new session form, page script', () => {
  it('sends a saved script by reference, pinned or following the latest, without a source', () => {
    const pinned = createSessionSchema.safeParse(
      withScript({ origin: 'saved', scriptId: SCRIPT_ID, version: '3' }),
    );
    expect(pinned.success && pinned.data.script).toEqual({
      scriptId: SCRIPT_ID,
      version: 3,
      intervalMin: 30,
      intervalMax: 60,
    });
    const latest = createSessionSchema.safeParse(withScript({ origin: 'saved', scriptId: SCRIPT_ID }));
    expect(latest.success && latest.data.script).toEqual({
      scriptId: SCRIPT_ID,
      intervalMin: 30,
      intervalMax: 60,
    });
  });

  it('still sends inline source, and asks for a script when none is picked', () => {
    const inline = createSessionSchema.safeParse(withScript({ origin: 'inline', source: 'document.title' }));
    expect(inline.success && inline.data.script).toEqual({
      source: 'document.title',
      intervalMin: 30,
      intervalMax: 60,
    });
    const none = createSessionSchema.safeParse(withScript({ origin: 'saved' }));
    expect(none.success).toBe(false);
    expect(none.error?.issues.map((issue) => issue.path.join('.'))).toContain('script.scriptId');
  });
});
