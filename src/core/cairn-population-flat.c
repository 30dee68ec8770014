/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cairn-rng.h"
#include "cairn-population-private.h"

/* The values of a generated population's flat objects (an object of
 * scalars and generators), drawn into a small array; interning compares
 * objects by content; and the weighted pick of R8. */

/* A generated user's draws are cairn_rng_draw (seed, user, "-", 0,
 * purpose) (R): FNV-1a runs over the key "seed/user/-/0/purpose" byte by
 * byte, so the part before the purpose, the same for all of a user's
 * draws, is hashed once. */
/* A {"uniform": [a, b]} generator's value (R5): a whole number in [a, b]
 * when both bounds are whole, else a number in [a, b); FALSE, with
 * nothing drawn, when @bounds are not two numbers a <= b. */
gboolean
population_draw_uniform (JsonArray  *bounds,
                         guint64     key,
                         const char *purpose,
                         FlatValue  *v)
{
  JsonNode *a, *b;
  double u;

  if (bounds == NULL || json_array_get_length (bounds) != 2
      || !cairn_json_node_is_number (a = json_array_get_element (bounds, 0))
      || !cairn_json_node_is_number (b = json_array_get_element (bounds, 1))
      || cairn_json_node_number (a) > cairn_json_node_number (b))
    return FALSE;
  u = population_draw (key, purpose);
  if (scenario_is_integer_node (a) && scenario_is_integer_node (b))
    {
      gint64 lo = json_node_get_int (a), hi = json_node_get_int (b);
      /* b − a in unsigned arithmetic, so that bounds near ±2⁶³ do not
         overflow; below 2⁵³ this is exactly a + ⌊u × (b − a + 1)⌋. */
      guint64 span = (guint64) hi - (guint64) lo;
      double offset = floor (u * ((double) span + 1.0));
      guint64 step = offset >= (double) span ? span : (guint64) offset;

      v->kind = 'i';
      v->i = (gint64) ((guint64) lo + step);
    }
  else
    {
      double lo = cairn_json_node_number (a), hi = cairn_json_node_number (b);
      v->kind = 'd';
      v->d = lo + u * (hi - lo);
    }
  return TRUE;
}

/* The first entry whose running sum of weights exceeds u × total (R8). */
int
population_pick_weighted (const double *weights,
                          guint         n,
                          double        u)
{
  double total = 0, running = 0, target;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  target = u * total;
  for (guint i = 0; i < n; i++)
    {
      running += weights[i];
      if (running > target)
        return i;
    }
  return n - 1;
}

/* Interning compares objects member by member, in order, with their types:
 * {"n": 1} and {"n": 1.0} stay apart. */
static guint node_hash (JsonNode *node);
static gboolean node_equal (JsonNode *a, JsonNode *b);

static guint
object_hash (gconstpointer key)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  guint h = 5381;

  json_object_iter_init_ordered (&iter, (JsonObject *) key);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    h = (h * 33) ^ g_str_hash (name) ^ (node_hash (value) * 31);
  return h;
}

static gboolean
object_equal (gconstpointer a,
              gconstpointer b)
{
  JsonObjectIter xi, yi;
  const char *xn, *yn;
  JsonNode *xv, *yv;

  if (json_object_get_size ((JsonObject *) a) != json_object_get_size ((JsonObject *) b))
    return FALSE;
  json_object_iter_init_ordered (&xi, (JsonObject *) a);
  json_object_iter_init_ordered (&yi, (JsonObject *) b);
  while (json_object_iter_next_ordered (&xi, &xn, &xv))
    {
      if (!json_object_iter_next_ordered (&yi, &yn, &yv) || strcmp (xn, yn) != 0 || !node_equal (xv, yv))
        return FALSE;
    }
  return TRUE;
}

static guint
node_hash (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return object_hash (json_node_get_object (node));
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint h = 7;
        for (guint i = 0; i < json_array_get_length (array); i++)
          h = h * 31 + node_hash (json_array_get_element (array, i));
        return h;
      }
    case JSON_NODE_NULL:
      return 1;
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          {
            gint64 v = json_node_get_int (node);
            return g_int64_hash (&v) * 3 + 1;
          }
        case G_TYPE_DOUBLE:
          {
            double v = json_node_get_double (node);
            guint64 bits;

            /* The bits, as node_equal () compares them (g_double_hash ()
               would give every value in [0, 1) the same hash). */
            memcpy (&bits, &v, sizeof bits);
            return (guint) (bits ^ (bits >> 32)) * 5 + 2;
          }
        case G_TYPE_BOOLEAN:
          return json_node_get_boolean (node) ? 11 : 13;
        case G_TYPE_STRING:
          return g_str_hash (json_node_get_string (node));
        default:
          return 0;
        }
    }
}

