// SPDX-License-Identifier: GPL-2.0
/*
 * wtacl - the wintok security core on the command line, without the module:
 * access checks (one, or a JSON batch), inheritance, SDDL <-> binary; and
 * the SDs of files through the module. This file: the command line, the
 * small parsers every command shares, `wtacl sddl`, main().
 * Documentation/tools/wtacl.rst describes usage, the JSON schema and the
 * exit codes; `wtacl --help` prints a summary.
 */
#define _GNU_SOURCE	/* O_PATH */
#include <stdio.h>
#include <ctype.h>
#include <fcntl.h>
#include <dirent.h>
#include <getopt.h>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libwintok.h"
#include "sddl.h"
#include "wt_access.h"
#include "wt_inherit.h"
#include "wt_json.h"
#include "wt_privilege.h"
#include "wt_sd_emit.h"
#include "wtacl.h"

const char usage_text[] =
"usage: wtacl eval  [options] --sd SDDL|--sd-hex HEX --token JSON --desired MASK\n"
"       wtacl eval  --batch                    (JSON lines on stdin)\n"
"       wtacl inherit [options] --parent SDDL [--creator SDDL] --token JSON\n"
"       wtacl sddl  to-hex SDDL | from-hex HEX | canon SDDL  [--domain SID]\n"
"                   [--json]\n"
"       wtacl get   [--json] [--domain SID] FILE\n"
"       wtacl show  [--numeric] [--json] FILE\n"
"       wtacl find  [--json] DIR WHO\n"
"       wtacl save  [-R] [--json] [--domain SID] FILE PATH...\n"
"       wtacl restore [--domain SID] FILE [DIR]\n"
"       wtacl set   [--domain SID] FILE SDDL\n"
"       wtacl grant [-R] [--domain SID] FILE WHO:RIGHTS\n"
"       wtacl deny  [-R] [--domain SID] FILE WHO:RIGHTS\n"
"       wtacl remove [-R] [--only grant|deny] [--domain SID] FILE WHO\n"
"       wtacl inheritance [-R] FILE enable|disable|remove\n"
"       wtacl owner [--domain SID] FILE WHO\n"
"       wtacl integrity FILE [(OI)(CI)(NP)]LEVEL\n"
"\n"
"eval: run the Windows access check of the wintok core.\n"
"  --sd SDDL            security descriptor as SDDL\n"
"  --sd-hex HEX         security descriptor as self-relative bytes in hex\n"
"  --token JSON         the token, as in the batch schema below\n"
"  --desired MASK       desired access (0x hex or decimal)\n"
"  --object TYPE        file (default), directory, token or ipc: the\n"
"                       generic mapping\n"
"  --backup-intent      the open asks for backup/restore semantics\n"
"  --principal-self SID SID that replaces PRINCIPAL SELF (S-1-5-10)\n"
"  --domain SID         domain SID for domain aliases (DA, DU, LA, ...)\n"
"  prints one JSON result: {\"granted\": \"0x...\", \"status\": \"...\"}\n"
"  --batch              read one JSON object per line on stdin, write one\n"
"                       result per line, in order:\n"
"    {\"sd\": SDDL | \"sd_hex\": HEX,\n"
"     \"token\": {\"user\": SID | {\"sid\": SID, \"attrs\": [...]},\n"
"               \"groups\": [SID | {\"sid\": SID, \"attrs\": [ATTR...]}],\n"
"               \"privileges\": [\"SeBackupPrivilege\", ...],\n"
"               \"integrity\": \"S-1-16-8192\",\n"
"               \"mandatory_policy\": [\"no_write_up\", \"new_process_min\"],\n"
"               \"restricted\": [SID | {\"sid\": SID, \"attrs\": [...]}],\n"
"               \"owner\": SID, \"primary_group\": SID,\n"
"               \"default_dacl\": \"D:...\"},\n"
"     \"desired\": \"0x...\" | integer,\n"
"     \"object\": \"file\" | \"directory\" | \"token\" | \"ipc\",\n"
"     \"backup_intent\": bool, \"principal_self\": SID, \"domain\": SID}\n"
"    ATTR: mandatory enabled_by_default enabled owner deny_only integrity\n"
"          integrity_enabled resource logon_id. A bare SID means\n"
"          mandatory+enabled_by_default+enabled. Unknown keys are errors.\n"
"    status: ok access_denied privilege_not_held invalid_sd invalid_input\n"
"    (invalid_* results also carry \"error\": TEXT)\n"
"\n"
"inherit: the SD of a new object created under PARENT by TOKEN.\n"
"  --parent SDDL        the parent's SD ('' for none)\n"
"  --creator SDDL       an explicit SD given at creation (optional)\n"
"  --container          the new object is a directory\n"
"  --object TYPE        generic mapping (default: file, or directory with\n"
"                       --container)\n"
"  --token JSON, --domain SID as for eval; prints the child's SDDL\n"
"  (--json: {\"sddl\": ...})\n"
"\n"
"sddl: convert.\n"
"  to-hex SDDL          canonical self-relative bytes, in hex\n"
"  from-hex HEX         the SD's canonical SDDL\n"
"  canon SDDL           canonical form of an SDDL string\n"
"  (an argument '-' is read from standard input, one line); --json:\n"
"  {\"hex\": ...} or {\"sddl\": ...}\n"
"\n"
"get: print the SD wintok keeps for FILE (owner, group, DACL, label), as\n"
"  SDDL; needs READ_CONTROL on the file and the module loaded; --json:\n"
"  {\"path\", \"path_escaped\", \"sddl\"}.\n"
"show: FILE's ACEs as icacls lists them, principal:(flags)(rights), the\n"
"  principals by name (--numeric: by SID); --json: one JSON object\n"
"  (with --numeric its names are null: nothing is looked up).\n"
"find: the files at and below DIR whose DACL has an ACE for WHO, one a\n"
"  line, like icacls /findsid; exit 0 found, 1 none, 3 some SD unreadable;\n"
"  --json: one JSON object a line, {\"path\", \"path_escaped\"} and for a\n"
"  file that failed also \"error\".\n"
"save: the SD of each PATH (-R: and of everything below) into FILE ('-':\n"
"  standard output), like icacls /save: a line '# wtacl save 1', then one\n"
"  line a file: its path relative to PATH's parent directory (bytes that\n"
"  are spaces, controls, '\\' or not UTF-8 as \\xHH), a space, its SDDL;\n"
"  --json: one {\"path\", \"path_escaped\", \"sddl\"} a line instead.\n"
"restore: put the SDs of the save file FILE back on the same paths below\n"
"  DIR (default: .), like icacls /restore; a bad line anywhere and nothing\n"
"  changes (exit 2); a missing path or a refused SD is named with the\n"
"  reason, the rest go on (exit 3). SeRestorePrivilege is enabled, when\n"
"  held, for an owner or label the caller could not set otherwise.\n"
"  On a terminal save, restore and -R show a count of the files done.\n"
"set: apply the parts SDDL names (O:, G:, D:, S: = audit and label ACEs)\n"
"  to FILE's SD, like SetSecurityInfo(); the others stay.\n"
"grant: add an allow ACE for WHO (a user or group name, a SID or an SDDL\n"
"  alias) to FILE's DACL, like icacls /grant. RIGHTS: optional inheritance\n"
"  flags (OI)(CI)(IO)(NP), then F (full), M (modify), RX (read and\n"
"  execute), R (read), W (write), D (delete), an SDDL right string (FR,\n"
"  FA, ...) or a 0x mask; several may be joined with ','.\n"
"deny: add a deny ACE for WHO before the other explicit ACEs, like\n"
"  icacls /deny; RIGHTS as for grant.\n"
"remove: drop the explicit ACEs of WHO, like icacls /remove; --only grant\n"
"  or --only deny drops only the allow or only the deny ACEs.\n"
"  -R, --recursive (grant, deny, remove, inheritance): FILE is a tree: the\n"
"  ACE is made inheritable ((OI)(CI) unless flags were given) and every\n"
"  file and directory below gets its inherited ACEs recomputed from its\n"
"  parent (auto-inheritance).\n"
"inheritance: enable (the parent's inheritable ACEs apply again),\n"
"  disable (inherited ACEs become explicit, the DACL is protected) or\n"
"  remove (inherited ACEs go, the DACL is protected), like icacls\n"
"  /inheritance:e|d|r.\n"
"owner: make WHO the owner of FILE, like icacls /setowner.\n"
"integrity: set FILE's mandatory label (no-write-up) to LEVEL: untrusted,\n"
"  low, medium, high or system, like icacls /setintegritylevel.\n"
"  The file commands exit 3 when the module refuses (the reason is printed:\n"
"  access denied, not governed, ...) or a file of -R, save or restore\n"
"  failed, and 2 on bad input (unknown WHO, bad RIGHTS or LEVEL, a bad\n"
"  save file).\n"
"\n"
"Exit status: 0 success (eval: access granted), 1 eval: access denied or\n"
"privilege not held, 2 bad usage or invalid input, 3 the module refused\n"
"or failed. eval --batch exits 0\n"
"once it has answered every line.\n";

