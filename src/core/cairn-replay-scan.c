/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "cairn-json.h"
#include "cairn-scenario.h"
#include "cairn-replay-private.h"

/* A fast path for the usual shape of a log line: one object whose members
 * are plain strings (no escapes), numbers, true, false or null, with a
 * "params" object of the same. It builds no tree: the params stay text,
 * read member by member (cairn_input_params_member ()). Anything else (escapes, nesting,
 * duplicate names, a wrong type, a syntax error) returns FALSE and the line
 * goes through the full parser, so that both always agree and every error
 * message comes from one place. */

typedef struct
{
  const char *key;
  gsize       key_len;
  const char *value;        /* the string's characters, or the literal */
  gsize       value_len;
  char        kind;         /* 's'tring, 'n'umber, 't'rue, 'f'alse, 'z' null */
} Member;

#define MAX_PARAMS CAIRN_PARAMS_TEXT_MAX

/* Whether @n bytes are the same; names of four bytes ("time", "user",
 * "name") without a call. */
static inline gboolean
same_bytes (const char *a,
            const char *b,
            gsize       n)
{
  if (n == 4)
    {
      guint32 x, y;

      memcpy (&x, a, 4);
      memcpy (&y, b, 4);
      return x == y;
    }
  return cairn_replay_same (a, b, n);
}

static inline const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
    p++;
  return p;
}

/* A string without escapes or control characters, valid UTF-8. */
static const char *
scan_string (const char  *p,
             const char  *end,
             const char **start,
             gsize       *length)
{
  /* 0 plain, 1 the closing quote, 2 an escape or a control character
     (the full parser's), 3 a byte of a multibyte character. */
  static const guint8 kind[256] = {
    [0 ... 0x1f] = 2, ['"'] = 1, ['\\'] = 2, [0x80 ... 0xff] = 3,
  };
  const char *q;
  gboolean ascii = TRUE;

  if (p >= end || *p != '"')
    return NULL;
  q = ++p;
  for (;;)
    {
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
      /* Eight bytes at a time to the first that is not plain (the lowest
         byte each test flags is exact). */
#define ONES  0x0101010101010101ull
#define HIGHS 0x8080808080808080ull
      while (end - q >= 8)
        {
          guint64 x, stop;

          memcpy (&x, q, 8);
          stop = (((x ^ (ONES * '"')) - ONES) & ~(x ^ (ONES * '"')))
                 | (((x ^ (ONES * '\\')) - ONES) & ~(x ^ (ONES * '\\')))
                 | ((x - ONES * 0x20) & ~x)
                 | x;
          stop &= HIGHS;
          if (stop != 0)
            {
              q += __builtin_ctzll (stop) / 8;
              break;
            }
          q += 8;
        }
#undef ONES
#undef HIGHS
#endif
      while (q < end && kind[(guchar) *q] == 0)
        q++;
      if (q >= end || kind[(guchar) *q] == 2)
        return NULL;
      if (kind[(guchar) *q] == 1)
        break;
      ascii = FALSE;
      q++;
    }
  if (!ascii && !g_utf8_validate_len (p, q - p, NULL))
    return NULL;
  *start = p;
  *length = q - p;
  return q + 1;
}

/* A scalar value; numbers by JSON's grammar. */
static const char *
scan_scalar (const char *p,
             const char *end,
             Member     *member)
{
  const char *q = p;

  if (p >= end)
    return NULL;
  if (*p == '"')
    {
      member->kind = 's';
      return scan_string (p, end, &member->value, &member->value_len);
    }
  if (*p == '-' || g_ascii_isdigit (*p))
    {
      if (*q == '-')
        q++;
      if (q >= end || !g_ascii_isdigit (*q))
        return NULL;
      if (*q == '0')
        q++;
      else
        while (q < end && g_ascii_isdigit (*q))
          q++;
      if (q < end && *q == '.')
        {
          q++;
          if (q >= end || !g_ascii_isdigit (*q))
            return NULL;
          while (q < end && g_ascii_isdigit (*q))
            q++;
        }
      if (q < end && (*q == 'e' || *q == 'E'))
        {
          q++;
          if (q < end && (*q == '+' || *q == '-'))
            q++;
          if (q >= end || !g_ascii_isdigit (*q))
            return NULL;
          while (q < end && g_ascii_isdigit (*q))
            q++;
        }
      member->kind = 'n';
      member->value = p;
      member->value_len = q - p;
      return q;
    }
#define WORD(w, k) \
  if ((gsize) (end - p) >= sizeof w - 1 && memcmp (p, w, sizeof w - 1) == 0) \
    { \
      member->kind = k; \
      member->value = p; \
      member->value_len = sizeof w - 1; \
      return p + sizeof w - 1; \
    }
  WORD ("true", 't')
  WORD ("false", 'f')
  WORD ("null", 'z')
#undef WORD
  return NULL;
}

