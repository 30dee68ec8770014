/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "cairn-error.h"
#include "cairn-json.h"
#include "cairn-rng.h"
#include "cairn-scenario-private.h"

/* Scenario files (DESIGN §6); the generated population is made in
 * cairn-population.c. */

typedef struct
{
  GArray    *events;  /* CairnInputEvent, stably sorted by time */
  guint      next;
  /* A generated population's events come in runs, one per shard (after
     the scripted users' own), merged into @events when a run needs them
     all in one; a run split over threads reads its shards' alone. */
  GPtrArray *runs;
  GPtrArray *views;   /* merges of some of them, for a part of a run */
  GPtrArray *texts;   /* GStringChunk: generated events' params_text */
} ScenarioImpl;

gboolean
scenario_fail (Loader     *loader,
               JsonNode   *where,
               const char *format,
               ...)
{
  va_list args;
  g_autofree char *message = NULL;
  guint line = 0, column = 0;

  if (loader->error == NULL || *loader->error != NULL)
    return FALSE;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  cairn_json_positions_lookup (loader->positions, where, &line, &column);
  if (line > 0)
    g_set_error (loader->error, CAIRN_ERROR, CAIRN_ERROR_INVALID, "%s:%u:%u: %s",
                 loader->filename, line, column, message);
  else
    g_set_error (loader->error, CAIRN_ERROR, CAIRN_ERROR_INVALID, "%s: %s", loader->filename, message);
  return FALSE;
}

void
cairn_input_event_clear (CairnInputEvent *event)
{
  g_clear_pointer (&event->params, json_object_unref);
  event->params_text = NULL;
}

void
scenario_user_free (CairnUser *user)
{
  g_free (user->id);
  g_clear_pointer (&user->attributes, json_object_unref);
  g_clear_pointer (&user->reachability, json_object_unref);
  g_clear_pointer (&user->affinity, json_object_unref);
  g_clear_pointer (&user->behavior, json_object_unref);
  g_clear_pointer (&user->expect, json_object_unref);
  g_free (user);
}

static void
after_message_clear (gpointer data)
{
  CairnAfterMessage *spec = data;
  g_clear_pointer (&spec->params, json_object_unref);
}

CairnInput *
cairn_input_new (void)
{
  CairnInput *input = g_new0 (CairnInput, 1);

  input->users = g_ptr_array_new_with_free_func ((GDestroyNotify) scenario_user_free);
  input->user_index = g_hash_table_new (g_str_hash, g_str_equal);
  input->after_messages = g_array_new (FALSE, TRUE, sizeof (CairnAfterMessage));
  g_array_set_clear_func (input->after_messages, after_message_clear);
  return input;
}

void
cairn_input_free (CairnInput *input)
{
  if (input == NULL)
    return;
  if (input->free_impl)
    input->free_impl (input);
  g_free (input->name);
  g_free (input->filename);
  g_clear_pointer (&input->catalog, cairn_catalog_unref);
  g_hash_table_unref (input->user_index);
  g_ptr_array_unref (input->users);
  g_free (input->shard_ends);
  g_array_unref (input->after_messages);
  g_free (input);
}

guint
cairn_input_add_user (CairnInput      *input,
                      const char      *id,
                      CairnUserOrigin  origin)
{
  CairnUser *user = scenario_user_new (g_strdup (id), origin, input->users->len);

  g_ptr_array_add (input->users, user);
  return user->index;
}

CairnUser *
scenario_user_new (char            *id,
                   CairnUserOrigin  origin,
                   guint            index)
{
  CairnUser *user = g_new0 (CairnUser, 1);

  user->id = id;
  user->origin = origin;
  user->index = index;
  return user;
}

/* The index by id is brought up to date when it is looked into: a
 * generated population is never looked up, and goes in without it. */
void
scenario_index_users (CairnInput *input)
{
  for (; input->n_indexed < input->users->len; input->n_indexed++)
    {
      CairnUser *user = g_ptr_array_index (input->users, input->n_indexed);
      g_hash_table_insert (input->user_index, user->id, GUINT_TO_POINTER (input->n_indexed + 1));
    }
}

