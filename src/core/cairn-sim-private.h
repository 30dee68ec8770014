/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cairn-catalog.h"
#include "cairn-journey.h"
#include "cairn-portfolio.h"
#include "cairn-scenario.h"
#include "cairn-sim.h"
#include "cairn-template.h"

G_BEGIN_DECLS

/* The engine's state, shared by the scheduler (cairn-sim.c) and the report
 * writer (cairn-sim-report.c). */

enum { REASON_COMPLETED, REASON_EXIT_NODE, REASON_EXIT_CRITERIA, REASON_GOAL, REASON_ERROR, N_REASONS };
enum { WAIT_NONE, WAIT_TIMER, WAIT_EVENT, WAIT_QUIET };
enum { METRIC_OPEN, METRIC_CLICK, METRIC_GOAL };

typedef struct
{
  const char          *id;
  const CairnNodeKind *kind;
  const CairnNodeKindOps *ops;         /* kind->ops, or NULL */
  JsonObject          *config;
  guint                n_ports;
  char               **ports;          /* ids */
  int                 *targets;        /* node index, or -1 */
  guint64             *port_counts;
  guint64              entered;
  guint64              waiting_at_end;
  int                  failed_port;    /* message nodes: "failed" when connected, else "out" */

  /* Parsed config */
  CairnDuration        duration;       /* wait.duration, wait.until_event timeout, interaction within (-1: none) */
  int                  minutes;        /* wait.until_time */
  guint                days_mask;
  const char          *event;          /* interned: wait.until_event, starter.event */
  JsonNode            *where;
  CairnPredicateLeaf  *where_leaf;     /* @where read from params text, or NULL */
  JsonNode            *segment;        /* starter.event */
  JsonArray           *platforms;      /* starter.event */
  int                  channel;        /* message nodes */
  int                  message_node;   /* condition.interaction */
  int                  interaction;    /* 0 delivered, 1 opened, 2 clicked */
  double              *weights;        /* split.ab */
  int                  metric;
  guint                min_entries;
  CairnDuration        evaluate_after;
  gboolean             autowinner;
  int                  winner;
  CairnTime            decided_at;
  gboolean             imposed;        /* --partition: the decision is the coordinator's */
  int                  imposed_winner; /* -1: none yet */
  CairnTime            imposed_at;
  guint64             *variant_entered;
  gboolean            *reach;          /* split.ab with autowinner: per variant, nodes reachable
                                          from its port (n_ports × n_nodes) */
  struct _CairnTemplate *templates[6]; /* message fields, parsed on first use */
  JsonObject          *engage_params;  /* {"node", "channel"} of its engagement events */
  const char          *draw_id;        /* the node part of its draw keys (§12 R, PF5) */
  char                *draw_id_owned;  /* in a portfolio: "<journey id>:<node id>" */
} SimNode;

typedef struct
{
  double        *partials;
  guint          n, capacity;
} SimSum;

void   sim_sum_add   (SimSum       *sum,
                      double        x);
void   sim_sum_merge (SimSum       *into,
                      SimSum       *from);
double sim_sum_value (const SimSum *sum);

typedef struct
{
  const char    *id;
  const char    *event;
  JsonNode      *where;
  CairnPredicateLeaf *where_leaf;
  CairnDuration  window;
  const char    *value_param;
  gboolean       exit;
  guint64        reached;
  SimSum         value;        /* exact: the same whatever the order of users, threads or partitions */
} SimGoal;

typedef struct
{
  int            node;
  int            channel;
  CairnTime      time;
  guint          entry;
  CairnTime      delivered, opened, clicked;   /* -1 until they happen */
} SimSend;

typedef struct
{
  CairnTime      time;
  JsonObject    *params;       /* the entry event's params (a reference), or NULL */
  const char    *params_text;  /* or a replayed event's, still text (params NULL) */
  GArray        *path;         /* int node indices; only of the people listed */
  CairnTime      left;         /* when it ended (portfolio overlap, PF12) */
  int            reason;       /* -1 while active */
  guint32        params_size;  /* the room params_text has (sim_enter) */
  CairnTime      goal_times[]; /* per goal, -1 until reached */
} SimEntry;

