/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "cairn-error.h"
#include "cairn-json.h"
#include "cairn-scenario.h"
#include "cairn-scenario-private.h"
#include "cairn-replay-private.h"

/* Replay of a JSON Lines event log (DESIGN §6), streamed a line at a time
 * so that memory never grows with the log's length.
 *
 * With more than one core the log is read ahead on a thread of its own:
 * the reader fills batches of events, a few at most in flight, while the
 * engine runs those before them. The reader owns the id index of users
 * while it runs and hands each user it adds over with its first event,
 * which the engine appends to the input's users; so the engine sees the
 * same events, users and errors, in the same order, as when it reads
 * itself. A replay may also be split into parts, each an engine of its own
 * users beside the one reader ("Parts", below), and a large log of a
 * split replay is read in chunks by as many scanners as there are parts
 * ("Scanners"). */

#define BATCH_EVENTS 4096
#define MAX_LINE     (64 << 20)   /* no event is longer: a line past it is an error */
/* In flight: enough for the reader to run ahead while the parts of a
   split replay are scheduled on the same cores (6: 1.02 s on the bench log
   at --threads 2; 16: 0.95 s, 6 MB more). */
#define N_BATCHES    16
/* A split replay of a regular file reads it on as many scanners as there
   are parts, at most this many, a chunk of CHUNK_SIZE bytes at a time. */
#define MAX_SCANNERS 4
#define CHUNK_SIZE   (256 << 10)
/* The most parts a replay is split in (cairn_input_replay_split) */
#define MAX_PARTS    16

typedef struct
{
  /* Room for cap events in each array (batch_reserve) */
  CairnInputEvent *events;
  CairnUser      **new_users; /* the user each event added, or NULL */
  gssize          *text_at;   /* where each event's params_text is in text, or -1 */
  gsize           *user_at;   /* where each event's user id is in text, */
  guint32         *user_len;  /* its length, */
  guint32         *user_hash; /* its hash */
  guint32         *line_at;   /* and (a chunk's) its line in the chunk */
  /* A split replay's: the events of each part's users, in order (the
     part of a user is the hash of its id modulo n_parts) */
  guint           *own[MAX_PARTS];
  guint            n_own[MAX_PARTS];
  guint            n_parts;
  guint            cap;
  GString         *text;       /* the events' params_text and user ids, one after another */
  guint            n, next;
  GError          *error;      /* the line after the last event */
  gboolean         end;        /* the log ends after the last event */
  gint             refs;       /* parts: the parts not done with it */
  guint64          first_seq;  /* the log's events before the first */
  /* A chunk's (scanners): which, and the lines that start in it */
  guint64          chunk;
  guint64          n_lines;
} Batch;

typedef struct _PartImpl PartImpl;

/* The reader's index of users by id, beside the input's (which the rest
 * of the engine reads): a log looks a user up on every line, and a
 * GHashTable of strings touches its hashes, its keys, the id itself and its
 * values, four places in memory apart; here a probe reads one slot of 16
 * bytes, with ids of up to 8 bytes in it (no id has a NUL: a line's are
 * checked, a parsed one's end at their first). Open addressing, linear
 * probing, at most half full. */
#define ID_INLINE  8
#define ID_POINTER 0x80000000u     /* in index1: key is a pointer */

typedef struct
{
  guint32 hash;
  guint32 index1;              /* the user's index + 1 (0: a free slot), with ID_POINTER */
  char    key[ID_INLINE];      /* the id, NUL-padded, when no longer; else a pointer to the user's id */
} IdSlot;

typedef struct
{
  IdSlot *slots;
  gsize   mask;                /* the number of slots - 1 */
  gsize   n;
} IdIndex;

/* Event names and platforms already interned, by their text: no lock and
 * no global table for the few names a log has. Emptied when it fills. */
#define NAME_CACHE_SIZE 256

typedef struct
{
  guint32     hash;
  guint32     length;
  const char *interned;        /* NULL: a free slot */
} NameSlot;

/* The last two names of one field, newest first: a log's lines mostly
 * repeat the name or platform of one of the lines just before. */
typedef struct
{
  const char *interned[2];
  gsize       length[2];
} NameMemo;

/* A reader of lines: of the whole log through its stream, or (a scanner
 * of a split replay) of the lines that start in a range of its bytes. */
typedef struct
{
  FILE        *file;           /* or NULL: read from fd at offset */
  int          fd;
  guint64      offset;         /* the file position of buffer[end] */
  guint64      buffer_pos;     /* and of buffer[0] */
  guint64      range_end;      /* the first byte past its range */
  char        *buffer;         /* lines read, [start, end) not yet taken */
  gsize        size, start, end;
  gboolean     at_eof;
  gboolean     too_long;       /* a line longer than MAX_LINE */
  gboolean     failed;         /* a read error (errno in read_errno) */
  int          read_errno;
  guint64      line_number;
  CairnTime    read_first, read_last;
  gboolean     read_any;
  gboolean     check_window;   /* FALSE: the scanners' (chunk_order does) */
  NameSlot     names[NAME_CACHE_SIZE];
  guint        n_names;
  NameMemo     name_memo, platform_memo;
  char         time_text[40];  /* the last "time" read, its length and its */
  gsize        time_len;       /* time: events come many to a second */
  CairnTime    time;
  CairnTime    time_day;       /* its midnight, when it is "YYYY-MM-DDThh:mm:ssZ" */
  gboolean     has_time_day;
} Reader;

typedef struct
{
  Reader       reader;         /* the log's; when scanners read it, only its
                                  order and window (read_*), kept by chunk_number */
  /* The window as given (--start, --end) when the run began */
  CairnTime    given_start, given_end;
  gboolean     has_given_start, has_given_end;
  guint        next_index;     /* the index of the next user it adds */
  IdIndex     *ids;            /* of the input's users and those read, or NULL until read */
  /* The engine's: the events it took */
  gboolean     started;
  CairnTime    first, last;
  gboolean     seen_any;
  /* Reading ahead */
  GThread     *threads[MAX_SCANNERS]; /* the reader, or the scanners */
  guint        n_threads;
  GAsyncQueue *full, *empty;   /* of Batch* */
  Batch       *batches;
  guint        n_batches;
  Batch       *current;
  gint         stop;
  gboolean     done;
  /* Parts (cairn_input_replay_split), or none */
  guint        n_parts;
  PartImpl   **parts;
  GMutex       parts_lock;     /* a batch handed to the parts, or a part dropping out */
  guint64      n_read;         /* events read */
  /* Scanners (a split replay of a large file): chunks of the log read on
     threads of their own, put back in order (chunk_order) */
  guint64      file_size, chunk_size, n_chunks;
  guint64      next_chunk;     /* the next chunk a scanner takes */
  GMutex       order_lock;     /* what follows */
  Batch      **waiting;        /* chunks read before those before them, by chunk % n_batches */
  guint64      next_handed;    /* the next chunk handed to the parts */
  guint64      lines_before;   /* the lines of the chunks handed */
  gboolean     handed_last;
} ReplayImpl;

/* A part of a split replay: the engine of the users whose id hashes to k
 * modulo n, on a thread of its own, with its own index of them. */
typedef struct
{
  guint64    seq;              /* the event that added it */
  CairnUser *user;
} PartAdded;

struct _PartImpl
{
  CairnInput  *whole;
  guint        k, n;
  GAsyncQueue *full;           /* of Batch*, in the log's order */
  Batch       *current;
  guint        next;           /* in current */
  guint       *index;               /* in current: each of its events' user */
  const guint *own;                 /* in current: where its events are (the batch's), */
  guint        n_own, at;           /* how many, and the next */
  guint        cap;                 /* the room in index */
  guint        stop;                /* in current: the first event past --end, or n */
  IdIndex     *ids;            /* of the part's users (its input's) */
  GArray      *added;          /* PartAdded, in the log's order */
  guint64      taken;          /* events run or passed over */
  gboolean     done, dropped;
  gboolean     seen_any;
  CairnTime    first, last;
};

G_GNUC_PRINTF (4, 5)
static gboolean
line_error (CairnInput  *input,
            guint64      line,
            GError     **error,
            const char  *format,
            ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_PARSE, "%s:%" G_GUINT64_FORMAT ": %s",
               input->filename, line, message);
  return FALSE;
}

/* Whether @message is "@filename:LINE:...": then LINE in @line, and in
 * @rest what follows it, from its colon on. */
static gboolean
message_line (const char  *message,
              const char  *filename,
              guint64     *line,
              const char **rest)
{
  gsize skip = strlen (filename);
  const char *digits;

  if (strncmp (message, filename, skip) != 0 || message[skip] != ':')
    return FALSE;
  digits = message + skip + 1;
  *rest = digits + strspn (digits, "0123456789");
  if (*rest == digits || **rest != ':')
    return FALSE;
  *line = g_ascii_strtoull (digits, NULL, 10);
  return TRUE;
}

/* A line parsed on its own gives "FILE:1:COL: message": the error says
 * the file's line number instead of 1, "FILE:LINE:COL: message", located
 * once. */
