#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Differential test of the wintok security core against Samba.

(a) Random (security descriptor, token, desired mask) cases go through
    `wtacl eval --batch` and through samba.security.access_check(); both
    answers must agree on everything Samba implements.
(b) A corpus of SDDL strings (generated, plus real-world strings in
    sddl_realworld.txt) must encode to the bytes Samba's ndr_pack() gives,
    and our canonical output must parse back to the same bytes.

Windows behaviour that Samba (4.17 here) does not implement is kept out of
the comparison; EXCLUDED below lists it, and each TAP line says how many
cases of which kind ran. Output is TAP; the exit status is 1 on any
mismatch. The seed is printed; --seed replays a run.
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
import time

from samba.dcerpc import security
from samba.ndr import ndr_pack
import samba.security

DOMAIN = "S-1-5-21-1004336348-1177238915-682003330"

# What the comparison leaves out, and why (Windows and Samba differ, and
# the core follows Windows). Printed as TAP comments.
EXCLUDED = [
    ("mandatory integrity control", "Samba 4.17 has no MIC: tokens are High, SDs carry no label"),
    ("restricted tokens", "Samba has no restricting SIDs"),
    ("deny-only and disabled groups", "Samba tokens have no group attributes: every SID is enabled"),
    ("object ACEs (OA/OD) in the DACL", "Samba's se_access_check applies OD but ignores OA; Windows without an object type list ignores both with an ObjectType"),
    ("callback/conditional ACEs", "not in Samba 4.17"),
    ("backup intent (SeBackup/SeRestore)", "Samba grants nothing for them; only sent without backup_intent, where neither does"),
    ("no DACL (SE_DACL_PRESENT clear)", "Windows grants everything; Samba 4.17 denies"),
    ("MAXIMUM_ALLOWED on a NULL DACL", "Windows grants GENERIC_ALL mapped; Samba grants nothing"),
    ("MAXIMUM_ALLOWED with privileges", "Windows adds WRITE_OWNER for SeTakeOwnership; Samba's max-allowed pass does not"),
    ("GENERIC_* bits with MAXIMUM_ALLOWED", "Samba's max-allowed pass returns an ACE's generic bits as granted"),
    ("ACCESS_SYSTEM_SECURITY in ACE masks or with a NULL DACL", "Windows grants it only through SeSecurityPrivilege; Samba lets an ACE or a NULL DACL grant it"),
    ("desired mask 0", "Windows answers ACCESS_DENIED; Samba OK"),
]

# Documented adjustment: MAXIMUM_ALLOWED that yields no right at all is
# ACCESS_DENIED on Windows, an empty success in Samba.
ADJUSTMENTS = [
    "MAXIMUM_ALLOWED granting nothing: Samba's OK/0x0 is compared as access_denied",
    "PRINCIPAL_SELF substitution: Samba gets the SD with S-1-5-10 replaced by the principal_self SID",
    "GENERIC_* in the desired mask: Samba gets it mapped with the object type's mapping (its callers map, se_access_check does not)",
]

# Generic mappings (read, write, execute, all) by object type, as Windows
# defines them for files and tokens; ipc is wintok's own (uapi header).
GENERIC_MAPPINGS = {
    "file": (0x120089, 0x120116, 0x1200A0, 0x1F01FF),
    "directory": (0x120089, 0x120116, 0x1200A0, 0x1F01FF),
    "token": (0x20008, 0x200E0, 0x20000, 0xF01FF),
    "ipc": (0x20009, 0x20006, 0x20000, 0xF000F),
}
GENERIC_BITS = (0x80000000, 0x40000000, 0x20000000, 0x10000000)


def map_generic(mask, obj):
    for bit, rights in zip(GENERIC_BITS, GENERIC_MAPPINGS[obj]):
        if mask & bit:
            mask = (mask & ~bit) | rights
    return mask

STATUS_ACCESS_DENIED = 0xC0000022
STATUS_PRIVILEGE_NOT_HELD = 0xC0000061

