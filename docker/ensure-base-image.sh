#!/usr/bin/env bash
# Makes the Dockerfile's base image, node:20-bookworm-slim, available to the engine.
#
# With a registry this is a plain `docker pull`. Without one (CI here), it builds a stand-in under the
# same tag from Debian's packages and this machine's Node.js 20, laid out like the official image:
# node, npm and Node's headers under /usr/local, a user `node` with uid/gid 1000, and the machine's CA
# bundle so that `npm ci` in the build reaches the registry through an intercepting proxy.
# Needs root and debootstrap on that path. The Debian root file system is cached (tarball in
# $STOCK_BAZAAR_CACHE, default ~/.cache/stock-bazaar), so a second stand-in takes seconds.
set -euo pipefail

readonly TAG=node:20-bookworm-slim
readonly CACHE=${STOCK_BAZAAR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/stock-bazaar}
readonly MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
readonly CA_BUNDLE=${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}
readonly IMAGE_CA=/etc/ssl/certs/ca-certificates.crt
started=$SECONDS

fail() {
  echo "ensure-base-image: $*" >&2
  exit 1
}

if docker image inspect "$TAG" >/dev/null 2>&1; then
  echo "base image: $TAG already present"
  exit 0
fi
if timeout 300 docker pull "$TAG"; then
  echo "base image: $TAG pulled in $((SECONDS - started)) s"
  exit 0
fi
echo "base image: $TAG cannot be pulled; building a stand-in from Debian's packages and this machine's Node.js"

node_bin=$(command -v node) || fail 'node is not on PATH'
node_version=$(node -p 'process.versions.node')
[[ $node_version == 20.* ]] || fail "the stand-in needs Node.js 20 on this machine, found $node_version"
npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
nodedir=$(npm config get nodedir)
[[ -f $nodedir/include/node/node.h ]] || nodedir=$(dirname "$(dirname "$node_bin")")
[[ -f $nodedir/include/node/node.h ]] || fail "Node's headers are not under $nodedir/include/node"
[[ -f $CA_BUNDLE ]] || fail "no CA bundle at $CA_BUNDLE"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rootfs=$work/rootfs
tarball=$CACHE/bookworm-minbase.tar
if [[ -f $tarball ]]; then
  mkdir "$rootfs"
  tar -C "$rootfs" --numeric-owner -xf "$tarball"
  echo "base image: Debian root file system from $tarball"
else
  command -v debootstrap >/dev/null || fail 'debootstrap is missing (apt-get install -y debootstrap)'
  debootstrap --variant=minbase bookworm "$rootfs" "$MIRROR"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  mkdir -p "$CACHE"
  tar -C "$rootfs" --numeric-owner -cf "$tarball.partial" . && mv "$tarball.partial" "$tarball"
fi

# Node.js where the official image has it; npm's global config (prefix /usr/local) points node-gyp at
# the headers and npm at the CA bundle.
install -m 0755 "$node_bin" "$rootfs/usr/local/bin/node"
mkdir -p "$rootfs/usr/local/lib/node_modules" "$rootfs/usr/local/include" "$rootfs/usr/local/etc"
cp -a "$npm_dir" "$rootfs/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
cp -a "$nodedir/include/node" "$rootfs/usr/local/include/node"
# OpenSSL's per-platform headers are 51 of the headers' 54 MB; keep only this platform's.
case $(uname -m) in
  x86_64) keep=linux-x86_64 ;;
  aarch64) keep=linux-aarch64 ;;
  *) keep='' ;;
esac
if [[ -n $keep && -d $rootfs/usr/local/include/node/openssl/archs/$keep ]]; then
  find "$rootfs/usr/local/include/node/openssl/archs" -mindepth 1 -maxdepth 1 ! -name "$keep" -exec rm -rf {} +
fi
printf 'cafile=%s\nnodedir=/usr/local\nupdate-notifier=false\n' "$IMAGE_CA" >"$rootfs/usr/local/etc/npmrc"
mkdir -p "$(dirname "$rootfs$IMAGE_CA")"
cp "$CA_BUNDLE" "$rootfs$IMAGE_CA"
chroot "$rootfs" groupadd --gid 1000 node
chroot "$rootfs" useradd --uid 1000 --gid node --shell /bin/bash --create-home node

tar -C "$rootfs" --numeric-owner -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change "ENV NODE_VERSION=$node_version" \
  --change "ENV NODE_EXTRA_CA_CERTS=$IMAGE_CA" \
  --change 'CMD ["node"]' \
  --message "stand-in for $TAG: Debian bookworm minbase and Node.js $node_version" \
  - "$TAG" >/dev/null
size=$(docker image inspect -f '{{.Size}}' "$TAG")
echo "base image: stand-in $TAG built in $((SECONDS - started)) s, $((size / 1000000)) MB"
