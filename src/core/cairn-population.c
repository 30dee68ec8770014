/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "cairn-rng.h"
#include "cairn-population-private.h"

/* The generated population of a scenario (DESIGN §6, §12 R, R4–R8): users
 * drawn from weighted personas, their values from generators, their events
 * from Poisson processes, every draw keyed so that any order or split of
 * the work gives the same users. */

/* An object made from a flat spec's draw, kept by its values. */
typedef struct
{
  guint       hash;
  guint       n;
  JsonObject *object;
  FlatValue  *values;   /* n of them, after the struct (or the caller's) */
} Made;

static guint
made_hash (gconstpointer key)
{
  return ((const Made *) key)->hash;
}

static gboolean
made_equal (gconstpointer a,
            gconstpointer b)
{
  const Made *x = a, *y = b;
  return x->hash == y->hash && x->n == y->n && population_flat_values_equal (x->values, y->values, x->n);
}

static void
made_free (gpointer data)
{
  Made *made = data;
  json_object_unref (made->object);
  g_free (made);
}

static Made *
made_new (const Made *probe,
          JsonObject *object)
{
  Made *made = g_malloc (sizeof (Made) + probe->n * sizeof (FlatValue));

  *made = *probe;
  made->object = json_object_ref (object);
  made->values = (FlatValue *) (void *) (made + 1);
  memcpy (made->values, probe->values, probe->n * sizeof (FlatValue));
  return made;
}

typedef struct
{
  gboolean    is_constant;  /* nothing in it is drawn */
  JsonObject *constant;     /* then its one value, once made */
  guint       tries, hits;  /* of interning its values */
  FlatPlan   *plan;         /* NULL: drawn the long way (see population_flat_plan_new) */
  GHashTable *made;         /* set of Made, by value */
} SpecInfo;

static void
spec_info_free (SpecInfo *info)
{
  g_clear_pointer (&info->constant, json_object_unref);
  g_clear_pointer (&info->made, g_hash_table_unref);
  population_flat_plan_free (info->plan);
  g_free (info);
}

/* Whether anything under @spec is drawn at random. */
static gboolean spec_object_is_constant (JsonObject *object);

static gboolean
spec_is_constant (JsonNode *spec,
                  gboolean  under_reachability)
{

  if (under_reachability && cairn_json_node_is_number (spec))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (spec))
    return TRUE;
  return spec_object_is_constant (json_node_get_object (spec));
}

/* Never takes a reference on @object: specs are read by several threads at
 * once, and json-glib's reference counts are not atomic. */
static gboolean
spec_object_is_constant (JsonObject *object)
{
  g_autoptr(GList) values = NULL;

  if (json_object_get_size (object) == 1
      && (json_object_has_member (object, "uniform") || json_object_has_member (object, "choice")
          || json_object_has_member (object, "weighted")))
    return FALSE;
  values = json_object_get_values (object);
  for (GList *l = values; l; l = l->next)
    if (!spec_is_constant (l->data, FALSE))
      return FALSE;
  return TRUE;
}

/* Generators (R5) */

static gboolean generate_value (Loader *loader, JsonNode *spec, guint64 key,
                                GString *purpose, gboolean under_reachability, JsonNode **out);

gboolean
scenario_is_integer_node (JsonNode *node)
{
  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

GHashTable *
population_specs_new (void)
{
  return g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) spec_info_free);
}

static JsonObject *
intern_object (Loader     *loader,
               JsonObject *object)
{
  JsonObject *existing = g_hash_table_lookup (loader->interned, object);

  if (existing != NULL)
    {
      json_object_unref (object);
      return json_object_ref (existing);
    }
  g_hash_table_add (loader->interned, json_object_ref (object));
  return object;
}

static gboolean generate_object_raw (Loader *loader, JsonObject *spec, guint64 key,
                                     GString *purpose, gboolean under_reachability, JsonObject **out);

