/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "cairn-history-run.h"

struct _CairnHistoryRun
{
  GObject   parent_instance;

  gint64    id;
  char     *title;
  char     *subtitle;
  gboolean  ticked;
};

enum { RUN_PROP_0, RUN_PROP_TICKED, N_RUN_PROPS };
static GParamSpec *run_properties[N_RUN_PROPS];

G_DEFINE_FINAL_TYPE (CairnHistoryRun, cairn_history_run, G_TYPE_OBJECT)

static void
cairn_history_run_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  if (prop_id == RUN_PROP_TICKED)
    g_value_set_boolean (value, CAIRN_HISTORY_RUN (object)->ticked);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
cairn_history_run_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CairnHistoryRun *self = CAIRN_HISTORY_RUN (object);

  if (prop_id != RUN_PROP_TICKED)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (self->ticked == g_value_get_boolean (value))
    return;
  self->ticked = g_value_get_boolean (value);
  g_object_notify_by_pspec (object, pspec);
}

static void
cairn_history_run_finalize (GObject *object)
{
  CairnHistoryRun *self = CAIRN_HISTORY_RUN (object);

  g_free (self->title);
  g_free (self->subtitle);
  G_OBJECT_CLASS (cairn_history_run_parent_class)->finalize (object);
}

static void
cairn_history_run_class_init (CairnHistoryRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = cairn_history_run_get_property;
  object_class->set_property = cairn_history_run_set_property;
  object_class->finalize = cairn_history_run_finalize;
  run_properties[RUN_PROP_TICKED] = g_param_spec_boolean ("ticked", NULL, NULL, FALSE,
                                                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                          G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_RUN_PROPS, run_properties);
}

static void
cairn_history_run_init (CairnHistoryRun *self)
{
}

CairnHistoryRun *
cairn_history_run_new (gint64      id,
                       const char *title,
                       const char *subtitle)
{
  CairnHistoryRun *self = g_object_new (CAIRN_TYPE_HISTORY_RUN, NULL);

  self->id = id;
  self->title = g_strdup (title);
  self->subtitle = g_strdup (subtitle);
  return self;
}

gint64
cairn_history_run_get_id (CairnHistoryRun *self)
{
  g_return_val_if_fail (CAIRN_IS_HISTORY_RUN (self), 0);
  return self->id;
}

const char *
cairn_history_run_get_title (CairnHistoryRun *self)
{
  g_return_val_if_fail (CAIRN_IS_HISTORY_RUN (self), NULL);
  return self->title;
}

const char *
cairn_history_run_get_subtitle (CairnHistoryRun *self)
{
  g_return_val_if_fail (CAIRN_IS_HISTORY_RUN (self), NULL);
  return self->subtitle;
}

gboolean
cairn_history_run_get_ticked (CairnHistoryRun *self)
{
  g_return_val_if_fail (CAIRN_IS_HISTORY_RUN (self), FALSE);
  return self->ticked;
}

void
cairn_history_run_set_ticked (CairnHistoryRun *self,
                              gboolean         ticked)
{
  g_return_if_fail (CAIRN_IS_HISTORY_RUN (self));
  g_object_set (self, "ticked", ticked, NULL);
}