/* What only some users need, made on first use (sim_user_more ()). */
typedef struct
{
  GArray        *history;      /* CairnEventRec, params referenced; NULL unless keep_history */
  GPtrArray     *purchased;    /* ids of catalog products bought (the catalog's strings),
                                  when exclude_purchased is used */
  guint         *arrivals;     /* per node, made on first use */
  guint         *engaged;      /* delivered then clicked, CAIRN_N_CHANNELS each, made on first use */
  gboolean      *goals_any;
  GString       *messages;     /* report JSON of the messages, comma separated (record only) */
  GString       *timeline;     /* report JSON of the timeline, comma separated (record only) */
  guint          history_kept; /* its length after the last pruning */
  GArray        *cap_log;      /* a portfolio's sends to U on the capped channels (CairnTime), PF4 */
} SimUserMore;

/* Engine state per user: most of a large population is in this alone,
 * with one entry and a timer. */
typedef struct _SimUser SimUser;

struct _SimUser
{
  CairnUser     *profile;
  /* What a portfolio's journeys share about U (PF2): attributes, history,
     purchases, engagement counts and the portfolio's sends live in the
     first journey's user; @base points there (to itself in a single run). */
  SimUser       *base;
  JsonObject    *attributes;   /* may be NULL; shared with the profile until changed */
  SimUserMore   *more;         /* or NULL: read through SIM_MORE () */
  SimEntry     **older;        /* the entries before current, oldest first; NULL
                                  when only the last is kept (sim_enter) */
  SimEntry      *current;      /* the last entry, or NULL */
  SimSend      **sends;        /* n_sends of them, oldest first (sim_user_add_send) */
  guint64        wait_counter;
  CairnTime      step_instant;
  guint          n_entries;    /* current and the older ones */
  guint          n_sends;
  int            node;
  guint          generation;
  guint          steps;
  gint8          wait;
  guint8         reach;        /* a bit per channel index, once reach_known (sim_reachable_on) */
  guint          reach_known : 1;
  guint          attributes_owned : 1;
  guint          record : 1;   /* listed in the report's people: keeps messages and timeline */
  guint          active : 1;
};

typedef struct
{
  guint          user;
  guint          entry;
  int            variant;
  gint8          cause;        /* --partition: what ran when it arrived (CAUSE_*) */
  CairnTime      take;
  guint          first_send;   /* the user's sends before it: later ones are its (N8) */
  gint64         cause_seq;    /* an input event's sequence */
} SimSplitEntry;

/* --partition: the class of item that was running (T5), for the order of
 * one instant across partitions (cairn-partition.c). */
enum { CAUSE_INPUT, CAUSE_GENERATED, CAUSE_TICK, CAUSE_TIMER };

typedef struct
{
  guint64        sent, unreachable, capped, quiet_hours, portfolio_capped, delivered, opened, clicked;
  gboolean       used;
} SimChannel;

typedef struct _Sim Sim;

struct _Sim
{
  CairnJourney        *journey;
  Sim                 *shared;         /* whose users hold the shared state (PF2): itself, or a
                                          portfolio's first journey */
  guint                index;          /* in the portfolio's priority order */
  gboolean             portfolio;      /* one journey of a portfolio (PF5, PF12) */
  gboolean             has_autowinner; /* a split.ab with an autowinner */
  CairnInput          *input;
  CairnCatalog        *catalog;        /* the input's, or a copy for another thread */
  const CairnSimOptions *options;
  guint64              seed;
  CairnTime            start, end;
  GTimeZone           *tz;
  CairnDuration        history_window; /* longest history predicate */
  GHashTable          *history_keep;   /* interned event names never pruned */
  gboolean             keep_history;   /* anything reads users' history */
  gboolean             track_purchases;/* exclude_purchased: users' purchased ids */
  gboolean             track_engagement;/* next_best_channel: users' engagement counts (N7) */
  /* The events steps 2–5 can act on, by interned name (sim_acts_on_event);
     NULL: any event */
  GHashTable          *acts_on;
  struct
  {
    const char        *name;
    gboolean           acts;
  }                    acts_cache[8];  /* the last answers of acts_on, by name */

  SimNode             *nodes;
  guint                n_nodes;
  int                  starter;
  SimGoal             *goals;
  guint                n_goals;
  JsonArray           *exit_criteria;
  guint                n_exit_criteria;
  const char         **exit_events;    /* interned, per criterion */
  JsonNode           **exit_wheres;
  CairnPredicateLeaf **exit_leaves;
  gboolean             reentry_once;
  CairnDuration        cooldown;
  gint64               cap_max;       /* -1: none */
  CairnDuration        cap_per;
  int                  quiet_start, quiet_end;
  gboolean             quiet_skip, has_quiet;