/* ---- small parsers ---- */

int parse_u32(const char *s, u32 *out)
{
	char *end;
	unsigned long long v;

	if (!*s || isspace((unsigned char)*s) || *s == '-' || *s == '+')
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end || v > 0xffffffffu)
		return -EINVAL;
	*out = (u32)v;
	return 0;
}

/* Hex text to a malloc()ed buffer (malloc keeps the SD 4-byte aligned). */
int parse_hex(const char *s, u8 **buf, size_t *len)
{
	size_t n = strlen(s), i;
	unsigned int byte;
	u8 *out;

	if (n % 2 || n / 2 > WT_SD_MAX_SIZE)
		return -EINVAL;
	out = malloc(n / 2 + 1);
	if (!out)
		return -ENOMEM;
	for (i = 0; i < n / 2; i++) {
		if (!isxdigit((unsigned char)s[2 * i]) ||
		    !isxdigit((unsigned char)s[2 * i + 1]) ||
		    sscanf(s + 2 * i, "%2x", &byte) != 1) {
			free(out);
			return -EINVAL;
		}
		out[i] = (u8)byte;
	}
	*buf = out;
	*len = n / 2;
	return 0;
}

/* @buf in hex, a line; with @json as {"hex": ...}. */
void print_hex(const u8 *buf, size_t len, bool json)
{
	size_t i;

	printf("%s", json ? "{\"hex\": \"" : "");
	for (i = 0; i < len; i++)
		printf("%02x", buf[i]);
	printf("%s\n", json ? "\"}" : "");
}

