/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Until the validator lands in core: no diagnostics. */
#include "config.h"
#include "cairn-validate.h"

GPtrArray *
cairn_validate (CairnJourney *journey)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_diagnostic_free);
}

guint
cairn_diagnostics_count (GPtrArray    *diagnostics,
                         CairnSeverity severity)
{
  guint n = 0;
  for (guint i = 0; i < diagnostics->len; i++)
    if (((CairnDiagnostic *) g_ptr_array_index (diagnostics, i))->severity == severity)
      n++;
  return n;
}
