/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "cairn-cli.h"
#include "cairn-cli-report.h"
#include "cairn-error.h"
#include "cairn-json.h"
#include "cairn-journey.h"
#include "cairn-partition.h"
#include "cairn-portfolio.h"
#include "cairn-scenario.h"
#include "cairn-sim.h"
#include "cairn-store.h"
#include "cairn-validate.h"

typedef struct
{
  char      *journey;
  char      *portfolio;
  GPtrArray *scenarios;
  char      *events;
  char      *profiles;
  char      *catalog;
  gint64     seed;
  char      *start, *end;
  char      *report;
  char      *store;
  int        trace;
  int        threads;
  gboolean   partitioned;    /* --partition K/N */
  guint      part_k, part_n;
  char      *decisions;      /* --decisions FILE, with --partition */
} Args;

static void
args_clear (Args *args)
{
  g_free (args->journey);
  g_free (args->portfolio);
  g_ptr_array_unref (args->scenarios);
  g_free (args->events);
  g_free (args->profiles);
  g_free (args->catalog);
  g_free (args->start);
  g_free (args->end);
  g_free (args->report);
  g_free (args->store);
  g_free (args->decisions);
}

/* Accepts "--flag value" and "--flag=value". */
static gboolean
take_value (int          argc,
            char       **argv,
            int         *i,
            const char  *flag,
            char       **out)
{
  gsize len = strlen (flag);

  if (strcmp (argv[*i], flag) == 0)
    {
      if (*i + 1 >= argc)
        return FALSE;
      g_free (*out);
      *out = g_strdup (argv[++*i]);
      return TRUE;
    }
  if (strncmp (argv[*i], flag, len) == 0 && argv[*i][len] == '=')
    {
      g_free (*out);
      *out = g_strdup (argv[*i] + len + 1);
      return TRUE;
    }
  return FALSE;
}

