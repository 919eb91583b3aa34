/**
 * The one rule for text the app stores: what a string may hold so that both
 * database engines keep it exactly as it was sent. Every text field of every
 * record schema, every key of a record's maps, and every rejection message
 * the server saves go through here.
 *
 * Why a rule of its own: PostgreSQL `text` cannot hold the NUL character
 * (U+0000), so a single NUL in a field name, a value or a message built from
 * them made the whole push transaction fail there (and only there). A lone
 * UTF-16 surrogate (half of an emoji) has no UTF-8 form at all: both engines'
 * drivers silently turn it into U+FFFD, so what was stored would differ from
 * what was acknowledged. Neither is ever typed by a person on purpose, so
 * such text is refused with a sentence saying what to do.
 */
import { z } from './zod';

export const UNSTORABLE_TEXT_MESSAGE =
  'This text holds a character that cannot be saved (a hidden control character or half of an emoji). Delete it and type the text again.';

/** Whether `value` holds no NUL and no lone surrogate: both engines store it as it is. */
export const isStorableText = (value: string): boolean => {
  for (let i = 0; i < value.length; i += 1) {
    const unit = value.charCodeAt(i);
    if (unit === 0) return false;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i += 1;
        continue;
      }
      return false;
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) return false;
  }
  return true;
};

/**
 * `value` made storable, for text the server writes itself from what a
 * request held (a rejection message naming a field): every NUL or lone
 * surrogate becomes U+FFFD, and it is cut to `maxLength` characters.
 */
export const toStorableText = (value: string, maxLength = 500): string => {
  const cut = value.length > maxLength ? `${value.slice(0, maxLength - 1)}…` : value;
  if (isStorableText(cut)) return cut;
  let out = '';
  for (let i = 0; i < cut.length; i += 1) {
    const unit = cut.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = cut.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += cut[i]! + cut[i + 1]!;
        i += 1;
        continue;
      }
      out += '\ufffd';
    } else if (unit === 0 || (unit >= 0xdc00 && unit <= 0xdfff)) {
      out += '\ufffd';
    } else {
      out += cut[i]!;
    }
  }
  return out;
};

/** A string schema that refuses unstorable text; add length and trim checks after it. */
export const text = () => z.string().check(z.refine(isStorableText, UNSTORABLE_TEXT_MESSAGE));