CairnUser *
cairn_input_get_user (CairnInput *input,
                      guint       index)
{
  return index < input->users->len ? g_ptr_array_index (input->users, index) : NULL;
}

gint64
cairn_input_lookup_user (CairnInput *input,
                         const char *id)
{
  gpointer value;

  scenario_index_users (input);
  value = g_hash_table_lookup (input->user_index, id);
  return value ? (gint64) GPOINTER_TO_UINT (value) - 1 : -1;
}

static JsonObject *
object_copy (JsonObject *object)
{
  return object ? cairn_json_object_deep_copy (object) : NULL;
}

static gboolean
parse_time_member (Loader     *loader,
                   JsonObject *object,
                   const char *member,
                   CairnTime  *out,
                   gboolean   *has)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *text = cairn_json_get_string (object, member);
  g_autoptr(GError) local = NULL;

  *has = FALSE;
  if (node == NULL)
    return TRUE;
  if (text == NULL || !cairn_time_parse (text, out, &local))
    return scenario_fail (loader, node, _("\"%s\" is not an RFC 3339 time: %s"), member,
                 local ? local->message : _("not a string"));
  *has = TRUE;
  return TRUE;
}

gboolean
scenario_add_event (Loader     *loader,
                    GArray     *events,
                    guint       user,
                    CairnTime   time,
                    JsonNode   *name,
                    JsonNode   *platform,
                    JsonObject *params,
                    const char *params_text)
{
  CairnInputEvent event = { 0 };

  if (name == NULL || !JSON_NODE_HOLDS_VALUE (name) || json_node_get_value_type (name) != G_TYPE_STRING)
    return scenario_fail (loader, name, _("an event needs a \"name\""));
  if (platform != NULL && !JSON_NODE_HOLDS_NULL (platform)
      && (!JSON_NODE_HOLDS_VALUE (platform) || json_node_get_value_type (platform) != G_TYPE_STRING))
    return scenario_fail (loader, platform, _("\"platform\" must be a string"));
  event.time = time;
  event.user = user;
  event.name = g_intern_string (json_node_get_string (name));
  event.platform = platform && !JSON_NODE_HOLDS_NULL (platform) ? g_intern_string (json_node_get_string (platform)) : NULL;
  event.params = params;
  event.params_text = params_text;
  g_array_append_val (events, event);
  return TRUE;
}

/* A user's "expect" (DESIGN §6): an object of known keys, so that a
 * misspelled one is not a check that silently passes. */
static gboolean
check_expect (Loader   *loader,
              JsonNode *expect)
{
  /* "journey": in a portfolio, the one journey whose body checks it (PF12) */
  static const char *const known[] = { "journey", "outcome", "path", "path_includes", "path_excludes", "messages", "goals" };
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (expect == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (expect))
    return scenario_fail (loader, expect, _("\"expect\" must be an object"));
  json_object_iter_init (&iter, json_node_get_object (expect));
  while (json_object_iter_next (&iter, &name, &value))
    {
      gboolean found = FALSE;

      for (gsize i = 0; i < G_N_ELEMENTS (known); i++)
        found |= strcmp (name, known[i]) == 0;
      if (!found)
        return scenario_fail (loader, value,
                              _("unknown expectation \"%s\" (known: journey, outcome, path, path_includes, path_excludes, messages, goals)"),
                              name);
    }
  return TRUE;
}

