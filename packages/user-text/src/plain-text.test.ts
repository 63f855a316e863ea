import { describe, expect, it } from 'vitest';
import { toPlainText } from './plain-text.ts';
import { userText } from './user-text.ts';

describe('toPlainText', () => {
  it.each([
    ['<script>alert(1)</script>Nice dress', 'Nice dress'],
    ['<img src=x onerror=alert(1)>Jacket', 'Jacket'],
    ['&lt;script&gt;alert(1)&lt;/script&gt;Coat', 'Coat'],
    ['&amp;lt;img src=x onerror=alert(1)&amp;gt;', ''],
    ['<a href="javascript:alert(1)">click</a>', 'click'],
    ['<<script>script>alert(1)<</script>/script>', ''],
    ['<svg/onload=alert(1)>', ''],
  ])('removes markup from %j', (input, expected) => {
    expect(toPlainText(input)).toBe(expected);
  });

  it.each([
    ['H&M jeans, size 30 <3', 'H&M jeans, size 30 <3'],
    ['Levi\'s "501" — W30 L32', 'Levi\'s "501" — W30 L32'],
    ['a < b > c', 'a < b > c'],
    ['Café crème', 'Café crème'],
  ])('keeps ordinary text %j as written', (input, expected) => {
    expect(toPlainText(input)).toBe(expected);
  });

  it('removes invisible and bidi-override characters and folds whitespace', () => {
    expect(toPlainText('Nice\u202Eeussi\u200B   dress\n\nnow')).toBe('Niceeussi dress now');
    expect(toPlainText('Line one  \r\n\r\n\r\n\r\nLine two', { multiline: true })).toBe('Line one\n\nLine two');
  });
});

describe('userText', () => {
  it('checks the length of what will be stored', () => {
    const title = userText({ min: 3, max: 10 });
    expect(title.safeParse('<b></b>').success).toBe(false);
    expect(title.parse('  <i>Jeans</i>  ')).toBe('Jeans');
    expect(title.safeParse('x'.repeat(11)).error?.issues[0]?.message).toBe('must be at most 10 characters');
  });
});