static gboolean
relocate_parse_error (const char  *filename,
                      guint64      line,
                      GError      *local,
                      GError     **error)
{
  const char *rest, *column_end;
  guint64 first;

  if (message_line (local->message, filename, &first, &rest) && first == 1
      && (column_end = rest + 1 + strspn (rest + 1, "0123456789")) > rest + 1
      && g_str_has_prefix (column_end, ": "))
    g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_PARSE, "%s:%" G_GUINT64_FORMAT "%s", filename, line, rest);
  else
    g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_PARSE, "%s:%" G_GUINT64_FORMAT ": %s",
                 filename, line, local->message);
  return FALSE;
}


/* Up to @n bytes of the log into @buffer: 0 at its end, -1 on an error. */
static gssize
reader_read (Reader *r,
             char   *buffer,
             gsize   n)
{
  gssize got;

  if (r->file != NULL)
    {
      got = fread (buffer, 1, n, r->file);
      if (got == 0 && ferror (r->file))
        {
          r->read_errno = errno;
          return -1;
        }
      return got;
    }
  do
    got = pread (r->fd, buffer, n, r->offset);
  while (got < 0 && errno == EINTR);
  if (got < 0)
    r->read_errno = errno;
  else
    r->offset += got;
  return got;
}

/* The next line of the log (of the reader's range: one that starts in
 * it), without its newline and ended by a NUL, in the buffer until the
 * next call; -1 at the end, on a read error (failed) or on a line longer
 * than MAX_LINE (too_long). */
static gssize
next_line (Reader  *r,
           char   **line)
{
  for (;;)
    {
      char *start = r->buffer != NULL ? r->buffer + r->start : NULL;
      char *newline;
      gssize n;

      if (r->buffer_pos + r->start >= r->range_end)
        return -1;
      newline = r->start < r->end ? memchr (start, '\n', r->end - r->start) : NULL;
      if ((newline != NULL ? (gsize) (newline - start) : r->at_eof ? r->end - r->start : 0) > MAX_LINE)
        {
          r->too_long = TRUE;
          return -1;
        }
      if (newline != NULL)
        {
          *newline = '\0';
          *line = start;
          r->start = newline + 1 - r->buffer;
          return newline - start;
        }
      if (r->at_eof)
        {
          /* A last line without a newline; the buffer always has room for its NUL. */
          if (r->start == r->end)
            return -1;
          r->buffer[r->end] = '\0';
          *line = start;
          n = r->end - r->start;
          r->start = r->end;
          return n;
        }
      if (r->start > 0)
        memmove (r->buffer, start, r->end - r->start);
      r->end -= r->start;
      r->buffer_pos += r->start;
      r->start = 0;
      if (r->end >= MAX_LINE)
        {
          r->too_long = TRUE;
          return -1;
        }
      if (r->end + 1 >= r->size)
        {
          r->size = MAX (r->size * 2, 1 << 20);
          r->buffer = g_realloc (r->buffer, r->size);
        }
      /* A range's reader reads little past its end: its last line's. */
      n = reader_read (r, r->buffer + r->end,
                       MIN (r->size - r->end - 1, r->range_end == G_MAXUINT64 ? G_MAXSIZE
                                                  : r->offset < r->range_end ? r->range_end - r->offset + 4096
                                                  : 65536));
      if (n < 0)
        {
          r->failed = TRUE;
          return -1;
        }
      if (n == 0)
        r->at_eof = TRUE;
      r->end += n;
    }
}

static CairnTime midnight_at_or_before (CairnTime t);

/* Whether the window, with an event at @time in it, would be longer than
 * CAIRN_MAX_WINDOW_DAYS (README "Limits"): a run ticks every day of it. */
static gboolean
window_too_long (ReplayImpl *impl,
                 CairnTime   first,     /* of the log */
                 CairnTime   time)
{
  CairnTime from, to;

  if (impl->has_given_start && impl->has_given_end)
    return FALSE;  /* checked where they were given */
  from = impl->has_given_start ? impl->given_start : midnight_at_or_before (first);
  to = impl->has_given_end ? impl->given_end : midnight_at_or_before (time) + CAIRN_USEC_PER_DAY;
  return to > from && (guint64) to - (guint64) from > (guint64) CAIRN_MAX_WINDOW_DAYS * CAIRN_USEC_PER_DAY;
}

/* The time of the first (@last: last) non-blank line of a regular file,
 * read without moving its stream; FALSE when it cannot be had cheaply. */
static gboolean
peek_time (FILE      *file,
           gboolean   last,
           CairnTime *time)
{
  enum { PEEK = 1 << 20 };
  g_autofree char *buffer = g_malloc (PEEK + 1);
  int fd = fileno (file);
  struct stat st;
  gssize n;
  char *line, *end;
  g_autoptr(JsonNode) root = NULL;
  const char *text;

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size == 0)
    return FALSE;
  n = pread (fd, buffer, PEEK, last && st.st_size > PEEK ? st.st_size - PEEK : 0);
  if (n <= 0)
    return FALSE;
  buffer[n] = '\0';
  if (last)
    {
      end = buffer + n;
      while (end > buffer && g_ascii_isspace (end[-1]))
        end--;
      *end = '\0';
      line = g_strrstr (buffer, "\n");
      if (line == NULL && !(st.st_size <= PEEK))
        return FALSE;
      line = line ? line + 1 : buffer;
    }
  else
    {
      line = buffer + strspn (buffer, " \t\r\n");
      end = strchr (line, '\n');
      if (end == NULL && st.st_size > PEEK)
        return FALSE;
      if (end != NULL)
        *end = '\0';
    }
  root = cairn_json_parse (line, strlen (line), NULL, NULL, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || (text = cairn_json_get_string (json_node_get_object (root), "time")) == NULL)
    return FALSE;
  return cairn_time_parse (text, time, NULL);
}

/* Whether @slot is the user @id's. */
static inline gboolean
id_slot_is (const IdSlot *slot,
            const char   *id,
            gsize         length)
{
  const char *key;

  if (!(slot->index1 & ID_POINTER))
    return length <= ID_INLINE && cairn_replay_same (slot->key, id, length)
           && (length == ID_INLINE || slot->key[length] == '\0');
  memcpy (&key, slot->key, sizeof key);
  return length > ID_INLINE && cairn_replay_same (key, id, length) && key[length] == '\0';
}

static void
id_index_put (IdIndex    *ids,
              const char *id,       /* lives as long as the user */
              gsize       length,
              guint32     hash,
              guint       index)
{
  gsize i;
  IdSlot *slot;

  if ((ids->n + 1) * 2 > ids->mask + 1)
    {
      IdSlot *old = ids->slots;
      gsize old_size = ids->mask + 1;

      ids->mask = old_size * 2 - 1;
      ids->slots = g_new0 (IdSlot, ids->mask + 1);
      for (gsize k = 0; k < old_size; k++)
        if (old[k].index1 != 0)
          {
            for (i = old[k].hash & ids->mask; ids->slots[i].index1 != 0; i = (i + 1) & ids->mask)
              ;
            ids->slots[i] = old[k];
          }
      g_free (old);
    }
  for (i = hash & ids->mask; ids->slots[i].index1 != 0; i = (i + 1) & ids->mask)
    ;
  slot = &ids->slots[i];
  slot->hash = hash;
  /* Fewer than 2^31 users: each costs far more than 8 GiB / 2^31 */
  g_assert (index < ID_POINTER - 1);
  slot->index1 = index + 1;
  if (length <= ID_INLINE)
    memcpy (slot->key, id, length);
  else
    {
      memcpy (slot->key, &id, sizeof id);
      slot->index1 |= ID_POINTER;
    }
  ids->n++;
}

/* The index of the user @id, or -1. */
static inline gint64
id_index_find (IdIndex    *ids,
               const char *id,
               gsize       length,
               guint32     hash)
{
  for (gsize i = hash & ids->mask; ids->slots[i].index1 != 0; i = (i + 1) & ids->mask)
    {
      const IdSlot *slot = &ids->slots[i];
      if (slot->hash == hash && id_slot_is (slot, id, length))
        return (gint64) (slot->index1 & ~ID_POINTER) - 1;
    }
  return -1;
}

static void
id_index_free (IdIndex *ids)
{
  if (ids == NULL)
    return;
  g_free (ids->slots);
  g_free (ids);
}

static IdIndex *
id_index_new (void)
{
  IdIndex *ids = g_new0 (IdIndex, 1);

  ids->mask = 1023;
  ids->slots = g_new0 (IdSlot, ids->mask + 1);
  return ids;
}

/* The index in @ids of the user @id, or @index for a user it adds (in
 * @added, numbered @number in its input). */
static guint
id_index_find_or_add (IdIndex     *ids,
                      const char  *id,
                      gsize        length,
                      guint32      hash,
                      guint        index,
                      guint        number,
                      CairnUser  **added)
{
  gint64 found = id_index_find (ids, id, length, hash);

  *added = NULL;
  if (found >= 0)
    return found;
  *added = scenario_user_new (g_strndup (id, length), CAIRN_USER_SEEN, number);
  id_index_put (ids, (*added)->id, length, hash, index);
  return index;
}