SID_POOL = [
    "S-1-1-0", "S-1-5-11", "S-1-5-32-544", "S-1-5-32-545", "S-1-5-18",
    "S-1-5-4", "S-1-5-2", "S-1-3-0", "S-1-3-1", "S-1-5-10",
    DOMAIN + "-512", DOMAIN + "-513", DOMAIN + "-1000", DOMAIN + "-1001",
    DOMAIN + "-1002", DOMAIN + "-1003", "S-1-22-1-1000", "S-1-22-2-100",
]
ALIASES = {
    "S-1-1-0": "WD", "S-1-5-11": "AU", "S-1-5-32-544": "BA",
    "S-1-5-32-545": "BU", "S-1-5-18": "SY", "S-1-5-4": "IU",
    "S-1-5-2": "NU", "S-1-3-0": "CO", "S-1-3-1": "CG", "S-1-5-10": "PS",
    DOMAIN + "-512": "DA", DOMAIN + "-513": "DU", "S-1-3-4": "OW",
}
# Privileges: wtacl name -> Samba privilege_mask bit
PRIVILEGES = {
    "SeSecurityPrivilege": security.SEC_PRIV_SECURITY_BIT,
    "SeTakeOwnershipPrivilege": security.SEC_PRIV_TAKE_OWNERSHIP_BIT,
    "SeBackupPrivilege": security.SEC_PRIV_BACKUP_BIT,
    "SeRestorePrivilege": security.SEC_PRIV_RESTORE_BIT,
    "SeChangeNotifyPrivilege": security.SEC_PRIV_CHANGE_NOTIFY_BIT,
}
# Rights a case may use: specific and standard rights, SYNCHRONIZE.
RIGHT_BITS = [1 << i for i in range(9)] + [0x10000, 0x20000, 0x40000,
                                           0x80000, 0x100000]
SYSTEM_SECURITY = 0x01000000
MAXIMUM_ALLOWED = 0x02000000
WRITE_OWNER = 0x80000

SCENARIOS = [
    "allow_deny", "owner", "owner_rights", "max_allowed", "privileges",
    "null_dacl", "empty_dacl", "inherit_flags", "ignored_aces",
    "principal_self", "generic",
]

_dom_sids = {}
DOMAIN_SID = security.dom_sid(DOMAIN)


def dom_sid(text):
    sid = _dom_sids.get(text)
    if sid is None:
        sid = _dom_sids[text] = security.dom_sid(text)
    return sid


def sid_text(rng, sid):
    """A SID as SDDL: its alias half of the time when it has one."""
    alias = ALIASES.get(sid)
    return alias if alias and rng.random() < 0.5 else sid


def random_mask(rng, lo=1, hi=5):
    mask = 0
    for _ in range(rng.randint(lo, hi)):
        mask |= rng.choice(RIGHT_BITS)
    return mask


def random_ace(rng, scenario, sd_owner):
    kind = "A" if rng.random() < 0.6 else "D"
    if scenario == "ignored_aces" and rng.random() < 0.4:
        kind = rng.choice(["AU", "AL"])
    flags = ""
    if scenario == "inherit_flags":
        for flag in ("OI", "CI", "NP", "IO", "ID"):
            if rng.random() < 0.3:
                flags += flag
    if kind in ("AU", "AL"):
        flags += rng.choice(["SA", "FA", "SAFA"])
    sid = rng.choice(SID_POOL)
    if scenario == "owner" and rng.random() < 0.3:
        sid = sd_owner
    if scenario == "owner_rights" and rng.random() < 0.4:
        sid = "S-1-3-4"
        if rng.random() < 0.3:
            flags += "IO"
    if scenario == "principal_self" and rng.random() < 0.5:
        sid = "S-1-5-10"
    mask = random_mask(rng, 1, 6)
    if scenario == "generic" and rng.random() < 0.3:
        mask |= rng.choice(GENERIC_BITS)
    return kind, flags, mask, sid


def format_mask(rng, mask):
    """Hex, in either case: Samba 4.17 reads decimal masks as 0."""
    return ("0x%x" if rng.random() < 0.5 else "0x%X") % mask


