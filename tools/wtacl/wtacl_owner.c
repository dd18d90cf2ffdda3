// SPDX-License-Identifier: GPL-2.0
/*
 * wtacl owner and wtacl integrity: one part of a file's SD, the owner or
 * the mandatory label, set through the module as icacls /setowner and
 * /setintegritylevel do.
 */
#define _GNU_SOURCE	/* O_PATH */
#include <stdio.h>
#include <fcntl.h>
#include <strings.h>
#include <unistd.h>

#include "libwintok.h"
#include "sddl.h"
#include "wt_access.h"
#include "wtacl.h"

/* The integrity levels icacls /setintegritylevel knows, as SDDL SIDs. */
static const struct {
	const char *name;
	const char *sid;
} integrity_levels[] = {
	{ "untrusted", "S-1-16-0" }, { "low", "LW" }, { "medium", "ME" },
	{ "high", "HI" }, { "system", "SI" },
};

/*
 * Enable SeRestorePrivilege in this process's token, if it holds it:
 * setting an owner other than the caller or one of its owner groups needs
 * it, and like every Windows privilege it is held disabled. icacls
 * /setowner enables it the same way. 0 or -1 (not held, no module).
 */
int enable_restore(void)
{
	struct wt_luid_and_attributes la = {
		.luid = WT_SE_RESTORE_PRIVILEGE,
		.attributes = WT_SE_PRIVILEGE_ENABLED,
	};
	int tok = wt_open_process_token(-1, WT_TOKEN_ADJUST_PRIVILEGES, NULL);
	int not_all = 1, rc = -1;

	if (tok < 0)
		return -1;
	if (!wt_adjust_token_privileges(tok, 0, &la, 1, NULL, NULL, &not_all) &&
	    !not_all)
		rc = 0;
	close(tok);
	return rc;
}

/*
 * owner FILE WHO and integrity FILE [(OI)(CI)(NP)]LEVEL: one part of the
 * SD, written as SDDL and set like `wtacl set` does.
 */
static int set_part(const char *cmd, int argc, char **argv)
{
	static const char *const flag_names[][2] = {
		{ "(OI)", "OI" }, { "(CI)", "CI" }, { "(NP)", "NP" },
	};
	struct sddl_error err = { 0, NULL };
	bool owner = !strcmp(cmd, "owner");
	char sddl[256], sidtext[192], fl[8] = "";
	const char *file, *arg, *level = NULL;
	struct request r;
	struct wt_sid sid;
	struct cli c;
	u8 *buf = NULL;
	size_t len, i;
	int started, fd, set, rc = EXIT_GRANTED;
	u32 sel;

	started = file_begin(cmd, argc, argv, &c, &r, 2, 2);
	if (started >= 0)
		return started;
	file = argv[optind];
	arg = argv[optind + 1];
	if (owner) {
		if (grant_sid(arg, &r.dom, &sid) ||
		    wt_sid_to_string(&sid, sidtext, sizeof(sidtext)) < 0) {
			fprintf(stderr, "wtacl owner: '%s' is no user, group or SID\n",
				arg);
			return EXIT_INPUT;
		}
		snprintf(sddl, sizeof(sddl), "O:%s", sidtext);
	} else {
		for (;;) {
			for (i = 0; i < 3 && strncmp(arg, flag_names[i][0], 4); i++)
				;
			if (i == 3)
				break;
			if (!strstr(fl, flag_names[i][1]))
				strcat(fl, flag_names[i][1]);
			arg += 4;
		}
		for (i = 0; i < ARRAY_SIZE(integrity_levels); i++)
			if (!strcasecmp(arg, integrity_levels[i].name))
				level = integrity_levels[i].sid;
		if (!level) {
			fprintf(stderr, "wtacl integrity: '%s' is no level %s\n",
				argv[optind + 1],
				"(untrusted, low, medium, high, system)");
			return EXIT_INPUT;
		}
		/* no-write-up, as icacls sets it */
		snprintf(sddl, sizeof(sddl), "S:(ML;%s;NW;;;%s)", fl, level);
	}
	if (sddl_to_sd(sddl, &r.dom, &buf, &len, &err)) {
		fprintf(stderr, "wtacl %s: %s\n", cmd,
			err.message ? err.message : "cannot build the SD");
		return EXIT_INPUT;
	}
	sel = owner ? WT_OWNER_SECURITY_INFORMATION : WT_LABEL_SECURITY_INFORMATION;
	fd = open(file, O_PATH | O_CLOEXEC);
	set = fd < 0 ? -1 : wt_set_file_security(-1, fd, sel, buf, len);
	/* someone else as owner: again with SeRestorePrivilege, if held */
	if (set && fd >= 0 && owner && errno == EPERM && !enable_restore())
		set = wt_set_file_security(-1, fd, sel, buf, len);
	if (set)
		rc = file_error(cmd, file);
	if (fd >= 0)
		close(fd);
	free(buf);
	return rc;
}

int cmd_owner(int argc, char **argv)
{
	return set_part("owner", argc, argv);
}

int cmd_integrity(int argc, char **argv)
{
	return set_part("integrity", argc, argv);
}
