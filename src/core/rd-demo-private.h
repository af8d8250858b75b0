/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rd-demo-private.h: the state shared by the parts of the demo department generator. */

#pragma once

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_DEMO_N_STAFF    40
#define RD_DEMO_N_MONTHS   12 /* months of stock history, the last is today's month */
#define RD_DEMO_ID_LEN     37

typedef char RdDemoId[RD_DEMO_ID_LEN];

/* The budget lines purchase orders are charged to. */
enum
{
  RD_DEMO_BUDGET_SUPPLIES,
  RD_DEMO_BUDGET_RADIOPHARMACEUTICALS,
  RD_DEMO_BUDGET_APPAREL,
  RD_DEMO_BUDGET_SERVICE,
  RD_DEMO_BUDGET_EQUIPMENT,
  RD_DEMO_BUDGET_TRAINING,
  RD_DEMO_BUDGET_SOFTWARE,
  RD_DEMO_BUDGET_OTHER,
  RD_DEMO_N_BUDGET_LINES
};

/* ---------------------------------------------------------------- */
/* Reference data (rd-demo-data.c)                                   */
/* ---------------------------------------------------------------- */

typedef struct
{
  const char *name;
  const char *kind;
  const char *room;
  const char *ae_title;
  const char *hours;    /* seven spans, Monday to Sunday */
  const char *colour;
  const char *vendor;   /* maker, who holds the service contract */
  gint64      service_min; /* annual service value range in dollars */
  gint64      service_max;
  int         gap_percent; /* chance of an idle gap before an exam */
} RdDemoModality;

typedef struct
{
  const char *code;
  const char *name;
  const char *kind;
  int         duration;
  gboolean    contrast;
  const char *prep;        /* NULL for none */
  const char *consumables; /* "SKU*qty;SKU*qty" */
  int         weight;      /* how often it is booked, relative to its kind */
} RdDemoExam;

typedef struct
{
  const char *sku;
  const char *name;
  const char *category;
  const char *unit;
  int         par_level;
  int         reorder_point;
  int         reorder_qty;
  gint64      unit_cost;
  gboolean    lot_tracked;
  const char *vendor;
  int         shelf_months; /* 0: made to order for the day */
  gboolean    durable;      /* kept for years, not consumed monthly */
} RdDemoItem;

typedef struct
{
  const char *name;
  const char *notes;
  const char *prefix; /* of the account number */
} RdDemoVendor;

typedef struct
{
  const char *title;
  const char *category;
  int         renewal_months;
  int         hours;
  const char *required_for;
} RdDemoCourse;

typedef struct
{
  const char *kind;
  const char *prefix;     /* of the certificate number */
  int         valid_months;
  const char *held_by;    /* "job:X" or "kind:Y" entries separated by ';' */
} RdDemoCertification;

extern const RdDemoModality      rd_demo_modalities[];
extern const guint               rd_demo_n_modalities;
extern const RdDemoExam          rd_demo_exams[];
extern const guint               rd_demo_n_exams;
extern const RdDemoItem          rd_demo_items[];
extern const guint               rd_demo_n_items;
extern const RdDemoVendor        rd_demo_vendors[];
extern const guint               rd_demo_n_vendors;
extern const RdDemoCourse        rd_demo_courses[];
extern const guint               rd_demo_n_courses;
extern const RdDemoCertification rd_demo_certifications[];
extern const guint               rd_demo_n_certifications;
extern const char *const         rd_demo_first_names[];
extern const guint               rd_demo_n_first_names;
extern const char *const         rd_demo_last_names[];
extern const guint               rd_demo_n_last_names;

/* ---------------------------------------------------------------- */
/* Generator state                                                   */
/* ---------------------------------------------------------------- */

typedef struct
{
  RdDemoId  id;
  char     *name;
  const char *job;
  const char *kinds; /* comma separated modality kinds, or "" */
  gboolean  trainer;
  gboolean  active;
} RdDemoStaff;

typedef struct
{
  guint  item;
  gint64 at;
  int    quantity;
  RdDemoId po_id;
} RdDemoReceipt;

typedef struct
{
  RdStore   *store;
  GRand     *rand;     /* content */
  GRand     *id_rand;  /* record ids, so that content changes do not shift them */
  GTimeZone *tz;
  GDateTime *now;      /* the instant the department is seen at, in the department's zone */
  gint64     now_unix;
  int        year, month, day;
  GError    *error;    /* the first failure; later writes are skipped */
  guint64    n_records;

  RdDemoId   *modality_ids;
  RdDemoId   *service_contract_ids;
  RdDemoId   *vendor_ids;
  RdDemoId   *item_ids;
  RdDemoId   *exam_ids;
  RdDemoStaff staff[RD_DEMO_N_STAFF];

  RdDemoId   budget_ids[2][RD_DEMO_N_BUDGET_LINES]; /* last fiscal year, this one */

  /* Past repair windows, whose bookings were cancelled. */
  GArray    *repairs;           /* of gint64 triples: modality index, start, end */

  int      (*usage)[RD_DEMO_N_MONTHS]; /* per item, consumed by completed bookings */
  GArray    *receipts;          /* of RdDemoReceipt, from purchase orders */
  gboolean  *under_reorder;     /* per item: left under its reorder point */
  gboolean  *out_of_stock;      /* per item: left at nothing */
} RdDemo;

/* rd-demo.c */
void        rd_demo_new_id        (RdDemo        *demo,
                                   RdDemoId       id);
RdRecord   *rd_demo_record_new    (RdDemo        *demo,
                                   const char    *table);
void        rd_demo_put           (RdDemo        *demo,
                                   RdRecord      *record);
gint64      rd_demo_local_time    (RdDemo        *demo,
                                   int            days_from_today,
                                   int            hour,
                                   int            minute);
char       *rd_demo_date_string   (RdDemo        *demo,
                                   int            days_from_today);
char       *rd_demo_date_add_months (const char  *date,
                                   int            months);
int         rd_demo_range         (RdDemo        *demo,
                                   int            lo,
                                   int            hi);
gboolean    rd_demo_chance        (RdDemo        *demo,
                                   double         probability);
char       *rd_demo_person_name   (RdDemo        *demo);
int         rd_demo_find_item     (const char    *sku);
int         rd_demo_find_vendor   (const char    *name);

/* rd-demo-bookings.c */
void        rd_demo_make_downtime (RdDemo        *demo);
void        rd_demo_make_bookings (RdDemo        *demo);

/* rd-demo-stock.c */
void        rd_demo_make_items    (RdDemo        *demo);
void        rd_demo_make_orders   (RdDemo        *demo);
void        rd_demo_make_stock    (RdDemo        *demo);

/* rd-demo-staff.c */
void        rd_demo_make_staff    (RdDemo        *demo);

G_END_DECLS
