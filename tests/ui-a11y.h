/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What assistive technology reads of this process: its own AT-SPI tree,
 * read over the accessibility bus as a screen reader reads it. GTK 4.8
 * has no public getter for accessible properties, so this is the only
 * way a test can see what Orca would say. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _UiA11yNode UiA11yNode;

struct _UiA11yNode
{
  char       *path;         /* the object's path on the bus */
  char       *name;         /* org.a11y.atspi.Accessible.Name */
  char       *description;  /* .Description */
  char       *role;         /* GetRoleName, "text", "list item" */
  char       *text;         /* org.a11y.atspi.Text, whole; NULL without it */
  char      **labelled_by;  /* the paths of its labelled-by relation */
  UiA11yNode *parent;
  GPtrArray  *children;     /* UiA11yNode */
};

/* This process's application on the accessibility bus with its whole tree
 * as it is now; NULL (and a message to the test log) when there is no
 * accessibility bus. Free with ui_a11y_node_free(). */
UiA11yNode *ui_a11y_read_tree     (void);
void        ui_a11y_node_free     (UiA11yNode  *node);
/* Every node under @root (itself included) whose name is @name, into
 * @out. */
void        ui_a11y_find_named    (UiA11yNode  *root,
                                   const char  *name,
                                   GPtrArray   *out);
/* Whether a screen reader that reads @node, its description, and the text
 * of it and its descendants (the way it reads an entry's value) meets
 * @text. */
gboolean    ui_a11y_exposes_text  (UiA11yNode  *node,
                                   const char  *text);
/* The tree under @node as indented lines, for a failing test's log. */
char       *ui_a11y_dump          (UiA11yNode  *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UiA11yNode, ui_a11y_node_free)

G_END_DECLS