  GPtrArray           *users;         /* SimUser*, index = input user index */
  GPtrArray           *user_blocks;   /* where the users are, USER_BLOCK at a time */
  gsize                user_size;     /* a user in its block, with room for its first
                                         entry when that is small (sim_compile_journey) */
  SimUser             *block_next;
  guint                block_left;
  /* Users made so far: made_from, made_from + 1, ... unless some came out
     of that order (a --partition run's, made as the log names them) */
  guint                made_from, n_made;
  gboolean             made_out_of_order;
  GPtrArray           *blocks;        /* sim_alloc0 ()'s */
  char                *bump;
  gsize                bump_left;
  gboolean             partitioned;   /* one of several partitions: users made on demand */
  guint                part_first, part_end; /* the users it runs */
  gint8                cause;         /* --partition: the item running (SimSplitEntry) */
  gint64               cause_seq;
  GHashTable          *goal_causes;   /* --partition: entry + goal → input sequence + 2, or 1 */
  GArray              *known;         /* guint, known order */
  guint64             *known_bits;    /* the same, by index */
  guint                n_known_words;
  guint                n_recorded_others; /* people listed with --trace that are not scripted */
  /* A replay split over threads: the other parts' users, known and
     active at the end, merged into the first part's counts */
  guint                n_known_merged;
  guint64              n_active_merged;
  GPtrArray           *splits;        /* per node: GArray of SimSplitEntry, or NULL */
  SimChannel           channels[CAIRN_N_CHANNELS];
  guint64              entered, events, left[N_REASONS];
  guint64              counter;       /* items processed */
};

/* Memory that lives as long as the run (entries, sends), freed with it. */
static inline gpointer
sim_alloc0 (Sim   *sim,
            gsize  size)
{
  gpointer p;

  size = (size + 7) & ~(gsize) 7;
  if (size > sim->bump_left)
    {
      gsize block = MAX (size, 1 << 16);

      if (sim->blocks == NULL)
        sim->blocks = g_ptr_array_new_with_free_func (g_free);
      sim->bump = g_malloc0 (block);
      sim->bump_left = block;
      g_ptr_array_add (sim->blocks, sim->bump);
    }
  p = sim->bump;
  sim->bump += size;
  sim->bump_left -= size;
  return p;
}

extern const SimUserMore sim_no_more;
/* @user's SimUserMore for reading: empty when it has none. */
#define SIM_MORE(user) ((const SimUserMore *) ((user)->more ? (user)->more : &sim_no_more))
SimUserMore *sim_user_more (Sim     *sim,
                            SimUser *user);

static inline SimEntry *
sim_user_entry (SimUser *user,
                guint    e)
{
  return e + 1 == user->n_entries ? user->current : user->older[e];
}

/* The user's last entry, or NULL. */
static inline SimEntry *
sim_current_entry (SimUser *user)
{
  return user->current;
}

/* An entry of the journey's: its goals' times after it. */
static inline gsize
sim_entry_size (const Sim *sim)
{
  return sizeof (SimEntry) + sim->n_goals * sizeof (CairnTime);
}

/* A user's first entry, in the room right after it in its block
 * (sim->user_size), or NULL when entries are too large for that room. */
static inline SimEntry *
sim_first_entry (const Sim *sim,
                 SimUser   *user)
{
  return sim->user_size > sizeof (SimUser) ? (SimEntry *) (user + 1) : NULL;
}
/* The scheduler's queue (cairn-sim.c): items ordered by (time, class,
 * generated, sequence) (T5). */
#define MAX_STEPS 1000
#define USER_BLOCK 4096
#define SIM_ENTRY_INLINE_MAX 128  /* bytes: an entry with up to 10 goals */

enum { CLASS_EVENT, CLASS_TICK, CLASS_TIMER };
enum { ITEM_EVENT, ITEM_TICK, ITEM_TIMER_PORT, ITEM_TIMER_QUIET };
enum { ENGAGE_NONE, ENGAGE_DELIVERED, ENGAGE_OPENED, ENGAGE_CLICKED };

typedef struct
{
  CairnTime    time;
  guint64      seq;
  guint        user;
  /* timers */
  guint        generation;
  gint32       node;
  gint32       port;
  gint8        cls;
  gint8        generated;    /* input events before generated ones at equal times */
  gint8        kind;
  gint8        engage;
  guint16      journey;      /* timers, ticks: whose; engagement: the sending journey's */
  gboolean     counted : 1;  /* an input event (after_message included) */
  /* events only: ticks and timers are made without these (ITEM_SIZE) */
  const char  *name;
  const char  *platform;
  JsonObject  *params;       /* read with item_params () */
  const char  *params_text;  /* params of a replayed event, parsed on first use (the input's) */
  SimSend     *send;         /* engagement of this send */
} Item;

