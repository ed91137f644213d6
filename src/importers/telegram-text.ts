/**
 * Telegram Desktop message text: a plain string, or an array of strings and entity objects
 * ({type, text, href?, user_id?}); `text_entities` is the same as an array of objects only.
 * Flattened to one string, keeping every non-plain entity with its offset in the flattened text.
 */

export interface TelegramEntity {
  /** link, text_link, mention, mention_name, hashtag, cashtag, bold, italic, code, pre, email, phone, spoiler, custom_emoji… */
  type: string;
  text: string;
  /** Offset and length in UTF-16 code units of the flattened text (JavaScript string indices). */
  offset: number;
  length: number;
  href?: string;
  userId?: string;
}

export interface FlattenedText {
  text: string;
  entities: TelegramEntity[];
  links: string[];
  mentions: string[];
  hashtags: string[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** Flattens `text_entities` (preferred) or `text`. Unknown shapes contribute nothing; never throws. */
export function flattenTelegramText(text: unknown, textEntities?: unknown): FlattenedText {
  const parts: unknown[] = Array.isArray(textEntities) ? textEntities : Array.isArray(text) ? text : typeof text === 'string' ? [text] : [];
  let out = '';
  const entities: TelegramEntity[] = [];
  const links: string[] = [];
  const mentions: string[] = [];
  const hashtags: string[] = [];
  for (const p of parts) {
    if (typeof p === 'string') { out += p; continue; }
    if (!p || typeof p !== 'object') continue;
    const o = p as Record<string, unknown>;
    const t = str(o.text) ?? '';
    const type = str(o.type) ?? 'plain';
    if (type !== 'plain') {
      const e: TelegramEntity = { type, text: t, offset: out.length, length: t.length };
      const href = str(o.href);
      if (href !== undefined) e.href = href;
      const userId = str(o.user_id);
      if (userId !== undefined) e.userId = userId;
      entities.push(e);
      if (type === 'link') links.push(t);
      if (type === 'text_link' && href) links.push(href);
      if (type === 'mention' || type === 'mention_name') mentions.push(type === 'mention_name' && userId ? `${t} (user ${userId})` : t);
      if (type === 'hashtag') hashtags.push(t);
    }
    out += t;
  }
  return { text: out, entities, links: [...new Set(links)], mentions: [...new Set(mentions)], hashtags: [...new Set(hashtags)] };
}
