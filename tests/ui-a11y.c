/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "ui-a11y.h"

#define ATSPI_ACCESSIBLE "org.a11y.atspi.Accessible"
#define ATSPI_TEXT       "org.a11y.atspi.Text"
#define LABELLED_BY      2  /* ATSPI_RELATION_LABELLED_BY */

/* GTK answers on this process's main context: a call to ourselves waits by
 * running it, never by blocking it. */
typedef struct
{
  GVariant *reply;
  GError   *error;
  gboolean  done;
} Call;

static void
call_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Call *call = user_data;

  call->reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &call->error);
  call->done = TRUE;
}

static GVariant *
call (GDBusConnection    *bus,
      const char         *name,
      const char         *path,
      const char         *interface,
      const char         *method,
      GVariant           *parameters,
      const GVariantType *reply_type)
{
  Call c = { NULL, NULL, FALSE };

  g_dbus_connection_call (bus, name, path, interface, method, parameters, reply_type,
                          G_DBUS_CALL_FLAGS_NONE, 10000, NULL, call_done, &c);
  while (!c.done)
    g_main_context_iteration (NULL, TRUE);
  if (c.error != NULL)
    {
      g_test_message ("%s.%s on %s: %s", interface, method, path, c.error->message);
      g_clear_error (&c.error);
    }
  return c.reply;
}

static GVariant *
get_property (GDBusConnection *bus,
              const char      *name,
              const char      *path,
              const char      *interface,
              const char      *property)
{
  g_autoptr(GVariant) reply = call (bus, name, path, "org.freedesktop.DBus.Properties", "Get",
                                    g_variant_new ("(ss)", interface, property), G_VARIANT_TYPE ("(v)"));
  GVariant *value = NULL;

  if (reply != NULL)
    g_variant_get (reply, "(v)", &value);
  return value;
}

static char *
get_string_property (GDBusConnection *bus,
                     const char      *name,
                     const char      *path,
                     const char      *interface,
                     const char      *property)
{
  g_autoptr(GVariant) value = get_property (bus, name, path, interface, property);

  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return NULL;
  return g_variant_dup_string (value, NULL);
}

static UiA11yNode *
read_node (GDBusConnection *bus,
           const char      *name,
           const char      *path,
           UiA11yNode      *parent,
           guint            depth)
{
  UiA11yNode *node = g_new0 (UiA11yNode, 1);
  g_autoptr(GVariant) role = NULL;
  g_autoptr(GVariant) interfaces = NULL;
  g_autoptr(GVariant) relations = NULL;
  g_autoptr(GVariant) children = NULL;
  g_autoptr(GPtrArray) labelled_by = g_ptr_array_new ();

  node->path = g_strdup (path);
  node->parent = parent;
  node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) ui_a11y_node_free);
  node->name = get_string_property (bus, name, path, ATSPI_ACCESSIBLE, "Name");
  node->description = get_string_property (bus, name, path, ATSPI_ACCESSIBLE, "Description");
  role = call (bus, name, path, ATSPI_ACCESSIBLE, "GetRoleName", NULL, G_VARIANT_TYPE ("(s)"));
  if (role != NULL)
    g_variant_get (role, "(s)", &node->role);

  interfaces = call (bus, name, path, ATSPI_ACCESSIBLE, "GetInterfaces", NULL, G_VARIANT_TYPE ("(as)"));
  if (interfaces != NULL)
    {
      g_autofree const char **list = NULL;

      g_variant_get (interfaces, "(^a&s)", &list);
      if (list != NULL && g_strv_contains (list, ATSPI_TEXT))
        {
          /* GTK 4.8 reads an end of -1 as 0, not as the end: ask for
             as many characters as there are. */
          g_autoptr(GVariant) count = get_property (bus, name, path, ATSPI_TEXT, "CharacterCount");
          int n = count != NULL && g_variant_is_of_type (count, G_VARIANT_TYPE_INT32) ? g_variant_get_int32 (count) : 0;
          g_autoptr(GVariant) text = call (bus, name, path, ATSPI_TEXT, "GetText",
                                           g_variant_new ("(ii)", 0, n), G_VARIANT_TYPE ("(s)"));
          if (text != NULL)
            g_variant_get (text, "(s)", &node->text);
        }
    }

  relations = call (bus, name, path, ATSPI_ACCESSIBLE, "GetRelationSet", NULL, G_VARIANT_TYPE ("(a(ua(so)))"));
  if (relations != NULL)
    {
      g_autoptr(GVariantIter) iter = NULL;
      GVariantIter *targets;
      guint32 type;

      g_variant_get (relations, "(a(ua(so)))", &iter);
      while (g_variant_iter_next (iter, "(ua(so))", &type, &targets))
        {
          const char *target_name, *target_path;

          while (g_variant_iter_next (targets, "(&s&o)", &target_name, &target_path))
            if (type == LABELLED_BY)
              g_ptr_array_add (labelled_by, g_strdup (target_path));
          g_variant_iter_free (targets);
        }
    }
  g_ptr_array_add (labelled_by, NULL);
  node->labelled_by = (char **) g_ptr_array_steal (labelled_by, NULL);

  /* Deep enough for the designer; a cycle would not end otherwise. */
  if (depth < 64)
    children = call (bus, name, path, ATSPI_ACCESSIBLE, "GetChildren", NULL, G_VARIANT_TYPE ("(a(so))"));
  if (children != NULL)
    {
      g_autoptr(GVariantIter) iter = NULL;
      const char *child_name, *child_path;

      g_variant_get (children, "(a(so))", &iter);
      while (g_variant_iter_next (iter, "(&s&o)", &child_name, &child_path))
        g_ptr_array_add (node->children, read_node (bus, child_name, child_path, node, depth + 1));
    }
  return node;
}