static int
parse_args (int    argc,
            char **argv,
            Args  *args,
            gboolean for_test)
{
  args->scenarios = g_ptr_array_new_with_free_func (g_free);
  args->seed = -1;
  args->trace = -1;
  args->threads = 0;

  for (int i = 1; i < argc; i++)
    {
      char *value = NULL;
      const char *a = argv[i];

      if (strcmp (a, "--help") == 0 || strcmp (a, "-h") == 0)
        {
          printf ("%s\n", for_test ? "Usage: cairn-cli test (JOURNEY.json | --portfolio P.json) --scenario S.json... "
                                     "[--catalog C.json]"
                                   : "Usage: cairn-cli simulate (JOURNEY.json | --portfolio P.json) (--scenario S.json "
                                     "| --events E.jsonl [--profiles P.jsonl]) [--catalog C.json] [--seed N] [--start T] "
                                     "[--end T] [--report FILE] [--store DB] [--trace[=N]] [--threads N] "
                                     "[--partition K/N [--decisions FILE]]");
          return -1;
        }
      if (take_value (argc, argv, &i, "--scenario", &value))
        {
          g_ptr_array_add (args->scenarios, value);
          /* `test` takes several scenarios after one flag. */
          while (for_test && i + 1 < argc && argv[i + 1][0] != '-')
            g_ptr_array_add (args->scenarios, g_strdup (argv[++i]));
        }
      else if (take_value (argc, argv, &i, "--portfolio", &args->portfolio)
               || take_value (argc, argv, &i, "--events", &args->events)
               || take_value (argc, argv, &i, "--profiles", &args->profiles)
               || take_value (argc, argv, &i, "--catalog", &args->catalog)
               || take_value (argc, argv, &i, "--start", &args->start)
               || take_value (argc, argv, &i, "--end", &args->end)
               || take_value (argc, argv, &i, "--report", &args->report)
               || take_value (argc, argv, &i, "--store", &args->store))
        ;
      else if (take_value (argc, argv, &i, "--seed", &value))
        {
          char *endp = NULL;
          guint64 seed = g_ascii_strtoull (value, &endp, 10);
          gboolean ok = value[0] != '\0' && g_ascii_isdigit (value[0]) && endp && *endp == '\0'
                        && seed <= G_MAXINT64;
          g_free (value);
          if (!ok)
            return cairn_cli_usage_error (_("--seed takes a whole number from 0 to 9223372036854775807"));
          args->seed = (gint64) seed;
        }
      else if (!for_test && take_value (argc, argv, &i, "--decisions", &args->decisions))
        ;
      else if (!for_test && take_value (argc, argv, &i, "--partition", &value))
        {
          guint64 k = 0, n = 0;
          char **halves = g_strsplit (value, "/", 2);
          gboolean ok = halves[0] && halves[1] && g_ascii_string_to_unsigned (halves[0], 10, 0, G_MAXUINT - 1, &k, NULL)
                        && g_ascii_string_to_unsigned (halves[1], 10, 1, G_MAXUINT, &n, NULL) && k < n;
          g_strfreev (halves);
          g_free (value);
          if (!ok)
            return cairn_cli_usage_error (_("--partition takes K/N with 0 ≤ K < N, as in 0/4"));
          args->partitioned = TRUE;
          args->part_k = k;
          args->part_n = n;
        }
      else if (take_value (argc, argv, &i, "--threads", &value))
        {
          args->threads = atoi (value);
          g_free (value);
          if (args->threads < 1)
            return cairn_cli_usage_error (_("--threads takes a number of at least 1"));
        }
      else if (strcmp (a, "--trace") == 0)
        args->trace = 0;
      else if (g_str_has_prefix (a, "--trace="))
        {
          char *endp = NULL;
          gint64 n = g_ascii_strtoll (a + 8, &endp, 10);
          if (endp == NULL || *endp != '\0' || n < 1)
            return cairn_cli_usage_error (_("--trace=N takes a number of at least 1"));
          args->trace = (int) MIN (n, G_MAXINT);
        }
      else if (a[0] == '-' && a[1] != '\0')
        return cairn_cli_usage_error (_("unknown option “%s”"), a);
      else if (args->journey == NULL)
        args->journey = g_strdup (a);
      else
        return cairn_cli_usage_error (_("one journey at a time (“%s”)"), a);
    }

  if (args->journey != NULL && args->portfolio != NULL)
    return cairn_cli_usage_error (_("give either a journey or --portfolio"));
  if (args->journey == NULL && args->portfolio == NULL)
    return cairn_cli_usage_error (_("no journey file given"));
  /* A portfolio given in a journey's place is run as one (by its format). */
  if (args->journey != NULL && cairn_portfolio_file_is_portfolio (args->journey))
    args->portfolio = g_steal_pointer (&args->journey);
  if (args->scenarios->len == 0 && args->events == NULL)
    return cairn_cli_usage_error (_("give a scenario (--scenario) or an event log (--events)"));
  if (!for_test && (args->scenarios->len > 1 || (args->scenarios->len == 1 && args->events != NULL)))
    return cairn_cli_usage_error (_("give either one --scenario or --events"));
  if (args->profiles != NULL && args->events == NULL)
    return cairn_cli_usage_error (_("--profiles goes with --events"));
  if (args->decisions != NULL && !args->partitioned)
    return cairn_cli_usage_error (_("--decisions goes with --partition"));
  if (args->partitioned && args->store != NULL)
    return cairn_cli_usage_error (_("--store takes the merged report, not a partition's"));
  return 0;
}