def random_case(rng, scenario):
    owner = rng.choice(SID_POOL)
    group = rng.choice(SID_POOL)
    user = rng.choice(SID_POOL[10:])
    groups = rng.sample(SID_POOL, rng.randint(0, 6))
    if scenario == "owner" and rng.random() < 0.7:
        groups.append(owner)
    aces = []
    if scenario not in ("null_dacl", "empty_dacl"):
        aces = [random_ace(rng, scenario, owner)
                for _ in range(rng.randint(1, 8))]
    privileges = []
    desired = random_mask(rng, 1, 4)
    if scenario == "privileges":
        privileges = [p for p in PRIVILEGES if rng.random() < 0.4]
        if rng.random() < 0.3:
            # a deny of a right a privilege grants: privileges come first
            aces.insert(0, ("D", "", WRITE_OWNER | random_mask(rng, 0, 1),
                            rng.choice([user] + groups)))
        if rng.random() < 0.4:
            desired |= SYSTEM_SECURITY
        if rng.random() < 0.4:
            desired |= WRITE_OWNER
    elif scenario == "max_allowed":
        desired = MAXIMUM_ALLOWED
        if rng.random() < 0.5:
            desired |= random_mask(rng, 1, 2)
    elif scenario == "owner" and rng.random() < 0.3:
        desired |= MAXIMUM_ALLOWED
    obj = rng.choice(["file", "directory"])
    if scenario == "generic":
        obj = rng.choice(list(GENERIC_MAPPINGS))
        desired = 0
        for bit in GENERIC_BITS:
            if rng.random() < 0.3:
                desired |= bit
        desired = (desired or rng.choice(GENERIC_BITS)) | \
            (random_mask(rng, 1, 2) if rng.random() < 0.3 else 0)
    self_sid = None
    if scenario == "principal_self" and rng.random() < 0.7:
        self_sid = rng.choice(SID_POOL[10:])
    return {
        "scenario": scenario, "owner": owner, "group": group,
        "aces": aces, "user": user, "groups": groups,
        "privileges": privileges, "desired": desired,
        "null_dacl": scenario == "null_dacl",
        "self": self_sid, "object": obj,
    }


def case_sddl(rng, case, substitute_self=None):
    parts = ["O:" + sid_text(rng, case["owner"]),
             "G:" + sid_text(rng, case["group"]), "D:"]
    for kind, flags, mask, sid in case["aces"]:
        if substitute_self and sid == "S-1-5-10":
            sid = substitute_self
        parts.append("(%s;%s;%s;;;%s)" % (kind, flags, format_mask(rng, mask),
                                         sid_text(rng, sid)))
    return "".join(parts)


def samba_sd(sddl, null_dacl):
    sd = security.descriptor.from_sddl(sddl, DOMAIN_SID)
    if null_dacl:
        sd.dacl = None
        sd.type |= security.SEC_DESC_DACL_PRESENT
    return sd


def samba_check(sd, case):
    token = security.token()
    sids = [dom_sid(case["user"])] + [dom_sid(s) for s in case["groups"]]
    token.sids = sids
    token.num_sids = len(sids)
    mask = 0
    for p in case["privileges"]:
        mask |= PRIVILEGES[p]
    token.privilege_mask = mask
    desired = map_generic(case["desired"], case["object"])
    try:
        granted = samba.security.access_check(sd, token, desired)
    except Exception as e:  # NTSTATUSError carries (code, text)
        code = e.args[0] & 0xFFFFFFFF if e.args else 0
        if code == STATUS_ACCESS_DENIED:
            return 0, "access_denied"
        if code == STATUS_PRIVILEGE_NOT_HELD:
            return 0, "privilege_not_held"
        return 0, "samba_error_0x%08x" % code
    if case["desired"] & MAXIMUM_ALLOWED and granted == 0:
        return 0, "access_denied"  # documented adjustment
    return granted, "ok"


def wtacl_request(rng, case, sd_bytes, sddl):
    req = {
        "token": {
            "user": case["user"],
            "groups": case["groups"] if rng.random() < 0.5 else
            [{"sid": s, "attrs": ["mandatory", "enabled_by_default",
                                  "enabled"]} for s in case["groups"]],
            "privileges": case["privileges"],
            "integrity": "S-1-16-12288",
        },
        "desired": "0x%x" % case["desired"],
        "object": case["object"],
    }
    if case["self"]:
        req["principal_self"] = case["self"]
    if sddl is not None and rng.random() < 0.5:
        req["sd"] = sddl
        req["domain"] = DOMAIN
        case["input"] = "sddl"
    else:
        req["sd_hex"] = sd_bytes.hex()
        case["input"] = "hex"
    return json.dumps(req)


