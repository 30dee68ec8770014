/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cairn-journey.h"
#include "cairn-registry.h"

G_BEGIN_DECLS

/* Where a field editor sends what the user did: @value (transfer full)
 * becomes @member, NULL removes it. @structural: an item was added,
 * removed or moved, which is a step of its own and redraws the form. */
typedef void (*CairnFieldSink) (gpointer    data,
                                const char *member,
                                JsonNode   *value,
                                const char *label,
                                gboolean    structural);

typedef struct
{
  CairnFieldSink  sink;
  gpointer        data;
  CairnJourney   *journey;
  const char     *node_id;   /* the node being edited, or NULL */
} CairnFieldTarget;

/* Adds the editor for one config field to @group, or as a group of its
 * own to @page when it needs the width (predicates, lists, long text). */
void       _cairn_field_add               (const CairnFieldSpec   *spec,
                                           JsonNode               *value,
                                           const CairnFieldTarget *target,
                                           AdwPreferencesGroup    *group,
                                           GtkBox                 *page);

/* cairn-list-editors.c: tabs of condition.check, variants of split.ab,
 * ordered channel lists. */
GtkWidget *_cairn_tabs_editor_new         (const CairnFieldSpec   *spec,
                                           JsonNode               *value,
                                           const CairnFieldTarget *target);
GtkWidget *_cairn_variants_editor_new     (const CairnFieldSpec   *spec,
                                           JsonNode               *value,
                                           const CairnFieldTarget *target);
GtkWidget *_cairn_channels_editor_new     (const CairnFieldSpec   *spec,
                                           JsonNode               *value,
                                           const CairnFieldTarget *target);

/* cairn-journey-settings.c: name, time zone, entry, goals, exits, caps. */
void       _cairn_journey_settings_build  (CairnJourney           *journey,
                                           const CairnFieldTarget *target,
                                           GtkBox                 *page);

/* Helpers shared by the editors */
GtkWidget *_cairn_text_row_new            (const char             *title,
                                           const char             *text);
JsonNode  *_cairn_json_string             (const char             *text);
JsonNode  *_cairn_json_from_text          (const char             *text);
char      *_cairn_json_to_text            (JsonNode               *value);

G_END_DECLS
