/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bench-util.h"

char *
bench_source_file (const char *relative)
{
  const char *root = g_getenv ("CAIRN_SOURCE_ROOT");
  return g_build_filename (root ? root : SOURCE_ROOT, relative, NULL);
}

void
bench_write_scenario (const char *path,
                      const char *catalog_path,
                      guint64     count)
{
  g_autofree char *scenario = g_strdup_printf (
    "{\"format\": \"cairn-scenario\", \"version\": 1, \"name\": \"bench\",\n"
    " \"start\": \"2026-11-02T00:00:00Z\", \"end\": \"2026-11-23T00:00:00Z\", \"seed\": 2026,\n"
    " \"catalog\": \"%s\",\n"
    " \"generate\": {\"count\": %" G_GUINT64_FORMAT ", \"id_prefix\": \"shopper-\", \"personas\": [\n"
    "  {\"name\": \"home maker\", \"weight\": 3,\n"
    "   \"attributes\": {\"age\": {\"uniform\": [25, 60]}, \"name\": {\"choice\": [\"Ann\", \"Bo\", \"Cy\"]}},\n"
    "   \"reachability\": {\"email\": 0.9, \"web_push\": 0.5},\n"
    "   \"behavior\": {\"channels\": {\"email\": {\"open\": 0.35, \"click\": 0.2},\n"
    "                                 \"web_push\": {\"open\": 0.15, \"click\": 0.3}},\n"
    "                  \"after_click\": [{\"probability\": 0.25, \"delay\": \"PT3H\",\n"
    "                     \"event\": {\"name\": \"purchase\", \"platform\": \"web\",\n"
    "                                \"params\": {\"category\": \"home-decor\", \"product_id\": \"cushion-linen\", \"price\": 35}}}]},\n"
    "   \"events\": [{\"name\": \"purchase\", \"rate_per_day\": 0.05, \"platform\": \"web\",\n"
    "                \"params\": {\"category\": {\"weighted\": {\"furniture\": 3, \"home-decor\": 1}},\n"
    "                           \"product_id\": \"sofa-oslo\", \"price\": {\"uniform\": [20, 900]}}}]},\n"
    "  {\"name\": \"browser\", \"weight\": 1, \"reachability\": {\"email\": 0.5},\n"
    "   \"events\": [{\"name\": \"product_view\", \"rate_per_day\": 0.2, \"platform\": \"web\"}]}]}}\n",
    catalog_path, count);

  g_assert_true (g_file_set_contents (path, scenario, -1, NULL));
}