/* The reader's index of the input's users, built when first needed (and
 * again after users were taken out of the input's). */
static IdIndex *
replay_ids (CairnInput *input)
{
  ReplayImpl *impl = input->impl;

  if (impl->ids == NULL)
    {
      impl->ids = id_index_new ();
      for (guint i = 0; i < input->users->len; i++)
        {
          CairnUser *user = input->users->pdata[i];
          gsize length = strlen (user->id);
          id_index_put (impl->ids, user->id, length, cairn_replay_hash (user->id, length), i);
        }
    }
  return impl->ids;
}

/* g_intern_string (@text, @length bytes before its NUL), through the
 * reader's cache. */
static const char *
intern_name (Reader     *r,
             const char *text,
             gsize       length)
{
  gsize i;
  guint32 hash = cairn_replay_hash (text, length);
  NameSlot *slot;

  for (i = hash & (NAME_CACHE_SIZE - 1); r->names[i].interned != NULL; i = (i + 1) & (NAME_CACHE_SIZE - 1))
    {
      slot = &r->names[i];
      if (slot->hash == hash && slot->length == length && cairn_replay_same (slot->interned, text, length))
        return slot->interned;
    }
  if (r->n_names >= NAME_CACHE_SIZE / 2)
    {
      memset (r->names, 0, sizeof r->names);
      r->n_names = 0;
      for (i = hash & (NAME_CACHE_SIZE - 1); r->names[i].interned != NULL; i = (i + 1) & (NAME_CACHE_SIZE - 1))
        ;
    }
  slot = &r->names[i];
  slot->hash = hash;
  slot->length = length;
  slot->interned = g_intern_string (text);
  r->n_names++;
  return slot->interned;
}

/* intern_name () through @memo first. */
static inline const char *
intern_name_memo (Reader     *r,
                  NameMemo   *memo,
                  const char *text,
                  gsize       length)
{
  const char *interned;

  for (guint k = 0; k < 2; k++)
    if (memo->interned[k] != NULL && memo->length[k] == length && cairn_replay_same (memo->interned[k], text, length))
      return memo->interned[k];
  interned = intern_name (r, text, length);
  memo->interned[1] = memo->interned[0];
  memo->length[1] = memo->length[0];
  memo->interned[0] = interned;
  memo->length[0] = length;
  return interned;
}

/* g_string_append_len () without a call (GLib 2.74 has none inline). */
static inline void
text_append (GString    *text,
             const char *bytes,
             gsize       n)
{
  gsize at = text->len;

  if (G_UNLIKELY (at + n >= text->allocated_len))
    {
      g_string_set_size (text, at + n);
      text->len = at;
    }
  memcpy (text->str + at, bytes, n);
  text->len = at + n;
  text->str[text->len] = '\0';
}

/* "YYYY-MM-DDThh:mm:ssZ", the commonest shape of a log's times: a line
 * whose time has the same day as the line before's is read from that
 * day's midnight, with the checks cairn_time_parse () makes of the rest. */
#define UTC_SECOND_LEN 20

static inline gboolean
two_digits (const char *p,
            int         max,
            int        *value)
{
  if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]))
    return FALSE;
  *value = (p[0] - '0') * 10 + (p[1] - '0');
  return *value <= max;
}

static inline gboolean
utc_second_of_day (const char *text,
                   gint64     *seconds)
{
  int hour, minute, second;

  if (text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z'
      || !two_digits (text + 11, 23, &hour) || !two_digits (text + 14, 59, &minute)
      || !two_digits (text + 17, 59, &second))
    return FALSE;
  *seconds = hour * 3600 + minute * 60 + second;
  return TRUE;
}

/* The next event of the log but its user, whose id it appends to @text
 * with its NUL (@user_len bytes before it), then the params' text when it
 * is kept as text; or FALSE at its end or at a bad line. */
static gboolean
read_event (CairnInput       *input,
            Reader           *r,
            CairnInputEvent  *event,
            GString          *text,
            gsize            *user_len,
            GError          **error)
{
  ReplayImpl *impl = input->impl;

  for (;;)
    {
      char *line;
      gssize length = next_line (r, &line);
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GError) local = NULL;
      JsonObject *object;
      const char *time_text, *user, *name, *platform;
      JsonNode *params;
      g_autoptr(JsonObject) params_object = NULL;
      const char *params_text = NULL;
      gsize lengths[5];
      CairnTime time;
      gint64 seconds = 0;
      gboolean same_day = FALSE;

      if (length < 0)
        {
          if (r->too_long)
            return line_error (input, r->line_number + 1, error, _("the line is longer than %d MiB"), MAX_LINE >> 20);
          if (r->failed)
            {
              g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_IO, "%s: %s", input->filename, g_strerror (r->read_errno));
              return FALSE;
            }
          return FALSE;
        }
      r->line_number++;
      while (length > 0 && line[length - 1] == '\r')
        line[--length] = '\0';
      if (length == 0 || (line[0] != '{' && strspn (line, " \t") == (size_t) length))
        continue;

      if (cairn_replay_scan_line (line, length, &time_text, &user, &name, &platform, &params_text, lengths))
        params = NULL;
      else
        {
          root = cairn_json_parse (line, length, input->filename, NULL, &local);
          if (root == NULL)
            {
            return relocate_parse_error (input->filename, r->line_number, local, error);
            }
          if (!JSON_NODE_HOLDS_OBJECT (root))
            return line_error (input, r->line_number, error, _("an event must be a JSON object"));
          object = json_node_get_object (root);
          time_text = cairn_json_get_string (object, "time");
          user = cairn_json_get_string (object, "user");
          name = cairn_json_get_string (object, "name");
          platform = cairn_json_get_string (object, "platform");
          params = json_object_get_member (object, "params");
          lengths[0] = time_text ? strlen (time_text) : 0;
          lengths[1] = user ? strlen (user) : 0;
          lengths[2] = name ? strlen (name) : 0;
          lengths[3] = platform ? strlen (platform) : 0;
          lengths[4] = 0;
        }
      if (time_text != NULL && lengths[0] > 0 && lengths[0] == r->time_len
          && cairn_replay_same (time_text, r->time_text, lengths[0]))
        time = r->time;
      else if ((same_day = time_text != NULL && r->has_time_day && lengths[0] == UTC_SECOND_LEN
                           && cairn_replay_same (time_text, r->time_text, 11) && utc_second_of_day (time_text, &seconds)))
        time = r->time_day + seconds * CAIRN_USEC_PER_SEC;
      else if (time_text == NULL || !cairn_time_parse (time_text, &time, NULL))
        return line_error (input, r->line_number, error, _("\"time\" must be an RFC 3339 time"));
      if (user == NULL || *user == '\0')
        return line_error (input, r->line_number, error, _("\"user\" must be a non-empty string"));
      if (name == NULL || *name == '\0')
        return line_error (input, r->line_number, error, _("\"name\" must be a non-empty string"));
      if (params != NULL && !JSON_NODE_HOLDS_OBJECT (params) && !JSON_NODE_HOLDS_NULL (params))
        return line_error (input, r->line_number, error, _("\"params\" must be an object"));
      if (params != NULL && JSON_NODE_HOLDS_OBJECT (params))
        params_object = json_object_ref (json_node_get_object (params));
      if (r->read_any && time < r->read_last)
        return line_error (input, r->line_number, error,
                           _("this event is earlier than the one on the line before; the log must be sorted by time"));
      if (!r->read_any)
        r->read_first = time;
      r->read_any = TRUE;
      r->read_last = time;
      if (r->check_window && window_too_long (impl, r->read_first, time))
        return line_error (input, r->line_number, error,
                           _("the log spans more than %d days (100 years) from the start of its window, "
                             "the longest window a run covers; give --start and --end"), CAIRN_MAX_WINDOW_DAYS);
      if (lengths[0] < sizeof r->time_text)
        {
          memcpy (r->time_text, time_text, lengths[0] + 1);
          r->time_len = lengths[0];
          r->time = time;
          /* Read from the day's midnight: the day is the one kept */
          if (!same_day)
            {
              r->has_time_day = lengths[0] == UTC_SECOND_LEN && utc_second_of_day (time_text, &seconds);
              r->time_day = time - seconds * CAIRN_USEC_PER_SEC;
            }
        }

      event->time = time;
      event->user = 0;
      event->name = intern_name_memo (r, &r->name_memo, name, lengths[2]);
      event->platform = platform ? intern_name_memo (r, &r->platform_memo, platform, lengths[3]) : NULL;
      event->params = g_steal_pointer (&params_object);
      event->params_text = params_text;
      *user_len = lengths[1];
      text_append (text, user, *user_len + 1);
      if (params_text != NULL)
        text_append (text, params_text, lengths[4] + 1);
      return TRUE;
    }
}

/* The index of the user @id of a batch's event, or of the user it adds
 * (then in @added). */
static guint
batch_user (CairnInput  *input,
            IdIndex     *ids,
            const char  *id,
            gsize        length,
            guint32      hash,
            CairnUser  **added)
{
  ReplayImpl *impl = input->impl;
  /* In the input's index when it is looked into (scenario_index_users):
     the reader has its own. */
  guint index = id_index_find_or_add (ids, id, length, hash, impl->next_index, impl->next_index, added);

  impl->next_index += *added != NULL;
  return index;
}