static gboolean
load_scripted_user (Loader     *loader,
                    CairnInput *input,
                    GArray     *events,
                    JsonNode   *node)
{
  JsonObject *object;
  const char *id;
  CairnUser *user;
  JsonArray *list;
  guint index;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return scenario_fail (loader, node, _("a user must be an object"));
  object = json_node_get_object (node);
  id = cairn_json_get_string (object, "id");
  if (id == NULL || *id == '\0')
    return scenario_fail (loader, node, _("a user needs an \"id\""));
  if (cairn_input_lookup_user (input, id) >= 0)
    return scenario_fail (loader, json_object_get_member (object, "id"), _("user \"%s\" is listed twice"), id);

  index = cairn_input_add_user (input, id, CAIRN_USER_SCRIPTED);
  user = cairn_input_get_user (input, index);
  user->attributes = object_copy (cairn_json_get_object (object, "attributes"));
  user->reachability = object_copy (cairn_json_get_object (object, "reachability"));
  user->affinity = object_copy (cairn_json_get_object (object, "affinity"));
  user->behavior = object_copy (cairn_json_get_object (object, "behavior"));
  user->expect = object_copy (cairn_json_get_object (object, "expect"));
  if (!check_expect (loader, json_object_get_member (object, "expect")))
    return FALSE;
  if (json_object_get_member (object, "events") != NULL && !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "events")))
    return scenario_fail (loader, json_object_get_member (object, "events"), _("\"events\" must be a list"));

  list = cairn_json_get_array (object, "events");
  for (guint i = 0; list && i < json_array_get_length (list); i++)
    {
      JsonNode *element = json_array_get_element (list, i);
      JsonObject *event;
      JsonObject *params;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return scenario_fail (loader, element, _("an event must be an object"));
      event = json_node_get_object (element);
      params = object_copy (cairn_json_get_object (event, "params"));

      if (json_object_has_member (event, "after_message"))
        {
          CairnAfterMessage spec = { 0 };
          const char *node_id = cairn_json_get_string (event, "after_message");
          const char *delay = cairn_json_get_string (event, "delay");
          const char *name = cairn_json_get_string (event, "name");
          g_autoptr(GError) local = NULL;

          if (node_id == NULL)
            return scenario_fail (loader, json_object_get_member (event, "after_message"), _("\"after_message\" names a message node"));
          if (name == NULL)
            return scenario_fail (loader, element, _("an event needs a \"name\""));
          spec.delay = 0;
          if (delay != NULL && !cairn_duration_parse (delay, &spec.delay, &local))
            return scenario_fail (loader, json_object_get_member (event, "delay"), "%s", local->message);
          spec.user = index;
          spec.node = g_intern_string (node_id);
          spec.name = g_intern_string (name);
          spec.platform = cairn_json_get_string (event, "platform") ? g_intern_string (cairn_json_get_string (event, "platform")) : NULL;
          spec.params = params;
          g_array_append_val (input->after_messages, spec);
          continue;
        }
      else
        {
          JsonNode *at = json_object_get_member (event, "at");
          const char *text = cairn_json_get_string (event, "at");
          CairnTime time;
          CairnDuration offset;

          if (text == NULL)
            {
              g_clear_pointer (&params, json_object_unref);
              return scenario_fail (loader, at ? at : element, _("an event needs \"at\": a time or a duration from the start"));
            }
          if (text[0] == 'P' || text[0] == 'p')
            {
              g_autoptr(GError) local = NULL;
              if (!cairn_duration_parse (text, &offset, &local))
                {
                  g_clear_pointer (&params, json_object_unref);
                  return scenario_fail (loader, at, "%s", local->message);
                }
              time = input->start + offset;
            }
          else
            {
              g_autoptr(GError) local = NULL;
              if (!cairn_time_parse (text, &time, &local))
                {
                  g_clear_pointer (&params, json_object_unref);
                  return scenario_fail (loader, at, "%s", local->message);
                }
            }
          if (json_object_get_member (event, "name") == NULL)
            {
              g_clear_pointer (&params, json_object_unref);
              return scenario_fail (loader, element, _("an event needs a \"name\""));
            }
          if (!scenario_add_event (loader, events, index, time, json_object_get_member (event, "name"),
                          json_object_get_member (event, "platform"), params, NULL))
            {
              g_clear_pointer (&params, json_object_unref);
              return FALSE;
            }
        }
    }
  return TRUE;
}

typedef struct
{
  guint64  time;    /* from the earliest */
  gsize    index;
} SortKey;

#define RADIX_BITS 11

/* The events in the order of the indexes in @order (under @mask), moved
 * once. */
