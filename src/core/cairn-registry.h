/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The node-kind registry (DESIGN §1): one table drives validation, the
 * palette, the inspector forms, the engine's dispatch and the schema. */

typedef enum
{
  CAIRN_CATEGORY_STARTER,
  CAIRN_CATEGORY_FLOW,
  CAIRN_CATEGORY_CHANNEL,
  CAIRN_CATEGORY_ACTION,   /* Actions & exits */
} CairnCategory;

typedef enum
{
  CAIRN_FIELD_STRING,        /* plain string */
  CAIRN_FIELD_TEMPLATE,      /* string rendered as a template (§4) */
  CAIRN_FIELD_EVENT_NAME,    /* string naming an event */
  CAIRN_FIELD_ATTRIBUTE,     /* string naming a user attribute */
  CAIRN_FIELD_ENUM,          /* string, one of field->choices */
  CAIRN_FIELD_INTEGER,
  CAIRN_FIELD_BOOLEAN,
  CAIRN_FIELD_DURATION,      /* ISO 8601 string (T1) */
  CAIRN_FIELD_TIME_OF_DAY,   /* "HH:MM" */
  CAIRN_FIELD_DAYS,          /* array of "mon".."sun" */
  CAIRN_FIELD_PLATFORMS,     /* array of web, ios, android, offline, api */
  CAIRN_FIELD_PREDICATE,     /* predicate object (§3) */
  CAIRN_FIELD_CHANNEL,       /* one channel name */
  CAIRN_FIELD_CHANNELS,      /* ordered array of channel names (ports) */
  CAIRN_FIELD_TABS,          /* condition.check tabs (ports) */
  CAIRN_FIELD_VARIANTS,      /* split.ab variants (ports) */
  CAIRN_FIELD_AUTOWINNER,    /* split.ab autowinner object */
  CAIRN_FIELD_RECOMMENDATIONS,
  CAIRN_FIELD_DATE_SOURCE,   /* {"attribute"} or {"event","param"} */
  CAIRN_FIELD_NODE_REF,      /* id of a message node */
  CAIRN_FIELD_JSON,          /* any JSON value */
} CairnFieldType;

typedef struct
{
  const char          *name;
  CairnFieldType       type;
  gboolean             required;
  const char          *default_json;   /* JSON text of the default, or NULL */
  const char * const  *choices;        /* CAIRN_FIELD_ENUM: NULL-terminated */
  const char          *label;          /* translatable (N_()), for forms */
  const char          *hint;           /* translatable, one line, or NULL */
} CairnFieldSpec;

/* What a kind does (cairn-kind-private.h): the engine, summary and
 * validation steps, written beside each other in its category file
 * (cairn-kind-wait.c ...). */
typedef struct _CairnNodeKindOps CairnNodeKindOps;

/* The channels: one per message kind (rows with `channel`), in table
 * order, which is DESIGN §2 order. Arrays indexed by channel are sized with
 * this; cairn-registry.c asserts that it matches the table. */
#define CAIRN_N_CHANNELS 8

typedef struct
{
  const char          *type;           /* "wait.until_event" */
  CairnCategory        category;
  const char          *name;           /* translatable: "Wait for event" */
  const char          *description;    /* translatable, one line */
  const char          *icon_name;      /* symbolic icon name */
  const char          *channel;        /* message nodes: channel, else NULL */
  gboolean             is_starter;
  gboolean             is_daily;       /* checked at a daily tick */
  gboolean             is_message;     /* sends on `channel` (audience too) */
  const CairnFieldSpec *fields;
  guint                n_fields;
  const char * const  *fixed_ports;    /* NULL-terminated; NULL if derived */
  const char          *ports_field;    /* config field the ports derive from */
  const char          *final_port;     /* derived ports: "else"/"unreachable" */
  const char          *id_prefix;      /* new node ids: "wait", "split", "email" */
  gboolean             is_wait;        /* pauses: breaks loops (V), own colour */
  gboolean             is_exit;        /* leaves the journey: layout keeps it aside */
  const CairnNodeKindOps *ops;
} CairnNodeKind;

/* The channels in DESIGN §2 order (for reports and forms). */
const char * const   *cairn_channels               (void);
int                   cairn_channel_index          (const char          *channel);
/* The channels for a message: "email, sms, …" with @last (such as " or ")
 * before the last one, or ", " when NULL. */
char                 *cairn_channels_text          (const char          *last);
/* The message kind sending on @channel, or NULL. */
const CairnNodeKind  *cairn_registry_lookup_channel(const char          *channel);

const CairnNodeKind  *cairn_registry_lookup        (const char          *type);
/* Every kind, in palette order (category, then table order). */
const CairnNodeKind * const *cairn_registry_all    (guint               *n_kinds);
const char           *cairn_category_name          (CairnCategory        category);
const CairnFieldSpec *cairn_node_kind_find_field   (const CairnNodeKind *kind,
                                                    const char          *name);

/* A port of a node: its id (what edges name) and its label for display
 * (tab and variant names, else the id: in English the id itself, in other
 * languages a word for the fixed ports and channels). */
typedef struct
{
  char *id;
  char *label;
} CairnPort;

void                  cairn_port_free              (CairnPort           *port);
/* The output ports of a node of @kind with @config (may be NULL), in
 * DESIGN §2 order: fixed ports, or one per tab / variant / channel (config
 * order, entries without a usable id skipped) then the final port. Returns
 * an array of CairnPort, never NULL. */
GPtrArray            *cairn_node_kind_ports        (const CairnNodeKind *kind,
                                                    JsonObject          *config);
/* A message kind's field holding HTML (escaped when rendered, M2), or NULL. */
const char           *cairn_node_kind_html_field   (const CairnNodeKind *kind);
/* Does a node of @kind send text written as templates (a preview shows it)? */
gboolean              cairn_node_kind_sends_text   (const CairnNodeKind *kind);
/* A config with every field that has a default, for a new node. */
JsonObject           *cairn_node_kind_new_config   (const CairnNodeKind *kind);

G_END_DECLS
