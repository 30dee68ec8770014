/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <inttypes.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "cairn-error.h"
#include "cairn-json.h"

/* A hand-written parser rather than JsonParser: it records the line and
 * column of every value for diagnostics, refuses NUL bytes and deep nesting
 * with a position, and never recurses unboundedly on hostile input. */

struct _CairnJsonPositions
{
  GHashTable *table;  /* JsonNode* → packed (line << 32 | column) */
};

typedef struct
{
  const char         *start;
  const char         *p;
  const char         *end;
  const char         *filename;
  guint               line;
  const char         *line_start;
  /* Column cache, so that long single-line documents stay linear. */
  const char         *col_ptr;
  guint               col;
  CairnJsonPositions *positions;
  GError            **error;
  guint               depth;
} Parser;

static guint
parser_column (Parser     *self,
               const char *at)
{
  if (self->col_ptr < self->line_start || self->col_ptr > at)
    {
      self->col_ptr = self->line_start;
      self->col = 1;
    }
  for (const char *q = self->col_ptr; q < at; q++)
    if (((guchar) *q & 0xC0) != 0x80)
      self->col++;
  self->col_ptr = at;
  return self->col;
}

G_GNUC_PRINTF (3, 4)
static gboolean
parser_fail (Parser     *self,
             const char *at,
             const char *format,
             ...)
{
  va_list args;
  g_autofree char *message = NULL;

  if (self->error == NULL || *self->error != NULL)
    return FALSE;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (self->error, CAIRN_ERROR, CAIRN_ERROR_PARSE, "%s:%u:%u: %s",
               self->filename, self->line, parser_column (self, at), message);
  return FALSE;
}

static void
parser_record (Parser     *self,
               JsonNode   *node,
               guint64     packed)
{
  if (self->positions == NULL)
    return;
  g_hash_table_insert (self->positions->table, node, GSIZE_TO_POINTER ((gsize) packed));
}

static void
skip_space (Parser *self)
{
  while (self->p < self->end)
    {
      char c = *self->p;
      if (c == '\n')
        {
          self->line++;
          self->line_start = self->p + 1;
        }
      else if (c != ' ' && c != '\t' && c != '\r')
        return;
      self->p++;
    }
}

static JsonNode *parse_value (Parser *self);

static gboolean
append_utf8 (GString *out,
             gunichar c)
{
  char buf[6];
  g_string_append_len (out, buf, g_unichar_to_utf8 (c, buf));
  return TRUE;
}

static int
hex4 (const char *s)
{
  int v = 0;
  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (s[i]);
      if (d < 0)
        return -1;
      v = v * 16 + d;
    }
  return v;
}

/* Parses a string at self->p (on the opening quote) into @out. */
static gboolean
parse_string_into (Parser  *self,
                   GString *out)
{
  const char *open = self->p;

  self->p++;
  for (;;)
    {
      const char *run = self->p;

      while (self->p < self->end && *self->p != '"' && *self->p != '\\'
             && (guchar) *self->p >= 0x20)
        self->p++;
      g_string_append_len (out, run, self->p - run);
      if (self->p >= self->end)
        return parser_fail (self, open, _("unterminated string"));
      if (*self->p == '"')
        {
          self->p++;
          return TRUE;
        }
      if ((guchar) *self->p < 0x20)
        return parser_fail (self, self->p, _("control character in a string (write it as an escape such as \\n)"));

      /* An escape. */
      if (self->p + 1 >= self->end)
        return parser_fail (self, open, _("unterminated string"));
      switch (self->p[1])
        {
        case '"': g_string_append_c (out, '"'); self->p += 2; break;
        case '\\': g_string_append_c (out, '\\'); self->p += 2; break;
        case '/': g_string_append_c (out, '/'); self->p += 2; break;
        case 'b': g_string_append_c (out, '\b'); self->p += 2; break;
        case 'f': g_string_append_c (out, '\f'); self->p += 2; break;
        case 'n': g_string_append_c (out, '\n'); self->p += 2; break;
        case 'r': g_string_append_c (out, '\r'); self->p += 2; break;
        case 't': g_string_append_c (out, '\t'); self->p += 2; break;
        case 'u':
          {
            const char *escape = self->p;
            int hi, lo;
            if (self->end - self->p < 6 || (hi = hex4 (self->p + 2)) < 0)
              return parser_fail (self, self->p, _("bad \\u escape"));
            self->p += 6;
            if (hi >= 0xD800 && hi <= 0xDBFF)
              {
                if (self->end - self->p < 6 || self->p[0] != '\\' || self->p[1] != 'u'
                    || (lo = hex4 (self->p + 2)) < 0 || lo < 0xDC00 || lo > 0xDFFF)
                  return parser_fail (self, escape, _("unpaired surrogate in a \\u escape"));
                self->p += 6;
                append_utf8 (out, 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00));
              }
            else if (hi >= 0xDC00 && hi <= 0xDFFF)
              return parser_fail (self, escape, _("unpaired surrogate in a \\u escape"));
            else if (hi == 0)
              return parser_fail (self, escape, _("\\u0000 is not allowed in a string"));
            else
              append_utf8 (out, hi);
          }
          break;
        default:
          return parser_fail (self, self->p, _("unknown escape “\\%c”"), self->p[1]);
        }
    }
}