static gboolean member_fits (const Member *member);

/* The keys of the last object read at each depth, with their quotes: lines
 * of a log repeat their keys in the same order, and a key that is the same
 * bytes as one already read is a plain string without a second look. One
 * set per thread. */
#define KEY_HINTS 16

typedef struct
{
  guint64 text[2];          /* the quoted key, up to 16 bytes */
  guint64 mask[2];          /* its bytes in text */
  guint8  length;           /* 0: none */
} KeyHint;

static __thread KeyHint key_hints[2][KEY_HINTS];

/* The key at @p, when it is @hint's: its length with the quotes, else 0. */
static inline gsize
key_hint_match (const KeyHint *hint,
                const char    *p,
                const char    *end)
{
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  guint64 a, b;

  if (hint->length == 0 || end - p < 16)
    return 0;
  memcpy (&a, p, 8);
  memcpy (&b, p + 8, 8);
  if (((a ^ hint->text[0]) & hint->mask[0]) != 0 || ((b ^ hint->text[1]) & hint->mask[1]) != 0)
    return 0;
  return hint->length;
#else
  return 0;
#endif
}

static inline void
key_hint_set (KeyHint    *hint,
              const char *key,       /* after its opening quote */
              gsize       key_len)
{
  char text[16] = { 0 };
  gsize length = key_len + 2;

  hint->length = 0;
  if (length > sizeof text)
    return;
  text[0] = '"';
  memcpy (text + 1, key, key_len);
  text[length - 1] = '"';
  memcpy (hint->text, text, 16);
  hint->mask[0] = length >= 8 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << (8 * length)) - 1;
  hint->mask[1] = length >= 16 ? G_MAXUINT64 : length <= 8 ? 0 : (G_GUINT64_CONSTANT (1) << (8 * (length - 8))) - 1;
  hint->length = length;
}

/* "{" members "}" with scalar values; @members has room for @max. The
 * member @nested ("*": any member) may be an object of scalars itself,
 * each of which member_node () can build; @inner receives the members of
 * the last such object. */
static const char *
scan_flat_object (const char *p,
                  const char *end,
                  Member     *members,
                  guint       max,
                  guint      *n_members,
                  const char *nested,      /* a member name, "*" or NULL */
                  Member     *inner,       /* room for MAX_PARAMS */
                  guint      *n_inner)
{
  guint n = 0;
  /* Once per line: no calls for these. */
  gboolean any = nested != NULL && nested[0] == '*' && nested[1] == '\0';
  KeyHint *hints = key_hints[nested == NULL];
  gsize nested_len = 0;

  while (nested != NULL && nested[nested_len] != '\0')
    nested_len++;

  p = skip_space (p, end);
  if (p >= end || *p != '{')
    return NULL;
  p = skip_space (p + 1, end);
  if (p < end && *p == '}')
    {
      *n_members = 0;
      return p + 1;
    }
  for (;;)
    {
      Member *member;
      gsize hint_length;

      if (n == max)
        return NULL;
      member = &members[n];
      hint_length = n < KEY_HINTS ? key_hint_match (&hints[n], p, end) : 0;
      if (hint_length > 0)
        {
          member->key = p + 1;
          member->key_len = hint_length - 2;
          p += hint_length;
        }
      else
        {
          p = scan_string (p, end, &member->key, &member->key_len);
          if (p == NULL)
            return NULL;
        }
      for (guint i = 0; i < n; i++)
        if (members[i].key_len == member->key_len && same_bytes (members[i].key, member->key, member->key_len))
          return NULL;
      if (hint_length == 0 && n < KEY_HINTS)
        key_hint_set (&hints[n], member->key, member->key_len);
      p = skip_space (p, end);
      if (p >= end || *p != ':')
        return NULL;
      p = skip_space (p + 1, end);
      if (nested != NULL && p < end && *p == '{'
          && (any || (member->key_len == nested_len && memcmp (member->key, nested, nested_len) == 0)))
        {
          /* An object of scalars itself; anything deeper is the full
             parser's. */
          member->kind = 'o';
          member->value = p;
          p = scan_flat_object (p, end, inner, MAX_PARAMS, n_inner, NULL, NULL, NULL);
          if (p == NULL)
            return NULL;
          for (guint i = 0; i < *n_inner; i++)
            if (!member_fits (&inner[i]))
              return NULL;
          member->value_len = p - member->value;
        }
      else
        {
          p = scan_scalar (p, end, member);
          if (p == NULL)
            return NULL;
        }
      n++;
      p = skip_space (p, end);
      if (p < end && *p == ',')
        {
          p = skip_space (p + 1, end);
          continue;
        }
      if (p < end && *p == '}')
        break;
      return NULL;
    }
  *n_members = n;
  return p + 1;
}

