// SPDX-License-Identifier: GPL-2.0
/*
 * SDDL SIDs: the aliases of well-known SIDs ([MS-DTYP] 2.4.2.4) and the
 * S-1-... form, parsed and formatted through the security core.
 */
#include <ctype.h>

#include "sddl.h"
#include "sddl_cond.h"
#include "sddl_int.h"

/* ---- tables ---- */

enum sddl_sid_base {
	SDDL_ABSOLUTE,		/* a fixed SID */
	SDDL_DOMAIN,		/* domain SID + RID */
	SDDL_ROOT_DOMAIN,	/* forest root domain SID + RID */
};

struct sddl_alias {
	const char *name;
	enum sddl_sid_base base;
	u64 authority;		/* SDDL_ABSOLUTE only */
	unsigned int count;
	u32 subs[6];		/* the RID alone for domain aliases */
};

#define ABS(n, auth, cnt, ...) { n, SDDL_ABSOLUTE, auth, cnt, { __VA_ARGS__ } }
#define DOM(n, rid) { n, SDDL_DOMAIN, 0, 1, { rid } }
#define ROOT(n, rid) { n, SDDL_ROOT_DOMAIN, 0, 1, { rid } }
#define BUILTIN(n, rid) ABS(n, 5, 2, 32, rid)

/* [MS-DTYP] 2.4.2.4 SDDL aliases of well-known SIDs */
static const struct sddl_alias sddl_aliases[] = {
	BUILTIN("AA", 579),	/* access control assistance operators */
	ABS("AC", 15, 2, 2, 1),	/* all app packages */
	ABS("AN", 5, 1, 7),	/* anonymous */
	BUILTIN("AO", 548),	/* account operators */
	DOM("AP", 525),		/* protected users */
	ABS("AS", 18, 1, 1),	/* authentication authority asserted */
	ABS("AU", 5, 1, 11),	/* authenticated users */
	BUILTIN("BA", 544),	/* builtin administrators */
	BUILTIN("BG", 546),	/* builtin guests */
	BUILTIN("BO", 551),	/* backup operators */
	BUILTIN("BU", 545),	/* builtin users */
	DOM("CA", 517),		/* cert publishers */
	BUILTIN("CD", 574),	/* certificate service DCOM access */
	ABS("CG", 3, 1, 1),	/* creator group */
	DOM("CN", 522),		/* cloneable domain controllers */
	ABS("CO", 3, 1, 0),	/* creator owner */
	BUILTIN("CY", 569),	/* crypto operators */
	DOM("DA", 512),		/* domain admins */
	DOM("DC", 515),		/* domain computers */
	DOM("DD", 516),		/* domain controllers */
	DOM("DG", 514),		/* domain guests */
	DOM("DU", 513),		/* domain users */
	ROOT("EA", 519),	/* enterprise admins */
	ABS("ED", 5, 1, 9),	/* enterprise domain controllers */
	ROOT("EK", 527),	/* enterprise key admins */
	BUILTIN("ER", 573),	/* event log readers */
	BUILTIN("ES", 576),	/* RDS endpoint servers */
	BUILTIN("HA", 578),	/* Hyper-V administrators */
	ABS("HI", 16, 1, 12288),	/* high integrity */
	BUILTIN("IS", 568),	/* IIS users */
	ABS("IU", 5, 1, 4),	/* interactive */
	DOM("KA", 526),		/* key admins */
	DOM("LA", 500),		/* local administrator */
	DOM("LG", 501),		/* local guest */
	ABS("LS", 5, 1, 19),	/* local service */
	BUILTIN("LU", 559),	/* performance log users */
	ABS("LW", 16, 1, 4096),	/* low integrity */
	ABS("ME", 16, 1, 8192),	/* medium integrity */
	ABS("MP", 16, 1, 8448),	/* medium plus integrity */
	BUILTIN("MS", 577),	/* RDS management servers */
	BUILTIN("MU", 558),	/* performance monitor users */
	BUILTIN("NO", 556),	/* network configuration operators */
	ABS("NS", 5, 1, 20),	/* network service */
	ABS("NU", 5, 1, 2),	/* network */
	ABS("OW", 3, 1, 4),	/* owner rights */
	DOM("PA", 520),		/* group policy creator owners */
	BUILTIN("PO", 550),	/* printer operators */
	ABS("PS", 5, 1, 10),	/* principal self */
	BUILTIN("PU", 547),	/* power users */
	BUILTIN("RA", 575),	/* RDS remote access servers */
	ABS("RC", 5, 1, 12),	/* restricted code */
	BUILTIN("RD", 555),	/* remote desktop users */
	BUILTIN("RE", 552),	/* replicator */
	BUILTIN("RM", 580),	/* remote management users */
	ROOT("RO", 498),	/* enterprise read-only domain controllers */
	DOM("RS", 553),		/* RAS servers */
	BUILTIN("RU", 554),	/* pre-Windows 2000 compatible access */
	ROOT("SA", 518),	/* schema admins */
	ABS("SI", 16, 1, 16384),	/* system integrity */
	BUILTIN("SO", 549),	/* server operators */
	ABS("SS", 18, 1, 2),	/* service asserted */
	ABS("SU", 5, 1, 6),	/* service */
	ABS("SY", 5, 1, 18),	/* local system */
	ABS("UD", 5, 6, 84, 0, 0, 0, 0, 0),	/* user-mode drivers */
	ABS("WD", 1, 1, 0),	/* everyone */
	ABS("WR", 5, 1, 33),	/* write restricted code */
};

