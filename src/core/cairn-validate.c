/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cairn-json.h"
#include "cairn-validate.h"

/* Interim validator: the essential structural checks, until the full rule
 * set of DESIGN §12 (V) lands in this file. */

static void
add (GPtrArray    *out,
     CairnJourney *journey,
     CairnSeverity severity,
     JsonNode     *where,
     const char   *node_id,
     const char   *code,
     const char   *message)
{
  guint line = 0, column = 0;

  cairn_journey_lookup_position (journey, where, &line, &column);
  g_ptr_array_add (out, cairn_diagnostic_new (severity, cairn_journey_get_filename (journey), line, column,
                                              node_id, code, "%s", message));
}

GPtrArray *
cairn_validate (CairnJourney *journey)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_diagnostic_free);
  JsonObject *root = cairn_journey_get_object (journey);
  guint starters = 0;

  if (g_strcmp0 (cairn_json_get_string (root, "format"), "cairn-journey") != 0)
    add (out, journey, CAIRN_SEVERITY_ERROR, cairn_journey_get_root (journey), NULL, "not-a-journey",
         _("this is not a cairn-journey document (\"format\": \"cairn-journey\" is missing)"));

  for (guint i = 0; i < cairn_journey_get_n_nodes (journey); i++)
    {
      CairnNode *node = cairn_journey_get_node (journey, i);
      JsonNode *where = json_object_get_member (node->object, "type");

      if (node->kind == NULL)
        add (out, journey, CAIRN_SEVERITY_ERROR, where, node->id, "unknown-node-type", _("unknown node type"));
      else if (node->kind->is_starter)
        starters++;
    }
  if (starters != 1)
    add (out, journey, CAIRN_SEVERITY_ERROR, cairn_journey_get_root (journey), NULL, "starter-count",
         _("a journey needs exactly one starter"));

  for (guint i = 0; i < cairn_journey_get_n_edges (journey); i++)
    {
      CairnEdge *edge = cairn_journey_get_edge (journey, i);
      if (cairn_journey_find_node (journey, edge->to) == NULL)
        add (out, journey, CAIRN_SEVERITY_ERROR, json_object_get_member (edge->object, "to"), edge->from,
             "edge-unknown-node", _("an edge leads to a node that does not exist"));
    }
  return out;
}

guint
cairn_diagnostics_count (GPtrArray     *diagnostics,
                         CairnSeverity  severity)
{
  guint n = 0;

  for (guint i = 0; diagnostics && i < diagnostics->len; i++)
    if (((CairnDiagnostic *) g_ptr_array_index (diagnostics, i))->severity == severity)
      n++;
  return n;
}
