#!/bin/busybox sh
# shellcheck shell=dash
# /init of the system test's initramfs (scripts/system-test.sh builds it with busybox-static). Mounts the host's
# root file system (9p, read-only) under a tmpfs overlay so the guest can write without touching the host, removes
# /.dockerenv (else systemd believes it runs in a container), gives /tmp a fresh tmpfs (systemd-tmpfiles would
# otherwise empty the host's /tmp into the overlay at boot, slowly), installs the test's systemd units and hands
# over to systemd as PID 1. Kernel command line: kws_repo=DIR (the repository, seen at the same path, read-only;
# its out/system-test folder holds the test's files) and kws_work=DIR (that folder).
/bin/busybox mkdir -p /proc /sys /dev /bin /sbin
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev

fail() {
  echo "guest-init: $*" >&2
  echo "guest-init: powering off" >&2
  poweroff -f
}

while read -r m; do
  insmod "/modules/$m" || fail "insmod $m failed"
done < /modules.list

repo=""
work=""
# shellcheck disable=SC2013 # the command line is one line of words
for arg in $(cat /proc/cmdline); do
  case "$arg" in
    kws_repo=*) repo="${arg#kws_repo=}" ;;
    kws_work=*) work="${arg#kws_work=}" ;;
  esac
done
if [ -z "$repo" ] || [ -z "$work" ]; then
  fail "kws_repo= or kws_work= is missing from the kernel command line"
fi

mkdir -p /lower /upper /newroot
mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose,msize=512000 hostroot /lower || fail "mounting the host's root (9p) failed"
mount -t tmpfs -o size=2g,mode=0755 tmpfs /upper || fail "tmpfs failed"
mkdir -p /upper/data /upper/work
mount -t overlay overlay -o lowerdir=/lower,upperdir=/upper/data,workdir=/upper/work /newroot || fail "overlay mount failed"
rm -f /newroot/.dockerenv
mount -t tmpfs -o mode=1777,size=512m tmpfs /newroot/tmp || fail "tmpfs on /tmp failed"
# The repository may itself live under /tmp (a fresh clone): show it at its own path again.
mkdir -p "/newroot$repo"
mount --bind "/lower$repo" "/newroot$repo" || fail "bind-mounting the repository $repo failed"
mkdir -p /newroot/etc/systemd/system
cp "/newroot$work/guest/"*.service "/newroot$work/guest/"*.target /newroot/etc/systemd/system/ || fail "no test units in $work/guest"
# The host's own services are not the test's business; only basic.target and the test run.
echo "guest-init: root is the host's file system (9p, read-only) under a tmpfs overlay; starting systemd"
umount /proc /sys
mount --move /dev /newroot/dev 2>/dev/null || umount /dev
exec switch_root /newroot /lib/systemd/systemd