/* ---- SIDs ---- */

/* Build the SID an alias stands for; false if its domain is missing. */
static bool sddl_alias_sid(const struct sddl_alias *a,
			   const struct sddl_domain *dom, struct wt_sid *sid)
{
	const struct wt_sid *base = NULL;

	if (a->base == SDDL_ABSOLUTE)
		return wt_sid_init(sid, a->authority, a->count, a->subs) == 0;
	if (dom) {
		base = dom->domain;
		if (a->base == SDDL_ROOT_DOMAIN && dom->root_domain)
			base = dom->root_domain;
	}
	if (!base)
		return false;
	memcpy(sid, base, sizeof(*sid));
	return wt_sid_append(sid, a->subs[0]) == 0;
}

static const struct sddl_alias *sddl_find_alias(const char *two)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sddl_aliases); i++)
		if (toupper((unsigned char)two[0]) == sddl_aliases[i].name[0] &&
		    toupper((unsigned char)two[1]) == sddl_aliases[i].name[1])
			return &sddl_aliases[i];
	return NULL;
}

void sddl_set_error(struct sddl_error *err, size_t offset,
		    const char *message)
{
	if (err) {
		err->offset = offset;
		err->message = message;
	}
}

int sddl_parse_sid(const char *str, const struct sddl_domain *dom,
		   struct wt_sid *sid, struct sddl_error *err)
{
	const struct sddl_alias *a;
	int n;

	if ((str[0] == 'S' || str[0] == 's') && str[1] == '-') {
		n = wt_sid_parse_text(sid, str, strlen(str),
				      WT_SID_TEXT_WINDOWS);
		if (n < 0)
			sddl_set_error(err, 0, "invalid SID string");
		return n;
	}
	if (!isalpha((unsigned char)str[0]) || !isalpha((unsigned char)str[1])) {
		sddl_set_error(err, 0, "expected a SID or a SID alias");
		return -EINVAL;
	}
	a = sddl_find_alias(str);
	if (!a) {
		sddl_set_error(err, 0, "unknown SID alias");
		return -EINVAL;
	}
	if (!sddl_alias_sid(a, dom, sid)) {
		sddl_set_error(err, 0,
			       "domain-relative SID alias needs a domain SID");
		return -EINVAL;
	}
	return 2;
}

void sddl_sid_string(const struct wt_sid *sid, char *buf)
{
	if (wt_sid_to_string(sid, buf, WT_SID_STRING_MAX) < 0)
		strcpy(buf, "S-?");
}

void sddl_format_sid(const struct wt_sid *sid, const struct sddl_domain *dom,
		     char *buf)
{
	struct wt_sid alias;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sddl_aliases); i++) {
		if (sddl_alias_sid(&sddl_aliases[i], dom, &alias) &&
		    wt_sid_equal(&alias, sid)) {
			strcpy(buf, sddl_aliases[i].name);
			return;
		}
	}
	sddl_sid_string(sid, buf);
}
