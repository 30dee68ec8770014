/* SPDX-License-Identifier: GPL-3.0-or-later */

/* libFuzzer harness: any bytes through the journey loader and the
 * validator, and valid journeys through a short simulation. */

#include "config.h"

#include "cairn-journey.h"
#include "cairn-scenario.h"
#include "cairn-sim.h"
#include "cairn-validate.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(CairnJourney) journey = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;

  journey = cairn_journey_load_data ((const char *) data, size, "fuzz.json", NULL);
  if (journey == NULL)
    return 0;
  diagnostics = cairn_validate (journey);
  for (guint i = 0; i < diagnostics->len; i++)
    g_free (cairn_diagnostic_format (g_ptr_array_index (diagnostics, i)));
  if (cairn_diagnostics_count (diagnostics, CAIRN_SEVERITY_ERROR) == 0)
    {
      /* An empty scenario with one scripted purchase: enough to drive every
         starter and node once without a file. */
      g_autoptr(CairnInput) input = cairn_input_new ();
      g_autofree char *report = NULL;

      input->name = g_strdup ("fuzz");
      input->start = 0;
      input->end = 10 * CAIRN_USEC_PER_DAY;
      input->has_start = input->has_end = TRUE;
      input->n_scripted = 0;
      report = cairn_sim_run (journey, input, NULL, NULL, NULL);
    }
  return 0;
}
