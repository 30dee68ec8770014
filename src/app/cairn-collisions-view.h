/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CAIRN_TYPE_COLLISIONS_VIEW (cairn_collisions_view_get_type ())
G_DECLARE_FINAL_TYPE (CairnCollisionsView, cairn_collisions_view, CAIRN, COLLISIONS_VIEW, GtkWidget)

/* The Collisions page of a portfolio run (a "cairn-portfolio-report",
 * DESIGN §13 PF6/PF12): the peak-day histogram, the overlap of every two
 * journeys, what the portfolio cap suppressed in each journey, and the
 * busiest users; activating a user shows one timeline merged across the
 * journeys, coloured by journey, the messages the cap suppressed marked. */
GtkWidget  *cairn_collisions_view_new         (void);
void        cairn_collisions_view_set_report  (CairnCollisionsView  *self,
                                               JsonObject           *report);
JsonObject *cairn_collisions_view_get_report  (CairnCollisionsView  *self);
/* Reads a report file; CAIRN_ERROR_INVALID when it is not a portfolio
 * report. */
gboolean    cairn_collisions_view_load_file   (CairnCollisionsView  *self,
                                               const char           *path,
                                               GError              **error);
/* The body of journey @id in the report, or NULL. */
JsonObject *cairn_collisions_view_get_journey_report (CairnCollisionsView *self,
                                                      const char          *id);
/* Shows @user's merged timeline. */
void        cairn_collisions_view_show_user   (CairnCollisionsView  *self,
                                               const char           *user);

/* Its parts, for the tests */
GtkWidget  *cairn_collisions_view_get_summary_label  (CairnCollisionsView *self);
GtkWidget  *cairn_collisions_view_get_peak_chart     (CairnCollisionsView *self);
GtkGrid    *cairn_collisions_view_get_overlap_grid   (CairnCollisionsView *self);
GtkListBox *cairn_collisions_view_get_capped_list    (CairnCollisionsView *self);
GtkListBox *cairn_collisions_view_get_busiest_list   (CairnCollisionsView *self);
GtkListBox *cairn_collisions_view_get_timeline_list  (CairnCollisionsView *self);
GtkStack   *cairn_collisions_view_get_timeline_stack (CairnCollisionsView *self);

G_END_DECLS
