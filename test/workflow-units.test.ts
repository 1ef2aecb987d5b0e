/** The small parts of the workflow service: JSONPath parsing, interpolations, where the type comes from. */
import { describe, expect, it } from 'vitest';
import { validate } from '../server/src/service/validate';
import { findInterpolations, formatJsonPath, looksLikeJsonPath, parseJsonPath, withoutInterpolations } from '../server/src/service/workflow/jsonpath';

describe('JSONPath', () => {
  it.each([
    ['$.parameters.count', ['parameters', 'count']],
    ['$.stepOutputs.CreateSnapshot.output[0]', ['stepOutputs', 'CreateSnapshot', 'output', 0]],
    ["$.stepOutputs['Launch Step'].instanceId", ['stepOutputs', 'Launch Step', 'instanceId']],
    [' $.imagebuilder.platform ', ['imagebuilder', 'platform']],
    ['$.stepOutputs.launch-instance.instanceId', ['stepOutputs', 'launch-instance', 'instanceId']],
  ])('reads %s', (text, segments) => {
    expect(parseJsonPath(text)).toEqual({ ok: true, segments });
  });

  it.each(['$', '$.', '$.a..b', '$a.b', '$.a[x]', '$.a b', 'parameters.x'])('rejects %s', (text) => {
    expect(parseJsonPath(text).ok).toBe(false);
  });

  it('writes segments back', () => {
    expect(formatJsonPath(['stepOutputs', 'Launch Step', 'output', 0])).toBe("$.stepOutputs['Launch Step'].output[0]");
  });

  it('tells JSONPaths from other dollar text', () => {
    expect(looksLikeJsonPath('$.parameters.x')).toBe(true);
    expect(looksLikeJsonPath('$DEFAULT')).toBe(false);
    expect(looksLikeJsonPath('$LATEST')).toBe(false);
    expect(looksLikeJsonPath(42)).toBe(false);
  });

  it('finds `{{ $... }}` interpolations, not AMI-name placeholders', () => {
    const text = 'name-{{ imagebuilder:buildDate }} {"id": "{{ $.stepOutputs.A.imageId }}", "n": {{$.imagebuilder.imageBuildNumber}}}';
    const found = findInterpolations(text);
    expect(found.map((f) => f.path)).toEqual(['$.stepOutputs.A.imageId', '$.imagebuilder.imageBuildNumber']);
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.path);
    expect(JSON.parse(withoutInterpolations(text.slice(text.indexOf('{"'))))).toEqual({ id: '0', n: 0 });
  });
});

describe('workflow type', () => {
  const text = '# imagebuilder: type=BUILD\nschemaVersion: 1.0\nsteps:\n  - name: Copy\n    action: DistributeImage\n';

  it('comes from the directive when nothing else gives it', () => {
    expect(validate(text).diagnostics.map((d) => d.code)).toEqual(['action-not-allowed']);
  });

  it('comes from the flag or metadata before the directive', () => {
    expect(validate(text, { workflowType: 'DISTRIBUTION' }).diagnostics).toEqual([]);
  });

  it('is inferred from DistributeImage when none is declared', () => {
    const plain = text.replace(/^#.*\n/, '') + '  - name: Apply\n    action: ExecuteComponents\n    inputs:\n      instanceId: i-0123456789abcdef0\n';
    const [only] = validate(plain).diagnostics;
    expect(only.code).toBe('action-not-allowed');
    expect(only.message).toContain('step `Copy`');
  });
});
