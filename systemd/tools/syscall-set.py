import subprocess, sys, functools
@functools.lru_cache(None)
def expand(group):
    out = subprocess.run(['systemd-analyze','syscall-filter',group],capture_output=True,text=True).stdout.splitlines()
    names=set()
    for line in out[1:]:
        t=line.strip()
        if not t or t.startswith('#'): continue
        names |= expand(t) if t.startswith('@') else {t}
    return frozenset(names)
allow=set(expand('@system-service'))
for g in sys.argv[1:]:
    allow -= expand(g)
print('\n'.join(sorted(allow)))