static gboolean
node_equal (JsonNode *a,
            JsonNode *b)
{
  if (JSON_NODE_TYPE (a) != JSON_NODE_TYPE (b))
    return FALSE;
  switch (JSON_NODE_TYPE (a))
    {
    case JSON_NODE_OBJECT:
      return object_equal (json_node_get_object (a), json_node_get_object (b));
    case JSON_NODE_ARRAY:
      {
        JsonArray *x = json_node_get_array (a), *y = json_node_get_array (b);
        if (json_array_get_length (x) != json_array_get_length (y))
          return FALSE;
        for (guint i = 0; i < json_array_get_length (x); i++)
          if (!node_equal (json_array_get_element (x, i), json_array_get_element (y, i)))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_NULL:
      return TRUE;
    default:
      if (json_node_get_value_type (a) != json_node_get_value_type (b))
        return FALSE;
      switch (json_node_get_value_type (a))
        {
        case G_TYPE_INT64:
          return json_node_get_int (a) == json_node_get_int (b);
        case G_TYPE_DOUBLE:
          {
            /* Bit for bit: 0.0 and -0.0 render apart. */
            double x = json_node_get_double (a), y = json_node_get_double (b);
            return memcmp (&x, &y, sizeof x) == 0;
          }
        case G_TYPE_BOOLEAN:
          return json_node_get_boolean (a) == json_node_get_boolean (b);
        case G_TYPE_STRING:
          return strcmp (json_node_get_string (a), json_node_get_string (b)) == 0;
        default:
          return FALSE;
        }
    }
}

/* The tables a Loader keeps while it generates. */
GHashTable *
population_interned_new (void)
{
  return g_hash_table_new_full (object_hash, object_equal, (GDestroyNotify) json_object_unref, NULL);
}

/* Most generated objects repeat (an age and a name, a category and a
 * price): their values are drawn into a small array first, and only a
 * combination not seen before becomes a JsonObject. The draws, their
 * order and the values are exactly generate_object_raw ()'s. A spec is
 * read once into a plan, as a million users would read it a million
 * times: json-glib looks up every member by name as it iterates. */

typedef struct
{
  const char  *name;
  char         kind;      /* 'r' a reachability probability, 'n' a constant, 'u', 'c', 'w' */
  double       p;         /* 'r' */
  JsonNode    *node;      /* 'n' */
  guint        h;         /* 'n': its node_hash () */
  JsonArray   *bounds;    /* 'u' */
  JsonNode   **choices;   /* 'c' */
  guint       *hashes;    /* 'c': the choices' node_hash () */
  const char **keys;      /* 'w' */
  double      *weights;   /* 'w' */
  guint        n;         /* 'c', 'w' */
} FlatMember;

struct FlatPlan
{
  guint      n;
  FlatMember members[MAX_FLAT];
};

void
population_flat_plan_free (FlatPlan *plan)
{
  if (plan == NULL)
    return;
  for (guint k = 0; k < plan->n; k++)
    {
      g_free (plan->members[k].choices);
      g_free (plan->members[k].hashes);
      g_free (plan->members[k].keys);
      g_free (plan->members[k].weights);
    }
  g_free (plan);
}

/* NULL for anything but scalars and well-formed uniform, choice and
 * weighted generators: those take the long way, errors included. Never
 * takes a reference on @spec (see spec_object_is_constant ()). */
FlatPlan *
population_flat_plan_new (JsonObject *spec,
                          gboolean    under_reachability)
{
  FlatPlan *plan = g_new0 (FlatPlan, 1);
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init_ordered (&iter, spec);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      FlatMember *m;
      JsonObject *generator;
      gboolean ok = TRUE;

      if (plan->n == MAX_FLAT)
        {
          population_flat_plan_free (plan);
          return NULL;
        }
      m = &plan->members[plan->n++];
      m->name = name;
      if (under_reachability && cairn_json_node_is_number (member))
        {
          m->kind = 'r';
          m->p = cairn_json_node_number (member);
          continue;
        }
      if (!JSON_NODE_HOLDS_OBJECT (member))
        {
          m->kind = 'n';
          m->node = member;
          m->h = node_hash (member);
          continue;
        }
      generator = json_node_get_object (member);
      if (json_object_get_size (generator) != 1)
        ok = FALSE;
      else if (json_object_has_member (generator, "uniform"))
        {
          FlatValue probe;

          /* Checked as a draw checks it; the draw itself comes later. */
          m->kind = 'u';
          m->bounds = cairn_json_get_array (generator, "uniform");
          ok = population_draw_uniform (m->bounds, 0, "", &probe);
        }
      else if (json_object_has_member (generator, "choice"))
        {
          JsonArray *choices = cairn_json_get_array (generator, "choice");

          m->kind = 'c';
          m->n = choices ? json_array_get_length (choices) : 0;
          ok = m->n > 0;
          if (ok)
            {
              m->choices = g_new (JsonNode *, m->n);
              m->hashes = g_new (guint, m->n);
              for (guint i = 0; i < m->n; i++)
                {
                  m->choices[i] = json_array_get_element (choices, i);
                  m->hashes[i] = node_hash (m->choices[i]);
                }
            }
        }
      else if (json_object_has_member (generator, "weighted"))
        {
          JsonObject *weighted = cairn_json_get_object (generator, "weighted");
          g_autoptr(GList) keys = weighted ? json_object_get_members (weighted) : NULL;
          double total = 0;
          guint i = 0;

          m->kind = 'w';
          m->n = g_list_length (keys);
          if (m->n == 0 || m->n > 64)
            ok = FALSE;
          else
            {
              m->keys = g_new (const char *, m->n);
              m->weights = g_new (double, m->n);
            }
          for (GList *l = keys; ok && l; l = l->next, i++)
            {
              JsonNode *w = json_object_get_member (weighted, l->data);
              if (!cairn_json_node_is_number (w) || cairn_json_node_number (w) < 0)
                ok = FALSE;
              else
                {
                  m->keys[i] = l->data;
                  total += m->weights[i] = cairn_json_node_number (w);
                }
            }
          if (ok && total <= 0)
            ok = FALSE;
        }
      else
        ok = FALSE;
      if (!ok)
        {
          population_flat_plan_free (plan);
          return NULL;
        }
    }
  return plan;
}