static gboolean
generate_object (Loader      *loader,
                 JsonObject  *spec,
                 guint64      key,
                 GString     *purpose,
                 gboolean     under_reachability,
                 JsonObject **out)
{
  SpecInfo *info = g_hash_table_lookup (loader->specs, spec);

  if (info == NULL)
    {
      info = g_new0 (SpecInfo, 1);
      info->is_constant = !under_reachability && spec_object_is_constant (spec);
      info->plan = population_flat_plan_new (spec, under_reachability);
      g_hash_table_insert (loader->specs, spec, info);
    }
  if (info->constant != NULL)
    {
      *out = json_object_ref (info->constant);
      return TRUE;
    }
  if (info->plan != NULL)
    {
      FlatValue values[MAX_FLAT];
      guint n = 0;

      population_flat_plan_draw (info->plan, key, purpose, values, &n);
      if (info->tries < 4096 || info->hits * 8 >= info->tries)
        {
          Made probe = { population_flat_hash (values, n), n, NULL, values };
          Made *found;

          if (info->made == NULL)
            info->made = g_hash_table_new_full (made_hash, made_equal, made_free, NULL);
          info->tries++;
          found = g_hash_table_lookup (info->made, &probe);
          if (found != NULL)
            {
              info->hits++;
              *out = json_object_ref (found->object);
              return TRUE;
            }
          *out = population_flat_make (values, n);
          g_hash_table_add (info->made, made_new (&probe, *out));
        }
      else
        *out = population_flat_make (values, n);
      if (info->is_constant)
        info->constant = json_object_ref (*out);
      return TRUE;
    }
  if (!generate_object_raw (loader, spec, key, purpose, under_reachability, out))
    return FALSE;
  /* Interning pays when a spec gives few different objects (an age and a
     name); a price drawn from a range gives new ones every time, and then
     it is given up for that spec. */
  if (info->tries < 4096 || info->hits * 8 >= info->tries)
    {
      JsonObject *raw = *out;
      *out = intern_object (loader, raw);
      info->tries++;
      info->hits += *out != raw;
    }
  if (info->is_constant)
    info->constant = json_object_ref (*out);
  return TRUE;
}

static gboolean
generate_object_raw (Loader      *loader,
                     JsonObject  *spec,
                     guint64      key,
                     GString     *purpose,
                     gboolean     under_reachability,
                     JsonObject **out)
{
  g_autoptr(GList) names = json_object_get_members (spec);
  JsonObject *object = json_object_new ();

  for (GList *l = names; l; l = l->next)
    {
      gsize saved = purpose->len;
      JsonNode *value = NULL;

      if (purpose->len > 0)
        g_string_append_c (purpose, '.');
      g_string_append (purpose, l->data);
      if (!generate_value (loader, json_object_get_member (spec, l->data), key, purpose,
                           under_reachability, &value))
        {
          json_object_unref (object);
          return FALSE;
        }
      g_string_truncate (purpose, saved);
      json_object_set_member (object, l->data, value);
    }
  *out = object;
  return TRUE;
}

static gboolean
generate_value (Loader      *loader,
                JsonNode    *spec,
                guint64      key,
                GString     *purpose,
                gboolean     under_reachability,
                JsonNode   **out)
{
  JsonObject *object;

  if (under_reachability && cairn_json_node_is_number (spec))
    {
      double p = cairn_json_node_number (spec);
      double u = population_draw (key, purpose->str);
      *out = json_node_init_boolean (json_node_alloc (), u < p);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (spec))
    {
      *out = cairn_json_deep_copy (spec);
      return TRUE;
    }

  object = json_node_get_object (spec);
  if (json_object_get_size (object) == 1 && json_object_has_member (object, "uniform"))
    {
      FlatValue v;

      if (!population_draw_uniform (cairn_json_get_array (object, "uniform"), key, purpose->str, &v))
        return scenario_fail (loader, spec, _("\"uniform\" takes two numbers [a, b] with a <= b"));
      *out = v.kind == 'i' ? json_node_init_int (json_node_alloc (), v.i)
                           : json_node_init_double (json_node_alloc (), v.d);
      return TRUE;
    }
  if (json_object_get_size (object) == 1 && json_object_has_member (object, "choice"))
    {
      JsonArray *choices = cairn_json_get_array (object, "choice");
      guint n = choices ? json_array_get_length (choices) : 0;
      double u;

      if (n == 0)
        return scenario_fail (loader, spec, _("\"choice\" takes a non-empty list"));
      u = population_draw (key, purpose->str);
      *out = cairn_json_deep_copy (json_array_get_element (choices, MIN ((guint) floor (u * n), n - 1)));
      return TRUE;
    }
  if (json_object_get_size (object) == 1 && json_object_has_member (object, "weighted"))
    {
      JsonObject *weighted = cairn_json_get_object (object, "weighted");
      g_autoptr(GList) keys = weighted ? json_object_get_members (weighted) : NULL;
      g_autofree double *weights = NULL;
      guint n = g_list_length (keys), i = 0;
      double total = 0;
      int pick;

      if (n == 0)
        return scenario_fail (loader, spec, _("\"weighted\" takes an object of weights"));
      weights = g_new0 (double, n);
      for (GList *l = keys; l; l = l->next, i++)
        {
          JsonNode *w = json_object_get_member (weighted, l->data);
          if (!cairn_json_node_is_number (w) || cairn_json_node_number (w) < 0)
            return scenario_fail (loader, w, _("weights are non-negative numbers"));
          weights[i] = cairn_json_node_number (w);
          total += weights[i];
        }
      if (total <= 0)
        return scenario_fail (loader, spec, _("weights cannot all be 0"));
      pick = population_pick_weighted (weights, n, population_draw (key, purpose->str));
      *out = json_node_init_string (json_node_alloc (), g_list_nth_data (keys, pick));
      return TRUE;
    }

  {
    JsonObject *generated = NULL;
    if (!generate_object_raw (loader, object, key, purpose, FALSE, &generated))
      return FALSE;
    *out = json_node_alloc ();
    json_node_init_object (*out, NULL);
    json_node_take_object (*out, generated);
  }
  return TRUE;
}

