/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the replay tests share (test-replay, test-replay-split): a folder of
 * their own for a log and its profiles, removed after each test. */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

typedef struct
{
  char *dir;
  char *events_path;
  char *profiles_path;
  gsize chunk;          /* test-replay-split: its scanners' chunks, 0 for the usual */
} Fixture;

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer data)
{
  fixture->dir = g_dir_make_tmp ("cairn-replay-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  fixture->events_path = g_build_filename (fixture->dir, "events.jsonl", NULL);
  fixture->profiles_path = g_build_filename (fixture->dir, "profiles.jsonl", NULL);
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  g_unlink (fixture->events_path);
  g_unlink (fixture->profiles_path);
  g_rmdir (fixture->dir);
  g_free (fixture->events_path);
  g_free (fixture->profiles_path);
  g_free (fixture->dir);
}