static JsonNode *
parse_number (Parser *self)
{
  const char *start = self->p;
  const char *q = self->p;
  gboolean integral = TRUE;
  char buf[64];
  g_autofree char *heap = NULL;
  char *text;
  gsize len;
  JsonNode *node;

  if (q < self->end && *q == '-')
    q++;
  if (q >= self->end || !g_ascii_isdigit (*q))
    {
      parser_fail (self, start, _("invalid number"));
      return NULL;
    }
  if (*q == '0')
    q++;
  else
    while (q < self->end && g_ascii_isdigit (*q))
      q++;
  if (q < self->end && *q == '.')
    {
      integral = FALSE;
      q++;
      if (q >= self->end || !g_ascii_isdigit (*q))
        {
          parser_fail (self, start, _("invalid number"));
          return NULL;
        }
      while (q < self->end && g_ascii_isdigit (*q))
        q++;
    }
  if (q < self->end && (*q == 'e' || *q == 'E'))
    {
      integral = FALSE;
      q++;
      if (q < self->end && (*q == '+' || *q == '-'))
        q++;
      if (q >= self->end || !g_ascii_isdigit (*q))
        {
          parser_fail (self, start, _("invalid number"));
          return NULL;
        }
      while (q < self->end && g_ascii_isdigit (*q))
        q++;
    }

  len = q - start;
  if (len < sizeof buf)
    {
      memcpy (buf, start, len);
      buf[len] = '\0';
      text = buf;
    }
  else
    text = heap = g_strndup (start, len);

  node = cairn_json_number_from_text (text, integral);
  if (node == NULL)
    {
      parser_fail (self, start, _("number out of range"));
      return NULL;
    }
  self->p = q;
  return node;
}

/* Integers past 64 bits are doubles in the tree, but their text is kept
 * (DESIGN §2: unknown members are written back unchanged): a table from
 * the node to its text, for the writer and for deep copies. Such numbers
 * are rare; an entry goes when its address is used for a number again,
 * and the writer only takes it while the node still holds its value. */
typedef struct
{
  char   *text;
  double  value;
} BigNumber;

static GMutex big_lock;
static GHashTable *big_numbers;  /* JsonNode* → BigNumber* */
static gint n_big_numbers;

static void
big_number_free (gpointer data)
{
  BigNumber *big = data;
  g_free (big->text);
  g_free (big);
}

static void
big_number_set (JsonNode   *node,
                const char *text)
{
  BigNumber *big = NULL;

  if (text == NULL && g_atomic_int_get (&n_big_numbers) == 0)
    return;
  if (text != NULL)
    {
      big = g_new (BigNumber, 1);
      big->text = g_strdup (text);
      big->value = json_node_get_double (node);
    }
  g_mutex_lock (&big_lock);
  if (big_numbers == NULL)
    big_numbers = g_hash_table_new_full (NULL, NULL, NULL, big_number_free);
  if (big != NULL)
    g_hash_table_insert (big_numbers, node, big);
  else
    g_hash_table_remove (big_numbers, node);
  g_atomic_int_set (&n_big_numbers, g_hash_table_size (big_numbers));
  g_mutex_unlock (&big_lock);
}