/* The values of one object; @purpose is the object's, and is left so. */
void
population_flat_plan_draw (const FlatPlan *plan,
                           guint64         key,
                           GString        *purpose,
                           FlatValue      *values,
                           guint          *n_values)
{
  gsize saved = purpose->len;

  for (guint k = 0; k < plan->n; k++)
    {
      const FlatMember *m = &plan->members[k];
      FlatValue *v = &values[k];

      v->name = m->name;
      if (m->kind == 'n')
        {
          v->kind = 'n';
          v->node = m->node;
          v->h = m->h;
          continue;
        }
      g_string_truncate (purpose, saved);
      if (saved > 0)
        g_string_append_c (purpose, '.');
      g_string_append (purpose, m->name);
      switch (m->kind)
        {
        case 'r':
          v->kind = 'b';
          v->i = population_draw (key, purpose->str) < m->p;
          break;
        case 'u':
          population_draw_uniform (m->bounds, key, purpose->str, v);
          break;
        case 'c':
          {
            double u = population_draw (key, purpose->str);
            guint i = MIN ((guint) floor (u * m->n), m->n - 1);

            v->kind = 'n';
            v->node = m->choices[i];
            v->h = m->hashes[i];
          }
          break;
        default:
          v->kind = 's';
          v->s = m->keys[population_pick_weighted (m->weights, m->n,
                                                    population_draw (key, purpose->str))];
          break;
        }
    }
  g_string_truncate (purpose, saved);
  *n_values = plan->n;
}

/* A string JSON can hold without escapes. */
static gboolean
plain_string (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p; p++)
    if (*p == '"' || *p == '\\' || *p < 0x20)
      return FALSE;
  return TRUE;
}

static void
append_quoted (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  g_string_append (out, text);
  g_string_append_c (out, '"');
}

static void
append_int_text (GString *out,
                 gint64   v)
{
  guint64 u = v < 0 ? -(guint64) v : (guint64) v;
  char digits[24], *p = digits + sizeof digits;

  do
    *--p = '0' + u % 10;
  while ((u /= 10) != 0);
  if (v < 0)
    *--p = '-';
  g_string_append_len (out, p, digits + sizeof digits - p);
}

static void
append_double_text (GString *out,
                    double   d)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* Enough digits to read back the same double, and a point so that it
     is read back as one. */
  g_ascii_dtostr (buf, sizeof buf, d);
  g_string_append (out, buf);
  if (strpbrk (buf, ".eE") == NULL)
    g_string_append (out, ".0");
}

/* The object the values would make, as the JSON text of a flat object of
 * plain strings (a replayed event's params_text, read member by member),
 * kept in @texts; NULL when it cannot be (an escape, a nested value). */