static void
move_events (CairnInputEvent *items,
             gsize            n,
             const guint64   *order,
             guint64          mask)
{
  CairnInputEvent *sorted = g_new (CairnInputEvent, n);

  for (gsize i = 0; i < n; i++)
    sorted[i] = items[order[i] & mask];
  memcpy (items, sorted, n * sizeof *items);
  g_free (sorted);
}

/* Stable: input order at equal times (T4). A radix sort of small keys
 * (stable by construction), then the events moved once. When the time
 * (from the earliest) and the index fit in 64 bits, as they do for any
 * window of days and millions of events, a key is one number, time above
 * index: only the time's bits are sorted on (the indexes come in order),
 * and every digit is counted in one read. */
void
scenario_sort_events (GArray *events)
{
  CairnInputEvent *items = (CairnInputEvent *) (void *) events->data;
  gsize n = events->len, i;
  CairnTime low, high;
  SortKey *keys, *other;
  guint64 span;
  guint span_bits, index_bits;

  for (i = 1; i < n && items[i - 1].time <= items[i].time; i++)
    ;
  if (i >= n)
    return;
  low = high = items[0].time;
  for (i = 1; i < n; i++)
    {
      low = MIN (low, items[i].time);
      high = MAX (high, items[i].time);
    }
  span = (guint64) high - (guint64) low;
  span_bits = g_bit_storage (span);
  index_bits = g_bit_storage (n - 1);
  if (span_bits + index_bits <= 64)
    {
      guint n_passes = (span_bits + RADIX_BITS - 1) / RADIX_BITS;
      gsize (*counts)[1 << RADIX_BITS] = g_malloc0 (n_passes * sizeof *counts);
      guint64 *packed = g_new (guint64, n), *spare = g_new (guint64, n), *swap;
      guint64 mask = (G_GUINT64_CONSTANT (1) << index_bits) - 1;

      for (i = 0; i < n; i++)
        {
          guint64 key = ((guint64) items[i].time - (guint64) low) << index_bits | i;
          guint64 time = key >> index_bits;

          packed[i] = key;
          for (guint p = 0; p < n_passes; p++)
            counts[p][(time >> (p * RADIX_BITS)) & ((1 << RADIX_BITS) - 1)]++;
        }
      for (guint p = 0; p < n_passes; p++)
        {
          gsize total = 0;
          guint shift = index_bits + p * RADIX_BITS;

          for (guint b = 0; b < (1 << RADIX_BITS); b++)
            {
              gsize c = counts[p][b];
              counts[p][b] = total;
              total += c;
            }
          for (i = 0; i < n; i++)
            spare[counts[p][(packed[i] >> shift) & ((1 << RADIX_BITS) - 1)]++] = packed[i];
          swap = packed;
          packed = spare;
          spare = swap;
        }
      move_events (items, n, packed, mask);
      g_free (counts);
      g_free (packed);
      g_free (spare);
      return;
    }

  keys = g_new (SortKey, n);
  other = g_new (SortKey, n);
  for (i = 0; i < n; i++)
    keys[i] = (SortKey) { (guint64) items[i].time - (guint64) low, i };
  for (guint shift = 0; shift < 64 && (span >> shift) != 0; shift += RADIX_BITS)
    {
      gsize counts[1 << RADIX_BITS] = { 0 };
      gsize total = 0;
      SortKey *swap;

      for (i = 0; i < n; i++)
        counts[(keys[i].time >> shift) & ((1 << RADIX_BITS) - 1)]++;
      for (guint b = 0; b < G_N_ELEMENTS (counts); b++)
        {
          gsize c = counts[b];
          counts[b] = total;
          total += c;
        }
      for (i = 0; i < n; i++)
        other[counts[(keys[i].time >> shift) & ((1 << RADIX_BITS) - 1)]++] = keys[i];
      swap = keys;
      keys = other;
      other = swap;
    }
  /* The order, in the room of the keys no longer needed. */
  {
    guint64 *order = (guint64 *) (void *) other;

    for (i = 0; i < n; i++)
      order[i] = keys[i].index;
    move_events (items, n, order, G_MAXUINT64);
  }
  g_free (keys);
  g_free (other);
}