gboolean
cairn_json_append_number_text (GString  *out,
                               JsonNode *node)
{
  gboolean found = FALSE;

  if (g_atomic_int_get (&n_big_numbers) == 0 || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_DOUBLE)
    return FALSE;
  g_mutex_lock (&big_lock);
  {
    BigNumber *big = g_hash_table_lookup (big_numbers, node);
    if (big != NULL && big->value == json_node_get_double (node))
      {
        g_string_append (out, big->text);
        found = TRUE;
      }
  }
  g_mutex_unlock (&big_lock);
  return found;
}

/* The text of a number node, or NULL when it is written as its value. */
static char *
big_number_text (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  if (!cairn_json_append_number_text (out, node))
    return (g_string_free (out, TRUE), NULL);
  return g_string_free (out, FALSE);
}

JsonNode *
cairn_json_number_from_text (const char *text,
                             gboolean    integral)
{
  JsonNode *node;
  double v;

  if (integral)
    {
      gint64 i;
      errno = 0;
      i = g_ascii_strtoll (text, NULL, 10);
      if (errno == 0)
        {
          node = json_node_init_int (json_node_alloc (), i);
          big_number_set (node, NULL);
          return node;
        }
    }
  /* A fraction, an exponent, or an integer past 64 bits. */
  v = g_ascii_strtod (text, NULL);
  if (!isfinite (v))
    return NULL;
  node = json_node_init_double (json_node_alloc (), v);
  big_number_set (node, integral ? text : NULL);
  return node;
}

static gboolean
match_word (Parser     *self,
            const char *word)
{
  gsize len = strlen (word);
  if ((gsize) (self->end - self->p) >= len && memcmp (self->p, word, len) == 0)
    {
      self->p += len;
      return TRUE;
    }
  return FALSE;
}

static JsonNode *
parse_object (Parser *self)
{
  const char *open = self->p;
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_alloc ();
  g_autoptr(GString) key = g_string_new (NULL);

  json_node_init_object (node, object);
  json_object_unref (object);
  self->p++;
  skip_space (self);
  if (self->p < self->end && *self->p == '}')
    {
      self->p++;
      return node;
    }
  for (;;)
    {
      JsonNode *value;

      skip_space (self);
      if (self->p >= self->end)
        {
          parser_fail (self, open, _("unterminated object"));
          goto fail;
        }
      if (*self->p != '"')
        {
          parser_fail (self, self->p, _("expected a member name in double quotes"));
          goto fail;
        }
      g_string_truncate (key, 0);
      if (!parse_string_into (self, key))
        goto fail;
      skip_space (self);
      if (self->p >= self->end || *self->p != ':')
        {
          parser_fail (self, self->p, _("expected “:” after member name “%s”"), key->str);
          goto fail;
        }
      self->p++;
      skip_space (self);
      value = parse_value (self);
      if (value == NULL)
        goto fail;
      json_object_set_member (object, key->str, value);
      skip_space (self);
      if (self->p < self->end && *self->p == ',')
        {
          self->p++;
          continue;
        }
      if (self->p < self->end && *self->p == '}')
        {
          self->p++;
          return node;
        }
      if (self->p >= self->end)
        parser_fail (self, open, _("unterminated object"));
      else
        parser_fail (self, self->p, _("expected “,” or “}”"));
      goto fail;
    }

fail:
  json_node_unref (node);
  return NULL;
}

static JsonNode *
parse_array (Parser *self)
{
  const char *open = self->p;
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_alloc ();

  json_node_init_array (node, array);
  json_array_unref (array);
  self->p++;
  skip_space (self);
  if (self->p < self->end && *self->p == ']')
    {
      self->p++;
      return node;
    }
  for (;;)
    {
      JsonNode *value;

      skip_space (self);
      value = parse_value (self);
      if (value == NULL)
        goto fail;
      json_array_add_element (array, value);
      skip_space (self);
      if (self->p < self->end && *self->p == ',')
        {
          self->p++;
          continue;
        }
      if (self->p < self->end && *self->p == ']')
        {
          self->p++;
          return node;
        }
      if (self->p >= self->end)
        parser_fail (self, open, _("unterminated array"));
      else
        parser_fail (self, self->p, _("expected “,” or “]”"));
      goto fail;
    }

fail:
  json_node_unref (node);
  return NULL;
}

