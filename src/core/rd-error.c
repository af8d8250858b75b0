/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-error.c: the error domain of RadDesk's core. */

#include "rd-error.h"

G_DEFINE_QUARK (rd-error-quark, rd_error)
