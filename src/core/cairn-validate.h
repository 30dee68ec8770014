/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cairn-journey.h"
#include "cairn-diagnostic.h"

G_BEGIN_DECLS

/* Every error and warning of DESIGN §12 (V), in document order of the
 * offending value (errors and warnings interleaved), each with the file,
 * line and column of that value and the node id when inside a node.
 * Returns an array of CairnDiagnostic, never NULL. */
GPtrArray *cairn_validate            (CairnJourney *journey);
guint      cairn_diagnostics_count   (GPtrArray    *diagnostics,
                                      CairnSeverity severity);

G_END_DECLS