static JsonNode *
parse_value (Parser *self)
{
  const char *at = self->p;
  JsonNode *node = NULL;
  guint64 packed = 0;

  if (self->positions != NULL)
    packed = ((guint64) self->line << 32) | parser_column (self, at);
  if (self->p >= self->end)
    {
      parser_fail (self, self->p, _("unexpected end of input"));
      return NULL;
    }

  switch (*self->p)
    {
    case '{':
    case '[':
      if (++self->depth > CAIRN_JSON_MAX_DEPTH)
        {
          parser_fail (self, at, _("nested more than %d levels deep"), CAIRN_JSON_MAX_DEPTH);
          return NULL;
        }
      node = *self->p == '{' ? parse_object (self) : parse_array (self);
      self->depth--;
      break;

    case '"':
      {
        g_autoptr(GString) s = g_string_new (NULL);
        if (!parse_string_into (self, s))
          return NULL;
        node = json_node_alloc ();
        json_node_init_string (node, s->str);
      }
      break;

    case 't':
      if (match_word (self, "true"))
        node = json_node_init_boolean (json_node_alloc (), TRUE);
      break;
    case 'f':
      if (match_word (self, "false"))
        node = json_node_init_boolean (json_node_alloc (), FALSE);
      break;
    case 'n':
      if (match_word (self, "null"))
        node = json_node_init_null (json_node_alloc ());
      break;

    default:
      if (*self->p == '-' || g_ascii_isdigit (*self->p))
        node = parse_number (self);
      else
        {
          parser_fail (self, at, _("unexpected character “%c”"), g_ascii_isprint (*at) ? *at : '?');
          return NULL;
        }
    }

  if (node == NULL)
    {
      parser_fail (self, at, _("invalid value"));
      return NULL;
    }
  parser_record (self, node, packed);
  return node;
}

