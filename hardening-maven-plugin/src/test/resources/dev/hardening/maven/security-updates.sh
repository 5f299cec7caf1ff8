#!/bin/sh
# Makes N (default 85) pending security updates without a download: N packages dpkg believes are
# installed at 1.0, and a local archive named bookworm-security that offers each at 1.1.
set -e
N=${1:-85}
ARCH=$(dpkg --print-architecture)
REPO=/srv/lab-security
mkdir -p $REPO/dists/bookworm-security/main/binary-$ARCH
PKGS=$REPO/dists/bookworm-security/main/binary-$ARCH/Packages
: > $PKGS
i=1
while [ $i -le $N ]; do
  name=$(printf 'labpkg%03d' $i)
  printf 'Package: %s\nStatus: install ok installed\nPriority: optional\nSection: misc\nMaintainer: lab <lab@localhost>\nArchitecture: all\nVersion: 1.0\nDescription: lab package\n\n' $name >> /var/lib/dpkg/status
  printf 'Package: %s\nPriority: optional\nSection: misc\nMaintainer: lab <lab@localhost>\nArchitecture: all\nVersion: 1.1\nFilename: pool/%s_1.1_all.deb\nSize: 1000\nSHA256: %064d\nDescription: lab package\n\n' $name $name 0 >> $PKGS
  i=$((i + 1))
done
size=$(wc -c < $PKGS)
sum=$(sha256sum $PKGS | cut -d' ' -f1)
cat > $REPO/dists/bookworm-security/Release <<REL
Origin: Lab
Label: Lab-Security
Suite: bookworm-security
Codename: bookworm-security
Version: 12
Date: $(date -Ru)
Architectures: $ARCH
Components: main
SHA256:
 $sum $size main/binary-$ARCH/Packages
REL
echo "deb [trusted=yes] file:$REPO bookworm-security main" > /etc/apt/sources.list.d/lab-security.list
# only the local archive: nothing is downloaded, the image's own index stays as it is
apt-get update -q -o Dir::Etc::SourceList=/etc/apt/sources.list.d/lab-security.list -o Dir::Etc::SourceParts=- -o APT::Get::List-Cleanup=0
touch /var/lib/apt/lists/*_InRelease
