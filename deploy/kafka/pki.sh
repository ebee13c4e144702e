#!/usr/bin/env bash
# The local certificate authority of HQ's Kafka listener for dealer deployments, and the
# broker's certificate it signs (openssl only; keytool is not needed).
#
# Usage: deploy/kafka/pki.sh <dir> [host...]
#   <dir>/ca.pem, ca.key            the CA (10 years); dealers trust ca.pem
#   <dir>/broker.p12                the broker's key and certificate (PKCS12, 2 years), for the
#                                   hosts given (default 127.0.0.1 and localhost)
#   <dir>/keystore.password         its password (random, mode 600)
# Idempotent: what exists is kept. Delete <dir> to start over (every dealer must then get
# the new ca.pem).
set -euo pipefail

DIR="${1:?usage: pki.sh <dir> [host...]}"
shift
if (($#)); then HOSTS=("$@"); else HOSTS=(127.0.0.1 localhost); fi

mkdir -p "$DIR"
chmod 700 "$DIR"
cd "$DIR"
umask 077

if [[ ! -s ca.pem ]]; then
  openssl req -x509 -newkey rsa:3072 -sha256 -days 3650 -nodes -keyout ca.key -out ca.pem \
    -subj "/O=CRM/CN=CRM HQ Kafka CA" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  chmod 644 ca.pem
fi

if [[ ! -s broker.p12 ]]; then
  san=""
  for host in "${HOSTS[@]}"; do
    if [[ $host =~ ^[0-9.]+$ ]]; then san+="IP:$host,"; else san+="DNS:$host,"; fi
  done
  openssl req -newkey rsa:3072 -sha256 -nodes -keyout broker.key -out broker.csr \
    -subj "/O=CRM/CN=${HOSTS[0]}" 2>/dev/null
  printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n' \
    "${san%,}" >broker.ext
  openssl x509 -req -in broker.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 730 -sha256 \
    -extfile broker.ext -out broker.pem 2>/dev/null
  [[ -s keystore.password ]] || openssl rand -hex 24 >keystore.password
  openssl pkcs12 -export -in broker.pem -inkey broker.key -certfile ca.pem -name broker \
    -out broker.p12 -passout "file:keystore.password"
  rm -f broker.csr broker.ext
fi