static void
locate (const char *data,
        const char *at,
        guint      *line,
        guint      *column)
{
  *line = 1;
  *column = 1;
  for (const char *q = data; q < at; q++)
    {
      if (*q == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if (((guchar) *q & 0xC0) != 0x80)
        (*column)++;
    }
}

JsonNode *
cairn_json_parse (const char          *data,
                  gsize                length,
                  const char          *filename,
                  CairnJsonPositions **positions,
                  GError             **error)
{
  Parser self = { 0 };
  const char *bad = NULL;
  const char *nul;
  JsonNode *root;
  guint line, column;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (filename == NULL)
    filename = "<input>";

  nul = memchr (data, '\0', length);
  if (nul != NULL)
    {
      locate (data, nul, &line, &column);
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_PARSE,
                   _("%s:%u:%u: the file contains a NUL byte; it is not a JSON text file"),
                   filename, line, column);
      return NULL;
    }
  if (!g_utf8_validate (data, length, &bad))
    {
      locate (data, bad, &line, &column);
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_PARSE,
                   _("%s:%u:%u: invalid UTF-8"), filename, line, column);
      return NULL;
    }

  self.start = data;
  self.p = data;
  self.end = data + length;
  self.filename = filename;
  self.line = 1;
  self.line_start = data;
  self.col_ptr = data;
  self.col = 1;
  self.error = error;
  if (positions != NULL)
    {
      self.positions = g_new0 (CairnJsonPositions, 1);
      self.positions->table = g_hash_table_new (NULL, NULL);
    }

  /* A byte order mark is tolerated. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    self.p += 3, self.line_start = self.p, self.col_ptr = self.p;

  skip_space (&self);
  if (self.p >= self.end)
    {
      parser_fail (&self, self.p, _("the file is empty"));
      root = NULL;
    }
  else
    root = parse_value (&self);
  if (root != NULL)
    {
      skip_space (&self);
      if (self.p < self.end)
        {
          parser_fail (&self, self.p, _("unexpected text after the end of the document"));
          g_clear_pointer (&root, json_node_unref);
        }
    }

  if (root == NULL)
    g_clear_pointer (&self.positions, cairn_json_positions_free);
  if (positions != NULL)
    *positions = self.positions;
  return root;
}

static void
set_too_large (GError    **error,
               const char *path,
               gsize       max_size)
{
  g_autofree char *limit = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);

  g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_IO,
               _("%s: the file is too large (more than %s, the limit for this kind of file)"), path, limit);
}

char *
cairn_file_read (const char  *path,
                 gsize        max_size,
                 gsize       *length,
                 GError     **error)
{
  GStatBuf st;
  g_autofree char *buffer = NULL;
  gsize size = 0, allocated = 0;
  int fd;

  /* stat's size is not trusted: it is 0 for devices and pipes, and a file
   * may grow while it is read. The read stops one byte past the limit. */
  if (max_size == 0 || max_size > CAIRN_FILE_MAX_SIZE)
    max_size = CAIRN_FILE_MAX_SIZE;
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_IO, "%s: %s", path, g_strerror (saved));
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    {
      close (fd);
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_IO, _("%s: is a directory, not a file"), path);
      return NULL;
    }
  if (S_ISREG (st.st_mode) && st.st_size > 0 && (guint64) st.st_size > max_size)
    {
      close (fd);
      set_too_large (error, path, max_size);
      return NULL;
    }
  for (;;)
    {
      gssize n;

      if (size == allocated)
        {
          gsize want = allocated == 0 ? MAX (S_ISREG (st.st_mode) ? (gsize) st.st_size + 1 : 0, 65536)
                                      : MIN (allocated * 2, max_size + 2);
          buffer = g_realloc (buffer, want);
          allocated = want;
        }
      n = read (fd, buffer + size, MIN (allocated - size, max_size + 1 - size));
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          close (fd);
          g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_IO, "%s: %s", path, g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      size += n;
      if (size > max_size)
        {
          close (fd);
          set_too_large (error, path, max_size);
          return NULL;
        }
    }
  close (fd);
  if (size == allocated)
    buffer = g_realloc (buffer, size + 1);
  buffer[size] = '\0';
  if (length != NULL)
    *length = size;
  return g_steal_pointer (&buffer);
}

JsonNode *
cairn_json_load_file (const char          *path,
                      CairnJsonPositions **positions,
                      GError             **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (positions != NULL)
    *positions = NULL;
  contents = cairn_file_read (path, CAIRN_JSON_MAX_FILE_SIZE, &length, error);
  if (contents == NULL)
    return NULL;
  return cairn_json_parse (contents, length, path, positions, error);
}

gboolean
cairn_json_positions_lookup (CairnJsonPositions *positions,
                             JsonNode           *node,
                             guint              *line,
                             guint              *column)
{
  gpointer value;

  if (positions == NULL || node == NULL
      || !g_hash_table_lookup_extended (positions->table, node, NULL, &value))
    {
      if (line)
        *line = 0;
      if (column)
        *column = 0;
      return FALSE;
    }
  if (line)
    *line = (guint) ((guint64) GPOINTER_TO_SIZE (value) >> 32);
  if (column)
    *column = (guint) (GPOINTER_TO_SIZE (value) & 0xFFFFFFFF);
  return TRUE;
}

void
cairn_json_positions_free (CairnJsonPositions *positions)
{
  if (positions == NULL)
    return;
  g_hash_table_unref (positions->table);
  g_free (positions);
}

/* The file a path names, through any symbolic links (relative ones from
 * the link's folder), so that a save updates the real file and keeps the
 * link. A path that does not exist (yet) is its own target. */
static char *
resolve_links (const char *path)
{
  g_autofree char *current = g_strdup (path);

  for (guint hops = 0; hops < 40; hops++)
    {
      GStatBuf st;
      g_autofree char *link = NULL;
      g_autofree char *dir = NULL;

      if (g_lstat (current, &st) != 0 || !S_ISLNK (st.st_mode)
          || (link = g_file_read_link (current, NULL)) == NULL)
        break;
      dir = g_path_get_dirname (current);
      g_free (current);
      current = g_path_is_absolute (link) ? g_steal_pointer (&link) : g_build_filename (dir, link, NULL);
    }
  return g_steal_pointer (&current);
}