#define LOOKUP_LAG 12

static inline void
batch_find_user (CairnInput *input,
                 IdIndex    *ids,
                 Batch      *batch,
                 guint       i)
{
  batch->events[i].user = batch_user (input, ids, batch->text->str + batch->user_at[i], batch->user_len[i],
                                      batch->user_hash[i], &batch->new_users[i]);
}

static void
batch_reserve (Batch *batch,
               guint  n)
{
  if (n <= batch->cap)
    return;
  batch->cap = MAX (n, MAX (batch->cap * 2, BATCH_EVENTS));
  batch->events = g_renew (CairnInputEvent, batch->events, batch->cap);
  batch->new_users = g_renew (CairnUser *, batch->new_users, batch->cap);
  batch->text_at = g_renew (gssize, batch->text_at, batch->cap);
  batch->user_at = g_renew (gsize, batch->user_at, batch->cap);
  batch->user_len = g_renew (guint32, batch->user_len, batch->cap);
  batch->user_hash = g_renew (guint32, batch->user_hash, batch->cap);
  batch->line_at = g_renew (guint32, batch->line_at, batch->cap);
  for (guint k = 0; k < batch->n_parts; k++)
    batch->own[k] = g_renew (guint, batch->own[k], batch->cap);
}

static void
batch_clear (Batch *batch)
{
  g_free (batch->events);
  g_free (batch->new_users);
  g_free (batch->text_at);
  g_free (batch->user_at);
  g_free (batch->user_len);
  g_free (batch->user_hash);
  g_free (batch->line_at);
  for (guint k = 0; k < batch->n_parts; k++)
    g_free (batch->own[k]);
  if (batch->text != NULL)
    g_string_free (batch->text, TRUE);
  g_clear_error (&batch->error);
}

/* Reads the next events of @r into @batch, up to its end, a bad line or
 * @max events, looking their users up in @ids when not NULL. */
static void
batch_read (CairnInput *input,
            Reader     *r,
            Batch      *batch,
            guint       max,
            IdIndex    *ids)
{
  guint found = 0;

  batch->n = batch->next = 0;
  memset (batch->n_own, 0, sizeof batch->n_own);
  batch_reserve (batch, BATCH_EVENTS);
  if (batch->text == NULL)
    batch->text = g_string_sized_new (1 << 16);
  g_string_truncate (batch->text, 0);
  while (batch->n < max)
    {
      CairnInputEvent *event;
      gsize user_at = batch->text->len, user_len = 0;

      batch_reserve (batch, batch->n + 1);
      event = &batch->events[batch->n];
      /* The line goes with the next read: it keeps the user's id and the
         params' text. */
      if (!read_event (input, r, event, batch->text, &user_len, &batch->error))
        {
          batch->end = batch->error == NULL;
          break;
        }
      batch->user_at[batch->n] = user_at;
      batch->user_len[batch->n] = user_len;
      batch->user_hash[batch->n] = cairn_replay_hash (batch->text->str + user_at, user_len);
      if (batch->n_parts > 0)
        {
          guint k = batch->user_hash[batch->n] % batch->n_parts;

          batch->own[k][batch->n_own[k]++] = batch->n;
        }
      batch->text_at[batch->n] = event->params_text ? (gssize) (user_at + user_len + 1) : -1;
      batch->line_at[batch->n] = r->line_number;
      if (ids != NULL)
        __builtin_prefetch (&ids->slots[batch->user_hash[batch->n] & ids->mask]);
      batch->n++;
      /* The user of the line LOOKUP_LAG lines back, whose slot has come
         meanwhile: few enough lines that their slots' pages are still in
         the TLB too. */
      if (ids != NULL && batch->n > LOOKUP_LAG)
        batch_find_user (input, ids, batch, found++);
    }
  /* The last lines' users (a split replay's parts find theirs themselves:
     no ids here). */
  while (ids != NULL && found < batch->n)
    batch_find_user (input, ids, batch, found++);
  for (guint i = 0; i < batch->n; i++)
    if (batch->text_at[i] >= 0)
      batch->events[i].params_text = batch->text->str + batch->text_at[i];
}

/* Reads the next events of the log into @batch, up to its end, a bad line
 * or BATCH_EVENTS. The index of users is far larger than the caches, and a
 * log's users come in no order, so each user's slot is asked of memory as
 * its line is read, and looked into LOOKUP_LAG lines later, in order. */
static void
batch_fill (CairnInput *input,
            Batch      *batch)
{
  ReplayImpl *impl = input->impl;

  batch_read (input, &impl->reader, batch, BATCH_EVENTS, impl->n_parts == 0 ? replay_ids (input) : NULL);
  batch->first_seq = impl->n_read;
  impl->n_read += batch->n;
}

static void parts_hand    (ReplayImpl *impl,
                           Batch      *batch);
static void batch_release (ReplayImpl *impl,
                           Batch      *batch);

static gpointer
reader_main (gpointer data)
{
  CairnInput *input = data;
  ReplayImpl *impl = input->impl;

  for (;;)
    {
      Batch *batch = g_async_queue_pop (impl->empty);
      gboolean last;

      if (g_atomic_int_get (&impl->stop))
        break;
      batch_fill (input, batch);
      /* Either may be cleared once the batch is handed over. */
      last = batch->error != NULL || batch->end;
      if (impl->n_parts > 0)
        parts_hand (impl, batch);
      else
        g_async_queue_push (impl->full, batch);
      if (last)
        break;
    }
  return NULL;
}

/* Scanners: a split replay of a large regular file reads it in chunks of
 * chunk_size bytes, each the lines that start in it, on as many threads
 * as there are parts, each with a reader of its own (key hints, names and
 * times cached per thread). A chunk is one batch, its lines numbered from
 * 1 and its order and window checked within it alone; chunk_order puts
 * the batches back in the log's order, numbers their events and lines as
 * one reader would, checks the order and the window across chunks, and
 * hands them to the parts. The errors, the events and the users' order
 * are one reader's: the first bad line is the first in the log. */

/* "FILE:LINE..." with LINE made @base more: a chunk's line numbers are
 * its own until the lines before it are known. */
static void
error_shift_line (GError     *error,
                  const char *filename,
                  guint64     base)
{
  const char *rest;
  guint64 line;
  char *message;

  if (base == 0 || !message_line (error->message, filename, &line, &rest))
    return;
  message = g_strdup_printf ("%s:%" G_GUINT64_FORMAT "%s", filename, line + base, rest);
  g_free (error->message);
  error->message = message;
}

/* The file position of the first line that starts in [@from, @to) (after
 * the first newline at or after @from - 1), or @to when none does. */
static guint64
chunk_first_line (int     fd,
                  guint64 from,
                  guint64 to)
{
  char buffer[4096];
  guint64 at = from - 1;

  if (from == 0)
    return 0;
  while (at < to - 1)
    {
      gssize n = pread (fd, buffer, MIN (sizeof buffer, to - 1 - at), at);
      const char *newline;

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return to;
      newline = memchr (buffer, '\n', n);
      if (newline != NULL)
        return at + (newline - buffer) + 1;
      at += n;
    }
  return to;
}

/* Reads chunk @chunk into @batch. */
static void
scan_chunk (CairnInput *input,
            Reader     *r,
            Batch      *batch,
            guint64     chunk)
{
  ReplayImpl *impl = input->impl;
  guint64 from = chunk * impl->chunk_size;
  guint64 to = chunk + 1 == impl->n_chunks ? G_MAXUINT64 : from + impl->chunk_size;

  r->range_end = to;
  r->offset = r->buffer_pos = chunk_first_line (r->fd, from, MIN (to, impl->file_size));
  r->start = r->end = 0;
  r->at_eof = r->too_long = r->failed = FALSE;
  r->line_number = 0;
  r->read_any = FALSE;
  batch->chunk = chunk;
  batch_read (input, r, batch, G_MAXUINT, NULL);
  batch->n_lines = r->line_number;
  /* Only the last chunk's end is the log's. */
  batch->end = batch->end && chunk + 1 == impl->n_chunks;
}

static void
batch_drop_events (Batch *batch,
                   guint  from)
{
  for (guint i = from; i < batch->n; i++)
    cairn_input_event_clear (&batch->events[i]);
  batch->n = MIN (batch->n, from);
  for (guint k = 0; k < batch->n_parts; k++)
    while (batch->n_own[k] > 0 && batch->own[k][batch->n_own[k] - 1] >= batch->n)
      batch->n_own[k]--;
}

/* @batch, emptied, back for the reader or a scanner to fill. */
static void
batch_recycle (ReplayImpl *impl,
               Batch      *batch)
{
  batch_drop_events (batch, 0);
  batch->next = 0;
  batch->end = FALSE;
  g_clear_error (&batch->error);
  g_async_queue_push (impl->empty, batch);
}

