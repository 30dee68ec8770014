/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A filter for JSON files (by MIME type and by the .json suffix), shown
 * as @name. */
GtkFileFilter *cairn_json_file_filter        (const char *name);

/* The "Save Changes?" question before a window with unsaved changes
 * closes, naming the document @name (@untitled when it has none). Its
 * responses are "cancel" (also on close), "discard" and "save" (the
 * default). Not yet shown: connect ::response, then present it. */
GtkWidget     *cairn_save_changes_dialog_new (GtkWindow  *parent,
                                              const char *name,
                                              const char *untitled);

G_END_DECLS
