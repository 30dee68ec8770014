/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "cairn-error.h"
#include "cairn-portfolio-run.h"

/* The one place the designer calls the portfolio engine. */

typedef struct
{
  char *portfolio;
  char *scenario;
} RunData;

static void
run_data_free (RunData *data)
{
  g_free (data->portfolio);
  g_free (data->scenario);
  g_free (data);
}

static void
run_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *data = task_data;

  (void) data;
  g_task_return_new_error (task, CAIRN_ERROR, CAIRN_ERROR_FAILED, "%s",
                           _("Simulating a portfolio is not part of this build"));
}

void
cairn_portfolio_run_async (const char          *portfolio_path,
                           const char          *scenario_path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (portfolio_path != NULL);
  g_return_if_fail (scenario_path != NULL);

  data = g_new0 (RunData, 1);
  data->portfolio = g_strdup (portfolio_path);
  data->scenario = g_strdup (scenario_path);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cairn_portfolio_run_async);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_thread);
}

char *
cairn_portfolio_run_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