/* Ends @batch at its event @i with an error on its line. */
G_GNUC_PRINTF (4, 5)
static void
batch_fail_at (CairnInput *input,
               Batch      *batch,
               guint       i,
               const char *format,
               ...)
{
  ReplayImpl *impl = input->impl;
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_clear_error (&batch->error);
  line_error (input, impl->lines_before + batch->line_at[i], &batch->error, "%s", message);
  batch_drop_events (batch, i);
  batch->end = FALSE;
}

/* @batch, a chunk's, made one reader's (above): numbered, and checked
 * against the chunks before it. */
static void
chunk_number (CairnInput *input,
              Batch      *batch)
{
  ReplayImpl *impl = input->impl;
  Reader *r = &impl->reader;

  /* Its own error is after its events: any found here comes first. */
  if (batch->error != NULL)
    error_shift_line (batch->error, input->filename, impl->lines_before);
  if (batch->n > 0 && r->read_any && batch->events[0].time < r->read_last)
    batch_fail_at (input, batch, 0, "%s", _("this event is earlier than the one on the line before; the log must be sorted by time"));
  if (batch->n > 0 && !r->read_any)
    {
      r->read_first = batch->events[0].time;
      r->read_any = TRUE;
    }
  /* In time order: the window is too long at the last event if at any. */
  if (batch->n > 0 && window_too_long (impl, r->read_first, batch->events[batch->n - 1].time))
    for (guint i = 0; i < batch->n; i++)
      if (window_too_long (impl, r->read_first, batch->events[i].time))
        {
          batch_fail_at (input, batch, i, _("the log spans more than %d days (100 years) from the start of its window, "
                                            "the longest window a run covers; give --start and --end"), CAIRN_MAX_WINDOW_DAYS);
          break;
        }
  if (batch->n > 0)
    r->read_last = batch->events[batch->n - 1].time;
  impl->lines_before += batch->n_lines;
  batch->first_seq = impl->n_read;
  impl->n_read += batch->n;
}

/* A scanner's @batch read: handed to the parts with those after it that
 * were waiting for it, once those before it are. */
static void
chunk_order (CairnInput *input,
             Batch      *batch)
{
  ReplayImpl *impl = input->impl;
  guint slot;

  g_mutex_lock (&impl->order_lock);
  if (impl->handed_last)
    {
      /* Past the log's end or its first bad line */
      batch_recycle (impl, batch);
      g_mutex_unlock (&impl->order_lock);
      return;
    }
  impl->waiting[batch->chunk % impl->n_batches] = batch;
  while (!impl->handed_last
         && (batch = impl->waiting[(slot = impl->next_handed % impl->n_batches)]) != NULL
         && batch->chunk == impl->next_handed)
    {
      impl->waiting[slot] = NULL;
      impl->next_handed++;
      chunk_number (input, batch);
      if (batch->error != NULL || batch->end)
        {
          impl->handed_last = TRUE;
          g_atomic_int_set (&impl->stop, 1);
        }
      parts_hand (impl, batch);
    }
  if (impl->handed_last)
    for (guint i = 0; i < impl->n_batches; i++)
      if ((batch = g_steal_pointer (&impl->waiting[i])) != NULL)
        batch_recycle (impl, batch);
  g_mutex_unlock (&impl->order_lock);
}

typedef struct
{
  CairnInput *input;
  Reader      reader;
} Scanner;

static gpointer
scanner_main (gpointer data)
{
  Scanner *scanner = data;
  CairnInput *input = scanner->input;
  ReplayImpl *impl = input->impl;

  for (;;)
    {
      Batch *batch = g_async_queue_pop (impl->empty);
      guint64 chunk;

      /* A chunk is taken with a batch in hand: the lowest chunk not
         handed is always being read, and the waiting ones are fewer than
         the batches. */
      if (g_atomic_int_get (&impl->stop)
          || (chunk = __atomic_fetch_add (&impl->next_chunk, 1, __ATOMIC_RELAXED)) >= impl->n_chunks)
        {
          g_async_queue_push (impl->empty, batch);
          break;
        }
      scan_chunk (input, &scanner->reader, batch, chunk);
      chunk_order (input, batch);
    }
  g_free (scanner->reader.buffer);
  g_free (scanner);
  return NULL;
}

/* Events read but never taken, and the users they added: out of the index
 * again, as if never read. */
static void
batch_discard (CairnInput *input,
               Batch      *batch)
{
  for (; batch->next < batch->n; batch->next++)
    {
      CairnUser *user = batch->new_users[batch->next];

      cairn_input_event_clear (&batch->events[batch->next]);
      if (user != NULL)
        scenario_user_free (user);
    }
  batch->n = batch->next = 0;
  g_clear_error (&batch->error);
  /* Built again from the input's when next needed. */
  g_clear_pointer (&((ReplayImpl *) input->impl)->ids, id_index_free);
}

static void
reader_stop (CairnInput *input)
{
  ReplayImpl *impl = input->impl;
  Batch *batch;

  if (impl->n_threads > 0)
    {
      g_atomic_int_set (&impl->stop, 1);
      /* Whatever they wait for, they find the stop. */
      for (guint i = 0; i < impl->n_threads; i++)
        g_async_queue_push (impl->empty, &impl->batches[0]);
      for (guint i = 0; i < impl->n_threads; i++)
        g_thread_join (g_steal_pointer (&impl->threads[i]));
      impl->n_threads = 0;
    }
  for (guint i = 0; impl->waiting != NULL && i < impl->n_batches; i++)
    if ((batch = g_steal_pointer (&impl->waiting[i])) != NULL)
      batch_recycle (impl, batch);
  if (impl->current != NULL)
    batch_discard (input, g_steal_pointer (&impl->current));
  while (impl->full != NULL && (batch = g_async_queue_try_pop (impl->full)) != NULL)
    batch_discard (input, batch);
}

/* What a replay does before its first line: the index of users is the
 * reader's from here on, and a log too long for a run is refused before a
 * day of it runs when its first and last lines can be had (else as it is
 * read). */
static gboolean
replay_begin (CairnInput  *input,
              GError     **error)
{
  ReplayImpl *impl = input->impl;
  CairnTime first, last;

  scenario_index_users (input);
  impl->next_index = input->users->len;
  impl->started = TRUE;
  impl->given_start = input->start;
  impl->has_given_start = input->has_start;
  impl->given_end = input->end;
  impl->has_given_end = input->has_end;
  if (peek_time (impl->reader.file, FALSE, &first) && peek_time (impl->reader.file, TRUE, &last) && first <= last)
    {
      impl->reader.read_first = first;
      if (window_too_long (impl, first, last))
        {
          g_autofree char *message = g_strdup_printf (_("the log spans more than %d days (100 years) from the start of its window, "
                                                         "the longest window a run covers; give --start and --end"),
                                                      CAIRN_MAX_WINDOW_DAYS);
          impl->done = TRUE;
          g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_PARSE, "%s: %s", input->filename, message);
          return FALSE;
        }
    }
  return TRUE;
}

/* Reading ahead on a thread of its own, or on @n_scanners, N_BATCHES
 * batches in flight. */
static void
reader_start (CairnInput *input,
              guint       n_scanners)
{
  ReplayImpl *impl = input->impl;

  impl->empty = g_async_queue_new ();
  impl->n_batches = N_BATCHES;
  impl->batches = g_new0 (Batch, N_BATCHES);
  for (guint i = 0; i < N_BATCHES; i++)
    {
      impl->batches[i].n_parts = impl->n_parts;
      g_async_queue_push (impl->empty, &impl->batches[i]);
    }
  if (n_scanners == 0)
    {
      impl->threads[impl->n_threads++] = g_thread_new ("cairn-replay", reader_main, input);
      return;
    }
  impl->waiting = g_new0 (Batch *, N_BATCHES);
  for (guint i = 0; i < n_scanners; i++)
    {
      Scanner *scanner = g_new0 (Scanner, 1);

      scanner->input = input;
      scanner->reader.fd = fileno (impl->reader.file);
      scanner->reader.range_end = G_MAXUINT64;
      impl->threads[impl->n_threads++] = g_thread_new ("cairn-scan", scanner_main, scanner);
    }
}

static gsize chunk_size_for_tests;

void
cairn_replay_set_chunk_size (gsize size)
{
  chunk_size_for_tests = size;
}

/* How many scanners read the log of a replay split in @n parts: as many
 * as there are parts, for a regular file of at least two chunks. */
static guint
scanners_for (ReplayImpl *impl,
              guint       n)
{
  /* Chunks of so many bytes, to see the scanners at work on a short log */
  const char *knob = g_getenv ("CAIRN_REPLAY_CHUNK");
  guint64 size = chunk_size_for_tests;
  struct stat st;

  if (size == 0 && knob != NULL)
    size = g_ascii_strtoull (knob, NULL, 10);
  /* Unset, empty or not a number: the usual. A chunk's lines are numbered
     in 32 bits. */
  impl->chunk_size = size == 0 ? CHUNK_SIZE : MIN (size, G_GUINT64_CONSTANT (1) << 30);
  if (n < 2 || fstat (fileno (impl->reader.file), &st) != 0 || !S_ISREG (st.st_mode)
      || (guint64) st.st_size < 2 * impl->chunk_size)
    return 0;
  impl->file_size = st.st_size;
  impl->n_chunks = (impl->file_size + impl->chunk_size - 1) / impl->chunk_size;
  return MIN (n, MAX_SCANNERS);
}