def run_access_check(args, rng, tap):
    cases, lines, expected = [], [], []
    t0 = time.time()
    for i in range(args.cases):
        case = random_case(rng, SCENARIOS[i % len(SCENARIOS)])
        sddl = case_sddl(rng, case)
        samba_sddl = case_sddl(random.Random(0), case, case["self"]) \
            if case["self"] else sddl
        ours = samba_sd(sddl, case["null_dacl"])
        theirs = samba_sd(samba_sddl, case["null_dacl"]) \
            if case["self"] else ours
        expected.append(samba_check(theirs, case))
        lines.append(wtacl_request(rng, case, ndr_pack(ours),
                                   None if case["null_dacl"] else sddl))
        case["sddl"] = sddl
        cases.append(case)
    t1 = time.time()
    proc = subprocess.run([args.wtacl, "eval", "--batch"],
                          input="\n".join(lines) + "\n", text=True,
                          capture_output=True, check=False)
    t2 = time.time()
    results = proc.stdout.splitlines()
    print("# generated and checked %d cases with Samba in %.1fs, wtacl in %.1fs"
          % (len(cases), t1 - t0, t2 - t1))
    tap(proc.returncode == 0 and len(results) == len(cases),
        "wtacl eval --batch answered %d of %d lines (exit %d)"
        % (len(results), len(cases), proc.returncode))
    stats = {}
    shown = 0
    for case, line, want, got_line in zip(cases, lines, expected, results):
        got = json.loads(got_line)
        got = (int(got["granted"], 16), got["status"])
        key = case["scenario"]
        total, bad = stats.get(key, (0, 0))
        ok = got == want
        stats[key] = (total + 1, bad + (0 if ok else 1))
        itotal, ibad = stats.get("input=" + case["input"], (0, 0))
        stats["input=" + case["input"]] = (itotal + 1, ibad + (0 if ok else 1))
        if not ok and shown < args.show:
            shown += 1
            print("# MISMATCH %s: samba %s/0x%x, wtacl %s/0x%x\n#   sddl %s\n#   %s"
                  % (key, want[1], want[0], got[1], got[0], case["sddl"], line))
    for key in SCENARIOS + ["input=sddl", "input=hex"]:
        total, bad = stats.get(key, (0, 0))
        tap(total > 0 and bad == 0,
            "access check vs Samba, %s: %d cases, %d mismatches"
            % (key, total, bad))


# ---- wtacl's own interface (no Samba involved) ----

CLI_TOKEN = json.dumps({"user": DOMAIN + "-1000", "groups": ["WD"]})