static gint64
round_half_away (double x)
{
  return x >= 0 ? (gint64) floor (x + 0.5) : -(gint64) floor (-x + 0.5);
}


/* What a persona's users are made of, looked up once: its parts and its
 * event specs. Checks are left to the first user who needs them, so that
 * errors come out as a user-by-user pass finds them. */
typedef struct
{
  JsonObject *spec;
  JsonNode   *node;
  JsonNode   *name;
  const char *interned_name;     /* the name, when it is a string */
  const char *interned_platform; /* a string platform, or NULL (none or drawn) */
  gboolean    has_name, has_rate;
  double      rate;
  JsonObject *params_spec;
  FlatPlan   *params_plan;       /* NULL: the params are made the long way */
  JsonNode   *platform_spec;
} EventPlan;

typedef struct
{
  JsonObject *parts[4];
  EventPlan  *events;
  guint       n_events;
} PersonaPlan;

static PersonaPlan *
plan_personas (JsonArray *personas)
{
  static const char *const parts[] = { "attributes", "reachability", "affinity", "behavior" };
  guint n = json_array_get_length (personas);
  PersonaPlan *plans = g_new0 (PersonaPlan, n);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *persona = json_array_get_object_element (personas, i);
      JsonArray *specs = cairn_json_get_array (persona, "events");

      for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
        plans[i].parts[p] = cairn_json_get_object (persona, parts[p]);
      plans[i].n_events = specs ? json_array_get_length (specs) : 0;
      plans[i].events = g_new0 (EventPlan, MAX (plans[i].n_events, 1));
      for (guint j = 0; j < plans[i].n_events; j++)
        {
          EventPlan *ev = &plans[i].events[j];
          ev->node = json_array_get_element (specs, j);
          ev->spec = json_array_get_object_element (specs, j);
          if (ev->spec == NULL)
            continue;
          ev->has_name = cairn_json_get_string (ev->spec, "name") != NULL;
          ev->name = json_object_get_member (ev->spec, "name");
          ev->has_rate = cairn_json_get_number (ev->spec, "rate_per_day", &ev->rate);
          ev->params_spec = cairn_json_get_object (ev->spec, "params");
          ev->params_plan = ev->params_spec ? population_flat_plan_new (ev->params_spec, FALSE) : NULL;
          ev->platform_spec = json_object_get_member (ev->spec, "platform");
          if (ev->has_name)
            ev->interned_name = g_intern_string (cairn_json_get_string (ev->spec, "name"));
          if (cairn_json_get_string (ev->spec, "platform") != NULL)
            ev->interned_platform = g_intern_string (cairn_json_get_string (ev->spec, "platform"));
        }
    }
  return plans;
}

