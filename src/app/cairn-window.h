/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cairn-journey.h"
#include "cairn-undo.h"
#include "cairn-autosave.h"

G_BEGIN_DECLS

#define CAIRN_TYPE_WINDOW (cairn_window_get_type ())
G_DECLARE_FINAL_TYPE (CairnWindow, cairn_window, CAIRN, WINDOW, AdwApplicationWindow)

/* One journey document: palette, canvas, inspector, problems. */
CairnWindow    *cairn_window_new                (GtkApplication *application);
CairnJourney   *cairn_window_get_journey        (CairnWindow    *self);
CairnUndoStack *cairn_window_get_undo_stack     (CairnWindow    *self);
CairnAutosave  *cairn_window_get_autosave       (CairnWindow    *self);
/* Takes the document in place of the current one (new, open, restore). */
void            cairn_window_set_journey        (CairnWindow    *self,
                                                 CairnJourney   *journey);
gboolean        cairn_window_load_file          (CairnWindow    *self,
                                                 const char     *path,
                                                 GError        **error);
gboolean        cairn_window_save_file          (CairnWindow    *self,
                                                 const char     *path,
                                                 GError        **error);
gboolean        cairn_window_get_modified       (CairnWindow    *self);
/* Whether the window holds an untouched, unnamed document. */
gboolean        cairn_window_is_blank           (CairnWindow    *self);

/* Adds a node of @type at (@x, @y) in canvas coordinates, the way a drop
 * from the palette does, as one undo step. Returns its id. */
const char     *cairn_window_drop_kind          (CairnWindow    *self,
                                                 const char     *type,
                                                 double          x,
                                                 double          y);
/* Adds a node of @type next to the selection (palette double-click). */
const char     *cairn_window_add_kind           (CairnWindow    *self,
                                                 const char     *type);
gboolean        cairn_window_connect            (CairnWindow    *self,
                                                 const char     *from,
                                                 const char     *port,
                                                 const char     *to,
                                                 GError        **error);
/* Moves nodes by (@dx, @dy) as one undo step. */
void            cairn_window_move_nodes         (CairnWindow    *self,
                                                 const char * const *ids,
                                                 double          dx,
                                                 double          dy);
/* Records what the canvas or another view changed as one undo step. */
void            cairn_window_record             (CairnWindow    *self,
                                                 const char     *label,
                                                 const char     *merge_key);

void            cairn_window_select_nodes       (CairnWindow    *self,
                                                 const char * const *ids);
/* The selected node ids, document order. */
GStrv           cairn_window_get_selection      (CairnWindow    *self);
void            cairn_window_reveal_node        (CairnWindow    *self,
                                                 const char     *id);
void            cairn_window_delete_selection   (CairnWindow    *self);
/* The selection as a journey document with the edges among its nodes. */
char           *cairn_window_copy_selection     (CairnWindow    *self);
/* Inserts the nodes of a journey document with fresh ids, offset, and
 * selects them. Returns FALSE when @text is not a journey. */
gboolean        cairn_window_paste_text         (CairnWindow    *self,
                                                 const char     *text,
                                                 GError        **error);

/* Validates now instead of after the debounce. */
void            cairn_window_validate_now       (CairnWindow    *self);
GPtrArray      *cairn_window_get_diagnostics    (CairnWindow    *self);
GtkListBox     *cairn_window_get_problems_list  (CairnWindow    *self);
/* Activates problem row @index: selects and reveals its node. */
void            cairn_window_activate_problem   (CairnWindow    *self,
                                                 guint           index);
/* Offers back what crashed sessions left (a banner). Returns the count. */
guint           cairn_window_offer_restore      (CairnWindow    *self);
void            cairn_window_show_toast         (CairnWindow    *self,
                                                 const char     *message);

/* Export Image: PNG, SVG or PDF by @path's extension (PNG when it has
 * none of these). */
gboolean        cairn_window_export_image_file  (CairnWindow    *self,
                                                 const char     *path,
                                                 GError        **error);

/* Paints a run's counts on the canvas (a "cairn-report" object: a
 * portfolio run's body of this journey, for example), as a run of the
 * simulation panel does. */
void            cairn_window_show_run_counts    (CairnWindow    *self,
                                                 JsonObject     *report);

G_END_DECLS