/* @text, a line; with @json as {"@key": @text}. */
void print_text(bool json, const char *key, const char *text)
{
	if (!json) {
		printf("%s\n", text);
		return;
	}
	printf("{\"%s\": ", key);
	json_write_string(stdout, text);
	printf("}\n");
}

/* A whole string that is one SID (alias or S-1-...). */
int parse_sid_text(const char *s, const struct sddl_domain *dom,
		   struct wt_sid *sid)
{
	int n = sddl_parse_sid(s, dom, sid, NULL);

	return n > 0 && s[n] == '\0' ? 0 : -EINVAL;
}

const struct wt_generic_mapping *object_mapping(const char *name)
{
	if (!strcmp(name, "file"))
		return &wt_file_mapping;
	if (!strcmp(name, "directory"))
		return &wt_directory_mapping;
	if (!strcmp(name, "token"))
		return &wt_token_mapping;
	if (!strcmp(name, "ipc"))
		return &wt_ipc_mapping;
	return NULL;
}

int privilege_luid(const char *name)
{
	int luid = wt_privilege_lookup(name, strlen(name));

	return luid < 0 ? -1 : luid;
}

enum {
	OPT_SD = 256, OPT_SD_HEX, OPT_TOKEN, OPT_DESIRED, OPT_OBJECT,
	OPT_BACKUP, OPT_SELF, OPT_DOMAIN, OPT_BATCH, OPT_PARENT,
	OPT_CREATOR, OPT_CONTAINER, OPT_HELP, OPT_ONLY, OPT_JSON, OPT_NUMERIC,
};

