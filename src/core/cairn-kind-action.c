/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cairn-json.h"
#include "cairn-kind-private.h"
#include "cairn-predicate.h"
#include "cairn-summary.h"
#include "cairn-summary-private.h"
#include "cairn-validate-private.h"
#include "cairn-template.h"

/* Actions and exits (§5 action.set_attribute, exit). */

static int
set_attribute_arrive (Run       *run,
                      SimUser   *user,
                      guint      index,
                      int        n,
                      CairnTime  time)
{
  Sim *sim = run->cur;
  SimNode *node = &sim->nodes[n];
  SimEntry *entry = sim_current_entry (user);
  const char *attribute = cairn_json_get_string (node->config, "attribute");
  JsonNode *value = json_object_get_member (node->config, "value");

  if (attribute != NULL)
    {
      if (value == NULL || JSON_NODE_HOLDS_NULL (value))
        {
          if (user->base->attributes && json_object_has_member (user->base->attributes, attribute))
            json_object_remove_member (sim_own_attributes (user), attribute);
        }
      else if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        {
          CairnTemplateContext context;

          sim_entry_template (user, entry, NULL, &context);
          g_autofree char *text = cairn_template_render_text (json_node_get_string (value), &context, FALSE);
          json_object_set_string_member (sim_own_attributes (user), attribute, text);
        }
      else
        json_object_set_member (sim_own_attributes (user), attribute, cairn_json_deep_copy (value));
    }
  sim_timeline_add (sim, user, time, n, "set", attribute);
  return sim_port_index (node, "out");
}

static void
set_attribute_summary (GString             *out,
                       const CairnNodeKind *kind,
                       JsonObject          *config)
{
  JsonNode *value = config ? json_object_get_member (config, "value") : NULL;
  g_autofree char *text = value && !JSON_NODE_HOLDS_NULL (value) ? cairn_summary_value_text (value) : NULL;

  if (text)
    g_string_append_printf (out, _("Set %s to %s"), cairn_summary_or_unknown (cairn_json_get_string (config, "attribute")), text);
  else
    g_string_append_printf (out, _("Remove %s"), cairn_summary_or_unknown (cairn_json_get_string (config, "attribute")));
}

/* A string value is a template (T): checked as one. */
static void
set_attribute_check_value (CairnCheck *check,
                           JsonNode   *value)
{
  if (cairn_is_string (value))
    cairn_check_template (check, value);
}

const CairnNodeKindOps cairn_kind_set_attribute_ops = {
  .arrive = set_attribute_arrive,
  .summary = set_attribute_summary,
  .check_json_field = set_attribute_check_value,
};

static int
exit_arrive (Run       *run,
             SimUser   *user,
             guint      index,
             int        n,
             CairnTime  time)
{
  sim_leave (run->cur, user, time, REASON_EXIT_NODE);
  return SIM_ARRIVE_STOP;
}

static void
exit_summary (GString             *out,
              const CairnNodeKind *kind,
              JsonObject          *config)
{
  g_string_append (out, _("Leave the journey"));
}

const CairnNodeKindOps cairn_kind_exit_ops = {
  .arrive = exit_arrive,
  .summary = exit_summary,
};