static JsonNode *
member_node (Member *member)
{
  JsonNode *node = json_node_alloc ();
  char buf[64];

  switch (member->kind)
    {
    case 's':
      {
        char *text = g_strndup (member->value, member->value_len);
        json_node_init_string (node, text);
        g_free (text);
      }
      break;
    case 't':
    case 'f':
      json_node_init_boolean (node, member->kind == 't');
      break;
    case 'z':
      json_node_init_null (node);
      break;
    default:
      {
        gboolean integral = memchr (member->value, '.', member->value_len) == NULL
                            && memchr (member->value, 'e', member->value_len) == NULL
                            && memchr (member->value, 'E', member->value_len) == NULL;

        json_node_unref (node);
        if (member->value_len >= sizeof buf)
          return NULL;
        memcpy (buf, member->value, member->value_len);
        buf[member->value_len] = '\0';
        return cairn_json_number_from_text (buf, integral);
      }
    }
  return node;
}

#define MAX_KEY 128

/* Whether member_node () can build the member: a key and number short
 * enough, a finite number. */
static gboolean
member_fits (const Member *member)
{
  if (member->key_len >= MAX_KEY)
    return FALSE;
  if (member->kind == 'n')
    {
      JsonNode *node;

      /* Without an exponent, fewer than 64 characters always fit a double. */
      if (member->value_len >= 64)
        return FALSE;
      if (!memchr (member->value, 'e', member->value_len) && !memchr (member->value, 'E', member->value_len))
        return TRUE;
      node = member_node ((Member *) member);
      if (node == NULL)
        return FALSE;
      json_node_unref (node);
    }
  return TRUE;
}

static gboolean
key_is (const Member *member,
        const char   *name)
{
  gsize len = strlen (name);
  return member->key_len == len && same_bytes (member->key, name, len);
}

/* The values members were read as, per thread: the same few categories,
 * ids and prices come again and again, and a value read is never changed,
 * so one node serves them all. Open addressing on the kind and the text;
 * emptied when it grows large. */
#define MEMBER_CACHE_SIZE 4096

typedef struct
{
  guint32   hash;
  guint32   length;
  char     *key;             /* the kind, then the text; NULL: a free slot */
  JsonNode *node;
} MemberSlot;

typedef struct
{
  MemberSlot slots[2 * MEMBER_CACHE_SIZE];
  guint      n;
} MemberCache;

static void
member_cache_clear (MemberCache *cache)
{
  for (guint i = 0; i < G_N_ELEMENTS (cache->slots); i++)
    if (cache->slots[i].key != NULL)
      {
        g_free (cache->slots[i].key);
        json_node_unref (cache->slots[i].node);
      }
  memset (cache->slots, 0, sizeof cache->slots);
  cache->n = 0;
}