static gboolean
replay_next_event (CairnInput       *input,
                   CairnInputEvent  *event,
                   GError          **error)
{
  ReplayImpl *impl = input->impl;
  CairnUser *user = NULL;

  if (!impl->started)
    {
      if (!replay_begin (input, error))
        return FALSE;
      if (!input->sequential && g_get_num_processors () > 1)
        {
          impl->full = g_async_queue_new ();
          reader_start (input, 0);
        }
      else
        {
          impl->n_batches = 1;
          impl->batches = g_new0 (Batch, 1);
        }
    }

  if (impl->done)
    return FALSE;
  {
    Batch *batch;

    /* Without a reader, the engine reads a batch itself when it has taken
       the last: a batch's users are looked up together either way
       (batch_fill). */
    while ((batch = impl->current) == NULL || batch->next == batch->n)
      {
        if (batch != NULL && (batch->error != NULL || batch->end))
          {
            if (batch->error != NULL)
              g_propagate_error (error, g_steal_pointer (&batch->error));
            impl->done = TRUE;
            reader_stop (input);
            return FALSE;
          }
        if (impl->n_threads == 0)
          {
            impl->current = &impl->batches[0];
            batch_fill (input, impl->current);
          }
        else
          {
            if (batch != NULL)
              g_async_queue_push (impl->empty, batch);
            impl->current = g_async_queue_pop (impl->full);
          }
      }
    *event = batch->events[batch->next];
    input->ahead = cairn_input_events_ahead (batch->events, batch->next, batch->n, &input->ahead_name);
    user = batch->new_users[batch->next];
    batch->next++;
  }

  if (user != NULL)
    {
      g_warn_if_fail (user->index == input->users->len);
      g_ptr_array_add (input->users, user);
    }
  if (!impl->seen_any)
    impl->first = event->time;
  impl->seen_any = TRUE;
  impl->last = event->time;
  return TRUE;
}

static CairnTime
midnight_at_or_before (CairnTime t)
{
  CairnTime day = t / CAIRN_USEC_PER_DAY;
  if (t < 0 && t % CAIRN_USEC_PER_DAY != 0)
    day--;
  return day * CAIRN_USEC_PER_DAY;
}

/* T6: the window not given runs from the midnight at or before the first
 * event taken to the midnight after the last (with none, it is empty). */
static void
window_from_events (CairnInput *input,
                    gboolean    any,
                    CairnTime   first,
                    CairnTime   last)
{
  if (!input->has_start)
    {
      input->start = any ? midnight_at_or_before (first) : 0;
      input->has_start = TRUE;
    }
  if (!input->has_end)
    {
      input->end = any ? midnight_at_or_before (last) + CAIRN_USEC_PER_DAY : input->start;
      input->has_end = TRUE;
    }
}

static void
replay_finish (CairnInput *input)
{
  ReplayImpl *impl = input->impl;

  /* The engine takes no more: the index of users is the input's again. */
  impl->done = TRUE;
  reader_stop (input);
  window_from_events (input, impl->seen_any, impl->first, impl->last);
}

static void
replay_free_impl (CairnInput *input)
{
  ReplayImpl *impl = input->impl;

  if (impl == NULL)
    return;
  reader_stop (input);
  g_clear_pointer (&impl->full, g_async_queue_unref);
  g_clear_pointer (&impl->empty, g_async_queue_unref);
  for (guint i = 0; impl->batches != NULL && i < impl->n_batches; i++)
    batch_clear (&impl->batches[i]);
  g_free (impl->batches);
  g_free (impl->parts);
  g_mutex_clear (&impl->parts_lock);
  g_mutex_clear (&impl->order_lock);
  g_free (impl->waiting);
  id_index_free (impl->ids);
  if (impl->reader.file)
    fclose (impl->reader.file);
  g_free (impl->reader.buffer);
  g_free (impl);
}

/* Parts: a replay split over engines on threads of their own
 * (cairn_input_replay_split), for the users whose id hashes to k modulo n.
 * The reader (or the scanners) fills batches as it does for one engine,
 * but for the users, and hands each to every part, in order. A part finds
 * its users' indexes in its own input, whose users are numbered in the
 * order the whole input's would be (profiles, then the log's in order of appearance, T7); it runs
 * their events and passes over the others', which it still reads for the
 * window: the first and last times, and the end, where every part stops
 * at the same event. A batch goes back to the reader when the last part is
 * done with it. When all are done, the users the parts added join the
 * input's in the order one engine would have added them. */

/* Hands @batch to the parts still taking events. */
static void
parts_hand (ReplayImpl *impl,
            Batch      *batch)
{
  guint live = 0;

  g_mutex_lock (&impl->parts_lock);
  for (guint k = 0; k < impl->n_parts; k++)
    live += !impl->parts[k]->dropped;
  batch->refs = live;
  for (guint k = 0; k < impl->n_parts; k++)
    if (!impl->parts[k]->dropped)
      g_async_queue_push (impl->parts[k]->full, batch);
  g_mutex_unlock (&impl->parts_lock);
  if (live == 0)
    {
      batch->refs = 1;
      batch_release (impl, batch);
    }
}

/* A part is done with @batch: the last one gives it back, with what no
 * part took out of it. */
static void
batch_release (ReplayImpl *impl,
               Batch      *batch)
{
  if (g_atomic_int_dec_and_test (&batch->refs))
    batch_recycle (impl, batch);
}

/* The indexes of the part's users in @batch, each added on its first
 * event. */
static void
part_find_users (CairnInput *part,
                 Batch      *batch)
{
  PartImpl *p = part->impl;

  p->at = 0;
  if (batch->n > p->cap)
    {
      p->cap = MAX (batch->n, BATCH_EVENTS);
      p->index = g_renew (guint, p->index, p->cap);
    }
  /* Listed by whoever read the batch */
  g_assert (batch->n_parts == p->n);
  p->own = batch->own[p->k];
  p->n_own = batch->n_own[p->k];
  /* Sorted by time: the first past the end, if any, by halves. */
  p->stop = batch->n;
  if (part->has_end && batch->n > 0 && batch->events[batch->n - 1].time > part->end)
    {
      guint lo = 0, hi = batch->n - 1;

      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (batch->events[mid].time > part->end)
            hi = mid;
          else
            lo = mid + 1;
        }
      p->stop = lo;
    }
  /* Each user's slot is asked of memory LOOKUP_LAG users ahead. */
  for (guint o = 0; o < MIN (p->n_own, LOOKUP_LAG); o++)
    __builtin_prefetch (&p->ids->slots[batch->user_hash[p->own[o]] & p->ids->mask]);
  for (guint o = 0; o < p->n_own; o++)
    {
      guint i = p->own[o];
      PartAdded added = { batch->first_seq + i, NULL };

      if (o + LOOKUP_LAG < p->n_own)
        __builtin_prefetch (&p->ids->slots[batch->user_hash[p->own[o + LOOKUP_LAG]] & p->ids->mask]);
      /* Numbered in the input's when it joins it (cairn_input_replay_join). */
      p->index[i] = id_index_find_or_add (p->ids, batch->text->str + batch->user_at[i], batch->user_len[i],
                                          batch->user_hash[i], part->users->len, G_MAXUINT, &added.user);
      if (added.user != NULL)
        {
          g_ptr_array_add (part->users, added.user);
          g_array_append_val (p->added, added);
        }
    }
}

static gboolean
part_next_event (CairnInput       *part,
                 CairnInputEvent  *event,
                 GError          **error)
{
  PartImpl *p = part->impl;
  ReplayImpl *impl = p->whole->impl;

  if (p->done)
    return FALSE;
  for (;;)
    {
      Batch *batch = p->current;
      CairnInputEvent *e;
      guint i;

      if (batch == NULL || p->next == batch->n)
        {
          if (batch != NULL && (batch->error != NULL || batch->end))
            {
              if (batch->error != NULL)
                g_propagate_error (error, g_error_copy (batch->error));
              p->done = TRUE;
              return FALSE;
            }
          if (batch != NULL)
            batch_release (impl, batch);
          p->current = g_async_queue_pop (p->full);
          p->next = 0;
          part_find_users (part, p->current);
          continue;
        }
      if (!p->seen_any)
        {
          p->first = batch->events[p->next].time;
          p->seen_any = TRUE;
          /* The window starts on the log's first day, whoever's event
             that is (run_loop would take this part's first). */
          if (!part->has_start)
            {
              part->start = midnight_at_or_before (p->first);
              part->has_start = TRUE;
            }
        }
      /* The next event it stops at: its own next, or the first past the
         end, where the run stops as it would with one engine; it passes
         over the others'. */
      i = MIN (p->at < p->n_own ? p->own[p->at] : batch->n, p->stop);
      if (i == batch->n)
        {
          p->taken += batch->n - p->next;
          p->next = batch->n;
          p->last = batch->events[batch->n - 1].time;
          continue;
        }
      p->taken += i + 1 - p->next;
      p->next = i + 1;
      e = &batch->events[i];
      p->last = e->time;
      if (p->at < p->n_own && p->own[p->at] == i)
        {
          /* The params are this part's alone. */
          p->at++;
          *event = *e;
          event->user = p->index[i];
          if (p->at + INPUT_AHEAD < p->n_own)
            {
              part->ahead = p->index[p->own[p->at + INPUT_AHEAD]] + 1;
              part->ahead_name = batch->events[p->own[p->at + INPUT_AHEAD]].name;
            }
          else
            part->ahead = 0;
          /* The event after that, which a scanner wrote on another core */
          if (p->at + 2 * INPUT_AHEAD < p->n_own)
            __builtin_prefetch (&batch->events[p->own[p->at + 2 * INPUT_AHEAD]]);
          e->params = NULL;
          return TRUE;
        }
      /* Another part's event past the end: without its params. */
      part->ahead = 0;
      memset (event, 0, sizeof *event);
      event->time = e->time;
      event->user = G_MAXUINT;
      event->name = e->name;
      event->platform = e->platform;
      return TRUE;
    }
}