static void
plans_free (PersonaPlan *plans,
            guint        n)
{
  for (guint i = 0; i < n; i++)
    {
      for (guint j = 0; j < plans[i].n_events; j++)
        population_flat_plan_free (plans[i].events[j].params_plan);
      g_free (plans[i].events);
    }
  g_free (plans);
}

/* "events.J.K" and a suffix, without printf. */
static void
event_purpose (GString    *purpose,
               guint       j,
               guint       k,
               const char *suffix)
{
  char buf[16];
  int n;

  g_string_assign (purpose, "events.");
  n = 0;
  do buf[n++] = '0' + j % 10; while ((j /= 10) > 0);
  while (n > 0)
    g_string_append_c (purpose, buf[--n]);
  g_string_append_c (purpose, '.');
  do buf[n++] = '0' + k % 10; while ((k /= 10) > 0);
  while (n > 0)
    g_string_append_c (purpose, buf[--n]);
  if (suffix != NULL)
    g_string_append (purpose, suffix);
}

/* The population is made in chunks of consecutive users, one per thread:
 * each user's values come from keyed draws (R), so any split gives the
 * same users and events, and the chunks are put together in user order. */
typedef struct
{
  Loader        loader;
  GError       *error;
  CairnInput   *input;           /* read only while chunks run */
  JsonObject   *generate;
  JsonArray    *personas;
  PersonaPlan  *plans;           /* per persona, read only */
  const double *weights;
  guint         n_personas;
  const char   *prefix;
  gboolean      check_ids;       /* a scripted user's id starts with the prefix */
  gint64        first, last;     /* user numbers, inclusive */
  guint         base;            /* input index of user number 1 */
  GPtrArray    *users;           /* CairnUser* of first..last */
  GArray       *events;          /* CairnInputEvent, sorted at the end */
  GStringChunk *texts;           /* the events' params_text */
  GString      *scratch;
  gboolean      ok;
} Chunk;



/* "PREFIXN", as "%s%" G_GINT64_FORMAT writes it for N >= 1. */
static char *
user_id (const char *prefix,
         gsize       prefix_length,
         gint64      n)
{
  char digits[24];
  guint64 v = (guint64) n;
  int k = 0;
  char *id;

  do
    digits[k++] = (char) ('0' + v % 10);
  while ((v /= 10) > 0);
  id = g_malloc (prefix_length + k + 1);
  memcpy (id, prefix, prefix_length);
  for (int d = 0; d < k; d++)
    id[prefix_length + d] = digits[k - 1 - d];
  id[prefix_length + k] = '\0';
  return id;
}