static CairnJourney *
load_valid_journey (const char *path,
                    int        *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnJourney) journey = cairn_journey_load_file (path, &error);
  g_autoptr(GPtrArray) diagnostics = NULL;

  if (journey == NULL)
    {
      cairn_cli_print_error (error);
      *status = cairn_cli_exit_code_for_error (error);
      return NULL;
    }
  diagnostics = cairn_validate (journey);
  for (guint d = 0; d < diagnostics->len; d++)
    {
      CairnDiagnostic *diagnostic = g_ptr_array_index (diagnostics, d);
      if (diagnostic->severity == CAIRN_SEVERITY_ERROR)
        {
          g_autofree char *line = cairn_diagnostic_format (diagnostic);
          fprintf (stderr, "%s\n", line);
        }
    }
  if (cairn_diagnostics_count (diagnostics, CAIRN_SEVERITY_ERROR) > 0)
    {
      *status = CAIRN_EXIT_INVALID;
      return NULL;
    }
  return g_steal_pointer (&journey);
}

/* A portfolio and its journeys, all valid (PF8), or NULL. */
static CairnPortfolio *
load_valid_portfolio (const char *path,
                      int        *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) cairn_diagnostic_free);
  g_autoptr(CairnPortfolio) portfolio = cairn_portfolio_load_file (path, diagnostics, &error);

  if (portfolio == NULL)
    {
      cairn_cli_print_error (error);
      *status = cairn_cli_exit_code_for_error (error);
      return NULL;
    }
  for (guint d = 0; d < diagnostics->len; d++)
    {
      CairnDiagnostic *diagnostic = g_ptr_array_index (diagnostics, d);
      if (diagnostic->severity == CAIRN_SEVERITY_ERROR)
        {
          g_autofree char *line = cairn_diagnostic_format (diagnostic);
          fprintf (stderr, "%s\n", line);
        }
    }
  if (cairn_diagnostics_count (diagnostics, CAIRN_SEVERITY_ERROR) > 0 || portfolio->journeys->len == 0)
    {
      *status = CAIRN_EXIT_INVALID;
      return NULL;
    }
  return g_steal_pointer (&portfolio);
}

static void
progress (double   fraction,
          gpointer user_data)
{
  fprintf (stderr, "\r[%-40.*s] %3d%%", (int) (fraction * 40),
           "########################################", (int) (fraction * 100));
  fflush (stderr);
}

/* Runs one journey, or a portfolio, over one input; returns the report
 * text or NULL. */
static char *
run_one (CairnJourney   *journey,
         CairnPortfolio *portfolio,
         Args           *args,
         const char   *scenario,
         int          *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnInput) input = NULL;
  CairnSimOptions options;
  char *report;

  if (scenario != NULL)
    input = cairn_input_new_scenario_full (scenario, args->seed, args->threads, &error);
  else
    input = cairn_input_new_replay_full (args->events, args->profiles, args->seed, args->threads, &error);
  if (input == NULL)
    {
      cairn_cli_print_error (error);
      *status = cairn_cli_exit_code_for_error (error);
      return NULL;
    }
  if (input->catalog == NULL && args->catalog != NULL)
    {
      input->catalog = cairn_catalog_load_file (args->catalog, &error);
      if (input->catalog == NULL)
        {
          cairn_cli_print_error (error);
          *status = cairn_cli_exit_code_for_error (error);
          return NULL;
        }
    }

  cairn_sim_options_init (&options);
  options.trace = args->trace;
  options.threads = args->threads;
  if (args->start && !(options.has_start = cairn_time_parse (args->start, &options.start, &error)))
    {
      *status = cairn_cli_usage_error ("--start: %s", error->message);
      return NULL;
    }
  if (args->end && !(options.has_end = cairn_time_parse (args->end, &options.end, &error)))
    {
      *status = cairn_cli_usage_error ("--end: %s", error->message);
      return NULL;
    }
  /* The window the run will have: --start and --end over the input's own. */
  {
    gboolean has_start = options.has_start || input->has_start, has_end = options.has_end || input->has_end;
    CairnTime start = options.has_start ? options.start : input->start;
    CairnTime end = options.has_end ? options.end : input->end;

    if (has_start && has_end && end < start)
      {
        *status = cairn_cli_usage_error ("%s", _("the window would end before it starts: --start is later than the end (check --start and --end)"));
        return NULL;
      }
    if (has_start && has_end
        && (guint64) end - (guint64) start > (guint64) CAIRN_MAX_WINDOW_DAYS * CAIRN_USEC_PER_DAY)
      {
        *status = cairn_cli_usage_error (_("the window from --start to --end is longer than %d days (100 years), the longest a run covers"),
                                         CAIRN_MAX_WINDOW_DAYS);
        return NULL;
      }
  }
  if (isatty (STDERR_FILENO))
    options.progress = progress;

  if (args->partitioned)
    {
      /* One partition of a run over several machines: its partial report. */
      g_autoptr(CairnPartition) partition = cairn_partition_new (args->part_k, args->part_n);
      g_autofree char *decisions = NULL;

      if (args->decisions != NULL
          && (!g_file_get_contents (args->decisions, &decisions, NULL, &error)
              || !cairn_partition_set_decisions (partition, decisions, &error)))
        report = NULL;
      else
        report = cairn_partition_run (partition, journey, portfolio, input, &options, &error);
    }
  else if (portfolio != NULL)
    report = cairn_sim_run_portfolio (portfolio, input, &options, NULL, &error);
  else
    report = cairn_sim_run (journey, input, &options, NULL, &error);
  if (options.progress)
    fprintf (stderr, "\r%60s\r", "");
  if (report == NULL)
    {
      cairn_cli_print_error (error);
      *status = cairn_cli_exit_code_for_error (error);
    }
  return report;
}