static void
part_finish (CairnInput *part)
{
  PartImpl *p = part->impl;

  p->done = TRUE;
  window_from_events (part, p->seen_any, p->first, p->last);
}

static void
part_free_impl (CairnInput *part)
{
  PartImpl *p = part->impl;

  if (p == NULL)
    return;
  g_async_queue_unref (p->full);
  id_index_free (p->ids);
  g_free (p->index);
  /* Users the input did not take (a run that failed) */
  for (guint i = 0; p->added != NULL && i < p->added->len; i++)
    g_clear_pointer (&g_array_index (p->added, PartAdded, i).user, scenario_user_free);
  g_clear_pointer (&p->added, g_array_unref);
  g_free (p);
}

gboolean
cairn_input_replay_can_split (CairnInput *input)
{
  return input->next_event == replay_next_event && !((ReplayImpl *) input->impl)->started;
}

/* A part's profiles: objects shared by users of one part only (json-glib
 * counts references to an object without atomics), so each part but the
 * first takes copies, one for each object. */
static void
part_own_objects (CairnUser  *user,
                  GHashTable *copies)
{
  JsonObject **fields[] = { &user->attributes, &user->reachability, &user->affinity, &user->behavior };

  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      JsonObject *copy;

      if (*fields[f] == NULL)
        continue;
      copy = g_hash_table_lookup (copies, *fields[f]);
      if (copy == NULL)
        {
          copy = cairn_json_object_deep_copy (*fields[f]);
          g_hash_table_insert (copies, json_object_ref (*fields[f]), copy);
        }
      json_object_unref (*fields[f]);
      *fields[f] = json_object_ref (copy);
    }
}

CairnInput **
cairn_input_replay_split (CairnInput  *input,
                          guint        n,
                          GError     **error)
{
  ReplayImpl *impl = input->impl;
  CairnInput **parts;

  g_return_val_if_fail (cairn_input_replay_can_split (input) && n > 0 && n <= MAX_PARTS, NULL);
  if (!replay_begin (input, error))
    return NULL;
  parts = g_new0 (CairnInput *, n);
  impl->parts = g_new0 (PartImpl *, n);
  for (guint k = 0; k < n; k++)
    {
      CairnInput *part = parts[k] = cairn_input_new ();
      PartImpl *p = impl->parts[k] = g_new0 (PartImpl, 1);

      /* Its users, not its to free (those it adds are, until the input
         takes them). */
      g_ptr_array_unref (part->users);
      part->users = g_ptr_array_new ();
      part->filename = g_strdup (input->filename);
      part->seed = input->seed;
      part->catalog = input->catalog ? cairn_catalog_ref (input->catalog) : NULL;
      part->has_start = input->has_start;
      part->start = input->start;
      part->has_end = input->has_end;
      part->end = input->end;
      part->next_event = part_next_event;
      part->finish = part_finish;
      part->free_impl = part_free_impl;
      part->impl = p;
      p->whole = input;
      p->k = k;
      p->n = n;
      p->full = g_async_queue_new ();
      p->ids = id_index_new ();
      p->added = g_array_new (FALSE, FALSE, sizeof (PartAdded));
    }
  /* Reading starts while the parts' users are indexed: the reader or the
     scanners only queue batches for the parts. */
  impl->n_parts = n;
  reader_start (input, scanners_for (impl, n));
  {
    g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);

    for (guint k = 0; k < n; k++)
      g_ptr_array_add (copies, g_hash_table_new_full (NULL, NULL, (GDestroyNotify) json_object_unref,
                                                      (GDestroyNotify) json_object_unref));
    for (guint i = 0; i < input->users->len; i++)
      {
        CairnUser *user = input->users->pdata[i];
        gsize length = strlen (user->id);
        guint32 hash = cairn_replay_hash (user->id, length);
        CairnInput *part = parts[hash % n];

        id_index_put (((PartImpl *) part->impl)->ids, user->id, length, hash, part->users->len);
        g_ptr_array_add (part->users, user);
        if (hash % n > 0)
          part_own_objects (user, copies->pdata[hash % n]);
      }
  }
  return parts;
}

void
cairn_input_replay_part_done (CairnInput *part)
{
  PartImpl *p = part->impl;
  ReplayImpl *impl = p->whole->impl;
  Batch *batch;

  /* From here on the reader hands it nothing: what it holds goes back. */
  g_mutex_lock (&impl->parts_lock);
  p->dropped = TRUE;
  g_mutex_unlock (&impl->parts_lock);
  p->done = TRUE;
  if (p->current != NULL)
    batch_release (impl, g_steal_pointer (&p->current));
  while ((batch = g_async_queue_try_pop (p->full)) != NULL)
    batch_release (impl, batch);
}

void
cairn_input_replay_join (CairnInput  *input,
                         CairnInput **parts)
{
  ReplayImpl *impl = input->impl;
  guint64 taken = 0;
  guint n = impl->n_parts, *at = g_newa (guint, n);

  reader_stop (input);
  /* The users the parts added, in the order of the events that added
     them, up to the last event taken (every part takes the same unless
     the run failed): those of events read ahead go, as with one engine. */
  for (guint k = 0; k < n; k++)
    {
      taken = MAX (taken, ((PartImpl *) parts[k]->impl)->taken);
      at[k] = 0;
    }
  for (;;)
    {
      PartAdded *next = NULL;
      PartImpl *from = NULL;

      for (guint k = 0; k < n; k++)
        {
          PartImpl *p = parts[k]->impl;
          PartAdded *a = at[k] < p->added->len ? &g_array_index (p->added, PartAdded, at[k]) : NULL;

          if (a != NULL && a->seq < taken && (next == NULL || a->seq < next->seq))
            next = a, from = p;
        }
      if (next == NULL)
        break;
      next->user->index = input->users->len;
      g_ptr_array_add (input->users, g_steal_pointer (&next->user));
      at[from->k]++;
    }
  /* Built again from the input's when needed. */
  g_clear_pointer (&impl->ids, id_index_free);
  impl->next_index = input->users->len;
  impl->done = TRUE;
  input->has_start = parts[0]->has_start;
  input->start = parts[0]->start;
  input->has_end = parts[0]->has_end;
  input->end = parts[0]->end;
  impl->n_parts = 0;
  g_clear_pointer (&impl->parts, g_free);
}

/* The objects of profiles, by their text: users of a large file share a
 * few reachabilities and often their attributes, and an object is never
 * changed once read (the engine copies attributes before it sets one), so
 * one object serves all users with the same text. Bounded: past
 * PROFILE_CACHE_MAX texts, new ones are parsed each time. */
#define PROFILE_CACHE_MAX 65536

static JsonObject *
profile_object (GHashTable  *cache,
                char        *text,       /* its line's: ended by a NUL while looked up */
                gsize        length,
                const char  *path)
{
  char after = text[length];
  JsonObject *object;
  g_autoptr(JsonNode) root = NULL;

  text[length] = '\0';
  object = g_hash_table_lookup (cache, text);
  text[length] = after;
  if (object != NULL)
    return json_object_ref (object);
  /* Checked by the scan: an object of scalars that the parser takes. */
  root = cairn_json_parse (text, length, path, NULL, NULL);
  g_return_val_if_fail (root != NULL && JSON_NODE_HOLDS_OBJECT (root), NULL);
  object = json_node_get_object (root);
  if (g_hash_table_size (cache) < PROFILE_CACHE_MAX)
    g_hash_table_insert (cache, g_strndup (text, length), json_object_ref (object));
  return json_object_ref (object);
}

/* Profiles are read on up to MAX_PROFILE_THREADS threads, each over
 * whole lines of its own part of the file: a line of the usual shape
 * becomes a user there, any other is kept for the full parser. This
 * thread then takes them in the file's order, so that the users, their
 * order, a repeated id and the first error are the same for any number
 * of threads. */
#define MAX_PROFILE_THREADS 4
#define PROFILE_THREAD_MIN  (1 << 20)   /* bytes a thread, at least */

static gsize profile_part_size;

void
cairn_replay_set_profile_part_size (gsize size)
{
  profile_part_size = size;
}