#define ITEM_SIZE(kind) ((kind) == ITEM_EVENT ? sizeof (Item) : G_STRUCT_OFFSET (Item, name))

typedef struct
{
  CairnTime  time;
  guint64    key;     /* sim_item_key () */
  Item      *item;
} HeapSlot;

/* Slots pushed in order, oldest first: a ring of @capacity (a power of
 * two, or 0). */
typedef struct
{
  HeapSlot  *slots;
  guint      head, len, capacity;
} HeapLane;

#define HEAP_LANES 4

/* The queue: a binary heap, and lanes of slots that came in order. A
 * journey's timers of one delay, made as the clock advances, come in
 * order; they go to the end of a lane (no sifting, memory read in
 * order), anything else to the heap. The first slot is the least of the
 * heap's first and the lanes' oldest (keys are unique: the order does
 * not depend on where a slot waits). */
typedef struct
{
  HeapSlot  *slots;
  guint      len, capacity;
  HeapLane   lanes[HEAP_LANES];
} Heap;

typedef struct
{
  Sim                    sim;          /* the journey, or a portfolio's first */
  Sim                  **sims;         /* every journey in priority order (sims[0] = &sim) */
  guint                  n_sims;
  Sim                   *cur;          /* the journey at work */
  /* A portfolio's cap (PF4, PF10), and its after_message specs that have
     happened (PF11) */
  gboolean               has_cap;
  gint64                 cap_max;
  CairnDuration          cap_per;
  guint                  cap_channels;
  GHashTable            *after_fired;
  Heap                   heap;
  Item                  *spare[2];     /* items done with, a list of each size (sim_item_new) */
  guint64                seq;
  /* A partition's input: the input's events, read in place. */
  const CairnInputEvent *events;
  guint                  n_events;
  guint                  next_event;
  /* --partition K/N (cairn-partition.c), or NULL */
  struct _CairnPartition *partition;
} Run;

/* Event names compared by pointer, interned by sim_intern_names (). */
extern const char *sim_name_message_clicked;
extern const char *sim_name_message_delivered;
extern const char *sim_name_message_opened;
extern const char *sim_name_purchase;
extern const char *sim_name_set_attributes;

/* Shared between the engine's files. */

/* cairn-sim.c: the queue, users, events, daily starters and timers */
void sim_intern_names (void);
guint64 sim_item_key (int     cls,
                      int     generated,
                      guint64 seq);
void sim_heap_push (Heap *heap,
                    Item *item);
Item *sim_heap_pop (Heap *heap);
const HeapSlot *sim_heap_first (Heap *heap);
/* Frees every item waiting (sim_item_free), keeping the memory. */
void sim_heap_drain (Heap *heap,
                     Run  *run);
void sim_heap_free (Heap *heap);
void sim_item_free (Run  *run,
                    Item *item);
void sim_items_clear (Run *run);
void sim_user_add_send (Sim     *sim,
                        SimUser *user,
                        SimSend *send);
void sim_prefetch_user (Sim        *sim,
                        guint       index,
                        const char *name);
void sim_make_known (Sim   *sim,
                     guint  index);
void sim_run_make_known (Run   *run,
                         guint  index);
JsonObject *sim_own_attributes (SimUser *user);
JsonNode *sim_item_param (Item       *item,
                          const char *name);
void sim_event_context (Sim                   *sim,
                        SimUser               *user,
                        Item                  *event,
                        CairnPredicateContext *ctx);
/* Whether @where holds on @event; @leaf, when not NULL, is @where made
 * ready for a replayed event's params text. {{event.x}} in @where is the
 * entry event's (@entry_templates) or @event's own. */
gboolean sim_event_where (Sim                      *sim,
                          SimUser                  *user,
                          JsonNode                 *where,
                          const CairnPredicateLeaf *leaf,
                          Item                     *event,
                          gboolean                  entry_templates);
void sim_predicate_context (Sim                   *sim,
                            SimUser               *user,
                            JsonObject            *params,
                            JsonObject            *template_event,
                            CairnTime              now,
                            CairnPredicateContext *ctx);