int
cairn_cli_simulate (int argc, char **argv)
{
  Args args = { 0 };
  g_autoptr(CairnJourney) journey = NULL;
  g_autoptr(CairnPortfolio) portfolio = NULL;
  g_autofree char *report = NULL;
  g_autofree char *text = NULL;
  int status = 0;

  status = parse_args (argc, argv, &args, FALSE);
  if (status != 0)
    {
      args_clear (&args);
      return status < 0 ? CAIRN_EXIT_OK : status;
    }
  if (args.portfolio != NULL)
    portfolio = load_valid_portfolio (args.portfolio, &status);
  else
    journey = load_valid_journey (args.journey, &status);
  if (portfolio != NULL)
    {
      gint64 started = g_get_monotonic_time ();
      report = run_one (NULL, portfolio, &args, args.scenarios->len ? g_ptr_array_index (args.scenarios, 0) : NULL,
                        &status);
      if (report != NULL && args.store != NULL)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(CairnStore) store = cairn_store_open (args.store, &error);
          g_autoptr(JsonNode) root = cairn_json_parse (report, strlen (report), NULL, NULL, NULL);
          g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);

          for (guint j = 0; j < portfolio->journeys->len; j++)
            g_ptr_array_add (hashes, cairn_journey_content_hash (portfolio->journeys->pdata[j]));
          if (store == NULL
              || !cairn_store_add_portfolio_run (store, json_node_get_object (root), (const char *const *) hashes->pdata,
                                                 (g_get_monotonic_time () - started) / 1e6, &error))
            {
              cairn_cli_print_error (error);
              status = CAIRN_EXIT_USAGE;
            }
        }
    }
  if (journey != NULL)
    {
      gint64 started = g_get_monotonic_time ();
      report = run_one (journey, NULL, &args, args.scenarios->len ? g_ptr_array_index (args.scenarios, 0) : NULL, &status);
      if (report != NULL && args.store != NULL)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(CairnStore) store = cairn_store_open (args.store, &error);
          g_autoptr(JsonNode) root = cairn_json_parse (report, strlen (report), NULL, NULL, NULL);
          g_autofree char *hash = cairn_journey_content_hash (journey);

          if (store == NULL
              || !cairn_store_add_run (store, json_node_get_object (root), hash,
                                       (g_get_monotonic_time () - started) / 1e6, &error))
            {
              cairn_cli_print_error (error);
              status = CAIRN_EXIT_USAGE;
            }
        }
    }
  if (report != NULL)
    {
      g_autoptr(GError) error = NULL;
      /* A partial report is for cairn-cli merge alone: as it is. */
      text = args.partitioned ? g_strdup (report) : cairn_cli_pretty_report (report);
      if (args.report != NULL)
        {
          if (!cairn_file_write_atomic (args.report, text, -1, &error))
            {
              cairn_cli_print_error (error);
              status = CAIRN_EXIT_USAGE;
            }
        }
      else
        fputs (text, stdout);
    }
  args_clear (&args);
  return status;
}

