// Emulates systemd 252's MemoryDenyWriteExecute= and SystemCallFilter= seccomp filters, then execs a command.
// usage: sbx [--mdwe] [--allow FILE] -- command args...
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <stdint.h>
typedef void *scmp_filter_ctx;
struct scmp_arg_cmp { unsigned int arg; int op; uint64_t datum_a; uint64_t datum_b; };
#define SCMP_CMP_MASKED_EQ 7
#define SCMP_ACT_ALLOW 0x7fff0000U
#define SCMP_ACT_ERRNO(x) (0x00050000U | ((x) & 0x0000ffffU))
scmp_filter_ctx seccomp_init(uint32_t def_action);
int seccomp_rule_add(scmp_filter_ctx ctx, uint32_t action, int syscall, unsigned int arg_cnt, ...);
int seccomp_syscall_resolve_name(const char *name);
int seccomp_load(scmp_filter_ctx ctx);
int main(int argc, char **argv) {
  int mdwe = 0, unixonly = 0; const char *allow = NULL; int i = 1;
  for (; i < argc; i++) {
    if (!strcmp(argv[i], "--mdwe")) mdwe = 1;
    else if (!strcmp(argv[i], "--unix-only")) unixonly = 1;
    else if (!strcmp(argv[i], "--allow")) allow = argv[++i];
    else if (!strcmp(argv[i], "--")) { i++; break; }
  }
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) { perror("prctl"); return 1; }
  if (unixonly) {
    scmp_filter_ctx c = seccomp_init(SCMP_ACT_ALLOW);
    int fams[] = { 2 /*INET*/, 10 /*INET6*/, 16 /*NETLINK*/, 17 /*PACKET*/ };
    for (int k = 0; k < 4; k++) {
      struct scmp_arg_cmp a = { 0, 4 /*SCMP_CMP_EQ*/, fams[k], 0 };
      if (seccomp_rule_add(c, SCMP_ACT_ERRNO(EAFNOSUPPORT), seccomp_syscall_resolve_name("socket"), 1, a)) { fprintf(stderr, "rule failed\n"); return 1; }
    }
    if (seccomp_load(c)) { fprintf(stderr, "seccomp_load failed\n"); return 1; }
    fprintf(stderr, "sbx: RestrictAddressFamilies=AF_UNIX emulated (INET, INET6, NETLINK, PACKET refused)\n");
  }
  if (mdwe) {
    scmp_filter_ctx c = seccomp_init(SCMP_ACT_ALLOW);
    struct scmp_arg_cmp wx = { 2, SCMP_CMP_MASKED_EQ, PROT_EXEC | PROT_WRITE, PROT_EXEC | PROT_WRITE };
    struct scmp_arg_cmp x = { 2, SCMP_CMP_MASKED_EQ, PROT_EXEC, PROT_EXEC };
    struct scmp_arg_cmp shx = { 2, SCMP_CMP_MASKED_EQ, SHM_EXEC, SHM_EXEC };
    if (seccomp_rule_add(c, SCMP_ACT_ERRNO(EPERM), seccomp_syscall_resolve_name("mmap"), 1, wx)
        || seccomp_rule_add(c, SCMP_ACT_ERRNO(EPERM), seccomp_syscall_resolve_name("mprotect"), 1, x)
        || seccomp_rule_add(c, SCMP_ACT_ERRNO(EPERM), seccomp_syscall_resolve_name("pkey_mprotect"), 1, x)
        || seccomp_rule_add(c, SCMP_ACT_ERRNO(EPERM), seccomp_syscall_resolve_name("shmat"), 1, shx)) { fprintf(stderr, "rule failed\n"); return 1; }
    if (seccomp_load(c)) { fprintf(stderr, "seccomp_load failed\n"); return 1; }
    fprintf(stderr, "sbx: MemoryDenyWriteExecute emulated\n");
  }
  if (allow) {
    scmp_filter_ctx c = seccomp_init(SCMP_ACT_ERRNO(EPERM));
    FILE *f = fopen(allow, "r"); char name[128]; int n = 0, unknown = 0;
    while (fscanf(f, "%127s", name) == 1) {
      int nr = seccomp_syscall_resolve_name(name);
      if (nr < 0) { unknown++; continue; }
      if (seccomp_rule_add(c, SCMP_ACT_ALLOW, nr, 0) == 0) n++;
    }
    fprintf(stderr, "sbx: allow-list of %d syscalls (%d names not on this arch), others EPERM\n", n, unknown);
    if (seccomp_load(c)) { fprintf(stderr, "seccomp_load failed\n"); return 1; }
  }
  execvp(argv[i], argv + i); perror("execvp"); return 127;
}