/* Short options: -h for help, -R for grant's recursion. */
#define SHORT_OPTIONS "hR"

static const struct option long_options[] = {
	{ "sd", required_argument, NULL, OPT_SD },
	{ "sd-hex", required_argument, NULL, OPT_SD_HEX },
	{ "token", required_argument, NULL, OPT_TOKEN },
	{ "desired", required_argument, NULL, OPT_DESIRED },
	{ "object", required_argument, NULL, OPT_OBJECT },
	{ "backup-intent", no_argument, NULL, OPT_BACKUP },
	{ "principal-self", required_argument, NULL, OPT_SELF },
	{ "domain", required_argument, NULL, OPT_DOMAIN },
	{ "batch", no_argument, NULL, OPT_BATCH },
	{ "parent", required_argument, NULL, OPT_PARENT },
	{ "creator", required_argument, NULL, OPT_CREATOR },
	{ "container", no_argument, NULL, OPT_CONTAINER },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "recursive", no_argument, NULL, 'R' },
	{ "only", required_argument, NULL, OPT_ONLY },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "numeric", no_argument, NULL, OPT_NUMERIC },
	{ NULL, 0, NULL, 0 },
};

static int parse_cli(int argc, char **argv, struct cli *c)
{
	int opt;

	memset(c, 0, sizeof(*c));
	while ((opt = getopt_long(argc, argv, SHORT_OPTIONS, long_options,
				  NULL)) != -1) {
		switch (opt) {
		case OPT_SD:
			c->sd = optarg;
			break;
		case OPT_SD_HEX:
			c->sd_hex = optarg;
			break;
		case OPT_TOKEN:
			c->token = optarg;
			break;
		case OPT_DESIRED:
			c->desired = optarg;
			break;
		case OPT_OBJECT:
			c->object = optarg;
			break;
		case OPT_BACKUP:
			c->backup = true;
			break;
		case OPT_SELF:
			c->self = optarg;
			break;
		case OPT_DOMAIN:
			c->domain = optarg;
			break;
		case OPT_BATCH:
			c->batch = true;
			break;
		case OPT_PARENT:
			c->parent = optarg;
			break;
		case OPT_CREATOR:
			c->creator = optarg;
			break;
		case OPT_CONTAINER:
			c->container = true;
			break;
		case 'h':
		case OPT_HELP:
			c->help = true;
			break;
		case 'R':
			c->recursive = true;
			break;
		case OPT_ONLY:
			c->only = optarg;
			break;
		case OPT_JSON:
			c->json = true;
			break;
		case OPT_NUMERIC:
			c->numeric = true;
			break;
		default:
			return -EINVAL;
		}
	}
	return 0;
}

/*
 * Parse the options of a subcommand that takes @min to @max operands
 * (@max -1: no limit) and answer --help. Returns -1 to go on, else the
 * exit status to return.
 */
int begin_command(int argc, char **argv, struct cli *c, int min, int max)
{
	if (parse_cli(argc, argv, c) ||
	    (!c->help && (argc - optind < min ||
			  (max >= 0 && argc - optind > max)))) {
		fputs(usage_text, stderr);
		return EXIT_INPUT;
	}
	if (c->help) {
		fputs(usage_text, stdout);
		return EXIT_GRANTED;
	}
	return -1;
}

/* ---- sddl ---- */