const char *
population_flat_text (const FlatValue *values,
                      guint            n,
                      GString         *out,
                      GStringChunk    *texts)
{
  g_string_truncate (out, 0);
  g_string_append_c (out, '{');
  for (guint k = 0; k < n; k++)
    {
      const FlatValue *v = &values[k];

      if (strlen (v->name) >= 128 || !plain_string (v->name))
        return NULL;
      if (k > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '"');
      g_string_append (out, v->name);
      g_string_append (out, "\":");
      switch (v->kind)
        {
        case 'i':
          append_int_text (out, v->i);
          break;
        case 'd':
          if (!isfinite (v->d))
            return NULL;
          append_double_text (out, v->d);
          break;
        case 'b':
          g_string_append (out, v->i ? "true" : "false");
          break;
        case 's':
          if (!plain_string (v->s))
            return NULL;
          append_quoted (out, v->s);
          break;
        default:
          if (JSON_NODE_HOLDS_NULL (v->node))
            g_string_append (out, "null");
          else if (!JSON_NODE_HOLDS_VALUE (v->node))
            return NULL;
          else if (json_node_get_value_type (v->node) == G_TYPE_STRING)
            {
              if (!plain_string (json_node_get_string (v->node)))
                return NULL;
              append_quoted (out, json_node_get_string (v->node));
            }
          else if (json_node_get_value_type (v->node) == G_TYPE_INT64)
            append_int_text (out, json_node_get_int (v->node));
          else if (json_node_get_value_type (v->node) == G_TYPE_DOUBLE && isfinite (json_node_get_double (v->node)))
            append_double_text (out, json_node_get_double (v->node));
          else if (json_node_get_value_type (v->node) == G_TYPE_BOOLEAN)
            g_string_append (out, json_node_get_boolean (v->node) ? "true" : "false");
          else
            return NULL;
          break;
        }
    }
  g_string_append_c (out, '}');
  return g_string_chunk_insert_len (texts, out->str, out->len);
}

/* A hash of the values, for interning by value (not object_hash ()). */
guint
population_flat_hash (const FlatValue *values,
                      guint            n)
{
  guint h = 5381;

  for (guint k = 0; k < n; k++)
    {
      const FlatValue *v = &values[k];
      guint vh;

      switch (v->kind)
        {
        case 'i':
          vh = g_int64_hash (&v->i) * 3 + 1;
          break;
        case 'd':
          {
            /* The bits, as they are compared: g_double_hash () is the
               value cast to an integer, 0 for every draw in [0, 1). */
            guint64 bits;

            memcpy (&bits, &v->d, sizeof bits);
            vh = (guint) (bits ^ (bits >> 32)) * 5 + 2;
          }
          break;
        case 'b':
          vh = v->i ? 11 : 13;
          break;
        case 's':
          vh = g_str_hash (v->s);
          break;
        default:
          vh = v->h;
          break;
        }
      h = h * 33 ^ vh;
    }
  return h;
}

/* Whether two draws of one plan make equal objects: as object_equal ()
 * would find them, types included ({"n": 1} and {"n": 1.0} stay apart). */
gboolean
population_flat_values_equal (const FlatValue *a,
                              const FlatValue *b,
                              guint            n)
{
  for (guint k = 0; k < n; k++)
    {
      const FlatValue *x = &a[k], *y = &b[k];

      if (x->kind != y->kind || (x->name != y->name && strcmp (x->name, y->name) != 0))
        return FALSE;
      switch (x->kind)
        {
        case 'n':
          if (x->node != y->node && !node_equal (x->node, y->node))
            return FALSE;
          break;
        case 's':
          if (x->s != y->s && strcmp (x->s, y->s) != 0)
            return FALSE;
          break;
        case 'b':
        case 'i':
          if (x->i != y->i)
            return FALSE;
          break;
        default:
          /* Bit for bit: 0.0 and -0.0 render apart. */
          if (memcmp (&x->d, &y->d, sizeof x->d) != 0)
            return FALSE;
          break;
        }
    }
  return TRUE;
}

JsonObject *
population_flat_make (const FlatValue *values,
                      guint            n)
{
  JsonObject *object = json_object_new ();

  for (guint k = 0; k < n; k++)
    {
      const FlatValue *v = &values[k];
      JsonNode *node;

      switch (v->kind)
        {
        case 'i':
          node = json_node_init_int (json_node_alloc (), v->i);
          break;
        case 'd':
          node = json_node_init_double (json_node_alloc (), v->d);
          break;
        case 'b':
          node = json_node_init_boolean (json_node_alloc (), v->i);
          break;
        case 's':
          node = json_node_init_string (json_node_alloc (), v->s);
          break;
        default:
          node = cairn_json_deep_copy (v->node);
          break;
        }
      json_object_set_member (object, v->name, node);
    }
  return object;
}