UiA11yNode *
ui_a11y_read_tree (void)
{
  g_autoptr(GDBusConnection) session = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) address = NULL;
  g_autoptr(GVariant) apps = NULL;
  g_autoptr(GVariantIter) iter = NULL;
  g_autoptr(GError) error = NULL;
  const char *app_name, *app_path;
  const char *text;

  if (session == NULL)
    {
      g_test_message ("no session bus");
      return NULL;
    }
  address = g_dbus_connection_call_sync (session, "org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress",
                                         NULL, G_VARIANT_TYPE ("(s)"), G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  if (address == NULL)
    {
      g_test_message ("no accessibility bus: %s", error->message);
      return NULL;
    }
  g_variant_get (address, "(&s)", &text);
  bus = g_dbus_connection_new_for_address_sync (text, G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, &error);
  if (bus == NULL)
    {
      g_test_message ("the accessibility bus does not answer: %s", error->message);
      return NULL;
    }

  /* The applications the registry knows: ours is the one of this process */
  apps = call (bus, "org.a11y.atspi.Registry", "/org/a11y/atspi/accessible/root", ATSPI_ACCESSIBLE,
               "GetChildren", NULL, G_VARIANT_TYPE ("(a(so))"));
  if (apps == NULL)
    return NULL;
  g_variant_get (apps, "(a(so))", &iter);
  while (g_variant_iter_next (iter, "(&s&o)", &app_name, &app_path))
    {
      g_autoptr(GVariant) pid = call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                      "GetConnectionUnixProcessID", g_variant_new ("(s)", app_name),
                                      G_VARIANT_TYPE ("(u)"));
      guint32 value = 0;

      if (pid != NULL)
        g_variant_get (pid, "(u)", &value);
      if (value == (guint32) getpid ())
        return read_node (bus, app_name, app_path, NULL, 0);
    }
  g_test_message ("this process is not on the accessibility bus");
  return NULL;
}

void
ui_a11y_node_free (UiA11yNode *node)
{
  if (node == NULL)
    return;
  g_free (node->path);
  g_free (node->name);
  g_free (node->description);
  g_free (node->role);
  g_free (node->text);
  g_strfreev (node->labelled_by);
  g_ptr_array_unref (node->children);
  g_free (node);
}

void
ui_a11y_find_named (UiA11yNode *root,
                    const char *name,
                    GPtrArray  *out)
{
  if (g_strcmp0 (root->name, name) == 0)
    g_ptr_array_add (out, root);
  for (guint i = 0; i < root->children->len; i++)
    ui_a11y_find_named (g_ptr_array_index (root->children, i), name, out);
}

gboolean
ui_a11y_exposes_text (UiA11yNode *node,
                      const char *text)
{
  if ((node->description != NULL && strstr (node->description, text) != NULL) ||
      (node->text != NULL && strstr (node->text, text) != NULL))
    return TRUE;
  for (guint i = 0; i < node->children->len; i++)
    if (ui_a11y_exposes_text (g_ptr_array_index (node->children, i), text))
      return TRUE;
  return FALSE;
}

static void
dump (UiA11yNode *node,
      GString    *out,
      guint       depth)
{
  g_string_append_printf (out, "%*s[%s] \"%s\"", (int) depth * 2, "", node->role ? node->role : "?",
                          node->name ? node->name : "");
  if (node->description != NULL && *node->description != '\0')
    g_string_append_printf (out, " description=\"%s\"", node->description);
  if (node->text != NULL)
    g_string_append_printf (out, " text=\"%s\"", node->text);
  if (node->labelled_by != NULL && node->labelled_by[0] != NULL)
    g_string_append_printf (out, " labelled-by=%s", node->labelled_by[0]);
  g_string_append_printf (out, " %s\n", node->path);
  for (guint i = 0; i < node->children->len; i++)
    dump (g_ptr_array_index (node->children, i), out, depth + 1);
}

char *
ui_a11y_dump (UiA11yNode *node)
{
  GString *out = g_string_new (NULL);

  dump (node, out, 0);
  return g_string_free (out, FALSE);
}
