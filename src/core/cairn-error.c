/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "cairn-error.h"

G_DEFINE_QUARK (cairn-error-quark, cairn_error)