def run_cli_checks(args, tap):
    def run(argv, stdin=None):
        proc = subprocess.run([args.wtacl] + argv, input=stdin, text=True,
                              capture_output=True, check=False)
        return proc.returncode, proc.stdout

    def result(out):
        try:
            return json.loads(out)
        except ValueError:
            return None

    rc, out = run(["eval", "--sd", "O:SYG:SYD:(A;;FR;;;WD)", "--token",
                   CLI_TOKEN, "--desired", "0x80000000"])
    tap(rc == 0 and result(out) == {"granted": "0x120089", "status": "ok"},
        "wtacl eval: GENERIC_READ on a file maps to FILE_GENERIC_READ, exit 0")
    rc, out = run(["eval", "--sd", "O:SYG:SYD:(A;;FR;;;WD)", "--token",
                   CLI_TOKEN, "--desired", "2"])
    tap(rc == 1 and result(out) == {"granted": "0x0",
                                    "status": "access_denied"},
        "wtacl eval: denied, exit 1")
    rc, out = run(["eval", "--sd", "O:SYG:SYD:(A;;FR;;;WD", "--token",
                   CLI_TOKEN, "--desired", "1"])
    tap(rc == 2 and (result(out) or {}).get("status") == "invalid_sd",
        "wtacl eval: bad SDDL is invalid_sd, exit 2")
    lines = [
        {"sd": "O:SYG:SYD:(A;;0x1;;;WD)", "token": json.loads(CLI_TOKEN),
         "desired": 1, "colour": "red"},
        {"sd": "O:SYG:SYD:(A;;0x1;;;WD)", "token": {"user": "SY", "groups": [
            {"sid": "WD", "attrs": ["enabled", "deny_only"]}]}, "desired": "0x1"},
        {"sd_hex": "zz", "token": json.loads(CLI_TOKEN), "desired": "1"},
        {"sd": "O:SYG:SYD:(A;;0x1;;;WD)", "token": json.loads(CLI_TOKEN),
         "desired": "0x1"},
        {"sd": "O:SYG:SYD:", "token": {"user": "SY"},
         "desired": "0x01000000"},
    ]
    rc, out = run(["eval", "--batch"],
                  "\n".join(json.dumps(l) for l in lines) + "\nnot json\n")
    got = [result(l) for l in out.splitlines()]
    want = ["invalid_input", "access_denied", "invalid_sd", "ok",
            "privilege_not_held", "invalid_input"]
    tap(rc == 0 and [g and g["status"] for g in got] == want,
        "wtacl eval --batch: unknown key, deny-only group, bad hex, ok, "
        "SACL right without privilege, bad JSON: one answer a line")
    rc, hexsd = run(["sddl", "to-hex", "O:BAG:SYD:(A;OICI;FA;;;BU)"])
    rc2, text = run(["sddl", "from-hex", hexsd.strip()])
    tap(rc == 0 and rc2 == 0 and text.strip() == "O:BAG:SYD:(A;OICI;FA;;;BU)",
        "wtacl sddl: to-hex then from-hex gives the SDDL back")
    rc, out = run(["inherit", "--container", "--parent",
                   "O:BAG:BAD:(A;OICI;FA;;;CO)", "--token", json.dumps(
                       {"user": DOMAIN + "-1000", "owner": DOMAIN + "-1000",
                        "primary_group": DOMAIN + "-513"})])
    tap(rc == 0 and ("(A;ID;FA;;;%s-1000)" % DOMAIN) in out
        and "(A;OICIIOID;FA;;;CO)" in out,
        "wtacl inherit: CREATOR OWNER becomes the owner, and stays inheritable")
    rc, out = run(["inherit", "--container", "--parent",
                   "O:BAG:BAD:(A;OICI;FA;;;WD)", "--creator",
                   "D:(A;OICI;GA;;;%s-1000)(A;OICI;GA;;;BA)"
                   "(A;OICIIO;GR;;;CO)" % DOMAIN,
                   "--token", json.dumps({"user": DOMAIN + "-1000"})])
    tap(rc == 0 and out.strip().endswith(
        "D:(A;OICI;FA;;;%s-1000)(A;OICI;FA;;;BA)(A;OICIIO;GR;;;CO)" % DOMAIN),
        "wtacl inherit --creator: generic rights stored mapped, "
        "inherit-only ones kept")
    rc, out = run(["--help"])
    tap(rc == 0 and "eval --batch" in out and "Exit status" in out,
        "wtacl --help documents the commands and exit status")


# ---- (b) SDDL corpus ----

GUIDS = [
    "bf967aa5-0de6-11d0-a285-00aa003049e2",
    "1131f6aa-9c07-11d1-f79f-00c04fc2dcd2",
    "4c164200-20c0-11d0-a768-00aa006e0529",
    "ab721a53-1e2f-11d0-9819-00aa0040529b",
    "00299570-246d-11d0-a768-00aa006e0529",
]
ALL_ALIASES = ("AA AC AN AO AP AS AU BA BG BO BU CA CD CG CN CO CY DA DC DD "
               "DG DU EA ED EK ER ES HA HI IS IU KA LA LG LS LU LW ME MP MS "
               "MU NO NS NU OW PA PO PS PU RA RC RD RE RM RO RS RU SA SI SO "
               "SS SU SY UD WD WR").split()
# Rights Samba 4.17 encodes as Windows does (not FA: Samba gives 0x1ff).
SAMBA_RIGHTS = ("GA GR GW GX RC SD WD WO RP WP CC DC LC SW LO DT CR FR FW "
                "FX").split()
