/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Loading and validating a generated 5,000-node journey (a chain of waits,
 * checks and messages); prints the time of each and of both together. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cairn-journey.h"
#include "cairn-validate.h"

int
main (int argc, char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 5000;
  GString *text = g_string_new ("{\"format\":\"cairn-journey\",\"version\":1,\"id\":\"big\",\"nodes\":[");
  GString *edges = g_string_new ("\"edges\":[");
  g_autoptr(CairnJourney) journey = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  gint64 t0, t1, t2;

  g_string_append (text, "{\"id\":\"n0\",\"type\":\"starter.event\",\"config\":{\"event\":\"purchase\","
                         "\"where\":{\"param\":\"category\",\"op\":\"eq\",\"value\":\"furniture\"}}}");
  for (guint i = 1; i < n; i++)
    {
      switch (i % 3)
        {
        case 0:
          g_string_append_printf (text, ",{\"id\":\"n%u\",\"type\":\"wait.duration\",\"position\":{\"x\":%u,\"y\":0},"
                                  "\"config\":{\"duration\":\"P1D\"}}", i, i * 260);
          break;
        case 1:
          g_string_append_printf (text, ",{\"id\":\"n%u\",\"type\":\"condition.check\",\"config\":{\"tabs\":["
                                  "{\"id\":\"young\",\"when\":{\"attribute\":\"age\",\"op\":\"lt\",\"value\":22}}]}}", i);
          break;
        default:
          g_string_append_printf (text, ",{\"id\":\"n%u\",\"type\":\"message.email\",\"config\":{\"subject\":\"Hi {{user.name}}\","
                                  "\"body\":\"{{#products}}{{name}}{{/products}}\"}}", i);
        }
      g_string_append_printf (edges, "%s{\"from\":\"n%u\",\"port\":\"%s\",\"to\":\"n%u\"}", i > 1 ? "," : "", i - 1,
                              (i - 1) % 3 == 1 ? "young" : "out", i);
    }
  g_string_append (text, "],");
  g_string_append (text, edges->str);
  g_string_append (text, "]}");

  t0 = g_get_monotonic_time ();
  journey = cairn_journey_load_data (text->str, text->len, "big.json", NULL);
  t1 = g_get_monotonic_time ();
  diagnostics = cairn_validate (journey);
  t2 = g_get_monotonic_time ();

  printf ("nodes: %u\nbytes: %" G_GSIZE_FORMAT "\nload: %.1f ms\nvalidate: %.1f ms\ntotal: %.1f ms\ndiagnostics: %u\n",
          cairn_journey_get_n_nodes (journey), text->len, (t1 - t0) / 1000.0, (t2 - t1) / 1000.0, (t2 - t0) / 1000.0,
          diagnostics->len);
  g_string_free (text, TRUE);
  g_string_free (edges, TRUE);
  return (t2 - t0) < G_USEC_PER_SEC ? 0 : 1;
}