/* Merges runs sorted by time into @out; at equal times the earlier run
 * first, which is what a stable sort of their concatenation gives. With
 * @move the events leave the runs, else @out has references of its own. */
void
scenario_merge_runs (GArray   *out,
                     GArray  **runs,
                     guint     n_runs,
                     gboolean  move)
{
  g_autofree guint *at = g_new0 (guint, n_runs);
  gsize total = 0, k = out->len;

  for (guint r = 0; r < n_runs; r++)
    total += runs[r]->len;
  g_array_set_size (out, out->len + total);
  for (; k < out->len; k++)
    {
      int best = -1;
      CairnInputEvent *event;

      for (guint r = 0; r < n_runs; r++)
        if (at[r] < runs[r]->len
            && (best < 0
                || g_array_index (runs[r], CairnInputEvent, at[r]).time
                   < g_array_index (runs[best], CairnInputEvent, at[best]).time))
          best = r;
      event = &g_array_index (out, CairnInputEvent, k);
      *event = g_array_index (runs[best], CairnInputEvent, at[best]);
      if (!move && event->params != NULL)
        json_object_ref (event->params);
      at[best]++;
    }
  /* The events moved to @out: the runs give up their params. */
  for (guint r = 0; move && r < n_runs; r++)
    {
      g_array_set_clear_func (runs[r], NULL);
      g_array_set_size (runs[r], 0);
    }
}

static void
ensure_merged (ScenarioImpl *impl)
{
  if (impl->runs == NULL)
    return;
  scenario_merge_runs (impl->events, (GArray **) impl->runs->pdata, impl->runs->len, TRUE);
  g_clear_pointer (&impl->runs, g_ptr_array_unref);
}

static gboolean
scenario_next_event (CairnInput       *input,
                     CairnInputEvent  *event,
                     GError          **error)
{
  ScenarioImpl *impl = input->impl;

  ensure_merged (impl);
  if (impl->next >= impl->events->len)
    return FALSE;
  *event = g_array_index (impl->events, CairnInputEvent, impl->next);
  input->ahead = cairn_input_events_ahead ((const CairnInputEvent *) (void *) impl->events->data, impl->next,
                                           impl->events->len, &input->ahead_name);
  /* The caller owns what it is handed. */
  g_array_index (impl->events, CairnInputEvent, impl->next).params = NULL;
  impl->next++;
  return TRUE;
}

const CairnInputEvent *
cairn_input_get_events (CairnInput *input,
                        guint      *n_events)
{
  ScenarioImpl *impl = input->impl;

  *n_events = 0;
  if (!cairn_input_events_in_place (input))
    return NULL;
  ensure_merged (impl);
  *n_events = impl->events->len - impl->next;
  return (const CairnInputEvent *) (void *) impl->events->data + impl->next;
}

gboolean
cairn_input_events_in_place (CairnInput *input)
{
  return input->next_event == scenario_next_event && input->impl != NULL;
}

const CairnInputEvent *
cairn_input_get_shard_events (CairnInput *input,
                              guint       first,
                              guint       end,
                              guint      *n_events)
{
  ScenarioImpl *impl = input->impl;
  GArray **runs;
  GArray *view;

  *n_events = 0;
  if (!cairn_input_events_in_place (input) || impl->runs == NULL || impl->next > 0
      || end > impl->runs->len - 1 || first >= end)
    return NULL;
  runs = (GArray **) impl->runs->pdata;
  /* Shard k is run k + 1; shard 0 also has the scripted users' run 0. */
  if (end == first + 1 && (first > 0 || runs[0]->len == 0))
    view = runs[first + 1];
  else
    {
      view = g_array_new (FALSE, FALSE, sizeof (CairnInputEvent));
      g_array_set_clear_func (view, (GDestroyNotify) cairn_input_event_clear);
      if (first == 0)
        scenario_merge_runs (view, runs, end + 1, FALSE);
      else
        scenario_merge_runs (view, runs + first + 1, end - first, FALSE);
      if (impl->views == NULL)
        impl->views = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      g_ptr_array_add (impl->views, view);
    }
  *n_events = view->len;
  return (const CairnInputEvent *) (void *) view->data;
}

