/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cairn-window.h"
#include "cairn-inspector.h"
#include "cairn-palette.h"

G_BEGIN_DECLS

struct _CairnWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwWindowTitle       *window_title;
  AdwSplitButton       *new_button;
  AdwSplitButton       *open_button;
  GtkWidget            *undo_button;
  GtkWidget            *redo_button;
  GtkToggleButton      *problems_button;
  GtkImage             *problems_icon;
  GtkLabel             *problems_label;
  GtkRevealer          *restore_revealer;
  GtkLabel             *restore_label;
  CairnPalette         *palette;
  AdwBin               *canvas_bin;
  GtkWidget            *bottom_area;
  GtkStack             *bottom_stack;
  GtkStack             *problems_stack;
  GtkListBox           *problems_list;
  CairnInspector       *inspector;
  GMenu                *undo_section;

  GtkWidget            *canvas;
  GtkWidget            *canvas_overlay;  /* the canvas, the legend over it */
  GtkWidget            *canvas_legend;
  GtkWidget            *empty_page;      /* over the canvas while there is no node */
  GtkWidget            *empty_samples;   /* its list of samples */
  GtkWidget            *node_menu;       /* the node's popover menu, or NULL */
  char                 *pending_from;    /* the next node added goes at this */
  char                 *pending_port;    /* port, when both are set */
  AdwBin               *simulation_bin;
  GtkWidget            *simulation;
  guint                 room_id;
  GtkWidget            *regression_badge;
  guint                 regression_id;
  guint                 regression_generation;
  GCancellable         *regression_cancellable;

  /* The document */
  CairnJourney         *journey;
  CairnUndoStack       *undo;
  CairnAutosave        *autosave;
  gulong                changed_id;
  GPtrArray            *diagnostics;
  guint                 validate_id;
  guint                 record_id;     /* changes nobody recorded */
  gboolean              pointer_down;  /* a drag on the canvas may be going on */
  GPtrArray            *orphans;       /* CairnAutosaveEntry to offer */

  /* Cleared by the close request once the user chose. */
  gboolean              close_confirmed;
  double                paste_offset;
};

/* cairn-window-simulation.c */
void      _cairn_window_setup_simulation   (CairnWindow    *self);
void      _cairn_window_simulate           (CairnWindow    *self);
void      _cairn_window_clear_simulation   (CairnWindow    *self);
/* Runs the sample scenario's expectations again, debounced. */
void      _cairn_window_schedule_regression (CairnWindow   *self);

/* cairn-window-actions.c */
void      _cairn_window_class_add_actions  (GtkWidgetClass *widget_class);
void      _cairn_window_update_actions     (CairnWindow    *self);

/* cairn-window-connect.c */
void      _cairn_window_class_add_connect_actions (GtkWidgetClass *widget_class);
void      _cairn_window_setup_connect      (CairnWindow    *self);
gboolean  _cairn_window_connect_port       (CairnWindow    *self,
                                            const char     *from,
                                            const char     *port,
                                            const char     *to,
                                            GError        **error);
void      _cairn_window_set_pending_port   (CairnWindow    *self,
                                            const char     *from,
                                            const char     *port);
GtkWidget *_cairn_window_popup_node_menu   (CairnWindow    *self,
                                            const char     *id,
                                            double          x,
                                            double          y);
/* cairn-window-files.c */
void      _cairn_window_open               (CairnWindow    *self);
void      _cairn_window_save               (CairnWindow    *self,
                                            gboolean        save_as,
                                            gboolean        close_after);
void      _cairn_window_export_image       (CairnWindow    *self);
gboolean  _cairn_window_close_request      (CairnWindow    *self);
void      _cairn_window_update_menus       (CairnWindow    *self);
void      _cairn_window_add_file_drop      (CairnWindow    *self);
char     *_cairn_window_samples_dir        (void);

/* cairn-window.c */
void      _cairn_window_update_title       (CairnWindow    *self);
void      _cairn_window_set_empty_samples  (CairnWindow    *self,
                                            GMenuModel     *samples);
void      _cairn_window_zoom               (CairnWindow    *self,
                                            int             direction);
void      _cairn_window_select_all         (CairnWindow    *self);
void      _cairn_window_tidy               (CairnWindow    *self);
void      _cairn_window_focus_next_node    (CairnWindow    *self,
                                            int             direction);

G_END_DECLS