gboolean sim_reachable (SimUser    *user,
                        const char *channel);
gboolean sim_reachable_on (SimUser *user,
                           int      channel);
void sim_leave (Sim       *sim,
                SimUser   *user,
                CairnTime  time,
                int        reason);
void sim_timeline_add (Sim        *sim,
                       SimUser    *user,
                       CairnTime   time,
                       int         node,
                       const char *step,
                       const char *detail);
Item *sim_item_new (Run       *run,
                    CairnTime  time,
                    int        cls,
                    int        kind,
                    guint      user);
void sim_schedule_event (Run         *run,
                         CairnTime    time,
                         guint        user,
                         const char  *name,
                         const char  *platform,
                         JsonObject  *params,
                         gboolean     counted,
                         SimSend     *send,
                         int          engage);
void sim_schedule_timer (Run       *run,
                         CairnTime  time,
                         int        kind,
                         SimUser   *user,
                         guint      index,
                         int        node,
                         int        port);
void sim_process_event (Run  *run,
                        Item *event);
void sim_process_tick (Run       *run,
                       CairnTime  time);
CairnTime sim_first_tick (Sim       *sim,
                          CairnTime  from);
void sim_process_timer (Run  *run,
                        Item *item);

/* cairn-sim-nodes.c: what each kind of node does */
int sim_run_message (Run       *run,
                     SimUser   *user,
                     guint      index,
                     int        n,
                     CairnTime  time);
void sim_follow (Run       *run,
                 SimUser   *user,
                 guint      index,
                 int        n,
                 int        port,
                 CairnTime  time);
gboolean sim_may_enter (Sim       *sim,
                        SimUser   *user,
                        CairnTime  time);
void sim_enter (Run        *run,
                SimUser    *user,
                guint       index,
                CairnTime   time,
                JsonObject *params,
                const char *params_text);
void sim_entry_context (Sim                   *sim,
                        SimUser               *user,
                        SimEntry              *entry,
                        CairnTime              now,
                        CairnPredicateContext *ctx);
void sim_entry_template (SimUser              *user,
                         SimEntry             *entry,
                         JsonArray            *products,
                         CairnTemplateContext *context);

/* cairn-sim-compile.c: the journey made ready to run */
int sim_node_index (Sim        *sim,
                    const char *id);
int sim_port_index (SimNode    *node,
                    const char *port);
CairnDuration sim_config_duration (JsonObject *config,
                                   const char *member,
                                   CairnDuration fallback);
void sim_compile_journey (Sim *sim);

/* cairn-sim-run.c: the loop, its threads and exact sums */

void   cairn_sim_write_report (Sim     *sim,
                               GString *out);
void   cairn_sim_write_portfolio_report (Sim        **sims,
                                         guint        n_sims,
                                         const char  *portfolio_id,
                                         GString     *out);
double cairn_sim_split_metric (Sim     *sim,
                               guint    node,
                               int      variant,
                               CairnTime now,
                               guint   *qualifying);

/* cairn-sim-run.c and cairn-partition.c: --partition K/N */
struct _CairnPartition;
char *sim_run_partition (CairnJourney           *journey,
                         CairnPortfolio         *portfolio,
                         CairnInput             *input,
                         const CairnSimOptions  *options,
                         struct _CairnPartition *partition,
                         GError                **error);
void     cairn_partition_start      (struct _CairnPartition *partition,
                                     Run                    *run);
gboolean cairn_partition_take_event (struct _CairnPartition *partition,
                                     CairnInput             *input,
                                     guint                   user,
                                     guint64                 seq);
void     cairn_partition_set_cause  (Run                    *run,
                                     int                     cause,
                                     gint64                  seq);
gboolean cairn_partition_impose     (struct _CairnPartition *partition,
                                     Run                    *run,
                                     GError                **error);
char    *cairn_partition_write      (struct _CairnPartition *partition,
                                     Run                    *run,
                                     const char             *portfolio_id,
                                     gboolean                is_portfolio);

/* cairn-sim-report.c, for partial reports (cairn-partition.c) */
gboolean sim_entries_overlap (SimUser   *a,
                              SimUser   *b,
                              CairnTime  end);
void sim_report_write_person (GString *out,
                              Sim     *sim,
                              SimUser *user);
/* -1: no expectation of @user applies; else whether it passed (a failure
 * is appended to @failures). */
int  sim_report_expectation  (Sim     *sim,
                              SimUser *user,
                              GString *failures);

G_END_DECLS
