#!/usr/bin/env bash
# Certificates for routers and remote workers (mutual TLS), made with openssl:
#
#   ops/cluster-certs.sh DIR [WORKER_SAN ...]
#
# DIR/ca.pem, ca.key         a private CA (P-256, 10 years): keep ca.key offline; ca.pem goes to every router and worker
# DIR/worker.pem, worker.key the worker's certificate (serverAuth), its subjectAltName the WORKER_SANs given
#                            (default: IP:127.0.0.1 DNS:localhost). A router checks it against the host it dials
#                            (--remote-worker ID=HOST:PORT: an IP needs an IP: SAN, a name a DNS: SAN) or against
#                            --tls-server-name when given.
# DIR/router.pem, router.key the router's client certificate (clientAuth); its name is not checked by workers: any
#                            certificate this CA signed is a router, so the CA must serve this cluster alone.
#
# Keys are written with mode 0600. Run it again with another DIR, or with the CA kept, to add workers:
#   CA_DIR=existing-dir ops/cluster-certs.sh DIR DNS:worker2.internal   (signs with existing-dir/ca.key)
set -euo pipefail

if [ $# -lt 1 ]; then
    echo "usage: $0 DIR [WORKER_SAN ...]   (a SAN is IP:ADDRESS or DNS:NAME)" >&2
    exit 2
fi
command -v openssl >/dev/null 2>&1 || { echo "openssl is required (Debian package openssl)" >&2; exit 1; }

DIR=$1
shift
SANS=("$@")
[ ${#SANS[@]} -eq 0 ] && SANS=("IP:127.0.0.1" "DNS:localhost")
for san in "${SANS[@]}"; do
    case "$san" in
        IP:?*|DNS:?*) ;;
        *) echo "a worker SAN is IP:ADDRESS or DNS:NAME, not '$san'" >&2; exit 2 ;;
    esac
done
SAN_LIST=$(IFS=,; echo "${SANS[*]}")

umask 077
mkdir -p "$DIR"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

CA_DIR=${CA_DIR:-$DIR}
if [ ! -f "$CA_DIR/ca.key" ]; then
    openssl ecparam -name prime256v1 -genkey -noout -out "$CA_DIR/ca.key"
    openssl req -x509 -new -key "$CA_DIR/ca.key" -sha256 -days 3650 -subj "/CN=Switchboard cluster CA" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -out "$CA_DIR/ca.pem" 2>/dev/null
fi
[ "$CA_DIR" != "$DIR" ] && cp "$CA_DIR/ca.pem" "$DIR/ca.pem"

# leaf NAME SUBJECT EXTENSIONS: a P-256 key and a certificate the CA signed, valid for 825 days.
leaf() {
    local name=$1 subject=$2 extensions=$3
    openssl ecparam -name prime256v1 -genkey -noout -out "$DIR/$name.key"
    openssl req -new -key "$DIR/$name.key" -subj "$subject" -out "$WORK/$name.csr" 2>/dev/null
    printf '%s\n' "$extensions" > "$WORK/$name.ext"
    openssl x509 -req -in "$WORK/$name.csr" -CA "$CA_DIR/ca.pem" -CAkey "$CA_DIR/ca.key" -CAcreateserial \
        -CAserial "$WORK/ca.srl" -sha256 -days 825 -extfile "$WORK/$name.ext" -out "$DIR/$name.pem" 2>/dev/null
}

leaf worker "/CN=switchboard-worker" "basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=$SAN_LIST"
leaf router "/CN=switchboard-router" "basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth"

chmod 0644 "$DIR/ca.pem" "$DIR/worker.pem" "$DIR/router.pem"
echo "$DIR: ca.pem worker.pem worker.key (SAN $SAN_LIST) router.pem router.key" >&2
