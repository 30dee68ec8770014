/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Makes the entry row @row (an AdwEntryRow) tell assistive technology
 * what it holds, and keep telling as the text changes: its accessible
 * description is its text, then its tooltip on a line of its own.
 *
 * With GTK 4.8 and libadwaita 1.2 an entry row's accessible name is its
 * title, and its text is only in the Text interface, which GTK 4.8 reads
 * as empty when a screen reader asks for "all of it" (an end offset of
 * -1): Orca says "Label, text" whatever the row holds. While the row has
 * the keyboard focus, typing is echoed key by key and the description
 * waits until the focus leaves. Password rows are left alone. Calling it
 * again on the same row does nothing. */
void cairn_a11y_expose_entry_text (GtkWidget *row);
/* The same for every entry row under @root, itself included: a template's
 * rows, once gtk_widget_init_template() has built them. */
void cairn_a11y_expose_entry_rows (GtkWidget *root);

/* Names the two halves of the split button @button (an AdwSplitButton),
 * which libadwaita 1.2 leaves nameless whatever the split button's own
 * name ("GtkImage" and "GtkMenuButton" to a screen reader): the main half
 * @label, unless it shows a label of its own, the arrow its dropdown
 * tooltip. */
void cairn_a11y_name_split_button (GtkWidget  *button,
                                   const char *label);

/* Every icon-only button under @root (a libadwaita widget's own, such as
 * the preferences window's search button or a password row's eye) is
 * named what its tooltip says, now and as the tooltip changes: GTK 4.8
 * does not take a name from a tooltip, and reads such a button as
 * "GtkImage". Use it only where the buttons have no better name. */
void cairn_a11y_name_icon_buttons (GtkWidget *root);

G_END_DECLS
