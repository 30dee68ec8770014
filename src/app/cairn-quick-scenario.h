/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cairn-journey.h"

G_BEGIN_DECLS

/* A scenario for a first run of @journey (a "cairn-scenario" document):
 * generated people who do its starters' events, with the parameters their
 * filters ask for, and its goals' events. */
char *cairn_quick_scenario_new   (CairnJourney *journey);
/* Writes it in the user's cache and returns its path. */
char *cairn_quick_scenario_write (CairnJourney *journey,
                                  GError      **error);

G_END_DECLS
