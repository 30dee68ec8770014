/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cairn-journey.h"
#include "cairn-portfolio.h"
#include "cairn-scenario.h"
#include "cairn-sim.h"

G_BEGIN_DECLS

/* Runs over several machines (docs/PARTITIONS.md): partition K of N runs
 * the users whose id hashes to K (FNV-1a 64 of the id, modulo N) and writes
 * a partial report; the partial reports of all N merge into the report of
 * the whole run, byte for byte. An A/B autowinner links users of every
 * partition: its decision is found by the merge from a pass's partial
 * reports and imposed on the next pass. */

typedef struct _CairnPartition CairnPartition;

/* Partition @k of @n (0 ≤ @k < @n). */
CairnPartition *cairn_partition_new  (guint           k,
                                      guint           n);
void            cairn_partition_free (CairnPartition *partition);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CairnPartition, cairn_partition_free)

/* The autowinner decisions to impose, as `cairn-cli merge` wrote them
 * (format "cairn-partition-decisions"); checked against the journey when
 * the run starts. */
gboolean        cairn_partition_set_decisions (CairnPartition *partition,
                                               const char     *text,
                                               GError        **error);

/* Whether the user with @id belongs to partition @k of @n. */
gboolean        cairn_partition_owns_id       (const char     *id,
                                               guint           k,
                                               guint           n);

/* Runs the partition of a journey (@portfolio NULL) or of a portfolio and
 * returns its partial report (format "cairn-partial-report"), or NULL with
 * @error set as cairn_sim_run (). */
char           *cairn_partition_run           (CairnPartition        *partition,
                                               CairnJourney          *journey,
                                               CairnPortfolio        *portfolio,
                                               CairnInput            *input,
                                               const CairnSimOptions *options,
                                               GError               **error);

/* Merges the partial reports of one pass (one of every partition 0 .. N-1,
 * in any order). Returns the report of the whole run (as cairn_sim_run ()
 * writes it); or NULL with *@decisions set when an autowinner was decided
 * during the pass and another pass must impose it; or NULL with @error set
 * (CAIRN_ERROR_PARSE: not partial reports of one run; CAIRN_ERROR_INVALID:
 * a case that cannot be merged exactly, see docs/PARTITIONS.md). */
char           *cairn_partition_merge         (const char *const *partials,
                                               const gsize       *lengths,
                                               guint              n_partials,
                                               char             **decisions,
                                               GError           **error);

G_END_DECLS