static gboolean
write_failed (GError    **error,
              const char *path,
              int         saved)
{
  g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_IO, "%s: %s", path, g_strerror (saved));
  return FALSE;
}

/* Opens the save's temporary file, CAIRN_SAVE_TEMP_PREFIX + name beside
 * the target: one name per target, so that the one a killed save left is
 * found and replaced by the next. It is locked while in use: a temporary
 * file that is locked is another save's, under way. */
static int
open_temporary (const char  *temp,
                GError     **error)
{
  for (guint attempt = 0; attempt < 4; attempt++)
    {
      int fd = g_open (temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, 0644);
      GStatBuf held, named;

      /* Where there are no locks (some network file systems), saves
         are not told apart. */
      if (fd >= 0)
        {
          if (flock (fd, LOCK_EX | LOCK_NB) == 0 || errno != EWOULDBLOCK)
            return fd;
          close (fd);
          continue;
        }
      if (errno != EEXIST)
        return -1;
      /* Left behind, or in use: a stale one has no lock. */
      fd = g_open (temp, O_WRONLY | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW, 0);
      if (fd < 0)
        continue;
      if (flock (fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK)
        {
          close (fd);
          g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_IO,
                       _("%s: another save of this file is under way"), temp);
          errno = EBUSY;
          return -2;
        }
      /* Still the file of that name (not renamed over a target since)? */
      if (fstat (fd, &held) == 0 && g_lstat (temp, &named) == 0
          && held.st_dev == named.st_dev && held.st_ino == named.st_ino)
        g_unlink (temp);
      close (fd);
    }
  errno = EEXIST;
  return -1;
}

gboolean
cairn_file_write_atomic (const char  *path,
                         const char  *data,
                         gssize       length,
                         GError     **error)
{
  g_autofree char *target = resolve_links (path);
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  g_autofree char *temp_name = g_strconcat (CAIRN_SAVE_TEMP_PREFIX, base, NULL);
  g_autofree char *temp = g_build_filename (dir, temp_name, NULL);
  GStatBuf st;
  gboolean existed;
  gsize done = 0;
  int fd, dir_fd;

  if (length < 0)
    length = strlen (data);
  existed = g_stat (target, &st) == 0;
  if (existed && S_ISDIR (st.st_mode))
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_IO, _("%s: is a directory, not a file"), path);
      return FALSE;
    }

  fd = open_temporary (temp, error);
  if (fd == -2)
    return FALSE;
  if (fd < 0)
    return write_failed (error, path, errno);
  /* The file keeps its permissions (a 0600 file stays private); a new
     one gets 0644 less the umask. Its owner, when it can be kept. */
  if (existed && (fchmod (fd, st.st_mode & 07777) != 0
                  || (fchown (fd, st.st_uid, st.st_gid) != 0 && errno != EPERM)))
    goto fail;
  while (done < (gsize) length)
    {
      gssize n = write (fd, data + done, MIN ((gsize) length - done, (gsize) G_MAXSSIZE));
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        goto fail;
      done += n;
    }
  if (fsync (fd) != 0 || rename (temp, target) != 0)
    goto fail;
  close (fd);
  /* The rename itself is made durable too. */
  dir_fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }
  return TRUE;

fail:
  {
    int saved = errno;
    g_unlink (temp);
    close (fd);
    return write_failed (error, path, saved);
  }
}

/* Accessors */