static void
scenario_free_impl (CairnInput *input)
{
  ScenarioImpl *impl = input->impl;

  if (impl == NULL)
    return;
  g_array_unref (impl->events);
  g_clear_pointer (&impl->runs, g_ptr_array_unref);
  g_clear_pointer (&impl->views, g_ptr_array_unref);
  g_clear_pointer (&impl->texts, g_ptr_array_unref);
  g_free (impl);
}

CairnInput *
cairn_input_new_scenario (const char  *path,
                          gint64       seed_override,
                          GError     **error)
{
  return cairn_input_new_scenario_full (path, seed_override, 0, error);
}

static CairnInput *scenario_from_root (const char *path, JsonNode *root, CairnJsonPositions *positions,
                                       gint64 seed_override, guint threads, GError **error);

CairnInput *
cairn_input_new_scenario_full (const char  *path,
                               gint64       seed_override,
                               guint        threads,
                               GError     **error)
{
  g_autoptr(CairnJsonPositions) positions = NULL;
  g_autoptr(JsonNode) root = NULL;

  root = cairn_json_load_file (path, &positions, error);
  if (root == NULL)
    return NULL;
  return scenario_from_root (path, root, positions, seed_override, threads, error);
}

CairnInput *
cairn_input_new_scenario_data (const char  *data,
                               gsize        length,
                               const char  *path,
                               gint64       seed_override,
                               guint        threads,
                               GError     **error)
{
  g_autoptr(CairnJsonPositions) positions = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  root = cairn_json_parse (data, length, path, &positions, error);
  if (root == NULL)
    return NULL;
  return scenario_from_root (path, root, positions, seed_override, threads, error);
}