# Syntax Samba 4.17 lacks or reads differently from Windows: strings with
# it are only round-tripped.
SAMBA_UNSUPPORTED = re.compile(
    r"\((ML|XA|XD|XU|ZA|RA|SP);"      # ACE types it does not know
    r"|NO_ACCESS_CONTROL"              # NULL ACL syntax
    r"|S-1-0x|-0x"                     # hex SID parts: misread
    r"|[DS]:(P|AR|AI)+[OGDS]:")        # flags, no ACE, next part: fails
ACE_RIGHTS = re.compile(r"\([^;()]*;[^;()]*;([^;()]*);")
# Rights mnemonics it lacks (K*, N*) or gets wrong (FA is 0x1ff there).
SAMBA_BAD_RIGHTS = re.compile(r"^(?:..)*?(FA|K[ARWX]|N[RWX])")


def samba_supports(text):
    if SAMBA_UNSUPPORTED.search(text):
        return False
    for m in ACE_RIGHTS.finditer(text):
        rights = m.group(1)
        if rights.isdigit():           # decimal masks: Samba reads 0
            return False
        if not rights.startswith("0x") and SAMBA_BAD_RIGHTS.match(rights):
            return False
    return True


def random_sddl(rng):
    def sid():
        if rng.random() < 0.6:
            return rng.choice(ALL_ALIASES)
        return rng.choice(SID_POOL + ["S-1-5-21-%d-%d-%d-%d" % tuple(
            rng.randint(0, 2**32 - 1) for _ in range(4)), "S-1-16-8192",
            "S-1-2-0", "S-1-281474976710655-1"])

    def rights():
        if rng.random() < 0.3:
            return "0x%x" % rng.getrandbits(32)
        return "".join(rng.sample(SAMBA_RIGHTS, rng.randint(0, 5)))

    def acl(letter):
        types = ["A", "D", "OA", "OD"] if letter == "D" else \
            ["AU", "AL", "OU", "OL"]
        out = letter + ":" + "".join(f for f in ("P", "AR", "AI")
                                     if rng.random() < 0.3)
        for _ in range(rng.randint(0, 6)):
            t = rng.choice(types)
            flags = "".join(f for f in ("OI", "CI", "NP", "IO", "ID", "SA",
                                        "FA") if rng.random() < 0.2)
            g1 = g2 = ""
            if t.startswith("O"):
                g1 = rng.choice(GUIDS + [""])
                g2 = rng.choice(GUIDS + [""])
            out += "(%s;%s;%s;%s;%s;%s)" % (t, flags, rights(), g1, g2, sid())
        return out

    parts = []
    if rng.random() < 0.7:
        parts.append("O:" + sid())
    if rng.random() < 0.7:
        parts.append("G:" + sid())
    if rng.random() < 0.9:
        parts.append(acl("D"))
    if rng.random() < 0.4:
        parts.append(acl("S"))
    return "".join(parts)


def windows_form(buf):
    """Samba 4.17 writes ACL revision 4 always; Windows 2 unless an ACL
    has object ACEs. Samba lays out owner, group, SACL, DACL; Windows (and
    wintok) SACL, DACL, owner, group. Rewrite Samba's bytes to what Windows
    would write."""
    buf = bytearray(buf)
    for field in (12, 16):  # OffsetSacl, OffsetDacl
        off = int.from_bytes(buf[field:field + 4], "little")
        if not off:
            continue
        count = int.from_bytes(buf[off + 4:off + 6], "little")
        pos, has_object = off + 8, False
        for _ in range(count):
            if buf[pos] in (5, 6, 7, 8, 11, 12, 15, 16):
                has_object = True
            pos += int.from_bytes(buf[pos + 2:pos + 4], "little")
        buf[off] = 4 if has_object else 2
    out = bytearray(buf[:20])
    for field in (12, 16, 4, 8):  # SACL, DACL, owner, group
        off = int.from_bytes(buf[field:field + 4], "little")
        if not off:
            continue
        if field in (12, 16):
            size = int.from_bytes(buf[off + 2:off + 4], "little")
        else:
            size = 8 + 4 * buf[off + 1]
        out[field:field + 4] = len(out).to_bytes(4, "little")
        out += buf[off:off + size]
    return bytes(out)