/* The argument, or for "-" the first line of standard input. */
static char *sddl_argument(const char *arg)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (strcmp(arg, "-"))
		return strdup(arg);
	n = getline(&line, &cap, stdin);
	if (n < 0) {
		free(line);
		return strdup("");
	}
	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return line;
}

int cmd_sddl(int argc, char **argv)
{
	struct request r;
	struct cli c;
	int started;
	struct sddl_error err = { 0, NULL };
	const char *mode;
	char *text = NULL, *arg;
	u8 *buf = NULL;
	size_t len;
	int rc;

	started = begin_command(argc, argv, &c, 2, 2);
	if (started >= 0)
		return started;
	memset(&r, 0, sizeof(r));
	if (c.domain && set_domain(&r, c.domain)) {
		fprintf(stderr, "wtacl sddl: %s\n", r.error);
		return EXIT_INPUT;
	}
	mode = argv[optind];
	arg = sddl_argument(argv[optind + 1]);
	if (!arg)
		return EXIT_INPUT;
	if (!strcmp(mode, "from-hex")) {
		rc = parse_hex(arg, &buf, &len);
		if (!rc)
			rc = sddl_from_sd(buf, len, &r.dom, &text);
		if (rc)
			fprintf(stderr, "wtacl sddl: %s\n", rc == -EOPNOTSUPP ?
				"the SD holds something SDDL output does not support" :
				"not a valid SD in hex");
	} else if (!strcmp(mode, "to-hex") || !strcmp(mode, "canon")) {
		rc = sddl_to_sd(arg, &r.dom, &buf, &len, &err);
		if (!rc && !strcmp(mode, "canon"))
			rc = sddl_from_sd(buf, len, &r.dom, &text);
		if (rc)
			fprintf(stderr, "wtacl sddl: at offset %zu: %s\n",
				err.offset, err.message ? err.message :
				"cannot format");
	} else {
		fputs(usage_text, stderr);
		free(arg);
		return EXIT_INPUT;
	}
	free(arg);
	if (!rc) {
		if (text)
			print_text(c.json, "sddl", text);
		else
			print_hex(buf, len, c.json);
	}
	free(text);
	free(buf);
	return rc ? EXIT_INPUT : EXIT_GRANTED;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage_text, stderr);
		return EXIT_INPUT;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		fputs(usage_text, stdout);
		return EXIT_GRANTED;
	}
	if (!strcmp(argv[1], "eval"))
		return cmd_eval(argc - 1, argv + 1);
	if (!strcmp(argv[1], "inherit"))
		return cmd_inherit(argc - 1, argv + 1);
	if (!strcmp(argv[1], "sddl"))
		return cmd_sddl(argc - 1, argv + 1);
	if (!strcmp(argv[1], "get"))
		return cmd_get(argc - 1, argv + 1);
	if (!strcmp(argv[1], "set"))
		return cmd_set(argc - 1, argv + 1);
	if (!strcmp(argv[1], "grant"))
		return cmd_grant(argc - 1, argv + 1);
	if (!strcmp(argv[1], "find"))
		return cmd_find(argc - 1, argv + 1);
	if (!strcmp(argv[1], "show"))
		return cmd_show(argc - 1, argv + 1);
	if (!strcmp(argv[1], "deny"))
		return cmd_deny(argc - 1, argv + 1);
	if (!strcmp(argv[1], "remove"))
		return cmd_remove(argc - 1, argv + 1);
	if (!strcmp(argv[1], "inheritance"))
		return cmd_inheritance(argc - 1, argv + 1);
	if (!strcmp(argv[1], "owner"))
		return cmd_owner(argc - 1, argv + 1);
	if (!strcmp(argv[1], "integrity"))
		return cmd_integrity(argc - 1, argv + 1);
	if (!strcmp(argv[1], "save"))
		return cmd_save(argc - 1, argv + 1);
	if (!strcmp(argv[1], "restore"))
		return cmd_restore(argc - 1, argv + 1);
	fputs(usage_text, stderr);
	return EXIT_INPUT;
}