typedef struct
{
  CairnUser  *user;          /* made from a line of the usual shape, or NULL */
  char       *line;          /* else the line, for the full parser */
  gsize       length;
  guint       line_number;   /* in its part, from 0 */
} ProfileLine;

typedef struct
{
  char        *start, *end;  /* whole lines */
  const char  *path;
  GArray      *lines;        /* ProfileLine */
  guint        n_lines;      /* lines in the part, blank ones too */
  GHashTable  *cache;        /* the part's objects by their text */
} ProfilePart;

/* The object @user has for cairn_replay_profile_objects[@k]. */
static JsonObject **
profile_field (CairnUser *user,
               guint      k)
{
  JsonObject **fields[CAIRN_N_PROFILE_OBJECTS] = { &user->attributes, &user->reachability,
                                                   &user->affinity, &user->behavior };

  return fields[k];
}

/* @object in @user's field @k (taking the reference), in place of the one
 * it had, when not NULL. */
static void
profile_field_set (CairnUser  *user,
                   guint       k,
                   JsonObject *object)
{
  JsonObject **field = profile_field (user, k);

  if (object == NULL)
    return;
  g_clear_pointer (field, json_object_unref);
  *field = object;
}

static gpointer
profile_part_scan (gpointer data)
{
  ProfilePart *part = data;
  const char *texts[CAIRN_N_PROFILE_OBJECTS];
  gsize lengths[CAIRN_N_PROFILE_OBJECTS];
  guint line_number = 0;

  for (char *at = part->start; at < part->end; line_number++)
    {
      char *line = at, *newline = memchr (line, '\n', part->end - at);
      gsize line_length = newline ? (gsize) (newline - line) : (gsize) (part->end - at);
      ProfileLine kept = { NULL, line, line_length, line_number };
      const char *id;

      at += line_length + 1;
      if (line_length <= MAX_LINE)
        {
          line[line_length] = '\0';
          /* Blank lines are skipped; JSON's white space only, so that a
             NUL byte, or anything else, is never taken for the end of a
             line. */
          if (line_length == strspn (line, " \t\r") && memchr (line, '\0', line_length) == NULL)
            continue;
          if (cairn_replay_scan_profile (line, line_length, &id, texts, lengths))
            {
              kept.user = scenario_user_new (g_strdup (id), CAIRN_USER_PROFILE, 0);
              kept.line = NULL;
              for (guint k = 0; k < CAIRN_N_PROFILE_OBJECTS; k++)
                if (texts[k] != NULL)
                  *profile_field (kept.user, k) = profile_object (part->cache, (char *) texts[k], lengths[k],
                                                                  part->path); /* in the file's text */
            }
        }
      g_array_append_val (part->lines, kept);
    }
  part->n_lines = line_number;
  return NULL;
}

/* The user of @id: the one made before, or @made, which is then the
 * input's. Returns the user, and FALSE in @is_new when @made was not
 * taken. */
static CairnUser *
profile_user (CairnInput *input,
              const char *id,
              CairnUser  *made,
              gboolean   *is_new)
{
  gint64 index = cairn_input_lookup_user (input, id);

  *is_new = index < 0;
  if (index >= 0)
    return cairn_input_get_user (input, index);
  if (made == NULL)
    return cairn_input_get_user (input, cairn_input_add_user (input, id, CAIRN_USER_PROFILE));
  made->index = input->users->len;
  g_ptr_array_add (input->users, made);
  return made;
}

/* A line the scan left to the full parser, as line @line_number. */
static gboolean
profile_line_parse (CairnInput  *input,
                    const char  *path,
                    char        *line,
                    gsize        line_length,
                    guint        line_number,
                    GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *too_long = NULL;
  JsonObject *object;
  const char *id;
  CairnUser *user;
  gboolean is_new;

  if (line_length > MAX_LINE)
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_PARSE, "%s:%u: %s", path, line_number,
                   too_long = g_strdup_printf (_("the line is longer than %d MiB"), MAX_LINE >> 20));
      return FALSE;
    }
  root = cairn_json_parse (line, line_length, path, NULL, &local);
  if (root == NULL)
    return relocate_parse_error (path, line_number, local, error);
  if (!JSON_NODE_HOLDS_OBJECT (root)
      || (id = cairn_json_get_string (json_node_get_object (root), "id")) == NULL)
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_PARSE, "%s:%u: %s", path, line_number,
                   _("a profile is an object with an \"id\""));
      return FALSE;
    }
  object = json_node_get_object (root);
  user = profile_user (input, id, NULL, &is_new);
  for (guint k = 0; k < CAIRN_N_PROFILE_OBJECTS; k++)
    {
      JsonObject *value = cairn_json_get_object (object, cairn_replay_profile_objects[k]);

      profile_field_set (user, k, value ? json_object_ref (value) : NULL);
    }
  return TRUE;
}

/* A user made by a part's scan: the input's, or what it says of the user
 * of the same id made before. */
static void
profile_take (CairnInput *input,
              CairnUser  *made)
{
  gboolean is_new;
  CairnUser *user = profile_user (input, made->id, made, &is_new);

  if (is_new)
    return;
  for (guint k = 0; k < CAIRN_N_PROFILE_OBJECTS; k++)
    profile_field_set (user, k, g_steal_pointer (profile_field (made, k)));
  scenario_user_free (made);
}

static gboolean
load_profiles (CairnInput  *input,
               const char  *path,
               guint        threads,
               GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree ProfilePart *parts = NULL;
  g_autofree GThread **workers = NULL;
  gsize length;
  guint n, line_number = 1;
  gboolean ok = TRUE;

  contents = cairn_file_read (path, CAIRN_REPLAY_MAX_FILE_SIZE, &length, error);
  if (contents == NULL)
    return FALSE;
  n = CLAMP (MIN (threads, length / (profile_part_size > 0 ? profile_part_size : PROFILE_THREAD_MIN)), 1, MAX_PROFILE_THREADS);
  parts = g_new0 (ProfilePart, n);
  workers = g_new0 (GThread *, n);
  for (guint k = 0; k < n; k++)
    {
      char *start = k == 0 ? contents : parts[k - 1].end;
      char *end = contents + (k + 1) * length / n, *newline;

      /* Each ends after a newline (or is empty), the last at the end */
      if (k + 1 == n)
        end = contents + length;
      else if (end <= start)
        end = start;
      else
        end = (newline = memchr (end - 1, '\n', contents + length - (end - 1))) ? newline + 1 : contents + length;
      parts[k].start = start;
      parts[k].end = end;
      parts[k].path = path;
      parts[k].lines = g_array_new (FALSE, FALSE, sizeof (ProfileLine));
      parts[k].cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
    }
  for (guint k = 1; k < n; k++)
    workers[k] = g_thread_new ("cairn-profiles", profile_part_scan, &parts[k]);
  profile_part_scan (&parts[0]);
  for (guint k = 1; k < n; k++)
    g_thread_join (workers[k]);

  for (guint k = 0; k < n; k++)
    {
      for (guint i = 0; i < parts[k].lines->len; i++)
        {
          ProfileLine *kept = &g_array_index (parts[k].lines, ProfileLine, i);

          if (!ok)
            g_clear_pointer (&kept->user, scenario_user_free);
          else if (kept->user != NULL)
            profile_take (input, g_steal_pointer (&kept->user));
          else
            ok = profile_line_parse (input, path, kept->line, kept->length, line_number + kept->line_number, error);
        }
      line_number += parts[k].n_lines;
      g_array_unref (parts[k].lines);
      g_hash_table_unref (parts[k].cache);
    }
  return ok;
}

CairnInput *
cairn_input_new_replay (const char  *events_path,
                        const char  *profiles_path,
                        gint64       seed_override,
                        GError     **error)
{
  return cairn_input_new_replay_full (events_path, profiles_path, seed_override, 1, error);
}

CairnInput *
cairn_input_new_replay_full (const char  *events_path,
                             const char  *profiles_path,
                             gint64       seed_override,
                             guint        threads,
                             GError     **error)
{
  g_autoptr(CairnInput) input = cairn_input_new ();
  ReplayImpl *impl;
  FILE *file;

  if (g_file_test (events_path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_IO, _("%s: is a directory, not a file"), events_path);
      return NULL;
    }
  file = fopen (events_path, "re");
  if (file == NULL)
    {
      int saved = errno;
      g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_IO, "%s: %s", events_path, g_strerror (saved));
      return NULL;
    }
  input->filename = g_strdup (events_path);
  input->seed = seed_override >= 0 ? (guint64) seed_override : 0;
  impl = g_new0 (ReplayImpl, 1);
  g_mutex_init (&impl->parts_lock);
  g_mutex_init (&impl->order_lock);
  impl->reader.file = file;
  impl->reader.range_end = G_MAXUINT64;
  impl->reader.check_window = TRUE;
  input->impl = impl;
  input->next_event = replay_next_event;
  input->finish = replay_finish;
  input->free_impl = replay_free_impl;

  if (profiles_path != NULL && !load_profiles (input, profiles_path, threads ? threads : g_get_num_processors (), error))
    return NULL;
  return g_steal_pointer (&input);
}
