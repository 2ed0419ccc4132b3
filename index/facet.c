/* facet.c - the facet table (facet.h). */
#include "facet.h"
#include "schema.h"

#include <string.h>

static const facet_def table[FACET_COUNT] = {
    [FACET_THEME] = { FACET_THEME, "theme", PFX_THEME, SLOT_THEMES, TRUE, TRUE, VOCAB_THEME,
                      "Thèmes" },
    [FACET_REGION] = { FACET_REGION, "region", PFX_REGION, SLOT_REGIONS, TRUE, TRUE,
                       VOCAB_REGION, "Régions" },
    [FACET_DEPARTMENT] = { FACET_DEPARTMENT, "department", PFX_DEPARTMENT, FACET_NO_SLOT, FALSE,
                           TRUE, VOCAB_DEPARTMENT, "Départements" },
    [FACET_TOWN] = { FACET_TOWN, "town", PFX_TOWN, FACET_NO_SLOT, FALSE, TRUE, VOCAB_TOWN,
                     "Communes" },
    [FACET_TYPE] = { FACET_TYPE, "type", PFX_TYPE, SLOT_TYPE, FALSE, FALSE, VOCAB_THEME,
                     "Types de document" },
    [FACET_YEAR] = { FACET_YEAR, "year", PFX_YEAR, SLOT_YEAR, FALSE, FALSE, VOCAB_THEME,
                     "Années" },
};

static const facet_def *const counted[] = {
    &table[FACET_THEME], &table[FACET_REGION], &table[FACET_TYPE], &table[FACET_YEAR],
};

const facet_def *facet_get(facet_id id) { return id < FACET_COUNT ? &table[id] : NULL; }

const facet_def *facet_by_name(const char *name)
{
    for (size_t i = 0; name != NULL && i < FACET_COUNT; i++)
        if (strcmp(table[i].name, name) == 0)
            return &table[i];
    return NULL;
}

const facet_def *facet_for_kind(vocab_kind kind)
{
    for (size_t i = 0; i < FACET_COUNT; i++)
        if (table[i].tagged && table[i].kind == kind)
            return &table[i];
    return NULL;
}

const facet_def *const *facet_counted(size_t *n)
{
    *n = G_N_ELEMENTS(counted);
    return counted;
}