static gboolean
generate_users (Chunk *chunk)
{
  Loader *loader = &chunk->loader;
  CairnInput *input = chunk->input;
  JsonObject *generate = chunk->generate;
  const char *prefix = chunk->prefix;
  gsize prefix_length = strlen (prefix);
  GArray *events = chunk->events;
  g_autoptr(GString) purpose = g_string_new (NULL);

  for (gint64 i = chunk->first; i <= chunk->last; i++)
    {
      g_autofree char *id = user_id (prefix, prefix_length, i);
      PersonaPlan *plan;
      int persona_index;
      CairnUser *user;
      guint64 key;
      guint index = chunk->base + (guint) (i - 1);
      static const char *const parts[] = { "attributes", "reachability", "affinity", "behavior" };

      if (chunk->check_ids && cairn_input_lookup_user (input, id) >= 0)
        return scenario_fail (loader, json_object_get_member (generate, "id_prefix") ?: json_object_get_member (generate, "count"),
                     _("the generated user \"%s\" has the id of a scripted user"), id);
      key = population_key (input->seed, id);
      persona_index = population_pick_weighted (chunk->weights, chunk->n_personas,
                                                population_draw (key, "persona"));
      user = scenario_user_new (g_steal_pointer (&id), CAIRN_USER_GENERATED, index);
      g_ptr_array_add (chunk->users, user);

      for (gsize p = 0; p < G_N_ELEMENTS (parts); p++)
        {
          JsonObject *spec = chunk->plans[persona_index].parts[p];
          JsonObject *value = NULL;

          if (spec == NULL)
            continue;
          g_string_assign (purpose, parts[p]);
          if (!generate_object (loader, spec, key, purpose, p == 1, &value))
            return FALSE;
          if (p == 0) user->attributes = value;
          else if (p == 1) user->reachability = value;
          else if (p == 2) user->affinity = value;
          else user->behavior = value;
        }

      plan = &chunk->plans[persona_index];
      for (guint j = 0; j < plan->n_events; j++)
        {
          EventPlan *ev = &plan->events[j];
          CairnTime t = input->start;

          if (ev->spec == NULL || !ev->has_name)
            return scenario_fail (loader, ev->node, _("an event spec needs a \"name\""));
          if (!ev->has_rate || ev->rate < 0)
            return scenario_fail (loader, ev->node, _("an event spec needs a non-negative \"rate_per_day\""));
          if (ev->rate == 0)
            continue;
          for (guint k = 1;; k++)
            {
              double u, gap;
              JsonObject *params = NULL;
              const char *params_text = NULL;
              JsonNode *platform = NULL;
              gboolean ok;

              event_purpose (purpose, j + 1, k, NULL);
              u = population_draw (key, purpose->str);
              gap = -log (1.0 - u) / ev->rate * 86400000000.0;
              /* A gap past the end (or beyond 64 bits) ends the process
                 before it is converted. */
              if (gap >= (double) (input->end - t) + 1.0)
                break;
              t += round_half_away (gap);
              if (t > input->end)
                break;
              if (ev->params_spec != NULL)
                {
                  FlatValue values[MAX_FLAT];
                  guint n_values = 0;

                  /* As text, like a replayed event's, when it can be:
                     no object to make, and read member by member. */
                  event_purpose (purpose, j + 1, k, ".params");
                  if (ev->params_plan != NULL)
                    {
                      population_flat_plan_draw (ev->params_plan, key, purpose, values, &n_values);
                      params_text = population_flat_text (values, n_values, chunk->scratch, chunk->texts);
                    }
                  if (params_text == NULL
                      && !generate_object (loader, ev->params_spec, key, purpose, FALSE, &params))
                    return FALSE;
                }
              if (ev->interned_name != NULL && (ev->platform_spec == NULL || ev->interned_platform != NULL))
                {
                  /* A plain name and platform, or none: checked and interned
                     with the plan, nothing to draw. */
                  CairnInputEvent event = { t, index, ev->interned_name, ev->interned_platform, params, params_text };
                  g_array_append_val (events, event);
                  continue;
                }
              if (ev->platform_spec != NULL)
                {
                  event_purpose (purpose, j + 1, k, ".platform");
                  if (!generate_value (loader, ev->platform_spec, key, purpose, FALSE, &platform))
                    {
                      g_clear_pointer (&params, json_object_unref);
                      return FALSE;
                    }
                }
              ok = scenario_add_event (loader, events, index, t, ev->name, platform, params, params_text);
              g_clear_pointer (&platform, json_node_unref);
              if (!ok)
                {
                  g_clear_pointer (&params, json_object_unref);
                  return FALSE;
                }
            }
        }
    }
  return TRUE;
}

static gpointer
chunk_thread (gpointer data)
{
  Chunk *chunk = data;

  chunk->ok = generate_users (chunk);
  if (chunk->ok)
    scenario_sort_events (chunk->events);
  return NULL;
}

