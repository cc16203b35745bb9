#!/usr/bin/env bash
# Makes the CA, server and client certificates for dockerd's loopback TLS endpoint.
# Idempotent: keeps the existing set unless a file is missing or a certificate expires within a
# day, and then replaces the whole set so the three always belong together.
#
# Layout of $DRYDOCK_CACHE/tls (client names follow DOCKER_CERT_PATH's convention, so
# `DOCKER_CERT_PATH=<dir> DOCKER_TLS_VERIFY=1 DOCKER_HOST=tcp://127.0.0.1:2376` just works):
#   ca.pem ca-key.pem                 the throw-away CA
#   server-cert.pem server-key.pem    dockerd's certificate, valid for 127.0.0.1 and localhost
#   cert.pem key.pem                  the client's certificate
# Prints the directory on stdout.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

tls_dir="$DRYDOCK_CACHE/tls"

certs_usable() {
    local f
    for f in ca.pem ca-key.pem server-cert.pem server-key.pem cert.pem key.pem; do
        [ -s "$tls_dir/$f" ] || return 1
    done
    for f in ca.pem server-cert.pem cert.pem; do
        openssl x509 -checkend 86400 -noout -in "$tls_dir/$f" >/dev/null || return 1
    done
}

generate() {
    local work="$1"
    cat >"$work/openssl.cnf" <<'CNF'
[req]
distinguished_name = dn
[dn]
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
[client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
CNF
    local key
    for key in ca-key server-key key; do
        openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/$key.pem"
    done
    openssl req -x509 -new -config "$work/openssl.cnf" -extensions ca -sha256 -days 3650 \
        -key "$work/ca-key.pem" -subj "/CN=drydock test CA" -out "$work/ca.pem"
    sign "$work" server-key server-cert server "/CN=localhost"
    sign "$work" key cert client "/CN=drydock test client"
    rm "$work/openssl.cnf"
    chmod 600 "$work"/*key.pem
}

# sign WORK KEY CERT EXTENSIONS SUBJECT: issues WORK/CERT.pem for WORK/KEY.pem from the CA.
sign() {
    local work="$1"
    openssl req -new -config "$work/openssl.cnf" -key "$work/$2.pem" -subj "$5" -out "$work/$3.csr"
    openssl x509 -req -sha256 -days 365 -in "$work/$3.csr" -out "$work/$3.pem" \
        -CA "$work/ca.pem" -CAkey "$work/ca-key.pem" -CAcreateserial \
        -extfile "$work/openssl.cnf" -extensions "$4"
    rm "$work/$3.csr"
}

if ! certs_usable; then
    log "generating TLS certificates in $tls_dir"
    mkdir -p "$DRYDOCK_CACHE"
    work="$(mktemp -d "$DRYDOCK_CACHE/tls.XXXXXX")"
    generate "$work"
    rm -f "$work/ca.srl"
    rm -rf "$tls_dir"
    mv "$work" "$tls_dir"
fi
echo "$tls_dir"
