/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cairn-journey.h"

G_BEGIN_DECLS

#define CAIRN_TYPE_PUBLISH_DIALOG (cairn_publish_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CairnPublishDialog, cairn_publish_dialog, CAIRN, PUBLISH_DIALOG, AdwWindow)

/* Publishing the open journey to a journey server (DESIGN §11): the
 * server address is remembered in GSettings, the token in the user's
 * keyring (libsecret), never in either the settings or the journey. */

CairnPublishDialog *cairn_publish_dialog_new     (GtkWindow          *parent,
                                                  CairnJourney       *journey);
void                cairn_publish_dialog_present (GtkWindow          *parent,
                                                  CairnJourney       *journey);

/* For tests: the fields and the outcome. */
void                cairn_publish_dialog_set_server     (CairnPublishDialog *self,
                                                         const char         *url);
void                cairn_publish_dialog_set_token      (CairnPublishDialog *self,
                                                         const char         *token);
/* The message shown (NULL when none) and whether Publish can be pressed. */
const char         *cairn_publish_dialog_get_message    (CairnPublishDialog *self);
gboolean            cairn_publish_dialog_can_publish    (CairnPublishDialog *self);
/* Whether the server has a newer version and the choice is shown. */
gboolean            cairn_publish_dialog_has_conflict   (CairnPublishDialog *self);
/* Whether a token could be kept in the keyring (FALSE until known). */
gboolean            cairn_publish_dialog_has_keyring    (CairnPublishDialog *self);
/* Whether the dialog has heard from the keyring (or found there is none). */
gboolean            cairn_publish_dialog_keyring_known  (CairnPublishDialog *self);
const char         *cairn_publish_dialog_get_token      (CairnPublishDialog *self);
/* Publishes as the button does; @force overwrites (the conflict's choice).
 * Emits ::finished when done. */
void                cairn_publish_dialog_publish        (CairnPublishDialog *self,
                                                         gboolean            force);
/* Fetches the server's version into a new window, as the conflict's
 * Fetch Server Version does. Emits ::finished when done. */
void                cairn_publish_dialog_fetch          (CairnPublishDialog *self);

G_END_DECLS