int
cairn_cli_test (int argc, char **argv)
{
  Args args = { 0 };
  g_autoptr(CairnJourney) journey = NULL;
  g_autoptr(CairnPortfolio) portfolio = NULL;
  int status = 0;
  guint passed = 0, failed = 0;

  status = parse_args (argc, argv, &args, TRUE);
  if (status != 0)
    {
      args_clear (&args);
      return status < 0 ? CAIRN_EXIT_OK : status;
    }
  if (args.scenarios->len == 0)
    {
      args_clear (&args);
      return cairn_cli_usage_error (_("test: give at least one --scenario"));
    }
  if (args.portfolio != NULL)
    portfolio = load_valid_portfolio (args.portfolio, &status);
  else
    journey = load_valid_journey (args.journey, &status);
  for (guint s = 0; (journey != NULL || portfolio != NULL) && s < args.scenarios->len; s++)
    {
      const char *scenario = g_ptr_array_index (args.scenarios, s);
      int run_status = 0;
      g_autofree char *report = run_one (journey, portfolio, &args, scenario, &run_status);
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GList) bodies = NULL;
      JsonObject *journeys;

      if (report == NULL)
        {
          status = MAX (status, run_status);
          continue;
        }
      root = cairn_json_parse (report, strlen (report), NULL, NULL, NULL);
      /* A portfolio's expectations are in each journey's body (PF12). */
      journeys = portfolio ? cairn_json_get_object (json_node_get_object (root), "journeys") : NULL;
      if (journeys != NULL)
        bodies = json_object_get_values (journeys);
      else
        bodies = g_list_append (NULL, root);
      for (GList *l = bodies; l; l = l->next)
        {
          JsonObject *body = json_node_get_object (l->data);
          JsonObject *expectations = cairn_json_get_object (body, "expectations");
          JsonArray *failures;
          double value;
          g_autofree char *where = portfolio ? g_strdup_printf ("%s: ", cairn_json_get_string (body, "journey"))
                                             : g_strdup ("");

          if (expectations == NULL)
            continue;
          if (cairn_json_get_number (expectations, "passed", &value))
            passed += (guint) value;
          if (cairn_json_get_number (expectations, "failed", &value))
            failed += (guint) value;
          failures = cairn_json_get_array (expectations, "failures");
          for (guint f = 0; failures && f < json_array_get_length (failures); f++)
            {
              JsonObject *failure = json_array_get_object_element (failures, f);
              g_autofree char *expected = cairn_json_to_string (json_object_get_member (failure, "expected"), FALSE);
              g_autofree char *actual = cairn_json_to_string (json_object_get_member (failure, "actual"), FALSE);
              printf ("%s: %s%s: %s: expected %s, got %s\n", scenario, where, cairn_json_get_string (failure, "user"),
                      cairn_json_get_string (failure, "key"), expected, actual);
            }
        }
    }
  if (journey != NULL || portfolio != NULL)
    printf ("%u passed, %u failed\n", passed, failed);
  args_clear (&args);
  if (status != 0)
    return status;
  return failed > 0 ? CAIRN_EXIT_INVALID : CAIRN_EXIT_OK;
}