static CairnInput *
scenario_from_root (const char         *path,
                    JsonNode           *root,
                    CairnJsonPositions *positions,
                    gint64              seed_override,
                    guint               threads,
                    GError            **error)
{
  g_autoptr(CairnInput) input = NULL;
  g_autoptr(GArray) events = NULL;
  g_autoptr(GHashTable) interned = population_interned_new ();
  g_autoptr(GHashTable) specs = population_specs_new ();
  Loader loader = { path, NULL, error, interned, specs, threads ? threads : g_get_num_processors () };
  JsonObject *object;
  JsonNode *seed_node, *catalog_node;
  JsonArray *users;
  ScenarioImpl *impl;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  gboolean has;

  loader.positions = positions;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      scenario_fail (&loader, root, _("a scenario must be a JSON object"));
      return NULL;
    }
  object = json_node_get_object (root);
  if (g_strcmp0 (cairn_json_get_string (object, "format"), "cairn-scenario") != 0)
    {
      scenario_fail (&loader, root, _("this is not a scenario (\"format\": \"cairn-scenario\" is missing)"));
      return NULL;
    }
  if (!json_object_has_member (object, "version") || !scenario_is_integer_node (json_object_get_member (object, "version"))
      || json_object_get_int_member (object, "version") != 1)
    {
      scenario_fail (&loader, json_object_get_member (object, "version") ?: root, _("only version 1 scenarios are understood"));
      return NULL;
    }

  input = cairn_input_new ();
  events = g_array_new (FALSE, FALSE, sizeof (CairnInputEvent));
  g_array_set_clear_func (events, (GDestroyNotify) cairn_input_event_clear);
  input->filename = g_strdup (path);
  input->name = g_strdup (cairn_json_get_string (object, "name") ?: "");

  if (!parse_time_member (&loader, object, "start", &input->start, &input->has_start)
      || !parse_time_member (&loader, object, "end", &input->end, &has))
    return NULL;
  input->has_end = has;
  if (!input->has_start || !input->has_end)
    {
      scenario_fail (&loader, root, _("a scenario needs \"start\" and \"end\" times"));
      return NULL;
    }
  if (input->end < input->start)
    {
      scenario_fail (&loader, json_object_get_member (object, "end"), _("\"end\" is before \"start\""));
      return NULL;
    }
  if ((guint64) input->end - (guint64) input->start > (guint64) CAIRN_MAX_WINDOW_DAYS * CAIRN_USEC_PER_DAY)
    {
      scenario_fail (&loader, json_object_get_member (object, "end"),
                     _("the window is longer than %d days (100 years), the longest a run covers"), CAIRN_MAX_WINDOW_DAYS);
      return NULL;
    }

  seed_node = json_object_get_member (object, "seed");
  if (seed_node != NULL)
    {
      if (!scenario_is_integer_node (seed_node) || json_node_get_int (seed_node) < 0)
        {
          scenario_fail (&loader, seed_node, _("\"seed\" is a whole number from 0 to 9223372036854775807"));
          return NULL;
        }
      input->seed = json_node_get_int (seed_node);
    }
  if (seed_override >= 0)
    input->seed = seed_override;

  catalog_node = json_object_get_member (object, "catalog");
  if (catalog_node != NULL && !JSON_NODE_HOLDS_NULL (catalog_node))
    {
      if (JSON_NODE_HOLDS_OBJECT (catalog_node))
        input->catalog = cairn_catalog_new_from_json_at (catalog_node, path, positions, error);
      else if (cairn_json_get_string (object, "catalog") != NULL)
        {
          g_autofree char *dir = g_path_get_dirname (path);
          const char *name = cairn_json_get_string (object, "catalog");
          g_autofree char *catalog_path = g_path_is_absolute (name) ? g_strdup (name) : g_build_filename (dir, name, NULL);
          g_autoptr(GError) local = NULL;
          guint line = 0, column = 0;

          input->catalog = cairn_catalog_load_file (catalog_path, &local);
          /* A file that cannot be read is the scenario's error, at its
             "catalog"; one that is read has its own positions. */
          if (input->catalog == NULL && local->domain == CAIRN_ERROR && local->code == CAIRN_ERROR_IO
              && cairn_json_positions_lookup (positions, catalog_node, &line, &column))
            g_set_error (error, CAIRN_ERROR, CAIRN_ERROR_IO, "%s:%u:%u: %s", path, line, column, local->message);
          else if (input->catalog == NULL)
            g_propagate_error (error, g_steal_pointer (&local));
        }
      else
        scenario_fail (&loader, catalog_node, _("\"catalog\" is a file name or a catalog object"));
      if (input->catalog == NULL)
        return NULL;
    }

  if (json_object_get_member (object, "users") != NULL && !JSON_NODE_HOLDS_NULL (json_object_get_member (object, "users"))
      && !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "users")))
    {
      scenario_fail (&loader, json_object_get_member (object, "users"), _("\"users\" must be a list of users"));
      return NULL;
    }
  if (json_object_get_member (object, "generate") != NULL && !JSON_NODE_HOLDS_NULL (json_object_get_member (object, "generate"))
      && !JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "generate")))
    {
      scenario_fail (&loader, json_object_get_member (object, "generate"), _("\"generate\" must be an object"));
      return NULL;
    }
  users = cairn_json_get_array (object, "users");
  for (guint i = 0; users && i < json_array_get_length (users); i++)
    if (!load_scripted_user (&loader, input, events, json_array_get_element (users, i)))
      return NULL;
  input->n_scripted = input->users->len;

  if (cairn_json_get_object (object, "generate") != NULL)
    {
      if (!population_generate (&loader, input, events, cairn_json_get_object (object, "generate"), &runs, &texts))
        return NULL;
    }

  if (runs == NULL)
    scenario_sort_events (events);

  impl = g_new0 (ScenarioImpl, 1);
  impl->events = g_steal_pointer (&events);
  impl->runs = g_steal_pointer (&runs);
  impl->texts = g_steal_pointer (&texts);
  input->impl = impl;
  input->next_event = scenario_next_event;
  input->free_impl = scenario_free_impl;
  return g_steal_pointer (&input);
}
