/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cairn-diagnostic.h"
#include "cairn-error.h"
#include "cairn-json.h"
#include "cairn-portfolio.h"
#include "cairn-registry.h"
#include "cairn-validate.h"

/* The portfolio document (DESIGN §13 PF1, PF8, PF13). */

typedef struct
{
  const char         *path;
  CairnJsonPositions *positions;
  JsonNode           *root;
  GPtrArray          *out;
} Check;

G_GNUC_PRINTF (4, 5)
static void
error_at (Check      *check,
          JsonNode   *where,
          const char *code,
          const char *format,
          ...)
{
  va_list args;
  g_autofree char *message = NULL;
  guint line = 0, column = 0;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (!cairn_json_positions_lookup (check->positions, where, &line, &column))
    cairn_json_positions_lookup (check->positions, check->root, &line, &column);
  g_ptr_array_add (check->out, cairn_diagnostic_new (CAIRN_SEVERITY_ERROR, check->path, line, column, NULL, code,
                                                     "%s", message));
}

static gboolean
is_string (JsonNode *node)
{
  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_integer (JsonNode *node)
{
  double v;

  if (!cairn_json_node_is_number (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return TRUE;
  v = json_node_get_double (node);
  return v > -9e18 && v < 9e18 && v == (double) (gint64) v;
}

gboolean
cairn_portfolio_file_is_portfolio (const char *path)
{
  g_autoptr(JsonNode) root = cairn_json_load_file (path, NULL, NULL);

  return root && JSON_NODE_HOLDS_OBJECT (root)
         && g_strcmp0 (cairn_json_get_string (json_node_get_object (root), "format"), "cairn-portfolio") == 0;
}

void
cairn_portfolio_free (CairnPortfolio *portfolio)
{
  if (portfolio == NULL)
    return;
  g_free (portfolio->path);
  g_free (portfolio->id);
  g_free (portfolio->name);
  g_clear_pointer (&portfolio->journeys, g_ptr_array_unref);
  g_clear_pointer (&portfolio->journey_paths, g_ptr_array_unref);
  g_free (portfolio);
}

static void
check_cap (Check          *check,
           CairnPortfolio *portfolio,
           JsonNode       *cap_node)
{
  JsonObject *cap;
  JsonNode *max, *per, *channels;
  CairnDuration d = 0;
  gboolean ok = TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (cap_node))
    {
      error_at (check, cap_node, "wrong-type", _("\"frequency_cap\" must be an object"));
      return;
    }
  cap = json_node_get_object (cap_node);
  max = json_object_get_member (cap, "max_messages");
  per = json_object_get_member (cap, "per");
  channels = json_object_get_member (cap, "channels");

  if (!is_integer (max) || cairn_json_node_number (max) < 1)
    {
      error_at (check, max ? max : cap_node, "bad-cap", _("\"max_messages\" must be an integer of at least 1"));
      ok = FALSE;
    }
  if (!is_string (per) || !cairn_duration_parse (json_node_get_string (per), &d, NULL) || d <= 0)
    {
      error_at (check, per ? per : cap_node, "bad-cap",
                _("\"per\" must be an ISO 8601 duration longer than PT0S, such as \"P1D\""));
      ok = FALSE;
    }
  portfolio->cap_channels = 0;
  if (channels == NULL)
    portfolio->cap_channels = (1u << g_strv_length ((char **) cairn_channels ())) - 1;
  else if (!JSON_NODE_HOLDS_ARRAY (channels) || json_array_get_length (json_node_get_array (channels)) == 0)
    {
      error_at (check, channels, "bad-cap", _("\"channels\" must be a non-empty array of channel names"));
      ok = FALSE;
    }
  else
    {
      JsonArray *list = json_node_get_array (channels);

      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonNode *element = json_array_get_element (list, i);
          int c = is_string (element) ? cairn_channel_index (json_node_get_string (element)) : -1;

          if (c < 0)
            {
              if (is_string (element))
                error_at (check, element, "unknown-channel", _("unknown channel \"%s\""), json_node_get_string (element));
              else
                error_at (check, element, "bad-cap", _("\"channels\" must be a non-empty array of channel names"));
              ok = FALSE;
            }
          else if (portfolio->cap_channels & (1u << c))
            {
              error_at (check, element, "duplicate-channel", _("channel \"%s\" is listed twice"),
                        json_node_get_string (element));
              ok = FALSE;
            }
          else
            portfolio->cap_channels |= 1u << c;
        }
    }
  if (ok)
    {
      portfolio->has_cap = TRUE;
      portfolio->cap_max = (gint64) cairn_json_node_number (max);
      portfolio->cap_per = d;
    }
}

CairnPortfolio *
cairn_portfolio_load_file (const char  *path,
                           GPtrArray   *diagnostics,
                           GError     **error)
{
  g_autoptr(CairnJsonPositions) positions = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(CairnPortfolio) portfolio = NULL;
  g_autofree char *dir = NULL;
  Check check = { path, NULL, NULL, diagnostics };
  JsonObject *object;
  JsonNode *format, *version, *id, *name, *journeys, *cap;
  g_autoptr(GPtrArray) journey_diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_diagnostic_free);

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (diagnostics != NULL, NULL);

  root = cairn_json_load_file (path, &positions, error);
  if (root == NULL)
    return NULL;
  check.positions = positions;
  check.root = root;
  portfolio = g_new0 (CairnPortfolio, 1);
  portfolio->path = g_strdup (path);
  portfolio->journeys = g_ptr_array_new_with_free_func (g_object_unref);
  portfolio->journey_paths = g_ptr_array_new_with_free_func (g_free);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      error_at (&check, root, "not-a-portfolio",
                _("this is not a portfolio: \"format\" must be \"cairn-portfolio\""));
      return g_steal_pointer (&portfolio);
    }
  object = json_node_get_object (root);
  format = json_object_get_member (object, "format");
  version = json_object_get_member (object, "version");
  id = json_object_get_member (object, "id");
  name = json_object_get_member (object, "name");
  journeys = json_object_get_member (object, "journeys");
  cap = json_object_get_member (object, "frequency_cap");

  if (!is_string (format) || strcmp (json_node_get_string (format), "cairn-portfolio") != 0)
    error_at (&check, format, "not-a-portfolio", _("this is not a portfolio: \"format\" must be \"cairn-portfolio\""));
  if (!is_integer (version) || cairn_json_node_number (version) != 1)
    error_at (&check, version, "bad-version", _("only version 1 portfolios are understood (\"version\": 1)"));
  if (!is_string (id))
    error_at (&check, id, "wrong-type", _("\"id\" must be a string"));
  else
    portfolio->id = g_strdup (json_node_get_string (id));
  if (name != NULL && !is_string (name))
    error_at (&check, name, "wrong-type", _("\"name\" must be a string"));
  else if (name != NULL)
    portfolio->name = g_strdup (json_node_get_string (name));
  if (cap != NULL)
    check_cap (&check, portfolio, cap);

  dir = g_path_get_dirname (path);
  if (journeys == NULL || !JSON_NODE_HOLDS_ARRAY (journeys) || json_array_get_length (json_node_get_array (journeys)) == 0)
    error_at (&check, journeys, "wrong-type", _("\"journeys\" must be a non-empty array of journey file paths"));
  else
    {
      JsonArray *list = json_node_get_array (journeys);
      g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonNode *element = json_array_get_element (list, i);
          g_autoptr(GError) local = NULL;
          g_autofree char *file = NULL;
          g_autoptr(CairnJourney) journey = NULL;
          g_autoptr(GPtrArray) problems = NULL;
          const char *journey_id;

          if (!is_string (element))
            {
              error_at (&check, element, "wrong-type", _("\"journeys\" must be a non-empty array of journey file paths"));
              continue;
            }
          file = g_path_is_absolute (json_node_get_string (element))
                 ? g_strdup (json_node_get_string (element))
                 : g_build_filename (dir, json_node_get_string (element), NULL);
          journey = cairn_journey_load_file (file, &local);
          if (journey == NULL && g_error_matches (local, CAIRN_ERROR, CAIRN_ERROR_IO))
            {
              error_at (&check, element, "missing-journey", _("journey file \"%s\" cannot be read: %s"),
                        json_node_get_string (element), local->message);
              continue;
            }
          if (journey == NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return NULL;
            }
          journey_id = cairn_journey_get_id (journey);
          if (journey_id != NULL && g_hash_table_contains (ids, journey_id))
            error_at (&check, element, "duplicate-journey-id", _("two journeys have the id \"%s\""), journey_id);
          else if (journey_id != NULL)
            g_hash_table_add (ids, (gpointer) journey_id);
          problems = cairn_validate (journey);
          for (guint d = 0; d < problems->len; d++)
            g_ptr_array_add (journey_diagnostics, g_steal_pointer (&problems->pdata[d]));
          g_ptr_array_add (portfolio->journey_paths, g_steal_pointer (&file));
          g_ptr_array_add (portfolio->journeys, g_steal_pointer (&journey));
        }
    }
  for (guint d = 0; d < journey_diagnostics->len; d++)
    g_ptr_array_add (diagnostics, g_steal_pointer (&journey_diagnostics->pdata[d]));
  return g_steal_pointer (&portfolio);
}