static void
member_cache_free (gpointer data)
{
  member_cache_clear (data);
  g_free (data);
}

static GPrivate member_cache = G_PRIVATE_INIT (member_cache_free);

static JsonNode *
cached_member_node (Member *member)
{
  MemberCache *cache = g_private_get (&member_cache);
  char stack[128];
  gsize length = member->value_len + 1, i;
  guint32 hash;
  MemberSlot *slot;
  JsonNode *node;

  if (length + 1 > sizeof stack)
    return member_node (member);
  if (cache == NULL)
    {
      cache = g_new0 (MemberCache, 1);
      g_private_set (&member_cache, cache);
    }
  /* The kind, then the text: "s12" and the number 12 differ. */
  stack[0] = member->kind;
  memcpy (stack + 1, member->value, member->value_len);
  hash = cairn_replay_hash (stack, length);
  for (i = hash & (G_N_ELEMENTS (cache->slots) - 1); cache->slots[i].key != NULL; i = (i + 1) & (G_N_ELEMENTS (cache->slots) - 1))
    {
      slot = &cache->slots[i];
      if (slot->hash == hash && slot->length == length && same_bytes (slot->key, stack, length))
        return json_node_ref (slot->node);
    }
  node = member_node (member);
  if (node == NULL)
    return NULL;
  if (cache->n >= MEMBER_CACHE_SIZE)
    {
      member_cache_clear (cache);
      for (i = hash & (G_N_ELEMENTS (cache->slots) - 1); cache->slots[i].key != NULL; i = (i + 1) & (G_N_ELEMENTS (cache->slots) - 1))
        ;
    }
  slot = &cache->slots[i];
  slot->hash = hash;
  slot->length = length;
  slot->key = g_memdup2 (stack, length);
  slot->node = node;
  cache->n++;
  return json_node_ref (node);
}

gboolean
cairn_input_params_raw (const char  *text,
                        const char  *name,
                        gsize        name_len,
                        char        *kind,
                        const char **value,
                        gsize       *length)
{
  const char *end = text + strlen (text), *p;
  Member member;

  /* The text was checked when its line was read (names differ, every
     value a scalar): member by member up to @name. */
  p = skip_space (text, end);
  if (p >= end || *p != '{')
    g_return_val_if_reached (FALSE);
  p = skip_space (p + 1, end);
  if (p < end && *p == '}')
    return FALSE;
  for (;;)
    {
      p = scan_string (p, end, &member.key, &member.key_len);
      if (p == NULL)
        g_return_val_if_reached (FALSE);
      p = skip_space (p, end);
      if (p >= end || *p != ':')
        g_return_val_if_reached (FALSE);
      p = scan_scalar (skip_space (p + 1, end), end, &member);
      if (p == NULL)
        g_return_val_if_reached (FALSE);
      if (member.key_len == name_len && same_bytes (member.key, name, name_len))
        {
          *kind = member.kind;
          *value = member.value;
          *length = member.value_len;
          return TRUE;
        }
      p = skip_space (p, end);
      if (p < end && *p == ',')
        {
          p = skip_space (p + 1, end);
          continue;
        }
      if (p < end && *p == '}')
        return FALSE;
      g_return_val_if_reached (FALSE);
    }
}

JsonNode *
cairn_input_params_member (const char *text,
                           const char *name)
{
  Member member;

  if (!cairn_input_params_raw (text, name, strlen (name), &member.kind, &member.value, &member.value_len))
    return NULL;
  return cached_member_node (&member);
}

JsonObject *
cairn_input_parse_params (const char *text)
{
  Member members[MAX_PARAMS];
  guint n = 0;
  JsonObject *object = json_object_new ();

  if (scan_flat_object (text, text + strlen (text), members, MAX_PARAMS, &n, NULL, NULL, NULL) == NULL)
    g_return_val_if_reached (object);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = member_node (&members[i]);
      char key[MAX_KEY];

      g_return_val_if_fail (node != NULL && members[i].key_len < sizeof key, object);
      memcpy (key, members[i].key, members[i].key_len);
      key[members[i].key_len] = '\0';
      json_object_set_member (object, key, node);
    }
  return object;
}

