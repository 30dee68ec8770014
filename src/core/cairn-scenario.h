/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "cairn-catalog.h"
#include "cairn-time.h"

G_BEGIN_DECLS

/* Limits of a run's input (README "Limits"): past them a scenario, or the
 * window of a run, is refused with an error instead of exhausting memory
 * or time. */
#define CAIRN_MAX_GENERATED_USERS  100000000      /* generate.count */
#define CAIRN_MAX_GENERATED_EVENTS 1000000000.0   /* expected events of a generated population */
#define CAIRN_MAX_RATE_PER_DAY     1000000.0      /* an event spec's rate_per_day */
#define CAIRN_MAX_WINDOW_DAYS      36525          /* 100 years: end - start of a run */

/* What a simulation runs on (DESIGN §6): a scenario (scripted users,
 * generated population, inline or file catalog) or a replayed event log
 * with optional profiles. Both become a CairnInput: the users known from
 * the start (T7), the after_message specs, and a stream of input events in
 * input order, stably sorted by time (T4). */

typedef enum
{
  CAIRN_USER_SCRIPTED,
  CAIRN_USER_GENERATED,
  CAIRN_USER_PROFILE,
  CAIRN_USER_SEEN,         /* first seen in a replayed event */
} CairnUserOrigin;

typedef struct
{
  char            *id;
  CairnUserOrigin  origin;
  JsonObject      *attributes;    /* each may be NULL */
  JsonObject      *reachability;
  JsonObject      *affinity;
  JsonObject      *behavior;
  JsonObject      *expect;        /* scripted users only */
  guint            index;         /* in CairnInput.users */
} CairnUser;

typedef struct
{
  CairnTime    time;
  guint        user;       /* index in CairnInput.users */
  const char  *name;       /* interned */
  const char  *platform;   /* interned, or NULL */
  JsonObject  *params;     /* a reference the event owns, or NULL */
  const char  *params_text;/* a replayed event's params, checked but not
                              parsed yet (cairn_input_parse_params), or NULL;
                              the input's until it is asked for the next event */
} CairnInputEvent;

/* How far ahead CairnInput.ahead looks. */
#define INPUT_AHEAD 8

/* CairnInput.ahead when @events[@next] of @n is the event handed: 1 + the
 * user of the event INPUT_AHEAD further on, with its name in @name, or 0. */
static inline guint
cairn_input_events_ahead (const CairnInputEvent  *events,
                          gsize                   next,
                          gsize                   n,
                          const char            **name)
{
  if (next + INPUT_AHEAD >= n)
    return 0;
  *name = events[next + INPUT_AHEAD].name;
  return events[next + INPUT_AHEAD].user + 1;
}

void        cairn_input_event_clear  (CairnInputEvent *event);
/* The most members a params_text has (and the replay reads as text). */
#define CAIRN_PARAMS_TEXT_MAX 16
/* The object of a params_text; it was checked when the line was read. */
JsonObject *cairn_input_parse_params (const char      *text);
/* One member of a params_text as it is written: its kind ('s' string, 'n'
 * number, 't' true, 'f' false, 'z' null) and its characters (a string's
 * without the quotes, never escaped); FALSE when it has no member @name. */
gboolean    cairn_input_params_raw    (const char     *text,
                                       const char     *name,
                                       gsize           name_len,
                                       char           *kind,
                                       const char    **value,
                                       gsize          *length);
/* One member of a params_text, without building the object: a new node, or
 * NULL when it has no member @name. */
JsonNode   *cairn_input_params_member (const char     *text,
                                       const char     *name);

typedef struct
{
  guint          user;
  const char    *node;      /* interned message node id */
  CairnDuration  delay;
  const char    *name;      /* interned */
  const char    *platform;  /* interned, or NULL */
  JsonObject    *params;    /* the spec's params (G3 merges node/channel) */
} CairnAfterMessage;

typedef struct _CairnInput CairnInput;

