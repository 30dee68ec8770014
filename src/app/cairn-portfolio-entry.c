/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "cairn-journey.h"
#include "cairn-portfolio-entry.h"

struct _CairnPortfolioEntry
{
  GObject  parent_instance;
  char    *path;
  char    *written;
  char    *id;
  char    *name;
  char    *problem;
};

G_DEFINE_FINAL_TYPE (CairnPortfolioEntry, cairn_portfolio_entry, G_TYPE_OBJECT)

static void
cairn_portfolio_entry_finalize (GObject *object)
{
  CairnPortfolioEntry *self = CAIRN_PORTFOLIO_ENTRY (object);

  g_free (self->path);
  g_free (self->written);
  g_free (self->id);
  g_free (self->name);
  g_free (self->problem);
  G_OBJECT_CLASS (cairn_portfolio_entry_parent_class)->finalize (object);
}

static void
cairn_portfolio_entry_class_init (CairnPortfolioEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cairn_portfolio_entry_finalize;
}

static void
cairn_portfolio_entry_init (CairnPortfolioEntry *self)
{
}

CairnPortfolioEntry *
cairn_portfolio_entry_new (const char *path,
                           const char *written)
{
  CairnPortfolioEntry *self;
  g_autoptr(CairnJourney) journey = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (CAIRN_TYPE_PORTFOLIO_ENTRY, NULL);
  self->path = g_strdup (path);
  self->written = g_strdup (written);
  journey = cairn_journey_load_file (path, &error);
  if (journey != NULL)
    {
      const char *name = cairn_journey_get_name (journey);

      self->id = g_strdup (cairn_journey_get_id (journey));
      if (name != NULL && *name != '\0')
        self->name = g_strdup (name);
    }
  else
    {
      self->problem = g_strdup (error->message);
    }
  if (self->name == NULL)
    self->name = g_path_get_basename (path);
  return self;
}

const char *
cairn_portfolio_entry_get_path (CairnPortfolioEntry *self)
{
  g_return_val_if_fail (CAIRN_IS_PORTFOLIO_ENTRY (self), NULL);
  return self->path;
}

const char *
cairn_portfolio_entry_get_written (CairnPortfolioEntry *self)
{
  g_return_val_if_fail (CAIRN_IS_PORTFOLIO_ENTRY (self), NULL);
  return self->written;
}

const char *
cairn_portfolio_entry_get_id (CairnPortfolioEntry *self)
{
  g_return_val_if_fail (CAIRN_IS_PORTFOLIO_ENTRY (self), NULL);
  return self->id;
}

const char *
cairn_portfolio_entry_get_name (CairnPortfolioEntry *self)
{
  g_return_val_if_fail (CAIRN_IS_PORTFOLIO_ENTRY (self), NULL);
  return self->name;
}

const char *
cairn_portfolio_entry_get_problem (CairnPortfolioEntry *self)
{
  g_return_val_if_fail (CAIRN_IS_PORTFOLIO_ENTRY (self), NULL);
  return self->problem;
}