static gboolean
generate_chunks (Loader       *loader,
                 CairnInput   *input,
                 GArray       *events,
                 JsonObject   *generate,
                 JsonArray    *personas,
                 const double *weights,
                 guint         n_personas,
                 const char   *prefix,
                 gint64        count,
                 GPtrArray   **runs,
                 GPtrArray   **texts)
{
  guint n_chunks = CLAMP (loader->threads, 1, 64);
  g_autofree Chunk *chunks = NULL;
  g_autofree GThread **threads = NULL;
  PersonaPlan *plans = plan_personas (personas);
  gboolean ok = TRUE, check_ids = FALSE;

  double per_user = 0, total_weight = 0, days = (double) (input->end - input->start) / CAIRN_USEC_PER_DAY;

  if (count < 20000)
    n_chunks = 1;
  /* Room for the events a user has on average, so that the arrays do not
     grow (and copy) as they fill. */
  for (guint i = 0; i < n_personas; i++)
    total_weight += weights[i];
  for (guint i = 0; total_weight > 0 && i < n_personas; i++)
    for (guint j = 0; j < plans[i].n_events; j++)
      if (plans[i].events[j].has_rate && plans[i].events[j].rate > 0)
        per_user += weights[i] / total_weight * plans[i].events[j].rate * days;
  /* The chunks look up ids (read only) while they run, when a scripted
     user's id could be a generated one's. */
  scenario_index_users (input);
  for (guint u = 0; u < input->users->len && !check_ids; u++)
    check_ids = g_str_has_prefix (((CairnUser *) g_ptr_array_index (input->users, u))->id, prefix);
  chunks = g_new0 (Chunk, n_chunks);
  threads = g_new0 (GThread *, n_chunks);
  for (guint c = 0; c < n_chunks; c++)
    {
      Chunk *chunk = &chunks[c];

      chunk->loader.filename = loader->filename;
      chunk->loader.positions = loader->positions;
      chunk->loader.error = &chunk->error;
      chunk->loader.interned = population_interned_new ();
      chunk->loader.specs = population_specs_new ();
      chunk->input = input;
      chunk->generate = generate;
      chunk->personas = personas;
      chunk->plans = plans;
      chunk->weights = weights;
      chunk->n_personas = n_personas;
      chunk->prefix = prefix;
      chunk->check_ids = check_ids;
      chunk->first = 1 + count * c / n_chunks;
      chunk->last = count * (c + 1) / n_chunks;
      chunk->base = input->users->len;
      chunk->users = g_ptr_array_new ();
      chunk->events = g_array_sized_new (FALSE, FALSE, sizeof (CairnInputEvent),
                                         (guint) MIN (per_user * 1.02 * (chunk->last - chunk->first + 1) + 64,
                                                      1 << 22));
      chunk->texts = g_string_chunk_new (1 << 16);
      chunk->scratch = g_string_sized_new (256);
      g_array_set_clear_func (chunk->events, (GDestroyNotify) cairn_input_event_clear);
      if (c > 0)
        threads[c] = g_thread_new ("cairn-generate", chunk_thread, chunk);
    }
  chunk_thread (&chunks[0]);
  for (guint c = 1; c < n_chunks; c++)
    g_thread_join (threads[c]);

  /* The first chunk that failed has the error a single pass would give. */
  for (guint c = 0; c < n_chunks; c++)
    if (ok && !chunks[c].ok)
      {
        g_propagate_error (loader->error, g_steal_pointer (&chunks[c].error));
        ok = FALSE;
      }
  for (guint c = 0; c < n_chunks; c++)
    for (guint u = 0; u < chunks[c].users->len; u++)
      {
        CairnUser *user = chunks[c].users->pdata[u];
        if (ok)
          g_ptr_array_add (input->users, user);
        else
          scenario_user_free (user);
      }
  if (ok)
    {
      input->n_shards = n_chunks;
      input->shard_ends = g_new0 (guint, n_chunks);
      for (guint c = 0; c < n_chunks; c++)
        input->shard_ends[c] = chunks[c].base + (guint) chunks[c].last;
      /* The scripted users' events, then each chunk's: merged only if
         the run needs them all in one (scenario_merge_runs ()). */
      *runs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      *texts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_string_chunk_free);
      scenario_sort_events (events);
      g_ptr_array_add (*runs, g_array_copy (events));
      g_array_set_clear_func ((*runs)->pdata[0], (GDestroyNotify) cairn_input_event_clear);
      g_array_set_clear_func (events, NULL);
      g_array_set_size (events, 0);
      g_array_set_clear_func (events, (GDestroyNotify) cairn_input_event_clear);
      for (guint c = 0; c < n_chunks; c++)
        g_ptr_array_add (*runs, g_steal_pointer (&chunks[c].events));
    }
  for (guint c = 0; c < n_chunks; c++)
    {
      g_ptr_array_unref (chunks[c].users);
      g_clear_pointer (&chunks[c].events, g_array_unref);
      g_string_free (chunks[c].scratch, TRUE);
      /* The events that went to the input keep their text. */
      if (ok)
        g_ptr_array_add (*texts, chunks[c].texts);
      else
        g_string_chunk_free (chunks[c].texts);
      g_hash_table_unref (chunks[c].loader.interned);
      g_hash_table_unref (chunks[c].loader.specs);
      g_clear_error (&chunks[c].error);
    }
  plans_free (plans, json_array_get_length (personas));
  return ok;
}