def wtacl_sddl(args, mode, text):
    proc = subprocess.run([args.wtacl, "sddl", mode, text, "--domain",
                           DOMAIN], capture_output=True, text=True,
                          check=False)
    return proc.stdout.strip() if proc.returncode == 0 else None


def run_sddl_corpus(args, rng, tap):
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "sddl_realworld.txt"), encoding="utf-8") as f:
        real = [l.rstrip("\n") for l in f
                if l.strip() and not l.startswith("#")]
    generated = [random_sddl(rng) for _ in range(args.sddl_cases)]
    counts = {"bytes": [0, 0, 0], "roundtrip": [0, 0], "samba_reads": [0, 0]}
    shown = 0
    for origin, text in [("real", t) for t in real] + \
            [("generated", t) for t in generated]:
        ours = wtacl_sddl(args, "to-hex", text)
        canon = wtacl_sddl(args, "canon", text) if ours is not None else None
        again = wtacl_sddl(args, "to-hex", canon) \
            if canon is not None else None
        counts["roundtrip"][0] += 1
        if ours is None or again != ours:
            counts["roundtrip"][1] += 1
            if shown < args.show:
                shown += 1
                print("# ROUNDTRIP %s: %s\n#   canon %s" % (origin, text, canon))
        if canon is not None and samba_supports(canon):
            counts["samba_reads"][0] += 1
            try:
                back = windows_form(ndr_pack(
                    security.descriptor.from_sddl(canon, DOMAIN_SID))).hex()
            except Exception:
                back = None
            if back != ours:
                counts["samba_reads"][1] += 1
                if shown < args.show:
                    shown += 1
                    print("# SAMBA-READS %s: %s\n#   samba %s\n#   ours  %s"
                          % (origin, canon, back, ours))
        if not samba_supports(text):
            counts["bytes"][2] += 1
            continue
        counts["bytes"][0] += 1
        try:
            theirs = windows_form(ndr_pack(
                security.descriptor.from_sddl(text, DOMAIN_SID))).hex()
        except Exception:
            theirs = None
        if theirs != ours:
            counts["bytes"][1] += 1
            if shown < args.show:
                shown += 1
                print("# BYTES %s: %s\n#   samba %s\n#   ours  %s"
                      % (origin, text, theirs, ours))
    total, bad, skipped = counts["bytes"]
    tap(total > 0 and bad == 0,
        "SDDL bytes vs Samba ndr_pack: %d strings (%d real-world), %d mismatches,"
        " %d only round-tripped (syntax Samba 4.17 lacks)"
        % (total, len(real), bad, skipped))
    total, bad = counts["roundtrip"]
    tap(total > 0 and bad == 0,
        "SDDL canonical output round-trips to the same bytes: %d strings, %d failures"
        % (total, bad))
    total, bad = counts["samba_reads"]
    tap(total > 0 and bad == 0,
        "Samba parses our canonical output to the same bytes: %d strings, %d mismatches"
        % (total, bad))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wtacl", required=True)
    ap.add_argument("--seed", type=int)
    ap.add_argument("--cases", type=int, default=100000)
    ap.add_argument("--sddl-cases", type=int, default=800)
    ap.add_argument("--show", type=int, default=10,
                    help="mismatches to print")
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else \
        int.from_bytes(os.urandom(4), "little")
    print("# seed %d (replay with --seed %d, or DIFF_SEED=%d with make)"
          % (seed, seed, seed))
    for what, why in EXCLUDED:
        print("# excluded: %s: %s" % (what, why))
    for what in ADJUSTMENTS:
        print("# adjusted: %s" % what)
    rng = random.Random(seed)
    state = {"n": 0, "failed": 0}

    def tap(ok, text):
        state["n"] += 1
        if not ok:
            state["failed"] += 1
        print("%s %d %s" % ("ok" if ok else "not ok", state["n"], text))
        sys.stdout.flush()

    run_cli_checks(args, tap)
    run_access_check(args, rng, tap)
    run_sddl_corpus(args, rng, tap)
    print("1..%d" % state["n"])
    print("# %d passed, %d failed" % (state["n"] - state["failed"],
                                      state["failed"]))
    return 1 if state["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
