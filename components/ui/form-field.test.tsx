import { describe, expect, it } from 'vitest';
import { openingTags, renderMarkup, tagsWith, textOf } from '@/test/support/static-markup';
import { Field, PasswordInput, Switch, TextInput, fieldControlProps } from './form-field';

describe('fieldControlProps', () => {
  it.each([
    [{}, { id: 'f' }],
    [{ description: true }, { id: 'f', 'aria-describedby': 'f-description' }],
    [{ error: 'Required' }, { id: 'f', 'aria-describedby': 'f-error', 'aria-invalid': true }],
    [
      { description: true, error: 'Too short', required: true },
      {
        id: 'f',
        'aria-describedby': 'f-description f-error',
        'aria-invalid': true,
        'aria-required': true,
      },
    ],
    [{ error: '' }, { id: 'f' }],
  ])('%j gives %j', (state, expected) => {
    expect(fieldControlProps('f', state)).toEqual(expected);
  });
});

describe('Field', () => {
  it('links the input to its label, description and error', () => {
    const html = renderMarkup(
      <Field label="Username" description="Lowercase letters" error="Taken" required>
        {(control) => <TextInput {...control} name="username" />}
      </Field>,
    );
    const input = openingTags(html, 'input')[0]!.attributes;
    const label = openingTags(html, 'label')[0]!.attributes;
    expect(label.for).toBe(input.id);
    expect(input['aria-invalid']).toBe('true');
    expect(input['aria-required']).toBe('true');
    const described = input['aria-describedby']!.split(' ');
    expect(described).toHaveLength(2);
    expect(textOf(html)).toContain('Lowercase letters');
    const errorId = described[1]!;
    expect(html).toMatch(new RegExp(`<p id="${errorId}"[^>]*>Taken</p>`));
    expect(textOf(html)).toContain('(required)');
  });

  it('leaves a valid field unmarked and says "required" in Chinese', () => {
    const html = renderMarkup(
      <Field label="用户名" required>
        {(control) => <TextInput {...control} />}
      </Field>,
      'zh-CN',
    );
    const input = openingTags(html, 'input')[0]!.attributes;
    expect(input['aria-invalid']).toBeUndefined();
    expect(input['aria-describedby']).toBeUndefined();
    expect(textOf(html)).toContain('(必填)');
  });

  it('gives the password toggle a pressed state and a name, and the switch its role', () => {
    const password = renderMarkup(<PasswordInput id="pw" />);
    expect(openingTags(password, 'input')[0]?.attributes.type).toBe('password');
    expect(tagsWith(password, 'aria-pressed', 'false')[0]?.attributes['aria-controls']).toBe('pw');
    expect(textOf(password)).toBe('Show password');
    const on = renderMarkup(<Switch label="Governance" checked onCheckedChange={() => {}} />);
    expect(tagsWith(on, 'role', 'switch')[0]?.attributes).toMatchObject({
      'aria-checked': 'true',
      'aria-label': 'Governance',
    });
  });
});