/* Rates past CAIRN_MAX_RATE_PER_DAY, and a population whose expected
 * number of events is past CAIRN_MAX_GENERATED_EVENTS, are refused before
 * anything is drawn. A rate that is missing or negative is left to the
 * user-by-user pass, which reports it. */
static gboolean
check_event_volume (Loader     *loader,
                    CairnInput *input,
                    JsonObject *generate,
                    JsonArray  *personas,
                    double     *weights,
                    double      total,
                    gint64      count)
{
  double days = (double) (input->end - input->start) / CAIRN_USEC_PER_DAY, expected = 0;

  for (guint i = 0; i < json_array_get_length (personas); i++)
    {
      JsonArray *specs = cairn_json_get_array (json_array_get_object_element (personas, i), "events");

      for (guint j = 0; specs && j < json_array_get_length (specs); j++)
        {
          JsonObject *spec = json_array_get_object_element (specs, j);
          double rate;

          if (spec == NULL || !cairn_json_get_number (spec, "rate_per_day", &rate) || rate < 0)
            continue;
          if (rate > CAIRN_MAX_RATE_PER_DAY)
            return scenario_fail (loader, json_object_get_member (spec, "rate_per_day"),
                                  _("\"rate_per_day\" is at most %.0f"), CAIRN_MAX_RATE_PER_DAY);
          expected += weights[i] / total * rate * days * (double) count;
        }
    }
  if (expected > CAIRN_MAX_GENERATED_EVENTS)
    return scenario_fail (loader, json_object_get_member (generate, "count"),
                          _("the generated users would have about %.3g events in the window; a run has at most %.0f"),
                          expected, CAIRN_MAX_GENERATED_EVENTS);
  return TRUE;
}

gboolean
population_generate (Loader     *loader,
                     CairnInput *input,
                     GArray     *events,
                     JsonObject *generate,
                     GPtrArray **runs,
                     GPtrArray **texts)
{
  JsonArray *personas = cairn_json_get_array (generate, "personas");
  const char *prefix = cairn_json_get_string (generate, "id_prefix");
  double count_value = 0;
  gint64 count;
  guint n_personas;
  g_autofree double *weights = NULL;
  double total = 0;
  
  if (prefix == NULL)
    prefix = "g";
  if (json_object_has_member (generate, "count")
      && (!cairn_json_get_number (generate, "count", &count_value) || count_value < 0 || count_value != floor (count_value)))
    return scenario_fail (loader, json_object_get_member (generate, "count"), _("\"count\" is a whole number"));
  if (count_value > CAIRN_MAX_GENERATED_USERS)
    return scenario_fail (loader, json_object_get_member (generate, "count"),
                          _("\"count\" is at most %d: a run generates no more users"), CAIRN_MAX_GENERATED_USERS);
  count = (gint64) count_value;
  if (count == 0)
    return TRUE;
  n_personas = personas ? json_array_get_length (personas) : 0;
  if (n_personas == 0)
    return scenario_fail (loader, json_object_get_member (generate, "personas"), _("a generated population needs personas"));

  weights = g_new0 (double, n_personas);
  for (guint i = 0; i < n_personas; i++)
    {
      JsonObject *persona = json_array_get_object_element (personas, i);
      JsonNode *weight = persona ? json_object_get_member (persona, "weight") : NULL;

      if (persona == NULL)
        return scenario_fail (loader, json_array_get_element (personas, i), _("a persona must be an object"));
      weights[i] = 1;
      if (weight != NULL)
        {
          if (!cairn_json_node_is_number (weight) || cairn_json_node_number (weight) < 0)
            return scenario_fail (loader, weight, _("a persona's weight is a non-negative number"));
          weights[i] = cairn_json_node_number (weight);
        }
      total += weights[i];
    }
  if (total <= 0)
    return scenario_fail (loader, json_object_get_member (generate, "personas"), _("persona weights cannot all be 0"));
  if (!check_event_volume (loader, input, generate, personas, weights, total, count))
    return FALSE;

  return generate_chunks (loader, input, events, generate, personas, weights, n_personas, prefix, count, runs, texts);
}