/* Fills the fields of a line of the usual shape; FALSE to use the full
 * parser. Writes NULs into @line only when it succeeds. */
gboolean
cairn_replay_scan_line (char        *line,
                        gsize        length,
                        const char **time_text,
                        const char **user,
                        const char **name,
                        const char **platform,
                        const char **params_text,
                        gsize        lengths[5])
{
  const char *end = line + length, *p;
  Member top[12], inner[MAX_PARAMS];
  Member *fields[4] = { NULL, NULL, NULL, NULL };
  Member *params_member = NULL;
  guint n_top = 0, n_inner = 0;
  const char *text = NULL;

  p = scan_flat_object (line, end, top, G_N_ELEMENTS (top), &n_top, "params", inner, &n_inner);
  if (p == NULL || skip_space (p, end) != end)
    return FALSE;
  for (guint i = 0; i < n_top; i++)
    {
      const Member *member = &top[i];
      int f = -1;

      /* "time", "user", "name", "platform" and "params". */
      if (member->key_len == 4)
        f = same_bytes (member->key, "time", 4) ? 0
            : same_bytes (member->key, "user", 4) ? 1
            : same_bytes (member->key, "name", 4) ? 2 : -1;
      else if (key_is (member, "platform"))
        f = 3;
      else if (key_is (member, "params"))
        {
          if (member->kind != 'o' && member->kind != 'z')
            return FALSE;
          params_member = &top[i];
        }
      if (f >= 0)
        {
          if (member->kind != 's')
            return FALSE;
          fields[f] = &top[i];
        }
    }
  if (fields[0] == NULL || fields[1] == NULL || fields[2] == NULL)
    return FALSE;
  if (params_member != NULL && params_member->kind == 'o')
    text = params_member->value;

  for (guint f = 0; f < 4; f++)
    {
      lengths[f] = fields[f] ? fields[f]->value_len : 0;
      if (fields[f] != NULL)
        ((char *) fields[f]->value)[fields[f]->value_len] = '\0';
    }
  /* Past the params' "}" is the line's own. */
  lengths[4] = text != NULL ? params_member->value_len : 0;
  if (text != NULL)
    ((char *) text)[params_member->value_len] = '\0';
  *time_text = fields[0]->value;
  *user = fields[1]->value;
  *name = fields[2]->value;
  *platform = fields[3] ? fields[3]->value : NULL;
  *params_text = text;
  return TRUE;
}

/* A profile line of the usual shape: an object whose members are scalars
 * or objects of scalars, names not repeated, "id" a plain string. Sets
 * @id (NUL-terminated in place) and, per member of @objects, the text of
 * its object or NULL; FALSE for the full parser. */
const char *const cairn_replay_profile_objects[CAIRN_N_PROFILE_OBJECTS] = { "attributes", "reachability", "affinity", "behavior" };

gboolean
cairn_replay_scan_profile (char        *line,
                           gsize        length,
                           const char **id,
                           const char  *object_text[CAIRN_N_PROFILE_OBJECTS],
                           gsize        object_len[CAIRN_N_PROFILE_OBJECTS])
{
  const char *end = line + length, *p;
  Member top[16], inner[MAX_PARAMS];
  guint n_top = 0, n_inner = 0;
  Member *id_member = NULL;

  p = scan_flat_object (line, end, top, G_N_ELEMENTS (top), &n_top, "*", inner, &n_inner);
  if (p == NULL || skip_space (p, end) != end)
    return FALSE;
  memset (object_text, 0, sizeof (const char *) * CAIRN_N_PROFILE_OBJECTS);
  for (guint i = 0; i < n_top; i++)
    {
      Member *member = &top[i];

      if (key_is (member, "id"))
        id_member = member;
      for (guint k = 0; k < CAIRN_N_PROFILE_OBJECTS; k++)
        if (member->kind == 'o' && key_is (member, cairn_replay_profile_objects[k]))
          {
            object_text[k] = member->value;
            object_len[k] = member->value_len;
          }
    }
  if (id_member == NULL || id_member->kind != 's')
    return FALSE;
  ((char *) id_member->value)[id_member->value_len] = '\0';
  *id = id_member->value;
  return TRUE;
}