struct _CairnInput
{
  char          *name;          /* scenario name; NULL for a replay */
  char          *filename;      /* scenario or log file */
  guint64        seed;          /* R7: 0 unless given */
  gboolean       has_start, has_end;
  CairnTime      start, end;    /* for a replay without --start/--end, set
                                   from the events (T6) once known */
  CairnCatalog  *catalog;       /* may be NULL */
  GPtrArray     *users;         /* CairnUser*, known order (T7) */
  GHashTable    *user_index;    /* id → GUINT_TO_POINTER (index + 1), of users[0 .. n_indexed) */
  guint          n_indexed;
  GArray        *after_messages;/* CairnAfterMessage */
  guint          n_scripted;    /* users[0 .. n_scripted) are scripted */
  /* Shards of users that share no objects with other shards: shard k has
     users [shard_ends[k - 1], shard_ends[k]) (shard 0 from 0). 0 shards
     when the input is not split. */
  guint          n_shards;
  guint         *shard_ends;
  /* A replay reads its log in the engine's thread rather than ahead in a
     thread of its own (--threads 1). */
  gboolean       sequential;

  /* Input events, pulled in order. Returns FALSE at the end (with @error
   * unset) or on a bad log line (error "FILE:LINE: ...", exit 2). A
   * replayed event of a user not in @users appends a CAIRN_USER_SEEN user
   * first (the engine decides when it becomes known, T7). */
  gboolean     (*next_event)    (CairnInput       *input,
                                 CairnInputEvent  *event,
                                 GError          **error);
  /* Set by next_event with each event: 1 + the user of the event
     INPUT_AHEAD further on, and its name, or 0. The engine asks memory
     for that user's state while it runs this one. Not in the event: a
     scenario keeps its events, and they would be larger. */
  guint          ahead;
  const char    *ahead_name;
  /* For a replay with no explicit window: called after the last event was
   * pulled, sets start/end by T6. May be NULL. */
  void         (*finish)        (CairnInput       *input);
  void         (*free_impl)     (CairnInput       *input);
  gpointer       impl;
};

/* Loads and validates a scenario file; catalog paths are relative to it.
 * A scenario error is CAIRN_ERROR_INVALID ("FILE:LINE:COL: message"), a
 * JSON or I/O error CAIRN_ERROR_PARSE/IO. @seed_override < 0: use the
 * file's seed. Generated users and events are expanded here (R, R4–R8). */
CairnInput  *cairn_input_new_scenario   (const char    *path,
                                         gint64         seed_override,
                                         GError       **error);
/* The same, making a large generated population on @threads threads (0:
 * one per core); the result does not depend on @threads. */
CairnInput  *cairn_input_new_scenario_full (const char *path,
                                            gint64      seed_override,
                                            guint       threads,
                                            GError    **error);
/* The same from the scenario's text, as it would be read from @path: the
 * name in messages, and the folder a relative catalog path is read from.
 * The file itself is not read (the designer runs unsaved personas so). */
CairnInput  *cairn_input_new_scenario_data (const char *data,
                                            gsize       length,
                                            const char *path,
                                            gint64      seed_override,
                                            guint       threads,
                                            GError    **error);
/* Streams a JSON Lines event log (never all in memory) with optional JSON
 * Lines profiles. */
CairnInput  *cairn_input_new_replay     (const char    *events_path,
                                         const char    *profiles_path,
                                         gint64         seed_override,
                                         GError       **error);
/* The same, reading a large profiles file on up to @threads threads (0:
 * one per core); the result does not depend on @threads. */
CairnInput  *cairn_input_new_replay_full (const char  *events_path,
                                          const char  *profiles_path,
                                          gint64       seed_override,
                                          guint        threads,
                                          GError     **error);
/* A scenario's events in time order, read in place, or NULL for a replay. */
const CairnInputEvent *cairn_input_get_events (CairnInput *input,
                                              guint      *n_events);
/* Whether cairn_input_get_events () has them: a scenario's. */
gboolean     cairn_input_events_in_place (CairnInput *input);
/* The events of shards @first .. @end - 1 alone (n_shards), in time
 * order, read in place; NULL when they are not apart (then
 * cairn_input_get_events () has them). */
const CairnInputEvent *cairn_input_get_shard_events (CairnInput *input,
                                                    guint       first,
                                                    guint       end,
                                                    guint      *n_events);
/* An empty input with no events, for front ends that build their own. */
CairnInput  *cairn_input_new            (void);
void         cairn_input_free           (CairnInput    *input);
/* Adds a user (known-order position at the end) and returns its index. */
guint        cairn_input_add_user       (CairnInput    *input,
                                         const char    *id,
                                         CairnUserOrigin origin);
CairnUser   *cairn_input_get_user       (CairnInput    *input,
                                         guint          index);
/* -1 when unknown. */
gint64       cairn_input_lookup_user    (CairnInput    *input,
                                         const char    *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnInput, cairn_input_free)

G_END_DECLS