const char *
cairn_json_get_string (JsonObject *object,
                       const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;
  if (node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

JsonObject *
cairn_json_get_object (JsonObject *object,
                       const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;
  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
cairn_json_get_array (JsonObject *object,
                      const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;
  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

gboolean
cairn_json_node_is_number (JsonNode *node)
{
  GType t;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  t = json_node_get_value_type (node);
  return t == G_TYPE_INT64 || t == G_TYPE_DOUBLE;
}

double
cairn_json_node_number (JsonNode *node)
{
  if (!cairn_json_node_is_number (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (double) json_node_get_int (node);
  return json_node_get_double (node);
}

gboolean
cairn_json_get_number (JsonObject *object,
                       const char *member,
                       double     *value)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;
  if (!cairn_json_node_is_number (node))
    return FALSE;
  *value = cairn_json_node_number (node);
  return TRUE;
}

gboolean
cairn_json_equal (JsonNode *a,
                  JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (cairn_json_node_is_number (a) && cairn_json_node_is_number (b))
    {
      if (json_node_get_value_type (a) == G_TYPE_INT64 && json_node_get_value_type (b) == G_TYPE_INT64)
        return json_node_get_int (a) == json_node_get_int (b);
      return cairn_json_node_number (a) == cairn_json_node_number (b);
    }
  if (JSON_NODE_TYPE (a) != JSON_NODE_TYPE (b))
    return FALSE;
  switch (JSON_NODE_TYPE (a))
    {
    case JSON_NODE_NULL:
      return TRUE;
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (a) != json_node_get_value_type (b))
        return FALSE;
      if (json_node_get_value_type (a) == G_TYPE_STRING)
        return g_strcmp0 (json_node_get_string (a), json_node_get_string (b)) == 0;
      if (json_node_get_value_type (a) == G_TYPE_BOOLEAN)
        return json_node_get_boolean (a) == json_node_get_boolean (b);
      return FALSE;
    case JSON_NODE_ARRAY:
      {
        JsonArray *x = json_node_get_array (a), *y = json_node_get_array (b);
        guint n = json_array_get_length (x);
        if (n != json_array_get_length (y))
          return FALSE;
        for (guint i = 0; i < n; i++)
          if (!cairn_json_equal (json_array_get_element (x, i), json_array_get_element (y, i)))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_OBJECT:
      {
        JsonObject *x = json_node_get_object (a), *y = json_node_get_object (b);
        g_autoptr(GList) names = NULL;
        if (json_object_get_size (x) != json_object_get_size (y))
          return FALSE;
        names = json_object_get_members (x);
        for (GList *l = names; l; l = l->next)
          {
            JsonNode *other = json_object_get_member (y, l->data);
            if (other == NULL || !cairn_json_equal (json_object_get_member (x, l->data), other))
              return FALSE;
          }
        return TRUE;
      }
    }
  return FALSE;
}

JsonNode *
cairn_json_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  if (node == NULL)
    return NULL;
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      copy = json_node_alloc ();
      json_node_init_object (copy, NULL);
      json_node_take_object (copy, cairn_json_object_deep_copy (json_node_get_object (node)));
      return copy;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        JsonArray *out = json_array_sized_new (n);
        for (guint i = 0; i < n; i++)
          json_array_add_element (out, cairn_json_deep_copy (json_array_get_element (array, i)));
        copy = json_node_alloc ();
        json_node_init_array (copy, NULL);
        json_node_take_array (copy, out);
        return copy;
      }
    case JSON_NODE_VALUE:
      /* json_node_copy () would share the value, with a reference count
         that is not atomic: a fresh value can go to another thread. */
      copy = json_node_alloc ();
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          return json_node_init_int (copy, json_node_get_int (node));
        case G_TYPE_DOUBLE:
          {
            g_autofree char *text = big_number_text (node);
            json_node_init_double (copy, json_node_get_double (node));
            big_number_set (copy, text);
            return copy;
          }
        case G_TYPE_BOOLEAN:
          return json_node_init_boolean (copy, json_node_get_boolean (node));
        case G_TYPE_STRING:
          return json_node_init_string (copy, json_node_get_string (node));
        default:
          json_node_unref (copy);
          return json_node_copy (node);
        }
    default:
      return json_node_copy (node);
    }
}

JsonObject *
cairn_json_object_deep_copy (JsonObject *object)
{
  JsonObject *out = json_object_new ();
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l; l = l->next)
    json_object_set_member (out, l->data, cairn_json_deep_copy (json_object_get_member (object, l->data)));
  return out;
}
